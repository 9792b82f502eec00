"""The session an HTTP request acts for, checked to be the browser's own.

The upload and CSV-export routes act on one session's files or tables. The request names the
session in the ``X-Rillet-Session`` header and must present the session key cookie the
session was opened with, as a resuming websocket must: knowing a session id (and setting an
XSRF cookie of one's own) is not enough. One helper answers for both routes so the rule
cannot drift between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request

from rillet.runtime.session import same_browser_key
from rillet.server.websocket import BROWSER_KEY_COOKIE

if TYPE_CHECKING:
    from rillet.runtime.session import AppSession, SessionManager

SESSION_HEADER = "x-rillet-session"


def session_for(manager: SessionManager, request: Request) -> AppSession | None:
    """The open session named by ``request``'s session header when the request comes from
    the browser that opened it; else None (unknown, closed or another browser's: callers
    answer all three alike, so an id alone tells nothing)."""
    session_id = request.headers.get(SESSION_HEADER, "")
    session = manager.sessions.get(session_id) if session_id else None
    if session is None or session.closed:
        return None
    return session if same_browser(session, request) else None


def same_browser(session: AppSession, request: Request) -> bool:
    """Whether ``request`` carries the session key cookie ``session`` was opened with
    (compared in constant time; a missing key on either side never matches)."""
    return same_browser_key(session.browser_key, request.cookies.get(BROWSER_KEY_COOKIE))
