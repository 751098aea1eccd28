"""When the output is down, the daemon pauses its input at the in-flight
bound (memory stays bounded), keeps serving the group, and resumes and
finishes once the output is back."""
import unittest

from harness import (PipelineTestCase, Stream, ids_in, metric_sum, produce, wait_until)


class BackpressureTest(PipelineTestCase, unittest.TestCase):

    def test_output_outage_pauses_input_within_bounds_then_recovers(self):
        self.start_broker()
        bound = 100
        daemon = self.start_daemon(group="bp", workers=2, extra_args=[
            "--set", "pipeline.max_in_flight_records=%d" % bound])
        # Every produce request fails (retriable) until the errors are cleared.
        for _ in range(25):
            reply = self.broker.command(
                "request-errors Produce " + ",".join(["NOT_ENOUGH_REPLICAS"] * 200))
            self.assertTrue(reply.startswith("OK"), reply)
        stream = Stream(3000, bad_every=0)
        produce(self.broker.bootstrap, stream.kv(), rate=5000)

        peak = {"in_flight": 0}

        def paused():
            m = daemon.metrics() or {}
            peak["in_flight"] = max(peak["in_flight"], metric_sum(m, "newsflow_in_flight_records"))
            return metric_sum(m, "newsflow_paused_partitions") > 0
        wait_until(paused, 60, what="input paused")
        for _ in range(20):  # sample while the outage lasts
            paused()
        self.assertLessEqual(peak["in_flight"], bound + 5, "in-flight stays near its bound")
        self.assertEqual(daemon.get("/healthz")[0], 200, "alive while paused")
        self.assertLess(self.out.count(), 3000)

        self.broker.command("clear-request-errors Produce")
        self.wait_all_output(stream)
        self.wait_committed_to_end("bp")
        m = wait_until(lambda: (lambda m: m if m and metric_sum(
            m, "newsflow_paused_partitions") == 0 else None)(daemon.metrics()), 30,
            what="resumed")
        # The group was served throughout: no partition was lost or moved.
        self.assertEqual(metric_sum(m, "newsflow_rebalances_total", event="lost"), 0)
        self.assertEqual(metric_sum(m, "newsflow_rebalances_total", event="revoke"), 0)
        self.assertEqual(metric_sum(m, "newsflow_assigned_partitions"), self.PARTITIONS)
        self.assertEqual(set(ids_in(self.out.snapshot())), stream.good_ids)


if __name__ == "__main__":
    unittest.main()
