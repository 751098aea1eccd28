"""Two daemons in one consumer group split the partitions and together
publish every id."""
import threading
import unittest

from harness import PipelineTestCase, Stream, ids_in, metric_sum, produce, wait_until


class ConsumerGroupTest(PipelineTestCase, unittest.TestCase):

    def test_two_daemons_split_partitions_and_output_every_id(self):
        self.start_broker()
        a = self.start_daemon(group="pair", workers=1, name="a")
        b = self.start_daemon(group="pair", workers=1, name="b")

        def split():
            ma, mb = a.metrics(), b.metrics()
            if not ma or not mb:
                return None
            pa = metric_sum(ma, "newsflow_assigned_partitions")
            pb = metric_sum(mb, "newsflow_assigned_partitions")
            return (pa, pb) if pa > 0 and pb > 0 and pa + pb == self.PARTITIONS else None
        pa, pb = wait_until(split, 60, what="both daemons assigned")
        stream = Stream(4000, bad_every=100)
        produce(self.broker.bootstrap, stream.kv(), rate=3000)
        self.wait_all_output(stream)
        self.wait_committed_to_end("pair")
        ids = ids_in(self.out.snapshot())
        self.assertEqual(set(ids), stream.good_ids)
        ca = metric_sum(a.metrics(), "newsflow_records_consumed_total")
        cb = metric_sum(b.metrics(), "newsflow_records_consumed_total")
        self.assertGreater(ca, 0)
        self.assertGreater(cb, 0)
        self.assertEqual(ca + cb, 4000, "each record consumed by exactly one member")
        print("\nconsumer group: partitions %d + %d, records %d + %d" % (pa, pb, ca, cb))
        self.assertEqual(a.terminate(), 0)
        self.assertEqual(b.terminate(), 0)


    def test_members_joining_and_leaving_mid_stream_lose_nothing(self):
        self.start_broker()
        a = self.start_daemon(group="churn", workers=2, name="a")
        stream = Stream(9000, bad_every=100)
        feeder = threading.Thread(target=produce, args=(self.broker.bootstrap, stream.kv()),
                                  kwargs={"rate": 1000})
        feeder.start()
        wait_until(lambda: self.out.count() > 1500, 60, what="output from a")
        # A second member joins mid-stream: cooperative rebalance moves
        # partitions from a to b while records flow.
        b = self.start_daemon(group="churn", workers=2, name="b")
        wait_until(lambda: metric_sum(b.metrics() or {}, "newsflow_records_consumed_total") > 0,
                   60, what="b consuming")
        # Then the first one leaves mid-stream (SIGTERM: revoke, commit, leave).
        self.assertEqual(a.terminate(), 0)
        feeder.join()
        self.wait_all_output(stream)
        self.wait_committed_to_end("churn")
        ids = ids_in(self.out.snapshot())
        self.assertEqual(set(ids), stream.good_ids)
        duplicates = len(ids) - len(set(ids))
        print("\nrebalances mid-stream: %d duplicates among %d records" % (duplicates, len(ids)))
        # Revoked partitions are committed before they move: at most what was
        # in flight at each revoke may come again.
        self.assertLess(duplicates, 300)
        self.assertEqual(b.terminate(), 0)


if __name__ == "__main__":
    unittest.main()
