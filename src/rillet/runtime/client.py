"""What a session knows about the tab it serves (``st.context``), as plain data.

The server fills it from the websocket's handshake request (headers, cookies, address) and the
tab's `Hello` (address, language, time zone, colour scheme); the runtime never sees a request
object. rillet's own cookies (the session key, the upload token) are left out: they are
credentials of the connection, not facts about the user, and a script has no use for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# rillet's own cookies, kept from st.context (server/websocket.py, server/uploads.py).
PRIVATE_COOKIES = frozenset({"rillet_session_key", "rillet_xsrf"})


@dataclass
class ClientInfo:
    """Facts about one tab, as of its latest connection."""

    # Header (name, value) pairs in the order received; names as sent.
    headers: list[tuple[str, str]] = field(default_factory=list)
    cookies: dict[str, str] = field(default_factory=dict)
    ip_address: str | None = None
    url: str = ""
    locale: str | None = None
    timezone: str | None = None
    timezone_offset: int | None = None
    theme: str | None = None


def without_private_cookies(header: str) -> str:
    """A Cookie header less rillet's own cookies."""
    kept = []
    for part in header.split(";"):
        name = part.split("=", 1)[0].strip()
        if name and name not in PRIVATE_COOKIES:
            kept.append(part.strip())
    return "; ".join(kept)
