"""The session an HTTP request acts for: named in its header, and only for the browser that
opened it (the rule the upload and CSV-export routes share)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from starlette.requests import Request

from rillet.server.request_session import SESSION_HEADER, same_browser, session_for
from rillet.server.websocket import BROWSER_KEY_COOKIE

KEY = "k" * 43


def request(session_id: str | None, cookie: str | None) -> Request:
    headers: list[tuple[bytes, bytes]] = []
    if session_id is not None:
        headers.append((SESSION_HEADER.encode(), session_id.encode()))
    if cookie is not None:
        headers.append((b"cookie", f"{BROWSER_KEY_COOKIE}={cookie}".encode()))
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers})


def manager(**sessions: Any) -> Any:
    return SimpleNamespace(sessions=sessions)


def session(key: str | None = KEY, closed: bool = False) -> Any:
    return SimpleNamespace(browser_key=key, closed=closed)


def test_the_browser_that_opened_the_session_gets_it() -> None:
    s = session()
    assert session_for(manager(s1=s), request("s1", KEY)) is s


def test_another_browser_an_unknown_or_closed_session_get_none() -> None:
    m = manager(s1=session(), s2=session(closed=True))
    assert session_for(m, request("s1", "x" * 43)) is None
    assert session_for(m, request("s1", None)) is None
    assert session_for(m, request("nope", KEY)) is None
    assert session_for(m, request("s2", KEY)) is None
    assert session_for(m, request(None, KEY)) is None


def test_a_session_without_a_key_matches_no_browser() -> None:
    assert not same_browser(session(key=None), request("s1", KEY))
    assert not same_browser(session(key=""), request("s1", ""))
