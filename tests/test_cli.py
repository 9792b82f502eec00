"""The `rillet` command: clear one-line errors, version, and serving a script."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx

from tests.conftest import free_port, run_async, write_script

RILLET = [sys.executable, "-m", "rillet"]


def run_cli(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*RILLET, *args], capture_output=True, text=True, timeout=timeout)


def test_version() -> None:
    out = run_cli("version")
    assert out.returncode == 0 and out.stdout.startswith("rillet ")


def test_missing_script_is_one_clear_line() -> None:
    out = run_cli("run", "/nonexistent/app.py", "--headless")
    assert out.returncode != 0
    assert out.stderr.strip() == "rillet: error: file not found: /nonexistent/app.py"


def test_directory_instead_of_script() -> None:
    out = run_cli("run", os.path.dirname(__file__), "--headless")
    assert out.returncode != 0 and "is a directory" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_port_in_use_is_one_clear_line() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        out = run_cli(
            "run", write_script("import rillet as st\n"), "--headless", "--port", str(port)
        )
    assert out.returncode != 0
    assert (
        out.stderr.strip()
        == f"rillet: error: port {port} on 127.0.0.1 is already in use; pick another with --port"
    )


def _serve(script: str, *extra: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    proc = subprocess.Popen(
        [*RILLET, "run", script, "--headless", "--no-watch", "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/_rillet/health").text == "ok":
                return proc, port
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise AssertionError(proc.communicate()[1])


def test_syntax_error_is_reported_in_one_line_and_server_still_runs() -> None:
    proc, port = _serve(write_script("import rillet as st\nst.text('a'\n"))
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    lines = [line for line in err.splitlines() if "SyntaxError" in line]
    assert len(lines) == 1 and "app.py line 2" in lines[0]


def test_serves_prints_url_and_stops_cleanly_on_ctrl_c() -> None:
    proc, port = _serve(write_script("import rillet as st\nst.text('hi')\n"))
    proc.send_signal(2)  # SIGINT, as Ctrl-C
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert f"URL: http://localhost:{port}" in out
    assert "Traceback" not in err


def test_script_args_after_double_dash_reach_sys_argv() -> None:
    script = write_script(
        "import sys, pathlib, rillet as st\n"
        "pathlib.Path(__file__).with_name('argv.txt').write_text(repr(sys.argv[1:]))\n"
    )
    proc, port = _serve(script, "--", "--flag", "value")
    try:
        import asyncio
        import json

        import websockets

        async def first_run() -> None:
            url = f"ws://127.0.0.1:{port}/_rillet/ws"
            async with websockets.connect(url) as ws:
                await ws.send(json.dumps({"type": "hello", "version": 1}))
                while not any(m["type"] == "run_finished" for m in json.loads(await ws.recv())):
                    pass

        run_async(asyncio.wait_for(first_run(), 10))
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    argv_file = os.path.join(os.path.dirname(script), "argv.txt")
    with open(argv_file) as f:
        assert f.read() == "['--flag', 'value']"


def test_streamlit_compat_makes_import_streamlit_give_rillet() -> None:
    script = write_script(
        "import pathlib\n"
        "import streamlit as st\n"
        "import streamlit.components.v1 as components\n"
        "pathlib.Path(__file__).with_name('compat.txt').write_text(\n"
        "    f'{st.__name__} {components.__name__}')\n"
    )
    proc, port = _serve(script, "--streamlit-compat")
    try:
        import asyncio
        import json

        import websockets

        async def first_run() -> None:
            url = f"ws://127.0.0.1:{port}/_rillet/ws"
            async with websockets.connect(url) as ws:
                await ws.send(json.dumps({"type": "hello", "version": 1}))
                while not any(m["type"] == "run_finished" for m in json.loads(await ws.recv())):
                    pass

        run_async(asyncio.wait_for(first_run(), 10))
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    with open(os.path.join(os.path.dirname(script), "compat.txt")) as f:
        assert f.read() == "rillet rillet.components.v1"


def test_websocket_compression_is_off_unless_asked_for() -> None:
    """As Streamlit's server.enableWebsocketCompression: a compressing socket holds zlib state
    for as long as the tab is open, so it is opt-in."""
    import asyncio

    import websockets

    async def negotiated(port: int) -> str | None:
        # The client offers permessage-deflate by default; the answer says what was agreed.
        async with websockets.connect(f"ws://127.0.0.1:{port}/_rillet/ws") as ws:
            assert ws.response is not None
            return ws.response.headers.get("Sec-WebSocket-Extensions")

    script = write_script("import rillet as st\nst.text('hi')\n")
    for extra, expected in (((), False), (("--websocket-compression",), True)):
        proc, port = _serve(script, *extra)
        try:
            extensions = run_async(asyncio.wait_for(negotiated(port), 10))
        finally:
            proc.terminate()
            proc.communicate(timeout=10)
        assert ("permessage-deflate" in (extensions or "")) is expected, extensions
