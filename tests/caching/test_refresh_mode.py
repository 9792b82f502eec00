"""``refresh_mode="background"`` (Streamlit 1.67): an expired value is returned at once while a
new one is computed in a thread; past one more ``ttl`` a call waits again."""

from __future__ import annotations

from typing import Any

import pytest

from rillet.caching import refresh
from rillet.testing import AppTest
from tests.caching.conftest import FakeClock

VERSIONED = """
import rillet as st

@st.{kind}(ttl=60, refresh_mode="{mode}")
def version():
    versions.append(len(versions) + 1)
    return len(versions)

st.text(f"v{{version()}}")
"""


def app(kind: str, mode: str, versions: list[int]) -> AppTest:
    at = AppTest.from_string(VERSIONED.format(kind=kind, mode=mode))
    at._session.script_globals.update(versions=versions)
    return at


@pytest.mark.parametrize("kind", ["cache_data", "cache_resource"])
def test_a_stale_value_is_returned_while_a_new_one_is_computed(kind: str, clock: FakeClock) -> None:
    versions: list[int] = []
    at = app(kind, "background", versions).run()
    assert at.text[0].value == "v1"
    clock.advance(61)
    at.run()
    assert at.text[0].value == "v1"  # the stale value, at once
    refresh.wait_for_refreshes()
    assert versions == [1, 2]
    at.run()
    assert at.text[0].value == "v2"
    assert versions == [1, 2]  # fresh again: no third computation


def test_past_the_stale_window_a_call_waits_for_a_new_value(clock: FakeClock) -> None:
    versions: list[int] = []
    at = app("cache_data", "background", versions).run()
    clock.advance(121)
    at.run()
    assert at.text[0].value == "v2"


def test_foreground_mode_waits_once_the_ttl_passed(clock: FakeClock) -> None:
    versions: list[int] = []
    at = app("cache_data", "foreground", versions).run()
    clock.advance(61)
    at.run()
    assert at.text[0].value == "v2"


def test_a_failed_refresh_keeps_the_old_value(clock: FakeClock) -> None:
    calls: list[int] = []
    source = """
import rillet as st

@st.cache_data(ttl=10, refresh_mode="background")
def load():
    calls.append(1)
    if len(calls) > 1:
        raise RuntimeError("the source is down")
    return "data"

st.text(load())
"""
    at = AppTest.from_string(source)
    at._session.script_globals.update(calls=calls)
    at.run()
    clock.advance(11)
    at.run()
    refresh.wait_for_refreshes()
    at.run()
    assert at.text[0].value == "data" and not at.exception


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ('refresh_mode="later"', "Invalid `refresh_mode` value. Supported values: foreground, "),
        ('refresh_mode="background"', "The `ttl` parameter is required."),
        ('ttl=0, refresh_mode="background"', "Invalid `ttl` value. Supported values: a positive"),
        (
            'ttl=5, refresh_mode="background", persist="disk"',
            "`refresh_mode='background'` and `persist='disk'` cannot be used together.",
        ),
    ],
)
def test_bad_refresh_options_get_streamlits_errors(arguments: str, message: str) -> None:
    at = AppTest.from_string(
        f"import rillet as st\n@st.cache_data({arguments})\ndef f():\n    return 1\n"
    ).run()
    assert at.exception and at.exception[0].message.startswith(message)


def test_func_may_be_passed_by_name() -> None:
    seen: list[Any] = []
    at = AppTest.from_string(
        "import rillet as st\n"
        "def f():\n    return 7\n"
        "seen.append(st.cache_data(func=f)())\n"
        "seen.append(st.cache_resource(func=f)())\n"
    )
    at._session.script_globals.update(seen=seen)
    at.run()
    assert seen == [7, 7]
