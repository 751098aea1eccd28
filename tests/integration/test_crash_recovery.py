"""kill -9 of the daemon mid-stream, then a restart: nothing is lost.
Duplicates are allowed (at-least-once), counted and reported."""
import json
import time
import unittest

from harness import PipelineTestCase, Stream, ids_in, produce, wait_until


class CrashRecoveryTest(PipelineTestCase, unittest.TestCase):

    def test_kill_9_mid_stream_then_restart_loses_nothing(self):
        self.start_broker()
        first = self.start_daemon(group="crash", workers=2)
        stream = Stream(6000, bad_every=200)
        produce(self.broker.bootstrap, stream.kv(0, 3000), rate=3000)
        # Kill while records are in flight, some output not yet committed.
        wait_until(lambda: self.out.count() > 500, 60, what="some output")
        first.kill9()
        produced_before_restart = self.out.count()
        self.assertLess(produced_before_restart, 3000 - 15, "killed mid-stream, not after")
        produce(self.broker.bootstrap, stream.kv(3000), rate=3000)
        second = self.start_daemon(group="crash", workers=2, name="restarted")
        self.wait_all_output(stream)
        self.wait_committed_to_end("crash")
        ids = ids_in(self.out.snapshot())
        self.assertEqual(set(ids), stream.good_ids)
        duplicates = len(ids) - len(set(ids))
        print("\ncrash recovery: %d enriched records, %d duplicates after kill -9 "
              "(at-least-once window)" % (len(ids), duplicates))
        self.assertEqual(second.terminate(), 0)


if __name__ == "__main__":
    unittest.main()
