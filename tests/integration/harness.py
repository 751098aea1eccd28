"""Real processes for integration tests: the dev broker, the newsflow daemon,
and independent Kafka clients (confluent-kafka-python, kcat).

Everything listens on 127.0.0.1 only. Binaries come from the environment
(NEWSFLOW_BIN, NEWSFLOW_DEVBROKER_BIN, set by ctest) or from ../../build.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NEWSFLOW_BIN = os.environ.get("NEWSFLOW_BIN", os.path.join(ROOT, "build", "newsflow"))
DEVBROKER_BIN = os.environ.get("NEWSFLOW_DEVBROKER_BIN",
                               os.path.join(ROOT, "build", "newsflow-devbroker"))

INPUT = "articles.raw"
OUTPUT = "articles.enriched"
DEAD = "articles.dead-letter"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout, interval=0.1, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("timed out after %.0fs waiting for %s" % (timeout, what))


class DevBroker:
    """newsflow-devbroker in its own process, with fault-injection control."""

    def __init__(self, topics, brokers=3):
        self.dir = tempfile.mkdtemp(prefix="nf-broker-")
        self.control = os.path.join(self.dir, "control.sock")
        args = [DEVBROKER_BIN, "--brokers", str(brokers), "--control-socket", self.control]
        for name, partitions in topics.items():
            args += ["--topic", "%s:%d" % (name, partitions)]
        self.log = open(os.path.join(self.dir, "broker.log"), "w")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self.log, text=True)
        self.bootstrap = None
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("devbroker exited: see %s" % self.log.name)
            if line.startswith("BOOTSTRAP="):
                self.bootstrap = line.strip().split("=", 1)[1]
            if line.strip() == "READY":
                break
        if not self.bootstrap:
            raise RuntimeError("devbroker printed no bootstrap servers")

    def command(self, line):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(self.control)
            s.sendall((line + "\n").encode())
            reply = b""
            while not reply.endswith(b"\n"):
                chunk = s.recv(4096)
                if not chunk:
                    break
                reply += chunk
        return reply.decode().strip()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.log.close()
        remove_dir(self.dir)


class Daemon:
    """`newsflow run` as a separate process."""

    def __init__(self, bootstrap, group="newsflow-it", workers=2, extra_args=(), env=None,
                 name="daemon", input_topics=INPUT):
        self.dir = tempfile.mkdtemp(prefix="nf-%s-" % name)
        self.port = free_port()
        self.args = [NEWSFLOW_BIN, "run", "--brokers", bootstrap, "--group-id", group,
                     "--input-topics", input_topics, "--output-topic", OUTPUT,
                     "--dead-letter-topic", DEAD, "--workers", str(workers),
                     "--metrics-address", "127.0.0.1:%d" % self.port,
                     "--set", "kafka.statistics_interval_ms=1000",
                     "--set", "kafka.commit_interval_ms=200",
                     # The mock cluster holds a group for session.timeout.ms
                     # after its last member leaves or dies: keep it short.
                     "--set", "kafka.consumer_properties.session.timeout.ms=6000",
                     "--set", "kafka.consumer_properties.heartbeat.interval.ms=500",
                     "--set", "shutdown.revoke_timeout_ms=5000"] + list(extra_args)
        self.log_path = os.path.join(self.dir, "daemon.log")
        self.log = open(self.log_path, "w")
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, env=full_env)

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def get(self, path):
        try:
            with urllib.request.urlopen(self.url(path), timeout=5) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            return None, ""

    def wait_healthy(self, timeout=30):
        wait_until(lambda: self.get("/healthz")[0] == 200 or self.proc.poll() is not None,
                   timeout, what="/healthz")
        if self.proc.poll() is not None:
            raise AssertionError("daemon exited with %s:\n%s" % (self.proc.returncode, self.logs()))

    def metrics(self):
        status, text = self.get("/metrics")
        if status != 200:
            return None
        return parse_metrics(text)

    def logs(self):
        self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    def terminate(self, timeout=60):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def kill9(self):
        self.proc.kill()
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        remove_dir(self.dir)


def remove_dir(path):
    """Test scratch directories go away unless NEWSFLOW_KEEP_TEST_DIRS is set."""
    if not os.environ.get("NEWSFLOW_KEEP_TEST_DIRS"):
        shutil.rmtree(path, ignore_errors=True)


def parse_metrics(text):
    """Prometheus text format -> {(name, frozenset(labels)): value}."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name_labels, _, value = line.rpartition(" ")
        if "{" in name_labels:
            name, labels = name_labels.split("{", 1)
            labels = labels.rstrip("}")
            pairs = []
            for part in labels.split('",'):
                if not part:
                    continue
                k, _, v = part.partition("=")
                pairs.append((k, v.strip('"')))
            key = (name, frozenset(pairs))
        else:
            key = (name_labels, frozenset())
        out[key] = float(value)
    return out


def metric_sum(metrics, name, **labels):
    total = 0.0
    for (n, ls), v in metrics.items():
        if n == name and all((k, str(val)) in ls for k, val in labels.items()):
            total += v
    return total


def make_article(i, run):
    return {
        "id": "%s-%06d" % (run, i),
        "url": "https://news.example.org/%s/%d" % (run, i),
        "source": "Example Wire",
        "title": "Harbour authority approves expansion plan number %d" % i,
        "published_at": "2026-11-%02dT%02d:%02d:00Z" % (1 + i % 24, i % 24, i % 60),
        "language": "en",
        "body": ("PORTSMOUTH - The harbour authority approved plan %d on Tuesday.\n\n"
                 "Officials said the   work would start next spring and\nlast two years."
                 % i),
        "section": "business",
    }


# Malformed records and the dead-letter reason each must produce.
MALFORMED = [
    (b'{"id": "broken", "body": "no closing brace"', "malformed_json"),
    (b'["an", "array"]', "not_an_object"),
    (b'{"id": "nobody", "title": "title only"}', "missing_body"),
    (b'{"id": "wrongtype", "body": {"nested": true}}', "invalid_field"),
    (b'{"id": "badutf8", "body": "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"}', "invalid_utf8"),
    (b"[" * 5000 + b"]" * 5000, "too_deep"),
]


class OutputReader:
    """Reads a topic from the beginning in a background thread."""

    def __init__(self, bootstrap, topic):
        self.consumer = Consumer({
            "bootstrap.servers": bootstrap,
            "group.id": "reader-" + uuid.uuid4().hex,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "topic.metadata.refresh.interval.ms": 1000,
        })
        self.consumer.subscribe([topic])
        self.messages = []
        self.lock = threading.Lock()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopping:
            batch = self.consumer.consume(500, 0.2)
            good = [m for m in batch if m.error() is None]
            if good:
                with self.lock:
                    self.messages.extend(good)

    def snapshot(self):
        with self.lock:
            return list(self.messages)

    def count(self):
        with self.lock:
            return len(self.messages)

    def close(self):
        self.stopping = True
        self.thread.join(10)
        self.consumer.close()


def produce(bootstrap, records, topic=INPUT, rate=None, partition=None):
    """records: iterable of (key bytes|None, value bytes). Waits for acks."""
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5,
                         "enable.idempotence": True, "message.max.bytes": 4000000})
    failures = []

    def on_delivery(err, msg):
        if err is not None:
            failures.append(err)

    start = time.time()
    for n, (key, value) in enumerate(records):
        while True:
            try:
                if partition is None:
                    producer.produce(topic, value=value, key=key, on_delivery=on_delivery)
                else:
                    producer.produce(topic, value=value, key=key, partition=partition,
                                     on_delivery=on_delivery)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
        if rate and n % 100 == 99:
            ahead = (n + 1) / rate - (time.time() - start)
            if ahead > 0:
                time.sleep(ahead)
    producer.flush(60)
    if failures:
        raise AssertionError("test producer failed: %s" % failures[:3])


def committed_offsets(bootstrap, group, topic, partitions):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group,
                  "enable.auto.commit": False})
    try:
        tps = c.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=10)
        return {tp.partition: tp.offset for tp in tps}
    finally:
        c.close()


def end_offsets(bootstrap, topic, partitions):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "hw-" + uuid.uuid4().hex})
    try:
        return {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
                for p in range(partitions)}
    finally:
        c.close()


def headers_of(message):
    return {k: (v.decode() if v is not None else None) for k, v in (message.headers() or [])}


class Stream:
    """A numbered stream of articles with a known share of malformed records."""

    def __init__(self, count, bad_every=100):
        self.run = uuid.uuid4().hex[:8]
        self.records = []  # (key, value, expected_reason or None, id or None)
        for i in range(count):
            if bad_every and i % bad_every == bad_every - 1:
                value, reason = MALFORMED[(i // bad_every) % len(MALFORMED)]
                self.records.append((("bad-%d" % i).encode(), value, reason, None))
            else:
                article = make_article(i, self.run)
                self.records.append((article["id"].encode(), json.dumps(article).encode(), None,
                                     article["id"]))
        self.good_ids = {r[3] for r in self.records if r[3]}
        self.bad = [r for r in self.records if r[2]]

    def kv(self, start=0, end=None):
        return [(k, v) for k, v, _, _ in self.records[start:end]]


def ids_in(messages):
    ids = []
    for m in messages:
        ids.append(json.loads(m.value())["id"])
    return ids


class PipelineTestCase:
    """Mixin: a fresh dev broker with the three topics per test."""
    PARTITIONS = 16

    def start_broker(self):
        self.broker = DevBroker({INPUT: self.PARTITIONS, OUTPUT: self.PARTITIONS, DEAD: 4})
        self.addCleanup(self.broker.stop)
        self.out = OutputReader(self.broker.bootstrap, OUTPUT)
        self.addCleanup(self.out.close)
        self.dlq = OutputReader(self.broker.bootstrap, DEAD)
        self.addCleanup(self.dlq.close)

    def start_daemon(self, **kwargs):
        d = Daemon(self.broker.bootstrap, **kwargs)
        self.addCleanup(d.stop)
        d.wait_healthy()
        return d

    def wait_all_output(self, stream, timeout=180):
        def done():
            return (set(ids_in(self.out.snapshot())) >= stream.good_ids
                    and self.dlq.count() >= len(stream.bad))
        try:
            wait_until(done, timeout, interval=0.5, what="all records in output")
        except AssertionError:
            missing = stream.good_ids - set(ids_in(self.out.snapshot()))
            raise AssertionError("%d ids missing (e.g. %s); dead letters %d/%d" % (
                len(missing), sorted(missing)[:5], self.dlq.count(), len(stream.bad)))

    def wait_committed_to_end(self, group, timeout=60):
        ends = end_offsets(self.broker.bootstrap, INPUT, self.PARTITIONS)
        last = {}

        def done():
            last.update(committed_offsets(self.broker.bootstrap, group, INPUT, self.PARTITIONS))
            return all(last.get(p, -1) == ends[p] for p in ends)
        try:
            wait_until(done, timeout, interval=0.5, what="committed offsets at the end")
        except AssertionError:
            raise AssertionError("committed %s, end %s" % (last, ends))
        return ends
