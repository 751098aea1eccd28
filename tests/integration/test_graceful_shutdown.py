"""SIGTERM mid-stream drains, commits, leaves the group and exits 0; a
restarted daemon finishes the stream and nothing is lost."""
import unittest

from harness import PipelineTestCase, Stream, ids_in, produce, wait_until


class GracefulShutdownTest(PipelineTestCase, unittest.TestCase):

    def test_sigterm_mid_stream_drains_commits_and_loses_nothing(self):
        self.start_broker()
        first = self.start_daemon(group="term", workers=2)
        stream = Stream(6000, bad_every=150)
        produce(self.broker.bootstrap, stream.kv(0, 3000), rate=3000)
        wait_until(lambda: self.out.count() > 500, 60, what="some output")
        self.assertEqual(first.terminate(), 0, first.logs()[-3000:])
        logs = first.logs()
        self.assertIn("left the group", logs)
        produce(self.broker.bootstrap, stream.kv(3000), rate=3000)
        second = self.start_daemon(group="term", workers=2, name="restarted")
        self.wait_all_output(stream)
        self.wait_committed_to_end("term")
        ids = ids_in(self.out.snapshot())
        self.assertEqual(set(ids), stream.good_ids)
        duplicates = len(ids) - len(set(ids))
        print("\ngraceful shutdown: %d duplicates after SIGTERM + restart" % duplicates)
        self.assertEqual(duplicates, 0, "a drained shutdown commits everything it published")
        self.assertEqual(second.terminate(), 0)

    def test_second_signal_forces_exit(self):
        self.start_broker()
        d = self.start_daemon(group="force", workers=1,
                              extra_args=["--set", "shutdown.drain_timeout_ms=60000"])
        # Stop the output so the drain has to wait, then signal twice.
        for _ in range(10):
            self.broker.command("request-errors Produce " + ",".join(["NOT_ENOUGH_REPLICAS"] * 200))
        produce(self.broker.bootstrap, Stream(200, bad_every=0).kv(), rate=2000)
        wait_until(lambda: (d.metrics() or {}).get(("newsflow_in_flight_records", frozenset()), 0) > 0,
                   30, what="records in flight")
        import signal
        d.proc.send_signal(signal.SIGTERM)
        wait_until(lambda: "draining" in d.logs(), 10, what="drain start")
        d.proc.send_signal(signal.SIGTERM)
        self.assertEqual(d.proc.wait(15), 4)


if __name__ == "__main__":
    unittest.main()
