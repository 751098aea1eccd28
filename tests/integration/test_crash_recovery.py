"""kill -9 of the daemon mid-stream, then a restart: nothing is lost.
Duplicates are allowed (at-least-once), counted and reported."""
import threading
import unittest

from harness import PipelineTestCase, Stream, ids_in, metric_sum, produce, wait_until


class CrashRecoveryTest(PipelineTestCase, unittest.TestCase):

    def test_kill_9_mid_stream_then_restart_loses_nothing(self):
        self.start_broker()
        first = self.start_daemon(group="crash", workers=2)
        stream = Stream(6000, bad_every=200)
        wait_until(lambda: metric_sum(first.metrics() or {}, "newsflow_assigned_partitions")
                   == self.PARTITIONS, 60, what="partitions assigned")
        # Produce the first half steadily in the background and kill the
        # daemon while it is busy with it, a few commit intervals in.
        feeder = threading.Thread(target=produce, args=(self.broker.bootstrap, stream.kv(0, 3000)),
                                  kwargs={"rate": 500})
        feeder.start()
        wait_until(lambda: self.out.count() > 1000, 60, what="some output")
        first.kill9()
        produced_before_kill = self.out.count()
        feeder.join()
        self.assertLess(produced_before_kill, 3000 - 15, "killed mid-stream, not after")
        produce(self.broker.bootstrap, stream.kv(3000), rate=3000)
        second = self.start_daemon(group="crash", workers=2, name="restarted")
        self.wait_all_output(stream)
        self.wait_committed_to_end("crash")
        ids = ids_in(self.out.snapshot())
        self.assertEqual(set(ids), stream.good_ids)
        duplicates = len(ids) - len(set(ids))
        print("\ncrash recovery: %d enriched records, %d duplicates after kill -9 "
              "(at-least-once window)" % (len(ids), duplicates))
        # Offsets were committed while it ran: only the commit window (about
        # commit_interval_ms of records plus those in flight) comes again.
        self.assertLess(duplicates, produced_before_kill / 2,
                        "most of what was published before the kill had been committed")
        self.assertEqual(second.terminate(), 0)


if __name__ == "__main__":
    unittest.main()
