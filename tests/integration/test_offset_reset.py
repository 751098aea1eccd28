"""Records deleted by the broker before newsflow read them (retention) are
data loss: newsflow must say so in its log and metrics, not skip silently.
The dev broker keeps only the last few MB of a partition, so writing ~10 MB
while the daemon is stopped pushes its committed offset out of range."""
import json
import unittest
import uuid

from confluent_kafka import Consumer, TopicPartition

from harness import INPUT, PipelineTestCase, metric_sum, produce, wait_until


class OffsetResetTest(PipelineTestCase, unittest.TestCase):

    def test_records_lost_to_retention_are_counted_and_logged_as_data_loss(self):
        self.start_broker()
        first = self.start_daemon(group="reset", name="first")
        small = [(b"k%d" % i, json.dumps({"id": "s%d" % i, "body": "text %d" % i}).encode())
                 for i in range(50)]
        produce(self.broker.bootstrap, small, partition=0)
        wait_until(lambda: metric_sum(first.metrics() or {}, "newsflow_committed_offset",
                                      partition=0) == 50, 60, what="offset 50 committed")
        self.assertEqual(first.terminate(), 0)

        body = "x" * 2000
        big = [(b"b%d" % i, json.dumps({"id": "b%d" % i, "body": body}).encode())
               for i in range(5000)]
        produce(self.broker.bootstrap, big, partition=0)
        c = Consumer({"bootstrap.servers": self.broker.bootstrap,
                      "group.id": "probe-" + uuid.uuid4().hex})
        low, high = c.get_watermark_offsets(TopicPartition(INPUT, 0), timeout=10)
        c.close()
        self.assertGreater(low, 50, "the broker must have dropped the committed position")

        second = self.start_daemon(group="reset", name="second")
        m = wait_until(lambda: (lambda m: m if metric_sum(
            m, "newsflow_offset_resets_total") >= 1 else None)(second.metrics() or {}), 60,
            what="offset reset counted")
        wait_until(lambda: metric_sum(second.metrics() or {},
                                      "newsflow_offset_reset_skipped_records_total") > 0,
                   60, what="skipped records counted")
        skipped = metric_sum(second.metrics(), "newsflow_offset_reset_skipped_records_total")
        # librdkafka resets to the earliest offset it finds at that moment.
        self.assertGreaterEqual(skipped, low - 50)
        self.assertLessEqual(skipped, high - 50)
        self.assertIn("DATA LOSS", second.logs())
        self.assertEqual(second.terminate(), 0)


if __name__ == "__main__":
    unittest.main()
