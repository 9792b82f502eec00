"""Server settings: where to listen, who may connect, limits and timeouts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from rillet.protocol.codec import DEFAULT_INBOUND_LIMIT, DEFAULT_NESTING_LIMIT

# Bytes a connection may have queued for a browser that does not read them; past it the
# queued frames are dropped and the browser gets the current page once it reads again.
DEFAULT_OUTBOUND_BUFFER = 1024 * 1024

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


@dataclass
class Config:
    """Everything `rillet run` can set; `create_app` takes one."""

    host: str = "127.0.0.1"
    port: int = 8501
    headless: bool = False
    # Rerun connected sessions when the script is saved.
    watch: bool = True
    # Origins allowed on the websocket besides the page's own.
    allowed_origins: list[str] = field(default_factory=list)
    # Host header names accepted; None: loopback names, plus the bind host if it is a name.
    allowed_hosts: list[str] | None = None
    # Seconds a session survives a dropped socket.
    session_ttl: float = 120.0
    # The largest inbound websocket frame, in bytes; larger ones are dropped with a warning.
    inbound_limit: int = DEFAULT_INBOUND_LIMIT
    # How deep arrays and objects may nest in an inbound frame; deeper frames are dropped.
    nesting_limit: int = DEFAULT_NESTING_LIMIT
    # Bytes queued for one browser before it counts as not reading (see server/websocket.py).
    outbound_buffer: int = DEFAULT_OUTBOUND_BUFFER
    # Seconds one run may take before it is stopped with a message in the page; None: no limit.
    run_time_limit: float | None = None
    # A batch waits this long for more messages of the same run before it is sent.
    batch_delay: float = 0.025
    magic: bool = True
    # Import the installed packages the script imports while the first page loads.
    preload_imports: bool = True
    # `import streamlit` (and `streamlit.components.v1`) resolve to rillet in the script.
    streamlit_compat: bool = False
    # The largest file st.file_uploader takes, in (decimal) megabytes: Streamlit's
    # server.maxUploadSize. Bigger uploads are refused with 413.
    max_upload_size: int = 200
    # permessage-deflate on the websocket (Streamlit's server.enableWebsocketCompression).
    # Off by default, as there: each compressing connection holds zlib state (about 70 KiB
    # per open tab, measured), and on a local network the bytes saved cost more than they
    # are worth.
    websocket_compression: bool = False
    # Serve the app under this path (Streamlit's server.baseUrlPath), e.g. "apps/sales".
    base_url_path: str = ""
    # Where sessions are snapshotted after their runs (docs/deploy.md): "memory" (this
    # process), "none", or a redis:// URL shared by every worker so a tab survives its
    # worker. The environment's RILLET_SESSION_STORE is the default.
    session_store: str = field(
        default_factory=lambda: os.environ.get("RILLET_SESSION_STORE", "memory")
    )
    # Signs session ids and snapshots; every worker sharing a store needs the same one. None:
    # RILLET_SESSION_SECRET, else a random secret good for this process only.
    session_secret: str | None = field(
        default_factory=lambda: os.environ.get("RILLET_SESSION_SECRET") or None, repr=False
    )
    # Seconds a snapshot outlives its session's last change, and its largest size in bytes
    # (past it the largest values are left out, with a warning).
    session_snapshot_ttl: float = 3600.0
    session_snapshot_limit: int = 256 * 1024
    # Seconds a stopping process (SIGTERM) lets runs finish before interrupting them.
    shutdown_grace: float = 5.0

    def base_path(self) -> str:
        """The base URL path as "/apps/sales" (or "" for the root)."""
        path = self.base_url_path.strip().strip("/")
        return f"/{path}" if path else ""

    @property
    def transport_limit(self) -> int:
        """The websocket server's own frame cap: above ours, so we can reject with a warning
        and keep the socket; only far larger frames make the transport close it."""
        return self.inbound_limit + max(self.inbound_limit, 1024 * 1024)

    def host_allowed(self, host_header: str) -> bool:
        """True when the Host header names this server (guards against DNS rebinding)."""
        name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
        if host_header.startswith("[") and "]:" in host_header:
            name = host_header.split("]:", 1)[0] + "]"
        if self.allowed_hosts is not None:
            return name in self.allowed_hosts or host_header in self.allowed_hosts
        if self.host in ("0.0.0.0", "::", ""):
            return True  # served on every interface on purpose: any name reaches it
        return name in LOOPBACK_HOSTS or name == self.host
