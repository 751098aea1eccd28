"""What can be checked of deploy/ without a Docker engine or a cluster.

No Docker engine and no Kubernetes cluster run on the build machines, so the
image is not built, the compose stack is not started and nothing is applied.
Instead:
  * every YAML file under deploy/ parses;
  * compose: every mounted file and the build context exist, the topics the
    one-shot service creates are the ones newsflow.yaml consumes and
    produces, Prometheus scrapes the newsflow services on their metrics port,
    Grafana's datasource points at the Prometheus service;
  * Dockerfile: it installs the two package lists and names no package
    itself; every shared library the built binary loads comes from a package
    of tools/debian-runtime-packages.txt; every runtime package is installed
    here; its HEALTHCHECK command, run against a live daemon, passes (and
    fails with nothing listening);
  * the newsflow configs shipped in compose and the k8s ConfigMap are
    accepted by the real binary;
  * Kubernetes: a structural check of each object (required fields, names
    and ports that must agree across objects, grace period above the drain
    timeout), `kubectl kustomize` when kubectl is installed (it renders
    offline); `kubectl --dry-run=client` is NOT used: even with
    --validate=false it needs an API server for the type mapping;
  * PrometheusRule carries exactly the groups of deploy/prometheus/alerts.yml
    and is what make_prometheusrule.py generates;
  * systemd: the unit's required settings; `systemd-analyze verify` when
    available (ExecStart pointed at the built binary).
"""
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEPLOY = os.path.join(ROOT, "deploy")
COMPOSE_DIR = os.path.join(DEPLOY, "compose")
K8S = os.path.join(DEPLOY, "k8s")
NEWSFLOW_BIN = os.environ.get("NEWSFLOW_BIN", os.path.join(ROOT, "build", "newsflow"))
sys.path.insert(0, K8S)

import make_prometheusrule  # noqa: E402  (needs the path above)


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def package_list(name):
    packages = []
    with open(os.path.join(ROOT, "tools", name)) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                packages.append(line.split()[0])
    return packages


def dependency_closure(packages):
    """`packages` and everything they depend on, from the dpkg database."""
    seen = set()
    todo = list(packages)
    while todo:
        package = todo.pop()
        if package in seen:
            continue
        seen.add(package)
        fields = subprocess.run(["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", package],
                                capture_output=True, text=True).stdout
        for clause in fields.split(","):
            for alternative in clause.split("|"):
                name = alternative.strip().split(" ")[0].split(":")[0]
                if name:
                    todo.append(name)
    return seen


def compose():
    return load(os.path.join(COMPOSE_DIR, "docker-compose.yml"))


def k8s(name):
    return load(os.path.join(K8S, name))


def configmap_config():
    return yaml.safe_load(k8s("configmap.yaml")["data"]["newsflow.yaml"])


def port_of(address):
    return int(address.rsplit(":", 1)[1])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class YamlTest(unittest.TestCase):

    def test_every_yaml_file_under_deploy_parses(self):
        files = [f for pattern in ("**/*.yml", "**/*.yaml")
                 for f in glob.glob(os.path.join(DEPLOY, pattern), recursive=True)]
        self.assertGreater(len(files), 10)
        for path in files:
            with self.subTest(path=os.path.relpath(path, ROOT)):
                with open(path) as f:
                    documents = list(yaml.safe_load_all(f))
                self.assertTrue(documents and all(d is not None for d in documents))

    def test_every_json_file_under_deploy_parses(self):
        for path in glob.glob(os.path.join(DEPLOY, "**/*.json"), recursive=True):
            with open(path) as f:
                json.load(f)


class ComposeTest(unittest.TestCase):

    def setUp(self):
        self.compose = compose()
        self.services = self.compose["services"]
        self.config = load(os.path.join(COMPOSE_DIR, "newsflow.yaml"))

    def newsflow_services(self):
        return {name: s for name, s in self.services.items() if name.startswith("newsflow-")}

    def test_has_the_required_services(self):
        for name in ("kafka", "topics", "newsflow-1", "newsflow-2", "feeder", "prometheus",
                     "grafana"):
            self.assertIn(name, self.services)
        self.assertTrue(self.services["kafka"]["image"].startswith("apache/kafka:"))
        env = self.services["kafka"]["environment"]
        self.assertIn("controller", env["KAFKA_PROCESS_ROLES"], "KRaft: the node is a controller")
        self.assertNotIn("KAFKA_ZOOKEEPER_CONNECT", env)

    def test_every_mounted_file_and_the_build_context_exist(self):
        for name, service in self.services.items():
            for volume in service.get("volumes", []):
                source = volume.split(":")[0]
                if source.startswith((".", "/")):
                    with self.subTest(service=name, volume=volume):
                        self.assertTrue(os.path.exists(os.path.join(COMPOSE_DIR, source)), source)
            build = service.get("build")
            if build:
                context = os.path.join(COMPOSE_DIR, build["context"])
                self.assertTrue(os.path.isfile(os.path.join(context, build["dockerfile"])))

    def test_two_newsflow_instances_share_one_group_and_the_config(self):
        instances = self.newsflow_services()
        self.assertEqual(len(instances), 2)
        for name, service in instances.items():
            self.assertIn("./newsflow.yaml:/etc/newsflow/newsflow.yaml:ro", service["volumes"])
            self.assertEqual(service["command"][-1], "/etc/newsflow/newsflow.yaml")
            self.assertEqual(service["depends_on"]["topics"]["condition"],
                             "service_completed_successfully")
            # Longer than the drain: compose would SIGKILL after 10 s.
            grace = int(service["stop_grace_period"].rstrip("s"))
            self.assertGreater(grace * 1000, self.config.get("shutdown", {}).get(
                "drain_timeout_ms", 30000) + 5000)
        self.assertTrue(self.config["kafka"]["group_id"])

    def test_created_topics_are_the_ones_newsflow_uses(self):
        script = self.services["topics"]["command"][0]
        created = set(re.search(r"for topic in ([^;]+);", script).group(1).split())
        kafka = self.config["kafka"]
        used = set(kafka["input_topics"]) | {kafka["output_topic"], kafka["dead_letter_topic"]}
        self.assertEqual(created, used)
        partitions = int(re.search(r"--partitions (\d+)", script).group(1))
        self.assertGreaterEqual(partitions, len(self.newsflow_services()),
                                "fewer partitions than instances: some would idle")
        feeder = self.services["feeder"]["command"][0]
        self.assertIn("--topic %s " % kafka["input_topics"][0], feeder)
        self.assertIn("/samples/articles.jsonl", feeder)

    def test_brokers_match_the_kafka_listener(self):
        advertised = self.services["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
        self.assertIn("PLAINTEXT://" + self.config["kafka"]["brokers"], advertised)
        for name in ("topics", "feeder"):
            script = self.services[name]["command"][0]
            self.assertIn("--bootstrap-server " + self.config["kafka"]["brokers"], script)

    def test_prometheus_scrapes_every_newsflow_service_on_its_metrics_port(self):
        port = port_of(self.config["metrics"]["address"])
        self.assertTrue(self.config["metrics"]["address"].startswith("0.0.0.0:"),
                        "inside a container the metrics server must listen on every interface")
        prometheus = load(os.path.join(DEPLOY, "prometheus", "prometheus.yml"))
        job = next(j for j in prometheus["scrape_configs"] if j["job_name"] == "newsflow")
        targets = {t for c in job["static_configs"] for t in c["targets"]}
        self.assertEqual(targets, {"%s:%d" % (n, port) for n in self.newsflow_services()})
        for service in self.newsflow_services().values():
            self.assertTrue(any(p.endswith(":%d" % port) for p in service["ports"]))
        mounts = self.services["prometheus"]["volumes"]
        for rule_file in prometheus["rule_files"]:
            self.assertTrue(any(m.split(":")[1] == "/etc/prometheus/" + rule_file for m in mounts),
                            "rule file %s not mounted next to the config" % rule_file)

    def test_grafana_datasource_points_at_the_prometheus_service(self):
        datasources = load(os.path.join(DEPLOY, "grafana", "provisioning", "datasources",
                                        "prometheus.yml"))
        url = datasources["datasources"][0]["url"]
        self.assertEqual(url, "http://prometheus:9090")
        self.assertIn("9090:9090", self.services["prometheus"]["ports"])
        provider = load(os.path.join(DEPLOY, "grafana", "provisioning", "dashboards",
                                     "newsflow.yml"))
        path = provider["providers"][0]["options"]["path"]
        mounts = [m.split(":") for m in self.services["grafana"]["volumes"]]
        self.assertIn(["../grafana/dashboards", path, "ro"], mounts)


class DockerfileTest(unittest.TestCase):

    def setUp(self):
        with open(os.path.join(DEPLOY, "docker", "Dockerfile")) as f:
            self.text = f.read()
        # Instructions with their continuation lines joined.
        self.instructions = re.sub(r"\\\n", " ", self.text).splitlines()

    def test_multi_stage_bookworm_non_root_with_healthcheck_and_metrics_port(self):
        froms = [l for l in self.instructions if l.startswith("FROM ")]
        self.assertEqual(len(froms), 2)
        self.assertTrue(all("debian:bookworm" in l for l in froms))
        self.assertIn("USER 10001", self.text)
        self.assertIn("EXPOSE 9464", self.text)
        self.assertIn("HEALTHCHECK", self.text)
        self.assertIn("cmake --install", self.text)

    def test_copied_files_exist_and_are_not_dockerignored(self):
        with open(os.path.join(ROOT, ".dockerignore")) as f:
            ignored = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        for line in self.instructions:
            if line.startswith("COPY ") and "--from" not in line:
                for source in line.split()[1:-1]:
                    self.assertTrue(os.path.exists(os.path.join(ROOT, source)), source)
        # The build needs these; none may be excluded from the context.
        for needed in ("CMakeLists.txt", "models", "tools", "config", "deploy/systemd", "app",
                       "util"):
            for pattern in ignored:
                self.assertFalse(needed == pattern or needed.startswith(pattern + "/"),
                                 "%s excluded by .dockerignore %s" % (needed, pattern))

    def test_packages_come_from_the_tools_lists_only(self):
        self.assertIn("tools/install-deps.sh", self.text)
        self.assertIn("tools/debian-packages.txt", self.text)
        self.assertIn("tools/debian-runtime-packages.txt", self.text)
        installs = [l for l in self.instructions if "apt-get install" in l]
        self.assertEqual(len(installs), 1, "one apt-get install, in the runtime stage")
        self.assertIn("debian-runtime-packages.txt | awk", installs[0])
        # Nothing but the list feeds it: no package name on that line.
        arguments = installs[0].split("apt-get install", 1)[1].split("&&")[0].split()
        self.assertTrue(all(a.startswith("-") for a in arguments), arguments)

    @unittest.skipUnless(shutil.which("dpkg-query"), "not a Debian system")
    def test_runtime_packages_are_installed_by_the_build_list(self):
        # The build list is installed here (tools/install-deps.sh); every
        # runtime package must be present as a result.
        for package in package_list("debian-runtime-packages.txt"):
            status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                    capture_output=True, text=True)
            self.assertIn("install ok installed", status.stdout, package)

    @unittest.skipUnless(shutil.which("dpkg") and shutil.which("ldd"), "not a Debian system")
    def test_every_shared_library_of_the_binary_comes_from_a_runtime_package(self):
        if not os.path.exists(NEWSFLOW_BIN):
            self.skipTest("no built binary at %s" % NEWSFLOW_BIN)
        # apt installs the dependencies of the listed packages too.
        runtime = dependency_closure(package_list("debian-runtime-packages.txt"))
        essential = {"libc6", "libgcc-s1"}  # in every Debian image
        ldd = subprocess.run(["ldd", NEWSFLOW_BIN], capture_output=True, text=True, check=True)
        libraries = re.findall(r"=> (/\S+)", ldd.stdout)
        self.assertGreater(len(libraries), 10)
        for library in libraries:
            real = os.path.realpath(library)
            owner = subprocess.run(["dpkg", "-S", real], capture_output=True, text=True)
            if owner.returncode != 0:  # merged /usr: dpkg knows the /lib path
                owner = subprocess.run(["dpkg", "-S", real.replace("/usr/lib/", "/lib/", 1)],
                                       capture_output=True, text=True)
            self.assertEqual(owner.returncode, 0, "no package owns %s" % real)
            package = owner.stdout.split(":", 1)[0]
            self.assertIn(package, runtime | essential,
                          "%s (%s) is missing from tools/debian-runtime-packages.txt"
                          % (package, library))

    def healthcheck_command(self):
        line = next(l for l in self.instructions if l.startswith("HEALTHCHECK"))
        return json.loads(line.split(" CMD ", 1)[1].strip())

    @unittest.skipUnless(shutil.which("bash"), "no bash")
    def test_healthcheck_command_passes_against_a_live_daemon(self):
        if not os.path.exists(NEWSFLOW_BIN):
            self.skipTest("no built binary at %s" % NEWSFLOW_BIN)
        command = self.healthcheck_command()
        port = free_port()
        probe = [part.replace("/9464", "/%d" % port) for part in command]
        self.assertNotEqual(probe, command, "the HEALTHCHECK does not name port 9464")
        # Nothing listens yet: the check must fail.
        self.assertNotEqual(subprocess.run(probe, capture_output=True, timeout=10).returncode, 0)
        dead_broker = "127.0.0.1:%d" % free_port()
        daemon = subprocess.Popen(
            [NEWSFLOW_BIN, "run", "--brokers", dead_broker, "--metrics-address",
             "127.0.0.1:%d" % port, "--log-format", "text"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 20
            result = None
            while time.time() < deadline:
                result = subprocess.run(probe, capture_output=True, timeout=10)
                if result.returncode == 0:
                    break
                time.sleep(0.2)
            self.assertEqual(result.returncode, 0, "HEALTHCHECK failed against a live daemon")
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(60)


class ShippedConfigTest(unittest.TestCase):
    """The real binary accepts the configs shipped for compose and k8s."""

    def check(self, text):
        if not os.path.exists(NEWSFLOW_BIN):
            self.skipTest("no built binary at %s" % NEWSFLOW_BIN)
        with tempfile.NamedTemporaryFile("w", suffix=".yaml") as f:
            f.write(text)
            f.flush()
            result = subprocess.run(
                [NEWSFLOW_BIN, "process", "--config", f.name, "--input", "/dev/null",
                 "--output", "/dev/null"], capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_compose_config_is_valid(self):
        with open(os.path.join(COMPOSE_DIR, "newsflow.yaml")) as f:
            self.check(f.read())

    def test_k8s_configmap_config_is_valid(self):
        self.check(k8s("configmap.yaml")["data"]["newsflow.yaml"])

    def test_a_misspelt_key_is_rejected(self):
        # The check above can fail: an unknown key is exit 2.
        if not os.path.exists(NEWSFLOW_BIN):
            self.skipTest("no built binary at %s" % NEWSFLOW_BIN)
        with tempfile.NamedTemporaryFile("w", suffix=".yaml") as f:
            f.write("kafka:\n  brokerz: x:1\n")
            f.flush()
            result = subprocess.run([NEWSFLOW_BIN, "process", "--config", f.name, "--input",
                                     "/dev/null", "--output", "/dev/null"],
                                    capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 2)


class KubernetesTest(unittest.TestCase):

    def setUp(self):
        self.deployment = k8s("deployment.yaml")
        self.pod = self.deployment["spec"]["template"]
        self.container = self.pod["spec"]["containers"][0]
        self.labels = self.pod["metadata"]["labels"]
        self.config = configmap_config()

    def assert_selects_pods(self, selector):
        for key, value in selector.items():
            self.assertEqual(self.labels.get(key), value)

    def test_every_object_has_api_version_kind_and_name(self):
        for path in glob.glob(os.path.join(K8S, "*.yaml")):
            with self.subTest(path=os.path.basename(path)):
                obj = load(path)
                if obj["kind"] == "Kustomization":
                    continue
                self.assertTrue(obj["apiVersion"])
                self.assertTrue(obj["metadata"]["name"])

    def test_kustomization_lists_existing_files_and_no_example_secret(self):
        kustomization = k8s("kustomization.yaml")
        for resource in kustomization["resources"]:
            self.assertTrue(os.path.isfile(os.path.join(K8S, resource)), resource)
        self.assertNotIn("secret.example.yaml", kustomization["resources"])
        # KEDA and the HPA would fight over the replica count.
        self.assertFalse({"keda-scaledobject.yaml", "hpa.yaml"} <= set(kustomization["resources"]))

    def test_deployment_probes_resources_and_grace_period(self):
        spec = self.deployment["spec"]
        self.assert_selects_pods(spec["selector"]["matchLabels"])
        port = next(p for p in self.container["ports"] if p["name"] == "metrics")
        self.assertEqual(port["containerPort"], port_of(self.config["metrics"]["address"]))
        self.assertTrue(self.config["metrics"]["address"].startswith("0.0.0.0:"))
        self.assertEqual(self.container["livenessProbe"]["httpGet"]["path"], "/healthz")
        self.assertEqual(self.container["readinessProbe"]["httpGet"]["path"], "/readyz")
        for probe in ("livenessProbe", "readinessProbe"):
            self.assertEqual(self.container[probe]["httpGet"]["port"], "metrics")
        for kind in ("requests", "limits"):
            self.assertIn("cpu", self.container["resources"][kind])
            self.assertIn("memory", self.container["resources"][kind])
        drain_ms = self.config.get("shutdown", {}).get("drain_timeout_ms", 30000)
        # Drain plus the 5 s producer flush of `newsflow run`.
        self.assertGreater(self.pod["spec"]["terminationGracePeriodSeconds"] * 1000,
                           drain_ms + 5000)
        # workers must not default to the node's core count.
        limit = self.container["resources"]["limits"]["cpu"]
        self.assertEqual(self.config["pipeline"]["workers"], int(limit))

    def test_deployment_mounts_the_configmap_and_reads_the_secret_optionally(self):
        self.assertEqual(self.container["args"], ["run", "--config", "/etc/newsflow/newsflow.yaml"])
        mount = self.container["volumeMounts"][0]
        self.assertEqual(mount["mountPath"], "/etc/newsflow")
        volume = next(v for v in self.pod["spec"]["volumes"] if v["name"] == mount["name"])
        self.assertEqual(volume["configMap"]["name"], k8s("configmap.yaml")["metadata"]["name"])
        self.assertIn("newsflow.yaml", k8s("configmap.yaml")["data"])
        secret_ref = self.container["envFrom"][0]["secretRef"]
        secret = k8s("secret.example.yaml")
        self.assertEqual(secret_ref["name"], secret["metadata"]["name"])
        self.assertTrue(secret_ref["optional"])
        for key in secret["stringData"]:
            self.assertTrue(key.startswith("NEWSFLOW_KAFKA_PROPERTY_"), key)
        self.assertIn("NEWSFLOW_KAFKA_PROPERTY_SASL_PASSWORD", secret["stringData"])

    def test_deployment_runs_as_the_image_user_without_privileges(self):
        self.assertTrue(self.pod["spec"]["securityContext"]["runAsNonRoot"])
        self.assertEqual(self.pod["spec"]["securityContext"]["runAsUser"], 10001)
        context = self.container["securityContext"]
        self.assertFalse(context["allowPrivilegeEscalation"])
        self.assertTrue(context["readOnlyRootFilesystem"])
        self.assertEqual(context["capabilities"]["drop"], ["ALL"])

    def test_service_and_servicemonitor_agree_on_the_metrics_port(self):
        service = k8s("service.yaml")
        self.assert_selects_pods(service["spec"]["selector"])
        port = next(p for p in service["spec"]["ports"] if p["name"] == "metrics")
        self.assertEqual(port["targetPort"], "metrics")
        monitor = k8s("servicemonitor.yaml")
        self.assertEqual(monitor["kind"], "ServiceMonitor")
        for key, value in monitor["spec"]["selector"]["matchLabels"].items():
            self.assertEqual(service["metadata"]["labels"][key], value)
        self.assertEqual(monitor["spec"]["endpoints"][0]["port"], "metrics")
        self.assertEqual(monitor["spec"]["endpoints"][0]["path"], "/metrics")
        # alerts.yml matches job="newsflow": the job label must be that.
        self.assertEqual(service["metadata"]["labels"][monitor["spec"]["jobLabel"]], "newsflow")

    def test_pdb_selects_the_pods(self):
        pdb = k8s("pdb.yaml")
        self.assertEqual(pdb["kind"], "PodDisruptionBudget")
        self.assert_selects_pods(pdb["spec"]["selector"]["matchLabels"])
        self.assertTrue("maxUnavailable" in pdb["spec"] or "minAvailable" in pdb["spec"])

    def test_autoscalers_target_the_deployment_and_its_group(self):
        name = self.deployment["metadata"]["name"]
        keda = k8s("keda-scaledobject.yaml")
        self.assertEqual(keda["kind"], "ScaledObject")
        self.assertEqual(keda["spec"]["scaleTargetRef"]["name"], name)
        trigger = keda["spec"]["triggers"][0]
        self.assertEqual(trigger["type"], "kafka")
        self.assertEqual(trigger["metadata"]["consumerGroup"], self.config["kafka"]["group_id"])
        self.assertIn(trigger["metadata"]["topic"], self.config["kafka"]["input_topics"])
        self.assertEqual(trigger["metadata"]["bootstrapServers"], self.config["kafka"]["brokers"])
        self.assertEqual(trigger["metadata"]["allowIdleConsumers"], "false")
        hpa = k8s("hpa.yaml")
        self.assertEqual(hpa["spec"]["scaleTargetRef"]["name"], name)
        metric = hpa["spec"]["metrics"][0]
        self.assertEqual(metric["type"], "External")
        self.assertEqual(metric["external"]["metric"]["name"], "newsflow_consumer_lag_records")
        self.assertGreaterEqual(hpa["spec"]["minReplicas"], 1)
        self.assertEqual(hpa["spec"]["maxReplicas"], keda["spec"]["maxReplicaCount"])

    def test_prometheusrule_carries_exactly_the_alerts_yml_groups(self):
        rule = k8s("prometheusrule.yaml")
        alerts = load(os.path.join(DEPLOY, "prometheus", "alerts.yml"))
        self.assertEqual(rule["kind"], "PrometheusRule")
        self.assertEqual(rule["spec"]["groups"], alerts["groups"])
        with open(os.path.join(DEPLOY, "prometheus", "alerts.yml")) as f:
            expected = make_prometheusrule.render(f.read())
        with open(os.path.join(K8S, "prometheusrule.yaml")) as f:
            self.assertEqual(f.read(), expected,
                             "stale: run python3 deploy/k8s/make_prometheusrule.py")

    @unittest.skipUnless(shutil.which("kubectl"), "kubectl not installed")
    def test_kubectl_kustomize_renders_every_resource(self):
        result = subprocess.run(["kubectl", "kustomize", K8S], capture_output=True, text=True,
                                timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        objects = [o for o in yaml.safe_load_all(result.stdout) if o]
        kinds = sorted(o["kind"] for o in objects)
        self.assertEqual(len(objects), len(k8s("kustomization.yaml")["resources"]), kinds)
        for obj in objects:
            self.assertEqual(obj["metadata"]["namespace"], "newsflow")


class SystemdUnitTest(unittest.TestCase):
    UNIT = os.path.join(DEPLOY, "systemd", "newsflow.service")

    def setUp(self):
        with open(self.UNIT) as f:
            self.unit = f.read()
        self.settings = {}
        for line in self.unit.splitlines():
            if "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                self.settings.setdefault(key, []).append(value)

    def test_notify_watchdog_restart_and_hardening(self):
        expected = {
            "Type": "notify", "Restart": "on-failure", "NoNewPrivileges": "yes",
            "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
            "DynamicUser": "yes", "CapabilityBoundingSet": "",
            "EnvironmentFile": "-/etc/newsflow/newsflow.env",
            "ExecStart": "/usr/bin/newsflow run --config /etc/newsflow/newsflow.yaml",
        }
        for key, value in expected.items():
            self.assertEqual(self.settings.get(key), [value], key)
        self.assertIn("WatchdogSec", self.settings)
        stop = int(self.settings["TimeoutStopSec"][0].rstrip("s"))
        self.assertGreater(stop * 1000, 30000 + 5000, "TimeoutStopSec below drain + flush")

    @unittest.skipUnless(shutil.which("systemd-analyze"), "systemd-analyze not installed")
    def test_systemd_analyze_verify_accepts_the_unit(self):
        if not os.path.exists(NEWSFLOW_BIN):
            self.skipTest("no built binary at %s" % NEWSFLOW_BIN)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "newsflow.service")
            with open(path, "w") as f:
                f.write(self.unit.replace("/usr/bin/newsflow", os.path.abspath(NEWSFLOW_BIN)))
            result = subprocess.run(["systemd-analyze", "verify", path], capture_output=True,
                                    text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertNotIn("newsflow.service:", result.stderr, result.stderr)


if __name__ == "__main__":
    unittest.main()
