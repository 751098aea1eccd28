"""The shipped Prometheus config, alert rules and Grafana dashboard against a
live Prometheus scraping a live newsflow daemon.

Starts the dev broker and `newsflow run` (tests/integration/harness.py), feeds
samples/articles.jsonl (malformed records included, so dead-letter series
move) and a steady trickle of generated articles, then starts Debian's
`prometheus` on 127.0.0.1 with deploy/prometheus/prometheus.yml (targets
pointed at the daemon, 1 s scrape and evaluation interval) and the shipped
alerts.yml. After a few scrapes every PromQL expression of the dashboard and
of the alert rules goes through /api/v1/query: any error fails, and so does
any dashboard query that returns no series (EXEMPT lists the exceptions, with
the reason). promtool checks the config and rules and runs alerts_test.yml.

Skips when prometheus or promtool is not installed (Debian package
`prometheus`), or when NEWSFLOW_PROMETHEUS_BIN / NEWSFLOW_PROMTOOL_BIN point
at missing files.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

import harness  # noqa: E402  (needs the path above)

PROMETHEUS_DIR = os.path.join(ROOT, "deploy", "prometheus")
CONFIG = os.path.join(PROMETHEUS_DIR, "prometheus.yml")
ALERTS = os.path.join(PROMETHEUS_DIR, "alerts.yml")
ALERTS_TEST = os.path.join(PROMETHEUS_DIR, "alerts_test.yml")
DASHBOARD = os.path.join(ROOT, "deploy", "grafana", "dashboards", "newsflow.json")
RUNBOOK = os.path.join(ROOT, "docs", "runbook.md")
SAMPLES = os.path.join(ROOT, "samples", "articles.jsonl")

# NEWSFLOW_PROMETHEUS_BIN / NEWSFLOW_PROMTOOL_BIN override the binaries.
PROMETHEUS = os.environ.get("NEWSFLOW_PROMETHEUS_BIN",
                            shutil.which("prometheus") or "/usr/bin/prometheus")
PROMTOOL = os.environ.get("NEWSFLOW_PROMTOOL_BIN", shutil.which("promtool") or "/usr/bin/promtool")
HAVE_PROMETHEUS = os.access(PROMETHEUS, os.X_OK) and os.access(PROMTOOL, os.X_OK)
SKIP_REASON = "Debian package `prometheus` (prometheus, promtool) is not installed"

# What Grafana would put in for its variables. $__rate_interval is at least
# four scrape intervals; the test waits for more scrapes than that.
RATE_INTERVAL = "10s"

# Dashboard queries allowed to return no series, with the reason. Every
# newsflow metric is registered at start-up (at 0), so none is needed today.
EXEMPT = {}

# The process_* panels must show newsflow only, not Prometheus's own process.
PROCESS_METRIC = re.compile(r"\bprocess_\w+")


def dashboard_targets(dashboard):
    """[(panel title, expr)] of every panel target, rows included."""
    out = []

    def walk(panels):
        for panel in panels:
            for target in panel.get("targets", []):
                if target.get("expr"):
                    out.append((panel["title"], target["expr"]))
            walk(panel.get("panels", []))
    walk(dashboard["panels"])
    return out


def alert_rules(rules_doc):
    return [rule for group in rules_doc["groups"] for rule in group["rules"]]


def substitute(expr, instance, topic):
    for name, value in (("$__rate_interval", RATE_INTERVAL), ("$__interval", "1s"),
                        ("$__range", "1m"), ("$instance", instance), ("$topic", topic)):
        expr = expr.replace(name, value)
        expr = expr.replace("${%s}" % name[1:], value)
    return expr


def label_values_query(definition):
    """label_values(selector, label) -> (selector, label)."""
    m = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\)\s*", definition)
    if not m:
        raise AssertionError("unsupported variable query %r" % definition)
    return m.group(1), m.group(2)


class StaticChecks(unittest.TestCase):
    """The files themselves: no processes needed except promtool."""

    def test_every_alert_has_a_runbook_link_to_an_existing_section(self):
        with open(ALERTS) as f:
            rules = alert_rules(yaml.safe_load(f))
        with open(RUNBOOK) as f:
            anchors = {re.sub(r"[^a-z0-9 -]", "", line[3:].strip().lower()).replace(" ", "-")
                       for line in f if line.startswith("## ")}
        names = set()
        for rule in rules:
            names.add(rule["alert"])
            url = rule.get("annotations", {}).get("runbook_url", "")
            self.assertTrue(url.startswith("docs/runbook.md#"), rule["alert"])
            self.assertIn(url.split("#", 1)[1], anchors, rule["alert"])
            self.assertIn(rule["labels"]["severity"], ("warning", "critical"), rule["alert"])
        for required in ("NewsflowConsumerLagHigh", "NewsflowNoProgress",
                         "NewsflowDeadLetterRatioHigh", "NewsflowProduceFailures",
                         "NewsflowInstanceDown", "NewsflowNotReady", "NewsflowRebalanceStorm"):
            self.assertIn(required, names)

    def test_dashboard_is_provisionable(self):
        with open(DASHBOARD) as f:
            dashboard = json.load(f)
        self.assertGreaterEqual(dashboard["schemaVersion"], 36)
        variables = {v["name"]: v for v in dashboard["templating"]["list"]}
        self.assertEqual(variables["datasource"]["type"], "datasource")
        self.assertEqual(variables["datasource"]["query"], "prometheus")
        self.assertIn("instance", variables)
        self.assertIn("topic", variables)
        ids = []
        for panel in dashboard["panels"]:
            ids.append(panel["id"])
            if panel["type"] == "row":
                continue
            self.assertEqual(panel["datasource"]["uid"], "${datasource}", panel["title"])
            for target in panel["targets"]:
                self.assertEqual(target["datasource"]["uid"], "${datasource}", panel["title"])
                self.assertIn('instance=~"$instance"', target["expr"], panel["title"])
        self.assertEqual(len(ids), len(set(ids)), "panel ids are unique")

    @unittest.skipUnless(HAVE_PROMETHEUS, SKIP_REASON)
    def test_promtool_accepts_config_and_rules(self):
        for args in (["check", "config", CONFIG], ["check", "rules", ALERTS]):
            r = subprocess.run([PROMTOOL] + args, capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, "promtool %s:\n%s%s" % (args, r.stdout, r.stderr))

    @unittest.skipUnless(HAVE_PROMETHEUS, SKIP_REASON)
    def test_promtool_rule_unit_tests_pass(self):
        r = subprocess.run([PROMTOOL, "test", "rules", ALERTS_TEST], capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("SUCCESS", r.stdout + r.stderr)


class PrometheusServer:
    """Debian's prometheus on 127.0.0.1 with a temp storage dir."""

    def __init__(self, make_config):
        """make_config(port) -> config text; the port is chosen here."""
        self.dir = tempfile.mkdtemp(prefix="nf-prometheus-")
        self.port = harness.free_port()
        self.config = os.path.join(self.dir, "prometheus.yml")
        with open(self.config, "w") as f:
            f.write(make_config(self.port))
        self.log_path = os.path.join(self.dir, "prometheus.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [PROMETHEUS, "--config.file=" + self.config,
             "--storage.tsdb.path=" + os.path.join(self.dir, "data"),
             "--web.listen-address=127.0.0.1:%d" % self.port,
             "--storage.tsdb.retention.time=1h", "--log.level=warn"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)

    def url(self, path, **params):
        query = ("?" + urllib.parse.urlencode(params)) if params else ""
        return "http://127.0.0.1:%d%s%s" % (self.port, path, query)

    def get_json(self, path, **params):
        try:
            with urllib.request.urlopen(self.url(path, **params), timeout=10) as r:
                return json.loads(r.read().decode())
        except urllib.error.HTTPError as e:  # 400/422 carry a JSON error body
            return json.loads(e.read().decode())

    def ready(self):
        try:
            with urllib.request.urlopen(self.url("/-/ready"), timeout=2) as r:
                return r.status == 200
        except OSError:
            if self.proc.poll() is not None:
                raise AssertionError("prometheus exited:\n" + self.logs())
            return False

    def query(self, expr):
        """Instant query -> (status, result list or error text)."""
        body = self.get_json("/api/v1/query", query=expr)
        if body.get("status") != "success":
            return "error", "%s: %s" % (body.get("errorType"), body.get("error"))
        return "success", body["data"]["result"]

    def logs(self):
        self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        harness.remove_dir(self.dir)


class Feeder:
    """Produces a few generated articles (and a malformed one) per second."""

    def __init__(self, bootstrap):
        self.bootstrap = bootstrap
        self.stopping = threading.Event()
        self.error = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            while not self.stopping.wait(0.5):
                stream = harness.Stream(20, bad_every=10)
                harness.produce(self.bootstrap, stream.kv())
        except Exception as e:  # surfaced by stop()
            self.error = e

    def stop(self):
        self.stopping.set()
        self.thread.join(30)
        if self.error:
            raise self.error


def live_config(daemon_target, prometheus_port):
    """The shipped prometheus.yml, pointed at the test's daemon."""
    with open(CONFIG) as f:
        config = yaml.safe_load(f)
    config["global"]["scrape_interval"] = "1s"
    config["global"]["scrape_timeout"] = "1s"
    config["global"]["evaluation_interval"] = "1s"
    config["rule_files"] = [os.path.join(PROMETHEUS_DIR, p) for p in config["rule_files"]]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    newsflow = jobs["newsflow"]
    newsflow["scrape_interval"] = "1s"
    newsflow["scrape_timeout"] = "1s"
    newsflow["static_configs"] = [{"targets": [daemon_target]}]
    if "prometheus" in jobs:
        # Prometheus's own process_* series are there to prove the process
        # panels filter them out.
        jobs["prometheus"]["static_configs"] = [
            {"targets": ["127.0.0.1:%d" % prometheus_port]}]
        jobs["prometheus"]["scrape_interval"] = "1s"
    return yaml.safe_dump(config, sort_keys=False)


@unittest.skipUnless(HAVE_PROMETHEUS, SKIP_REASON)
class LivePrometheusTest(harness.PipelineTestCase, unittest.TestCase):
    PARTITIONS = 4

    def test_every_dashboard_and_alert_query_runs_against_live_metrics(self):
        self.start_broker()
        daemon = self.start_daemon(group="deploy-live")
        with open(SAMPLES, "rb") as f:
            samples = [(None, line.rstrip(b"\n")) for line in f if line.strip()]
        harness.produce(self.broker.bootstrap, samples)
        feeder = Feeder(self.broker.bootstrap)
        self.addCleanup(feeder.stop)

        target = "127.0.0.1:%d" % daemon.port
        prom = PrometheusServer(lambda port: live_config(target, port))
        self.addCleanup(prom.stop)
        r = subprocess.run([PROMTOOL, "check", "config", prom.config], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        harness.wait_until(prom.ready, 30, what="prometheus /-/ready")

        def scraped_enough():
            status, result = prom.query(
                'count_over_time(up{job="newsflow",instance="%s"}[1m])' % target)
            if status != "success" or not result or float(result[0]["value"][1]) < 15:
                return False
            status, result = prom.query(
                'newsflow_records_dead_lettered_total{instance="%s"} > 0' % target)
            if status != "success" or not result:
                return False
            status, result = prom.query(
                'newsflow_consumer_lag_records{instance="%s"}' % target)
            return status == "success" and bool(result)
        harness.wait_until(scraped_enough, 60, interval=1,
                           what="15 scrapes with dead letters and lag series")
        status, up = prom.query('up{job="newsflow"}')
        self.assertEqual([(s["metric"]["instance"], s["value"][1]) for s in up], [(target, "1")])

        with open(DASHBOARD) as f:
            dashboard = json.load(f)
        topic = harness.INPUT

        # Variables: each label_values() query yields the daemon's values.
        expected = {"instance": target, "topic": topic}
        for var in dashboard["templating"]["list"]:
            if var["type"] != "query":
                continue
            selector, label = label_values_query(var["definition"])
            status, result = prom.query(substitute(selector, target, topic))
            self.assertEqual(status, "success", "variable %s: %s" % (var["name"], result))
            values = {s["metric"].get(label) for s in result}
            self.assertIn(expected[var["name"]], values, "variable %s" % var["name"])

        failures = []
        targets = dashboard_targets(dashboard)
        self.assertGreater(len(targets), 30)
        for title, expr in targets:
            query = substitute(expr, target, topic)
            self.assertNotIn("$", query, "unsubstituted variable in %r" % title)
            status, result = prom.query(query)
            if status != "success":
                failures.append("panel %r: %s\n  %s" % (title, result, query))
            elif not result and (title, expr) not in EXEMPT:
                failures.append("panel %r: no data\n  %s" % (title, query))
            elif PROCESS_METRIC.search(expr):
                instances = {s["metric"].get("instance") for s in result}
                if instances != {target}:
                    failures.append("panel %r: series of %s, want only %s" % (
                        title, sorted(instances), target))

        with open(ALERTS) as f:
            rules = alert_rules(yaml.safe_load(f))
        for rule in rules:
            status, result = prom.query(rule["expr"])
            if status != "success":
                failures.append("alert %s: %s" % (rule["alert"], result))
        self.assertEqual(failures, [], "\n".join(failures))

        # Prometheus loaded the shipped rules and evaluates them without error.
        loaded = prom.get_json("/api/v1/rules")["data"]["groups"]
        evaluated = {r["name"]: r for g in loaded for r in g["rules"]}
        self.assertEqual(set(evaluated), {r["alert"] for r in rules})
        for name, rule in evaluated.items():
            self.assertEqual(rule["health"], "ok", "%s: %s" % (name, rule.get("lastError")))
        # A healthy pipeline: nothing firing (pending NotReady while the group
        # formed would need 5 minutes to fire).
        firing = [a for a in prom.get_json("/api/v1/alerts")["data"]["alerts"]
                  if a["state"] == "firing"]
        self.assertEqual(firing, [])
        feeder.stop()


if __name__ == "__main__":
    unittest.main()
