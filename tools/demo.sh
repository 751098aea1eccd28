#!/usr/bin/env bash
# README command (a): install, build, start the dev broker, feed the sample
# articles through the daemon, show enriched records, dead letters and
# metrics, then stop everything cleanly.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target newsflow newsflow-devbroker

work="$(mktemp -d)"
cleanup() {
  [[ -n "${daemon_pid:-}" ]] && kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null || true
  [[ -n "${broker_pid:-}" ]] && kill -TERM "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null || true
}
trap cleanup EXIT

echo "== starting the dev broker (librdkafka mock cluster, in memory)"
build/newsflow-devbroker --topic articles.raw:4 --topic articles.enriched:4 \
  --topic articles.dead-letter:1 --bootstrap-file "$work/bootstrap" </dev/null >"$work/broker.out" 2>&1 &
broker_pid=$!
for _ in $(seq 100); do [[ -s "$work/bootstrap" ]] && break; sleep 0.1; done
bootstrap="$(cat "$work/bootstrap")"
echo "   bootstrap servers: $bootstrap"

port=9464
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port=19464; fi
metrics="http://127.0.0.1:$port"

echo "== starting newsflow run (logs in $work/daemon.log)"
build/newsflow run --brokers "$bootstrap" --group-id newsflow-demo \
  --metrics-address "127.0.0.1:$port" --set kafka.statistics_interval_ms=1000 \
  >"$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do curl -fs "$metrics/healthz" >/dev/null && break; sleep 0.1; done

total=$(grep -c . samples/articles.jsonl)
echo "== feeding $total sample articles (samples/articles.jsonl) with kcat"
kcat -b "$bootstrap" -t articles.raw -P -l samples/articles.jsonl

done_count() {
  curl -fs "$metrics/metrics" | awk '/^newsflow_records_(produced|dead_lettered)_total/ {s += $2} END {print s + 0}'
}
for _ in $(seq 300); do [[ "$(done_count)" -ge "$total" ]] && break; sleep 0.1; done

echo
echo "== three enriched records from articles.enriched"
kcat -b "$bootstrap" -t articles.enriched -C -e -q -c 3 -f '%s\n' |
  python3 -c 'import json,sys
for line in sys.stdin:
    r = json.loads(line); r["text"] = r["text"][:160] + ("..." if len(r["text"]) > 160 else "")
    print(json.dumps(r, indent=2, ensure_ascii=False))'
echo
echo "== dead letters (original value, reason headers)"
kcat -b "$bootstrap" -t articles.dead-letter -C -e -q -f 'value: %s\nheaders: %h\n\n'
echo "== metrics at $metrics/metrics (health: /healthz, readiness: /readyz)"
curl -fs "$metrics/metrics" | grep -E '^newsflow_(records_consumed|records_produced|records_dead_lettered|in_flight_records|assigned_partitions)' | grep -v ' 0$' || true
echo "   readiness: $(curl -s "$metrics/readyz")"
echo
echo "== stopping (SIGTERM: drain, commit, leave the group)"
kill -TERM "$daemon_pid"; wait "$daemon_pid"; rc=$?; daemon_pid=
echo "   newsflow exited with $rc"
kill -TERM "$broker_pid"; wait "$broker_pid" || true; broker_pid=
echo "done. Offline mode, same pipeline: build/newsflow process --input samples/articles.jsonl --output -"
