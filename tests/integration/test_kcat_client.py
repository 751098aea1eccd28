"""An independent client (kcat, the librdkafka CLI) writes the input and
reads the output and dead-letter topics."""
import json
import os
import subprocess
import tempfile
import unittest

from harness import DEAD, INPUT, OUTPUT, PipelineTestCase, ROOT, wait_until


class KcatClientTest(PipelineTestCase, unittest.TestCase):

    def kcat(self, *args, **kwargs):
        return subprocess.run(["kcat", "-b", self.broker.bootstrap] + list(args),
                              capture_output=True, timeout=60, **kwargs)

    def test_kcat_writes_input_and_reads_enriched_records_with_regex_subscription(self):
        self.start_broker()
        # Subscribe by regular expression rather than by name.
        self.start_daemon(group="kcat", input_topics="^articles\\.ra.*")
        samples = os.path.join(ROOT, "samples", "articles.jsonl")
        with open(samples, "rb") as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
        r = self.kcat("-t", INPUT, "-P", "-l", samples)
        self.assertEqual(r.returncode, 0, r.stderr)

        def read(topic, expected):
            r = self.kcat("-t", topic, "-C", "-e", "-q", "-f", "%k\t%h\t%s\n")
            rows = [row for row in r.stdout.decode().split("\n") if row]
            return rows if len(rows) >= expected else None
        good = []
        for line in lines:
            try:
                article = json.loads(line)
            except ValueError:
                continue
            if article.get("body") or article.get("html"):
                good.append(article)
        rows = wait_until(lambda: read(OUTPUT, len(good)), 60, what="kcat output")
        records = [json.loads(row.split("\t", 2)[2]) for row in rows]
        self.assertEqual(len(records), len(good))
        for row, record in zip(rows, records):
            self.assertEqual(row.split("\t")[0], record["id"], "key = article id")
            self.assertIn("newsflow.source.topic=" + INPUT, row.split("\t")[1])
        dead = wait_until(lambda: read(DEAD, len(lines) - len(good)), 60, what="kcat dead letters")
        self.assertEqual(len(dead), len(lines) - len(good))
        self.assertTrue(all("newsflow.error.reason=" in row for row in dead))


if __name__ == "__main__":
    unittest.main()
