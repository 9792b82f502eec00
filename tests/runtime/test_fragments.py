"""Fragments through AppTest: partial reruns, placement, scheduling, errors, reactivity."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rillet.elements.fragments import parse_interval
from rillet.protocol.messages import Delta, Notice, RunStarted
from rillet.runtime.errors import RilletAPIException
from rillet.testing import AppTest

COUNTERS = """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full={st.session_state.full}")

@st.fragment
def counter():
    st.session_state.n = st.session_state.get("n", 0)
    if st.button("Add"):
        st.session_state.n += 1
    st.text(f"n={st.session_state.n}")
    return "ran"

result = counter()
st.text(f"returned={result}")
"""


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_widget_in_fragment_reruns_only_the_fragment() -> None:
    at = AppTest.from_string(COUNTERS).run()
    assert texts(at) == ["full=1", "n=0", "returned=ran"]
    at.button[0].click().run()
    assert texts(at) == ["full=1", "n=1", "returned=ran"]
    started = [m for m in at.messages if isinstance(m, RunStarted)]
    assert len(started) == 1 and len(started[0].fragment_ids) == 1
    # Only the fragment's text changed on the wire.
    deltas = [m for m in at.messages if isinstance(m, Delta)]
    assert [d.element.props["body"] for d in deltas] == ["n=1"]


def test_full_rerun_reruns_every_fragment_inline() -> None:
    at = AppTest.from_string(COUNTERS).run()
    at.button[0].click().run()
    at.run()
    assert texts(at) == ["full=2", "n=1", "returned=ran"]


def test_calling_a_fragment_outside_a_running_app_returns_none() -> None:
    import rillet as st

    @st.fragment
    def body() -> str:
        raise AssertionError("must not run")

    assert body() is None


def test_same_function_at_two_places_is_two_fragments() -> None:
    at = AppTest.from_string(
        """
import rillet as st
@st.fragment
def panel(name):
    st.session_state.setdefault(name, 0)
    if st.button("Add", key=f"add-{name}"):
        st.session_state[name] += 1
    st.text(f"{name}={st.session_state[name]}")
panel("a")
panel("b")
"""
    ).run()
    at.button(key="add-b").click().run()
    assert texts(at) == ["a=0", "b=1"]
    at.button(key="add-a").click().run()
    assert texts(at) == ["a=1", "b=1"]


def test_nested_fragments_inner_alone_outer_reruns_inner() -> None:
    at = AppTest.from_string(
        """
import rillet as st
st.session_state.setdefault("outer", 0)
st.session_state.setdefault("inner", 0)

@st.fragment
def outer():
    st.session_state.outer += 1
    st.text(f"outer runs={st.session_state.outer}")
    st.button("Outer", key="outer-btn")
    inner()

@st.fragment
def inner():
    st.session_state.inner += 1
    st.text(f"inner runs={st.session_state.inner}")
    st.button("Inner", key="inner-btn")

outer()
"""
    ).run()
    assert texts(at) == ["outer runs=1", "inner runs=1"]
    at.button(key="inner-btn").click().run()
    assert texts(at) == ["outer runs=1", "inner runs=2"]
    at.button(key="outer-btn").click().run()
    assert texts(at) == ["outer runs=2", "inner runs=3"]


def test_fragment_writes_to_outside_containers_replace_in_place() -> None:
    at = AppTest.from_string(
        """
import rillet as st
box = st.container()
box.text("box: first")
@st.fragment
def writer():
    st.session_state.k = st.session_state.get("k", 0) + 1
    box.text(f"box: from fragment {st.session_state.k}")
    st.sidebar.text(f"side: {st.session_state.k}")
    st.button("Again")
writer()
box.text("box: last")
st.sidebar.text("side: app")
"""
    ).run()
    assert at.main.text.values == ["box: first", "box: from fragment 1", "box: last"]
    for expected in (2, 3):
        at.button[0].click().run()
        assert at.main.text.values == ["box: first", f"box: from fragment {expected}", "box: last"]
        assert at.sidebar.text.values == [f"side: {expected}", "side: app"]


def test_widget_written_outside_by_a_fragment_reruns_that_fragment() -> None:
    at = AppTest.from_string(
        """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
@st.fragment
def controls():
    v = st.sidebar.slider("Level", 0, 10, 2)
    st.text(f"level={v} full={st.session_state.full}")
controls()
"""
    ).run()
    at.sidebar.slider[0].set_value(7).run()
    assert texts(at) == ["level=7 full=1"]


def test_callback_of_a_fragment_widget_writes_inside_the_fragment() -> None:
    at = AppTest.from_string(
        """
import rillet as st
st.text("top of page")
@st.fragment
def panel():
    st.button("Say", on_click=lambda: st.text("said in callback"))
    st.text("panel body")
panel()
"""
    ).run()
    at.button[0].click().run()
    assert at.main.text.values == ["top of page", "said in callback", "panel body"]


def test_return_value_ignored_on_fragment_rerun_and_exception_shown_inside() -> None:
    at = AppTest.from_string(
        """
import rillet as st
@st.fragment
def risky():
    if st.checkbox("Fail"):
        raise RuntimeError("fragment broke")
    st.text("fragment fine")
risky()
st.text("after")
"""
    ).run()
    at.checkbox[0].check().run()
    assert at.exception[0].message == "fragment broke"
    assert at.exception[0].path[:2] == at.checkbox[0].path[:2]  # inside the fragment's block
    assert "after" in texts(at)
    at.checkbox[0].uncheck().run()
    assert not at.exception and "fragment fine" in texts(at)


def test_exception_in_fragment_during_full_run_stops_the_script() -> None:
    at = AppTest.from_string(
        """
import rillet as st
@st.fragment
def boom():
    raise ValueError("no")
boom()
st.text("never")
"""
    ).run()
    assert len(at.exception) == 1 and at.exception[0].message == "no"
    assert texts(at) == []


def test_queued_fragments_all_run_and_errors_do_not_stop_others() -> None:
    at = AppTest.from_string(
        """
import rillet as st
for name in ("a", "b", "c"):
    st.session_state.setdefault(name, 0)
@st.fragment
def panel(name):
    if st.button(f"Press {name}"):
        st.session_state[name] += 1
        if name == "b":
            raise KeyError("b failed")
    st.text(f"{name}={st.session_state[name]}")
panel("a"); panel("b"); panel("c")
"""
    ).run()
    for b in at.button:
        b.click()
    at.run()
    assert texts(at) == ["a=1", "c=1"]
    assert len(at.exception) == 1 and "b failed" in at.exception[0].message


def test_rerun_scope_fragment_and_errors() -> None:
    at = AppTest.from_string(
        """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
@st.fragment
def f():
    st.session_state.f = st.session_state.get("f", 0) + 1
    if st.button("Twice") and st.session_state.f % 2 == 0:
        st.rerun(scope="fragment")
    st.text(f"f={st.session_state.f} full={st.session_state.full}")
f()
"""
    ).run()
    at.button[0].click().run()
    assert texts(at) == ["f=3 full=1"]
    bad = AppTest.from_string('import rillet as st\nst.rerun(scope="fragment")\n').run()
    assert "can only be specified from `@st.fragment`" in bad.exception[0].message
    worse = AppTest.from_string('import rillet as st\nst.rerun(scope="nope")\n').run()
    assert "is not a valid rerun scope" in worse.exception[0].message


def test_rerun_by_key_from_a_callback_reruns_only_keyed_fragments() -> None:
    at = AppTest.from_string(
        """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
@st.fragment(key="chart")
def chart():
    st.session_state.c = st.session_state.get("c", 0) + 1
    st.text(f"chart runs={st.session_state.c}")
chart()
st.button("Refresh chart", on_click=lambda: st.rerun(scope="chart"))
st.text(f"full={st.session_state.full}")
"""
    ).run()
    at.button[0].click().run()
    assert texts(at) == ["chart runs=2", "full=1"]


def test_run_every_fires_on_tick_and_stops_when_not_called() -> None:
    at = AppTest.from_string(
        """
import rillet as st
live = st.checkbox("Live", value=True)
st.session_state.full = st.session_state.get("full", 0) + 1
@st.fragment(run_every="2s" if live else None)
def clock():
    st.session_state.t = st.session_state.get("t", 0) + 1
    st.text(f"ticks={st.session_state.t} full={st.session_state.full}")
clock()
"""
    ).run()
    at.tick(1)
    assert texts(at) == ["ticks=1 full=1"]
    at.tick(1)
    assert texts(at) == ["ticks=2 full=1"]
    at.checkbox[0].uncheck().run()
    at.tick(10)
    assert texts(at) == ["ticks=3 full=2"]


def test_stale_fragment_id_from_browser_is_ignored_quietly() -> None:
    at = AppTest.from_string(COUNTERS).run()
    at._session.request_rerun([], ["frag-doesnotexist"], full=False)
    at._wait(2)
    assert texts(at) == ["full=1", "n=0", "returned=ran"]


def test_reactive_fragment_reruns_when_a_key_it_read_changes() -> None:
    at = AppTest.from_string(
        """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
@st.fragment
def control():
    st.slider("Threshold", 0, 100, 50, key="threshold")
@st.fragment
def view():
    st.text(f"view sees {st.session_state.threshold}")
@st.fragment(reactive=False)
def frozen():
    st.text(f"frozen sees {st.session_state.threshold}")
control(); view(); frozen()
st.text(f"full={st.session_state.full}")
"""
    ).run()
    at.slider(key="threshold").set_value(80).run()
    assert texts(at) == ["view sees 80", "frozen sees 50", "full=1"]


def test_reactive_cycle_is_reported_not_hung() -> None:
    at = AppTest.from_string(
        """
import rillet as st
st.session_state.setdefault("x", 0)
st.session_state.setdefault("y", 0)
@st.fragment
def a():
    st.button("Go")
    st.session_state.y = st.session_state.x + 1
@st.fragment
def b():
    st.session_state.x = st.session_state.y + 1
a(); b()
"""
    ).run()
    at.button[0].click().run(timeout=5)
    notices = [m for m in at.messages if isinstance(m, Notice)]
    assert notices and "cycle" in notices[0].text


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (2, 2.0),
        (0.5, 0.5),
        ("2s", 2.0),
        ("1m", 60.0),
        ("1h30m", 5400.0),
        ("500ms", 0.5),
        (timedelta(minutes=2), 120.0),
        (0, None),
        (None, None),
        ("0s", None),
    ],
)
def test_run_every_accepts_seconds_timedeltas_and_strings(value: object, seconds: object) -> None:
    assert parse_interval(value) == seconds  # type: ignore[arg-type]


def test_run_every_rejects_nonsense() -> None:
    with pytest.raises(RilletAPIException, match="Unable to parse run_every"):
        parse_interval("soon")
    with pytest.raises(RilletAPIException, match="must not be negative"):
        parse_interval(-1)
