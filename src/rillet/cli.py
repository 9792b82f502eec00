"""The ``rillet`` command: run an app, the bundled demo, or print the version."""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import os
import signal
import socket
import sys
import threading
import webbrowser
from collections.abc import Awaitable, Callable, Iterator, Sequence

from rillet.config import DEFAULT_OUTBOUND_BUFFER, Config
from rillet.protocol.codec import DEFAULT_INBOUND_LIMIT, DEFAULT_NESTING_LIMIT
from rillet.version import __version__

HELLO_APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hello", "app.py")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rillet", description="Run a rillet app, the bundled demo, or manage the cache."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser(
        "run",
        help="serve a script as an app",
        usage="rillet run SCRIPT [options] [-- script args]",
        epilog="Arguments after -- are passed to the script as sys.argv[1:].",
    )
    run.add_argument("script", help="the app's Python file")
    _server_options(run)
    run.add_argument(
        "--streamlit-compat",
        action="store_true",
        help="make `import streamlit` resolve to rillet inside the script",
    )
    hello = sub.add_parser("hello", help="serve the bundled demo app")
    _server_options(hello)
    sub.add_parser("version", help="print rillet's version")
    config = sub.add_parser("config", help="show configuration options")
    config.add_argument("config_command", choices=["show"], help="show: every option and its value")
    config.add_argument("script", nargs="?", help="read config files beside this script too")
    cache = sub.add_parser("cache", help="manage cached data")
    cache.add_subparsers(dest="cache_command", required=True).add_parser(
        "clear", help="empty the persist='disk' cache (and Redis, when configured)"
    )
    return parser


def _server_options(p: argparse.ArgumentParser) -> None:
    # Flags left unset (None) fall back to config files and environment variables.
    p.add_argument("--port", type=int, default=None, help="port to listen on (default 8501)")
    p.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    p.add_argument("--headless", action="store_true", default=None, help="do not open a browser")
    p.add_argument(
        "--no-watch",
        action="store_true",
        default=None,
        help="do not rerun when the script is saved",
    )
    p.add_argument(
        "--allowed-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="another origin allowed to open the websocket (repeatable)",
    )
    p.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a Host header name to accept (repeatable; e.g. the public name behind a proxy); "
        "when given, only the names listed are accepted",
    )
    p.add_argument(
        "--session-ttl",
        type=float,
        default=120.0,
        help="seconds a session survives a dropped connection (default 120)",
    )
    p.add_argument(
        "--websocket-compression",
        action="store_true",
        default=None,
        help="compress websocket frames (permessage-deflate); costs memory per open tab",
    )
    scaling = p.add_argument_group("several workers (docs/deploy.md)")
    scaling.add_argument(
        "--session-store",
        default=None,
        metavar="STORE",
        help="where sessions are snapshotted after each run: memory (default), none, or a "
        "redis:// URL shared by every worker (env RILLET_SESSION_STORE); the workers also "
        "need one RILLET_SESSION_SECRET",
    )
    scaling.add_argument(
        "--session-snapshot-ttl",
        type=_positive_float,
        default=3600.0,
        metavar="SECONDS",
        help="how long a snapshot outlives its session's last change (default 3600)",
    )
    scaling.add_argument(
        "--session-snapshot-limit",
        type=_positive_int,
        default=256 * 1024,
        metavar="BYTES",
        help="largest snapshot; past it the largest values are left out (default 262144)",
    )
    scaling.add_argument(
        "--shutdown-grace",
        type=_positive_float,
        default=5.0,
        metavar="SECONDS",
        help="on SIGTERM, how long runs may take to finish before they are interrupted (default 5)",
    )
    limits = p.add_argument_group("limits (docs/serving.md, Security)")
    limits.add_argument(
        "--inbound-limit",
        type=_positive_int,
        default=None,
        metavar="BYTES",
        help=f"largest websocket frame from a browser (default {DEFAULT_INBOUND_LIMIT})",
    )
    limits.add_argument(
        "--nesting-limit",
        type=_positive_int,
        default=DEFAULT_NESTING_LIMIT,
        metavar="LEVELS",
        help=f"deepest nesting of arrays and objects in a frame (default {DEFAULT_NESTING_LIMIT})",
    )
    limits.add_argument(
        "--outbound-buffer",
        type=_positive_int,
        default=DEFAULT_OUTBOUND_BUFFER,
        metavar="BYTES",
        help="bytes queued for a browser that stops reading before they are dropped and it "
        f"gets the current page instead (default {DEFAULT_OUTBOUND_BUFFER})",
    )
    limits.add_argument(
        "--max-upload-size",
        type=_positive_int,
        default=None,
        metavar="MB",
        help="largest file st.file_uploader accepts, in megabytes (default 200)",
    )
    limits.add_argument(
        "--run-time-limit",
        type=_positive_float,
        default=None,
        metavar="SECONDS",
        help="stop a run that takes longer, with a message in the page (default: no limit)",
    )


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text}")
    return value


def fail(message: str) -> int:
    """Print a one-line error and return the exit code."""
    print(f"rillet: error: {message}", file=sys.stderr)
    return 2


def check_script(path: str) -> str | None:
    """A one-line problem with the script, or None (a syntax error is reported, not fatal)."""
    if not os.path.exists(path):
        return f"file not found: {path}"
    if os.path.isdir(path):
        return f"{path} is a directory, not a Python script"
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror}"
    try:
        compile(source, path, "exec")
    except SyntaxError as exc:
        print(
            f"rillet: warning: {os.path.basename(path)} line {exc.lineno}: SyntaxError: {exc.msg} "
            "(shown in the page; fix and save to rerun)",
            file=sys.stderr,
        )
    return None


def port_free(host: str, port: int) -> bool:
    """True when ``host:port`` can be bound right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def _server_class() -> type:
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server, minus re-raising the stop signal after a graceful shutdown, so
        Ctrl-C and SIGTERM both end with "Stopped." and exit status 0."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            previous = {
                s: signal.signal(s, self.handle_exit) for s in (signal.SIGINT, signal.SIGTERM)
            }
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

        # Set to the app's drain: before the sockets close with "service restart" (1012,
        # which makes browsers reconnect), runs finish and every session is snapshotted.
        drain: Callable[[], Awaitable[None]] | None = None

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            if self.drain is not None and not self.force_exit:
                await self.drain()
            await super().shutdown(sockets)

    return Server


_FLAG_OPTIONS = {
    "port": "server.port",
    "host": "server.address",
    "headless": "server.headless",
    "websocket_compression": "server.enableWebsocketCompression",
    "max_upload_size": "server.maxUploadSize",
}


def load_options(
    script: str | None, args: argparse.Namespace | None, option_flags: dict[str, str]
) -> str | None:
    """Fill the option store from files, environment and flags; a one-line problem or None."""
    from rillet.runtime.options import STORE, ConfigFileError

    flags: dict[str, object] = dict(option_flags)
    if args is not None:
        for attr, key in _FLAG_OPTIONS.items():
            value = getattr(args, attr, None)
            if value is not None:
                flags[key] = value
        if getattr(args, "no_watch", None):
            flags["server.runOnSave"] = False
    folder = os.path.dirname(os.path.abspath(script)) if script else None
    try:
        STORE.load(folder, flags)
    except ConfigFileError as exc:
        return f"malformed config file {exc}"
    except ValueError as exc:
        return f"bad config value: {exc}"
    return None


def serve(
    script: str,
    args: argparse.Namespace,
    script_args: Sequence[str] = (),
    option_flags: dict[str, str] | None = None,
) -> int:
    """Serve ``script`` until Ctrl-C."""
    problem = check_script(script)
    if problem:
        return fail(problem)
    problem = load_options(script, args, option_flags or {})
    if problem:
        return fail(problem)
    from rillet.runtime.options import STORE

    host, port = STORE.get("server.address"), STORE.get("server.port")
    headless = STORE.get("server.headless")
    try:
        if not port_free(host, port):
            return fail(f"port {port} on {host} is already in use; pick another with --port")
    except OSError as exc:
        return fail(f"cannot listen on {host}:{port}: {exc.strerror}")
    from rillet.startup import pause_gc, start_preload

    script = os.path.abspath(script)
    sys.path.insert(0, os.path.dirname(script))
    sys.argv = [script, *script_args]
    if getattr(args, "streamlit_compat", False):
        from rillet import compat

        compat.install()  # before the preload, which would otherwise import the real package
    pause_gc()  # until the script's imports are preloaded (rillet/startup.py)
    start_preload(script)  # while the server's own modules load
    import uvicorn

    from rillet.server import create_app
    from rillet.server.app import websocket_protocol

    _Server = _server_class()

    inbound = args.inbound_limit or STORE.get("server.maxMessageSize") * 1024 * 1024
    config = Config(
        host=host,
        port=port,
        headless=headless,
        watch=STORE.get("server.runOnSave"),
        allowed_origins=list(args.allowed_origin),
        session_ttl=args.session_ttl,
        websocket_compression=STORE.get("server.enableWebsocketCompression"),
        streamlit_compat=getattr(args, "streamlit_compat", False),
        inbound_limit=inbound,
        nesting_limit=args.nesting_limit,
        outbound_buffer=args.outbound_buffer,
        max_upload_size=STORE.get("server.maxUploadSize"),
        run_time_limit=args.run_time_limit,
        magic=STORE.get("runner.magicEnabled"),
        base_url_path=STORE.get("server.baseUrlPath"),
        session_snapshot_ttl=args.session_snapshot_ttl,
        session_snapshot_limit=args.session_snapshot_limit,
        shutdown_grace=args.shutdown_grace,
    )
    if args.session_store is not None:
        config.session_store = args.session_store
    if args.allowed_host:
        config.allowed_hosts = list(args.allowed_host)
    logging.basicConfig(level=logging.INFO, format="rillet: %(levelname)s %(name)s: %(message)s")
    logging.getLogger("rillet").setLevel(logging.WARNING)
    try:
        app = create_app(script, config)
    except ValueError as exc:
        return fail(str(exc))
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    url = f"http://{shown_host}:{port}{config.base_path()}/"
    print(
        f"\n  rillet is serving {os.path.basename(script)}\n"
        f"  URL: {url}\n  Press Ctrl-C to stop.\n",
        flush=True,
    )
    server = _Server(
        uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            ws_max_size=config.transport_limit,
            ws=websocket_protocol(),
            ws_ping_interval=None,
            ws_per_message_deflate=config.websocket_compression,
            lifespan="on",
        )
    )
    server.drain = app.state.rillet.drain
    if not headless:
        threading.Timer(0.5, lambda: webbrowser.open(url)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    print("  Stopped.", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rillet`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    script_args: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, script_args = argv[:cut], argv[cut + 1 :]
    argv, option_flags = split_option_flags(argv)
    args = _parser().parse_args(argv)
    if args.command == "version":
        print(f"rillet {__version__}")
        return 0
    if args.command == "cache":
        from rillet.caching.data import clear_persisted

        print("\n".join(clear_persisted()))
        return 0
    if args.command == "config":
        problem = load_options(args.script, None, option_flags)
        if problem:
            return fail(problem)
        from rillet.runtime.options import STORE

        print(STORE.show())
        return 0
    if args.command == "hello":
        return serve(HELLO_APP, args, option_flags=option_flags)
    return serve(args.script, args, script_args, option_flags)


def split_option_flags(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    """Take Streamlit-style option flags (``--server.port 8600``, ``--theme.font=serif``) out
    of ``argv``; the rest goes to argparse."""
    rest: list[str] = []
    flags: dict[str, str] = {}
    i = 0
    while i < len(argv):
        token = argv[i]
        name = token[2:].split("=", 1)[0] if token.startswith("--") else ""
        if "." in name and not name.startswith("."):
            if "=" in token:
                flags[name] = token.split("=", 1)[1]
            elif i + 1 < len(argv):
                flags[name] = argv[i + 1]
                i += 1
            else:
                flags[name] = "true"
        else:
            rest.append(token)
        i += 1
    return rest, flags


if __name__ == "__main__":
    sys.exit(main())
