"""Elements written inside a cached function: replayed on a hit, in place; the spinner."""

from __future__ import annotations

import threading
import time
from typing import Any

from rillet.caching import data
from rillet.protocol.messages import Delta, Truncate
from rillet.testing import AppTest


def app(source: str, **names: Any) -> AppTest:
    at = AppTest.from_string(source)
    at._session.script_globals.update(names)
    return at


def page(at: AppTest) -> list[tuple[str, Any]]:
    """(type, value) of every element in main and the sidebar, in page order (the empty
    slot a spinner leaves behind when the function wrote after it is left out)."""
    nodes = [*at.main.descendants(), *at.sidebar.descendants()]
    return [(n.type, n.value) for n in nodes if n.element.kind != "empty"]


def test_elements_written_inside_are_replayed_on_a_hit_in_place() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def load(n):
        calls.append(n)
        st.markdown(f"loading **{n}**")
        st.text("done")
        return n

    st.title("Top")
    load(1)
    st.caption("bottom")
    """
    calls: list[int] = []
    at = app(source, calls=calls).run()
    first = page(at)
    at.run()
    assert calls == [1]
    assert page(at) == first
    assert [m.value for m in at.markdown] == ["loading **1**"]
    assert at.text[0].value == "done" and at.caption[0].value == "bottom"


def test_a_hit_sends_nothing_new_to_the_browser() -> None:
    source = """
    import rillet as st

    @st.cache_data(show_spinner=False)
    def load():
        st.text("from the cache")
        return 1

    load()
    st.text("after")
    """
    at = AppTest.from_string(source).run()
    at.run()
    assert not [m for m in at.messages if isinstance(m, Delta | Truncate)]


def test_containers_created_inside_are_replayed_with_their_contents() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def report():
        left, right = st.columns(2)
        left.text("left")
        with right:
            st.text("right")
            box = st.container()
        box.text("boxed")
        slot = st.empty()
        slot.text("replaced")
        st.sidebar.text("side")
        return "ok"

    report()
    """
    at = AppTest.from_string(source).run()
    first = page(at)
    at.run()
    assert page(at) == first
    assert [t.value for t in at.columns[0].text] == ["left"]
    assert [t.value for t in at.columns[1].text] == ["right", "boxed"]
    assert [t.value for t in at.sidebar.text] == ["side"]
    assert "replaced" in [t.value for t in at.main.text]


def test_a_hit_replays_into_the_container_of_the_new_call() -> None:
    source = """
    import rillet as st

    @st.cache_data(show_spinner=False)
    def label():
        st.text("label")
        return 1

    a, b = st.columns(2)
    with a:
        label()
    with b:
        label()
    """
    at = AppTest.from_string(source).run()
    assert [t.value for t in at.columns[0].text] == ["label"]
    assert [t.value for t in at.columns[1].text] == ["label"]


def test_replay_inside_a_fragment_rerun() -> None:
    source = """
    import rillet as st

    @st.cache_data(show_spinner=False)
    def heavy():
        calls.append(1)
        st.text("heavy")
        return 1

    @st.fragment
    def part():
        st.button("again")
        heavy()

    part()
    """
    calls: list[int] = []
    at = app(source, calls=calls).run()
    at.button[0].click().run()
    assert calls == [1]
    assert [t.value for t in at.text] == ["heavy"]


def test_nested_cached_calls_replay_through_the_outer_one() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def inner(n):
        calls.append(("inner", n))
        st.text(f"inner {n}")
        return n

    @st.cache_data
    def outer():
        calls.append(("outer",))
        st.text("outer")
        return inner(1) + inner(2)

    st.text(str(outer()))
    """
    calls: list[tuple[Any, ...]] = []
    at = app(source, calls=calls).run()
    assert [t.value for t in at.text] == ["outer", "inner 1", "inner 2", "3"]
    at.run()
    assert [t.value for t in at.text] == ["outer", "inner 1", "inner 2", "3"]
    assert calls == [("outer",), ("inner", 1), ("inner", 2)]


def test_replayed_elements_survive_a_restart_with_disk_persistence() -> None:
    source = """
    import rillet as st

    @st.cache_data(persist="disk")
    def load():
        calls.append(1)
        st.info("loaded from the source")
        return 1

    load()
    """
    calls: list[int] = []
    app(source, calls=calls).run()
    data.REGISTRY.forget()
    at = app(source, calls=calls).run()
    assert calls == [1]
    assert at.info[0].value == "loaded from the source"


def test_cache_resource_replays_too() -> None:
    source = """
    import rillet as st

    @st.cache_resource
    def model():
        st.success("model ready")
        return object()

    model()
    """
    at = AppTest.from_string(source).run()
    at.run()
    assert at.success[0].value == "model ready"


def test_a_widget_inside_a_cached_function_is_streamlits_clear_error() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def pick():
        return st.slider("n", 0, 10)

    pick()
    """
    at = AppTest.from_string(source).run()
    assert at.exception[0].props["type"] == "CachedWidgetError"
    assert at.exception[0].value.startswith(
        "Your script uses a widget command in a cached function\n"
        "(function decorated with `@st.cache_data` or `@st.cache_resource`)."
    )
    assert "move all widget commands outside the cached function" in at.exception[0].value
    assert not at.slider


def test_writing_into_a_container_created_outside_is_refused() -> None:
    source = """
    import rillet as st

    box = st.container()

    @st.cache_data
    def fill():
        box.text("inside")
        return 1

    fill()
    """
    at = AppTest.from_string(source).run()
    assert at.exception[0].props["type"] == "CacheReplayClosureError"
    assert at.exception[0].value.startswith(
        "While running `fill()`, a rillet element is called on some layout block\n"
        "created outside the function."
    )
    assert not at.text


SLOW = """
import rillet as st

@st.cache_data(**options)
def slow(n):
    entered.set()
    assert leave.wait(5)
    return n

st.text(f"value {slow(7)}")
"""


def spinner_while_computing(**options: Any) -> tuple[list[Any], AppTest]:
    """Start a run, look at the tree while the cached function computes, then let it end."""
    entered, leave = threading.Event(), threading.Event()
    at = app(SLOW, entered=entered, leave=leave, options=options)
    at._session.request_rerun()
    assert entered.wait(5)
    time.sleep(0.05)
    with at._session.outbox.lock:
        shown = [n.element for _, n in at._session.tree.walk() if n.element.kind == "spinner"]
    leave.set()
    assert at._session.wait_idle(5)
    return shown, at.run()


def test_the_spinner_shows_while_computing_and_goes_when_done() -> None:
    shown, at = spinner_while_computing()
    assert [e.props["body"] for e in shown] == ["Running `slow(...)`."]
    assert "<code>slow(...)</code>" in shown[0].props["html"]
    assert not at.get("spinner")
    assert [t.value for t in at.text] == ["value 7"]


def test_the_spinner_takes_a_text_and_shows_time() -> None:
    shown, _ = spinner_while_computing(show_spinner="Crunching numbers...", show_time=True)
    assert shown[0].props["body"] == "Crunching numbers..."
    assert shown[0].props["show_time"] is True


def test_no_spinner_when_turned_off() -> None:
    shown, _ = spinner_while_computing(show_spinner=False)
    assert shown == []


def test_no_arguments_say_so_in_the_spinner() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def ready():
        entered.set()
        assert leave.wait(5)
        return 1

    ready()
    """
    entered, leave = threading.Event(), threading.Event()
    at = app(source, entered=entered, leave=leave)
    at._session.request_rerun()
    assert entered.wait(5)
    time.sleep(0.05)
    with at._session.outbox.lock:
        bodies = [n.element.props["body"] for _, n in at._session.tree.walk()
                  if n.element.kind == "spinner"]
    leave.set()
    assert at._session.wait_idle(5)
    assert bodies == ["Running `ready()`."]


def test_the_spinner_leaves_the_page_paths_as_a_hit_does() -> None:
    """A miss followed by a hit sends nothing new: the spinner's place was handed back."""
    source = """
    import rillet as st

    @st.cache_data
    def quiet(n):
        return n

    st.text("before")
    quiet(1)
    st.text("after")
    """
    at = AppTest.from_string(source).run()
    assert [n.element.kind for n in at.main.children] == ["text", "text"]
    at.run()
    assert not [m for m in at.messages if isinstance(m, Delta | Truncate)]


def test_no_spinner_on_a_hit() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def quick():
        return 1

    quick()
    st.text("x")
    """
    at = AppTest.from_string(source).run()
    at.run()
    assert not [
        m for m in at.messages if isinstance(m, Delta) and m.element.kind == "spinner"
    ]
