"""st.context through AppTest and a served app: facts about the tab, read-only."""

from __future__ import annotations

import pytest

from rillet.runtime.client import ClientInfo, without_private_cookies
from rillet.testing import AppTest

SCRIPT = """
import rillet as st
c = st.context
st.text(c.headers.get("user-agent"))
st.text(c.headers.get_all("X-Many"))
st.text(c.cookies.to_dict())
st.text(c.ip_address)
st.text(c.locale)
st.text(c.timezone)
st.text(c.timezone_offset)
st.text(c.theme.type)
st.text(c.url)
st.text(c.is_embedded)
"""


def test_context_reports_the_tabs_facts() -> None:
    at = AppTest.from_string(SCRIPT)
    at._session.client = ClientInfo(
        headers=[("User-Agent", "pytest"), ("X-Many", "1"), ("X-Many", "2")],
        cookies={"flavour": "oat"},
        ip_address="10.0.0.7",
        url="http://example.test/app?x=1",
        locale="de-DE",
        timezone="Europe/Berlin",
        timezone_offset=-60,
        theme="dark",
    )
    at.run()
    assert [t.value for t in at.text] == [
        "pytest",
        "['1', '2']",
        "{'flavour': 'oat'}",
        "10.0.0.7",
        "de-DE",
        "Europe/Berlin",
        "-60",
        "dark",
        "http://example.test/app?x=1",
        "False",
    ]


def test_context_is_empty_without_a_tab_and_read_only() -> None:
    at = AppTest.from_string(SCRIPT + "st.context.locale = 'x'\n").run()
    assert at.text[0].value == "None"
    assert "read-only" in at.exception[0].value


def test_rillets_own_cookies_are_not_reported() -> None:
    header = "a=1; rillet_session_key=SECRET; rillet_xsrf=TOKEN; b=2"
    assert without_private_cookies(header) == "a=1; b=2"


@pytest.mark.parametrize("offset", [None, -1441])
def test_absurd_timezone_offsets_are_dropped(offset: int | None) -> None:
    from rillet.protocol.messages import Hello
    from rillet.server.websocket import client_info

    class FakeSocket:
        class headers:
            raw = [(b"cookie", b"rillet_session_key=abc; z=1"), (b"host", b"h")]

        cookies = {"rillet_session_key": "abc", "z": "1"}
        client = None

    info = client_info(FakeSocket(), Hello(1, timezone_offset=offset, theme="neon"))  # type: ignore[arg-type]
    assert info.timezone_offset is None and info.theme is None
    assert info.cookies == {"z": "1"}
    assert ("Cookie", "z=1") in info.headers
