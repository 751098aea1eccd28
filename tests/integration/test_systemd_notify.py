"""sd_notify under a Type=notify unit, simulated: the daemon gets
NOTIFY_SOCKET pointing at a unix datagram socket this test owns (as systemd
would), and the test checks READY=1 after the group join, WATCHDOG=1 pings
every half of WATCHDOG_USEC, STOPPING=1 on SIGTERM; and no READY=1 while the
brokers are unreachable."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

from harness import Daemon, PipelineTestCase, free_port, wait_until


class NotifySocket:
    """Collects every datagram sent to a fresh unix socket, with arrival times."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="nf-notify-")
        self.path = os.path.join(self.dir, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages = []  # (monotonic time, text)
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.messages.append((time.monotonic(), data.decode()))

    def snapshot(self):
        with self.lock:
            return list(self.messages)

    def first(self, field):
        """Arrival time of the first message with `field` (e.g. READY=1)."""
        for t, text in self.snapshot():
            if field in text.split("\n"):
                return t
        return None

    def times(self, field):
        return [t for t, text in self.snapshot() if field in text.split("\n")]

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class SystemdNotifyTest(PipelineTestCase, unittest.TestCase):
    PARTITIONS = 4

    def notify_socket(self):
        n = NotifySocket()
        self.addCleanup(n.close)
        return n

    def test_ready_after_group_join_watchdog_pings_and_stopping_on_sigterm(self):
        self.start_broker()
        notify = self.notify_socket()
        started = time.monotonic()
        d = self.start_daemon(group="notify", workers=1,
                              env={"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"})
        ready_at = wait_until(lambda: notify.first("READY=1"), 60, what="READY=1")
        logs = d.logs()
        self.assertIn("joined group", logs, "READY=1 before the consumer joined its group")
        self.assertEqual(d.get("/readyz")[0], 200, "READY=1 while /readyz fails")
        self.assertGreater(ready_at, started)
        # Watchdog: every 0.5 s (half of 1 s); look at 3 s of pings.
        time.sleep(3)
        pings = notify.times("WATCHDOG=1")
        recent = [t for t in pings if t > time.monotonic() - 3]
        self.assertGreaterEqual(len(recent), 4, "WATCHDOG=1 pings: %d in 3 s" % len(recent))
        gaps = [b - a for a, b in zip(recent, recent[1:])]
        self.assertLess(max(gaps), 0.9, "a watchdog gap close to WATCHDOG_USEC: %s" % gaps)
        self.assertEqual(len(notify.times("READY=1")), 1, "READY=1 is sent once")
        self.assertIsNone(notify.first("STOPPING=1"))
        sigterm_at = time.monotonic()
        self.assertEqual(d.terminate(), 0, d.logs()[-2000:])
        stopping_at = notify.first("STOPPING=1")
        self.assertIsNotNone(stopping_at, "no STOPPING=1 after SIGTERM")
        self.assertGreaterEqual(stopping_at, sigterm_at)
        statuses = [text for _, text in notify.snapshot() if "STATUS=stopping: SIGTERM" in text]
        self.assertTrue(statuses, notify.snapshot()[-5:])

    def test_no_watchdog_pings_without_watchdog_usec(self):
        self.start_broker()
        notify = self.notify_socket()
        d = self.start_daemon(group="notify-nowd", workers=1,
                              env={"NOTIFY_SOCKET": notify.path})
        wait_until(lambda: notify.first("READY=1"), 60, what="READY=1")
        time.sleep(1.5)
        self.assertEqual(notify.times("WATCHDOG=1"), [])
        self.assertEqual(d.terminate(), 0)

    def test_no_ready_while_brokers_are_unreachable(self):
        notify = self.notify_socket()
        dead = "127.0.0.1:%d" % free_port()  # nothing listens there
        d = Daemon(dead, group="notify-dead", workers=1,
                   env={"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"})
        self.addCleanup(d.stop)
        d.wait_healthy()
        time.sleep(5)
        self.assertIsNone(notify.first("READY=1"), notify.snapshot())
        waiting = [text for _, text in notify.snapshot() if text.startswith("STATUS=waiting: ")]
        self.assertTrue(waiting, "no STATUS=waiting line: %s" % notify.snapshot())
        self.assertGreaterEqual(len(notify.times("WATCHDOG=1")), 5)
        d.proc.send_signal(signal.SIGTERM)
        d.proc.wait(60)
        self.assertIsNotNone(notify.first("STOPPING=1"))


if __name__ == "__main__":
    unittest.main()
