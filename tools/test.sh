#!/usr/bin/env bash
# README command (b) and CI (.ci/run): install, build with warnings as
# errors, check formatting, run every test (unit + integration), then the unit
# tests again under ASan+UBSan and under TSan.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="$(nproc)"

bash tools/install-deps.sh

echo "== format check (clang-format)"
mapfile -t sources < <(git ls-files '*.cc' '*.h' 2>/dev/null || find . -name '*.cc' -o -name '*.h')
clang-format --dry-run -Werror "${sources[@]}"

echo "== build (RelWithDebInfo, -Werror)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSFLOW_WERROR=ON >/dev/null
cmake --build build -j "$jobs"

echo "== ASan+UBSan build"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DNEWSFLOW_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j "$jobs" --target newsflow_unit_tests newsflow
echo "== TSan build"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNEWSFLOW_SANITIZE=thread >/dev/null
cmake --build build-tsan -j "$jobs" --target newsflow_unit_tests

echo "== unit tests under ASan+UBSan"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest -L unit --output-on-failure -j "$jobs")
echo "== unit tests under TSan"
# Debian's librdkafka 2.0.2 crashes under TSan (threads it creates with C11
# thrd_create are invisible to TSan), so the one unit test that starts a real
# mock cluster is left to the other builds.
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1 ctest -L unit --output-on-failure -j "$jobs" \
  -E 'RdKafkaMockClusterOpsTest')

echo "== the daemon under ASan+UBSan, end to end against the dev broker"
(cd tests/integration && ASAN_OPTIONS=detect_leaks=1 NEWSFLOW_BIN="$root/build-asan/newsflow" \
  NEWSFLOW_DEVBROKER_BIN="$root/build/newsflow-devbroker" /usr/bin/python3 -m unittest \
  test_end_to_end test_cli)

echo "== all tests (unit + integration)"
cd build
ctest --output-on-failure -j "$jobs"
