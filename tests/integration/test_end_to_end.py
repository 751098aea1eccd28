"""10,000 articles through the daemon against the dev broker: every id comes
out, malformed records are dead-lettered with their reason, offsets are
committed to the end, and /metrics agrees."""
import collections
import json
import unittest

from harness import (DEAD, INPUT, OUTPUT, PipelineTestCase, Stream, headers_of, ids_in,
                     metric_sum, produce, wait_until)


class EndToEndTest(PipelineTestCase, unittest.TestCase):

    def test_every_article_is_enriched_or_dead_lettered_and_committed(self):
        self.start_broker()
        daemon = self.start_daemon(group="e2e")
        stream = Stream(10000, bad_every=100)
        produce(self.broker.bootstrap, stream.kv(), rate=3000)
        self.wait_all_output(stream)
        ends = self.wait_committed_to_end("e2e")
        self.assertEqual(sum(ends.values()), 10000)

        # Every enriched record: keyed by id, provenance points at its input.
        outputs = self.out.snapshot()
        ids = ids_in(outputs)
        self.assertEqual(set(ids), stream.good_ids)
        duplicates = len(ids) - len(set(ids))
        self.assertEqual(duplicates, 0, "no restart happened, so no duplicates")
        for m in outputs[:200]:
            record = json.loads(m.value())
            self.assertEqual(m.key().decode(), record["id"])
            self.assertEqual(record["provenance"]["topic"], INPUT)
            self.assertEqual(headers_of(m)["newsflow.source.offset"],
                             str(record["provenance"]["offset"]))
            self.assertIn("\n\n", record["text"])
            self.assertNotIn("  ", record["text"])
            self.assertEqual(record["extra"], {"section": "business"})
            self.assertGreater(record["word_count"], 10)

        # Order: within each output partition, records of one input partition
        # appear in input-offset order.
        last = {}
        for m in outputs:
            record = json.loads(m.value())
            key = (m.partition(), record["provenance"]["partition"])
            offset = record["provenance"]["offset"]
            self.assertGreater(offset, last.get(key, -1), "order broken in %s" % (key,))
            last[key] = offset

        # Dead letters: original bytes and key, reason header per kind.
        by_key = {m.key(): m for m in self.dlq.snapshot()}
        for key, value, reason, _ in stream.bad:
            self.assertIn(key, by_key)
            m = by_key[key]
            self.assertEqual(m.value(), value)
            h = headers_of(m)
            self.assertEqual(h["newsflow.error.reason"], reason, key)
            self.assertEqual(h["newsflow.source.topic"], INPUT)
            self.assertTrue(h["newsflow.error.message"])

        # Metrics agree with what came out.
        def metrics_settled():
            m = daemon.metrics()
            return m if m and metric_sum(m, "newsflow_records_produced_total") >= 9900 else None
        m = wait_until(metrics_settled, 30, what="metrics")
        self.assertEqual(metric_sum(m, "newsflow_records_consumed_total"), 10000)
        self.assertEqual(metric_sum(m, "newsflow_records_produced_total"), 9900)
        self.assertEqual(metric_sum(m, "newsflow_records_dead_lettered_total"), 100)
        expected = collections.Counter(r for _, _, r, _ in stream.bad)
        for reason, count in expected.items():
            self.assertEqual(metric_sum(m, "newsflow_records_dead_lettered_total", reason=reason),
                             count, reason)
        self.assertEqual(metric_sum(m, "newsflow_in_flight_records"), 0)
        self.assertGreater(metric_sum(m, "newsflow_consume_to_ack_seconds_count"), 0)
        self.assertEqual(daemon.get("/readyz")[0], 200)

        # Lag and committed offsets per assigned partition (from librdkafka
        # statistics, every second here): every partition caught up.
        def lag_settled():
            m = daemon.metrics() or {}
            lags = {dict(ls)["partition"]: v for (n, ls), v in m.items()
                    if n == "newsflow_consumer_lag_records"}
            committed = {dict(ls)["partition"]: v for (n, ls), v in m.items()
                         if n == "newsflow_committed_offset"}
            ok = (len(lags) == self.PARTITIONS and all(v == 0 for v in lags.values())
                  and sum(committed.values()) == 10000)
            return (lags, committed) if ok else None
        wait_until(lag_settled, 30, what="lag 0 and committed offsets in /metrics")

        self.assertEqual(daemon.terminate(), 0)

    def test_oversized_records_are_dead_lettered_and_truncated_only_beyond_the_producer_limit(self):
        self.start_broker()
        self.start_daemon(group="big", extra_args=["--set", "limits.max_record_bytes=100000"])
        body = "word " * 60000  # 300 KB: over newsflow's limit, under Kafka's
        medium = json.dumps({"id": "medium", "body": body}).encode()
        huge = json.dumps({"id": "huge", "body": body * 5}).encode()  # 1.5 MB: over Kafka's 1 MB
        small = json.dumps({"id": "small", "body": "fine"}).encode()
        produce(self.broker.bootstrap, [(b"medium", medium), (b"huge", huge), (b"small", small)])
        wait_until(lambda: self.dlq.count() >= 2 and self.out.count() >= 1, 60,
                   what="two dead letters and one record")
        dead = {m.key(): m for m in self.dlq.snapshot()}
        self.assertEqual(headers_of(dead[b"medium"])["newsflow.error.reason"], "too_large")
        self.assertEqual(dead[b"medium"].value(), medium, "kept whole when Kafka accepts it")
        h = headers_of(dead[b"huge"])
        self.assertEqual(h["newsflow.error.reason"], "too_large")
        self.assertEqual(h["newsflow.error.value_truncated_from"], str(len(huge)))
        self.assertEqual(dead[b"huge"].value(), huge[:512 * 1024])
        self.assertEqual(ids_in(self.out.snapshot()), ["small"])


if __name__ == "__main__":
    unittest.main()
