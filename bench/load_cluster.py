"""The servers under load: one worker, or two rillet workers behind nginx with Redis.

The two-worker setup is docs/deploy.md's recipe: its nginx configuration (read from the page,
with this run's ports and private paths), ``redis-server`` as the session store, and one
shared session secret. nginx and Redis run in process groups of their own and are stopped
with the workers; their CPU and memory are reported apart from the workers'.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil
from servers import HOST, Framework, Server, ServerError, free_port

ROOT = Path(__file__).resolve().parent.parent


def _worker_connections() -> int:
    """deploy.md's nginx `worker_connections` (a proxied websocket takes two), for the
    report; nginx's default 512 when the page sets none."""
    page = (ROOT / "docs" / "deploy.md").read_text()
    found = re.search(r"worker_connections\s+(\d+);", page)
    return int(found.group(1)) if found else 512


WORKER_CONNECTIONS = _worker_connections()


class Helper:
    """A helper process (nginx, redis-server) in its own process group."""

    def __init__(self, name: str, command: list[str], log: Path) -> None:
        self.name = name
        self._log = open(log, "wb")  # closed in stop()
        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.ps = psutil.Process(self.proc.pid)

    def processes(self) -> list[psutil.Process]:
        try:
            return [self.ps, *self.ps.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()


def wait_port(port: int, helper: Helper, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if helper.proc.poll() is not None:
            raise ServerError(f"{helper.name} exited with {helper.proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise ServerError(f"{helper.name} did not listen on {port} within {timeout:.0f} s")


def nginx_config(folder: Path, listen: int, ports: list[int]) -> Path:
    """docs/deploy.md's nginx configuration with this run's ports and paths."""
    page = (ROOT / "docs" / "deploy.md").read_text()
    found = re.search(r"```nginx\n(.*?)```", page, re.S)
    if found is None:
        raise ServerError("docs/deploy.md has no nginx configuration")
    text = found.group(1)
    text = text.replace("listen 8080;", f"listen {HOST}:{listen};")
    text = text.replace("127.0.0.1:8501", f"{HOST}:{ports[0]}")
    text = text.replace("127.0.0.1:8502", f"{HOST}:{ports[1]}")
    private = "".join(
        f"    {name}_temp_path {folder / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = text.replace("http {\n", f"http {{\n    access_log off;\n{private}", 1)
    path = folder / "nginx.conf"
    path.write_text(text)
    return path


def set_switch_interval(folder: Path, milliseconds: float) -> None:
    """Make the workers started next use this GIL switch interval (a what-if: the event loop
    waits up to one interval for the interpreter lock whenever a run holds it)."""
    site = folder / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(
        f"import sys\nsys.setswitchinterval({milliseconds / 1000!r})\n"
    )
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p
    )


class Cluster:
    """The workers a run talks to, and the address its tabs connect to."""

    def __init__(
        self,
        framework: Framework,
        app: Path,
        folder: Path,
        workers: int,
        switch_interval_ms: float | None = None,
    ) -> None:
        self.framework = framework
        self.helpers: list[Helper] = []
        self.workers: list[Server] = []
        folder.mkdir(parents=True, exist_ok=True)
        saved = dict(os.environ)
        try:
            if workers > 1:
                self._start_redis(folder)
            if switch_interval_ms is not None:
                set_switch_interval(folder, switch_interval_ms)
            for i in range(workers):
                self.workers.append(Server(framework, app, folder / f"worker{i}.log", folder))
            for worker in self.workers:
                worker.wait_ready()
            self.port = self.workers[0].port
            if workers > 1:
                self._start_nginx(folder)
        except BaseException:
            self.stop()
            raise
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def _start_redis(self, folder: Path) -> None:
        port = free_port()
        redis = Helper(
            "redis-server",
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
            ],
            folder / "redis.log",
        )
        self.helpers.append(redis)
        wait_port(port, redis)
        url = f"redis://{HOST}:{port}/0"
        # Server() passes its environment on: the recipe's shared secret and stores.
        os.environ["RILLET_SESSION_SECRET"] = secrets.token_urlsafe(32)
        os.environ["RILLET_SESSION_STORE"] = url
        os.environ["RILLET_CACHE_REDIS_URL"] = url

    def _start_nginx(self, folder: Path) -> None:
        self.port = free_port()
        conf = nginx_config(folder, self.port, [w.port for w in self.workers])
        nginx = Helper(
            "nginx",
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-p",
                str(folder),
                "-c",
                str(conf),
                "-e",
                str(folder / "nginx-error.log"),
                "-g",
                f"daemon off; pid {folder / 'nginx.pid'};",
            ],
            folder / "nginx.log",
        )
        self.helpers.append(nginx)
        wait_port(self.port, nginx)

    @property
    def ws_path(self) -> str:
        return "/_rillet/ws" if self.framework.name == "rillet" else "/_stcore/stream"

    def url(self, port: int | None = None) -> str:
        return f"ws://{HOST}:{port or self.port}{self.ws_path}"

    def origin(self, port: int | None = None) -> str:
        return f"http://{HOST}:{port or self.port}"

    def worker_cpu(self) -> float:
        return sum(w.cpu_seconds() for w in self.workers)

    def worker_rss(self) -> int:
        return sum(w.rss_bytes() for w in self.workers)

    def helper_cpu(self) -> float:
        total = 0.0
        for helper in self.helpers:
            for p in helper.processes():
                with contextlib.suppress(psutil.NoSuchProcess):
                    t = p.cpu_times()
                    total += t.user + t.system
        return total

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        for helper in self.helpers:
            helper.stop()
