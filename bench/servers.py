"""Start, watch and stop the app servers under test, each as its own process on 127.0.0.1.

A server runs in its own process group so it can be stopped with everything it spawned, and
only that: the group id is the pid this module started. Every live server is also stopped at
exit and by `stop_all` (called from the SIGTERM handler), and on Linux the kernel sends it
SIGTERM if this process dies without cleaning up.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import psutil

HOST = "127.0.0.1"

# The environment may name an HTTP proxy; the health poll must talk to the loopback only.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


_LIVE: set[Server] = set()
_PR_SET_PDEATHSIG = 1


def stop_all() -> None:
    """Stop every server this process started and has not stopped yet."""
    for server in list(_LIVE):
        server.stop()


atexit.register(stop_all)


def _die_with_parent() -> None:
    """Runs in the child before exec: ask Linux for SIGTERM when the benchmark dies."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the atexit hook and the SIGTERM handler still stop the server


@dataclass(frozen=True)
class Framework:
    """How to serve the benchmark app with one framework."""

    name: str  # the module name, also the value of BENCH_FRAMEWORK
    title: str  # as printed in the tables
    health_path: str

    def command(self, app: Path, port: int) -> list[str]:
        """The command line that serves ``app`` on ``HOST:port`` without opening a browser."""
        if self.name == "rillet":
            # Options before the script: the first `rillet run` passed whatever followed the
            # script to the script as its sys.argv, so this order works with every version.
            return [sys.executable, "-m", "rillet", "run", "--headless", "--no-watch",
                    "--host", HOST, "--port", str(port), str(app)]
        return [sys.executable, "-m", "streamlit", "run", str(app),
                "--server.headless", "true", "--server.port", str(port),
                "--server.address", HOST, "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none", "--server.runOnSave", "false"]


RILLET = Framework("rillet", "rillet", "/_rillet/health")
STREAMLIT = Framework("streamlit", "Streamlit", "/_stcore/health")
FRAMEWORKS = {f.name: f for f in (RILLET, STREAMLIT)}


def free_port() -> int:
    """A port on the loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class ServerError(RuntimeError):
    """The server exited or never answered; the message carries the end of its log."""


class Server:
    """One server process: spawned on construction, stopped by `stop` (idempotent)."""

    def __init__(self, framework: Framework, app: Path, log_path: Path, home: Path) -> None:
        self.framework = framework
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}/"
        self.log_path = log_path
        env = {**os.environ, "BENCH_FRAMEWORK": framework.name, "HOME": str(home),
               "PYTHONUNBUFFERED": "1"}
        self._log: IO[bytes] = open(log_path, "wb")  # closed in stop()
        self.started_at = time.perf_counter()
        self.started_epoch = time.time()  # the page's clock (performance.timeOrigin) is epoch
        self.proc = subprocess.Popen(
            framework.command(app, self.port),
            cwd=app.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        _LIVE.add(self)
        self.ps = psutil.Process(self.proc.pid)

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Poll the health route until it answers; return perf_counter() at that moment."""
        deadline = time.perf_counter() + timeout
        url = self.url.rstrip("/") + self.framework.health_path
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(f"{self.framework.title} exited with {self.proc.returncode}:\n"
                                  f"{self.log_tail()}")
            try:
                with _NO_PROXY.open(url, timeout=1.0) as response:
                    if response.status == 200:
                        return time.perf_counter()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.02)
        raise ServerError(f"{self.framework.title} did not answer {url} within {timeout:.0f} s:\n"
                          f"{self.log_tail()}")

    def processes(self) -> list[psutil.Process]:
        """The server process and every process it started, as they are now."""
        try:
            return [self.ps, *self.ps.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the server and its children."""
        total = 0.0
        for p in self.processes():
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return total

    def rss_bytes(self) -> int:
        """Resident memory of the server and its children."""
        total = 0
        for p in self.processes():
            try:
                total += p.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total

    def log_tail(self, lines: int = 20) -> str:
        self._log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM the server's process group, then SIGKILL what is left after 10 s."""
        # Once the leader has been reaped its pid may be reused: signal only a live group.
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        _LIVE.discard(self)
        if not self._log.closed:
            self._log.close()
