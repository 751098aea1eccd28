"""`cmake --install` puts every file in its FHS place, and the installed
binary, moved elsewhere and run from an empty directory, finds its models in
<prefix>/share/newsflow (through its own location) before anything else."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import NEWSFLOW_BIN, ROOT

BUILD_DIR = os.path.dirname(os.path.abspath(NEWSFLOW_BIN))


def cache_value(name):
    with open(os.path.join(BUILD_DIR, "CMakeCache.txt")) as f:
        for line in f:
            if line.startswith(name + ":"):
                return line.split("=", 1)[1].strip()
    return None


def relative_files(top):
    found = set()
    for dirpath, _, files in os.walk(top):
        for name in files:
            found.add(os.path.relpath(os.path.join(dirpath, name), top))
    return found


@unittest.skipUnless(os.path.exists(os.path.join(BUILD_DIR, "CMakeCache.txt")),
                     "NEWSFLOW_BIN is not in a CMake build tree")
class InstallTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="nf-install-")
        staged = os.path.join(cls.tmp, "staged")
        result = subprocess.run(["cmake", "--install", BUILD_DIR, "--prefix", staged],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError("cmake --install failed:\n" + result.stdout + result.stderr)
        # Relocate: neither the configured prefix nor the --prefix path holds
        # the files any more, so only <exe>/../share/newsflow can find them.
        cls.prefix = os.path.join(cls.tmp, "moved")
        os.rename(staged, cls.prefix)

    @classmethod
    def tearDownClass(cls):
        if not os.environ.get("NEWSFLOW_KEEP_TEST_DIRS"):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.prefix, *parts)

    def test_binaries_config_unit_and_models_are_in_their_fhs_places(self):
        for binary in ("newsflow", "newsflow-devbroker"):
            self.assertTrue(os.access(self.path("bin", binary), os.X_OK), binary)
        with open(os.path.join(ROOT, "config", "newsflow.example.yaml")) as f:
            example = f.read()
        with open(self.path("etc", "newsflow", "newsflow.yaml")) as f:
            self.assertEqual(f.read(), example)
        self.assertTrue(os.path.isfile(
            self.path("share", "doc", "newsflow", "examples", "newsflow.example.yaml")))
        self.assertTrue(os.path.isfile(
            self.path("share", "doc", "newsflow", "examples", "systemd", "newsflow.env")))
        shipped = relative_files(os.path.join(ROOT, "models"))
        self.assertTrue(shipped)
        self.assertEqual(relative_files(self.path("share", "newsflow", "models")), shipped)

    def test_installed_unit_names_the_installed_binary_and_config(self):
        prefix = cache_value("CMAKE_INSTALL_PREFIX")
        with open(self.path("lib", "systemd", "system", "newsflow.service")) as f:
            unit = f.read()
        exec_start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1).split()
        self.assertEqual(exec_start[0], prefix + "/bin/newsflow")
        self.assertEqual(exec_start[1:3], ["run", "--config"])
        conf = exec_start[3]
        self.assertTrue(conf.endswith("/newsflow/newsflow.yaml"), conf)
        # /usr -> /etc/newsflow (FHS); another prefix keeps it inside.
        self.assertEqual(os.path.dirname(os.path.dirname(conf)),
                         "/etc" if prefix == "/usr" else prefix + "/etc")
        self.assertIn("Type=notify", unit)

    def run_installed(self, cwd):
        env = {k: v for k, v in os.environ.items() if k != "NEWSFLOW_DATA_DIR"}
        shutil.copy(os.path.join(ROOT, "samples", "articles.jsonl"), cwd)
        return subprocess.run(
            [self.path("bin", "newsflow"), "process",
             "--config", self.path("etc", "newsflow", "newsflow.yaml"),
             "--input", "articles.jsonl", "--output", "out.jsonl", "--dead-letter", "dl.jsonl",
             "--log-format", "text"],
            cwd=cwd, env=env, capture_output=True, text=True, timeout=300)

    def test_relocated_install_processes_a_sample_with_the_default_stages(self):
        cwd = tempfile.mkdtemp(dir=self.tmp)
        result = self.run_installed(cwd)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(cwd, "out.jsonl")) as f:
            records = [json.loads(line) for line in f if line.strip()]
        self.assertGreater(len(records), 0)
        with open(os.path.join(ROOT, "config", "newsflow.example.yaml")) as f:
            default_stages = re.search(r"stages:\n((?:\s+- \w+\n)+)", f.read()).group(1)
        default_stages = re.findall(r"- (\w+)", default_stages)
        self.assertIn("topics", default_stages)
        # The model-backed stages ran: an English sample got topics.
        self.assertTrue(any(r.get("topics") for r in records), records[0].keys())

    def test_installed_models_win_over_the_source_tree(self):
        # The binary still knows its source tree (last fallback). A broken
        # model in the relocated install must be the one loaded: exit 2.
        model = self.path("share", "newsflow", "models", "topics", "reuters.ftz")
        backup = model + ".orig"
        shutil.copy(model, backup)
        try:
            with open(model, "wb") as f:
                f.write(b"not a fastText model")
            cwd = tempfile.mkdtemp(dir=self.tmp)
            result = self.run_installed(cwd)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(model, result.stderr + result.stdout)
        finally:
            os.replace(backup, model)


if __name__ == "__main__":
    unittest.main()
