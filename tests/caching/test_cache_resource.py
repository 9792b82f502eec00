"""``cache_resource``: one shared object, validated, released when it leaves."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

import rillet as st
from rillet.caching import resource
from rillet.testing import AppTest
from tests.caching.conftest import FakeClock

SHARED = """
import threading
import rillet as st

@st.cache_resource
def connection(url):
    made.append(url)
    return {"url": url, "lock": threading.Lock(), "id": len(made)}

conn = connection("db://main")
seen.append(conn)
st.text(f"connection {conn['id']}")
"""


def app(source: str, **names: Any) -> AppTest:
    at = AppTest.from_string(source)
    at._session.script_globals.update(names)
    return at


def test_one_object_is_shared_by_every_session() -> None:
    made: list[str] = []
    seen: list[Any] = []
    a = app(SHARED, made=made, seen=seen).run()
    b = app(SHARED, made=made, seen=seen).run()
    a.run()
    assert made == ["db://main"]
    assert len(seen) == 3 and seen[0] is seen[1] is seen[2]
    assert a.text[0].value == b.text[0].value == "connection 1"


def test_the_object_is_not_copied_so_mutations_are_shared() -> None:
    @st.cache_resource
    def registry() -> list[str]:
        return []

    registry().append("a")
    assert registry() == ["a"]


def test_validate_rejects_a_stale_object_and_releases_it() -> None:
    released: list[dict[str, Any]] = []

    @st.cache_resource(validate=lambda conn: conn["open"], on_release=released.append)
    def connect() -> dict[str, Any]:
        return {"open": True}

    first = connect()
    assert connect() is first
    first["open"] = False
    second = connect()
    assert second is not first and second["open"]
    assert released == [first]


def test_on_release_when_entries_are_cleared() -> None:
    released: list[int] = []

    @st.cache_resource(on_release=released.append)
    def model(n: int) -> int:
        return n * 10

    model(1), model(2), model(3)
    model.clear(2)
    assert released == [20]
    model.clear()
    assert sorted(released) == [10, 20, 30]
    model(4)
    st.cache_resource.clear()
    assert sorted(released) == [10, 20, 30, 40]


def test_on_release_when_max_entries_evicts() -> None:
    released: list[int] = []

    @st.cache_resource(max_entries=2, on_release=released.append)
    def model(n: int) -> int:
        return n

    model(1), model(2), model(1), model(3)
    assert released == [2]


def test_on_release_when_ttl_expires(clock: FakeClock) -> None:
    released: list[int] = []
    made: list[int] = []

    @st.cache_resource(ttl="1h", on_release=released.append)
    def token(n: int) -> int:
        made.append(n)
        return n

    token(1)
    clock.advance(3599)
    token(1)
    assert released == [] and made == [1]
    clock.advance(2)
    token(1)
    assert released == [1] and made == [1, 1]


def test_session_scope_releases_with_the_session() -> None:
    source = """
    import rillet as st

    @st.cache_resource(scope="session", on_release=released.append)
    def workspace():
        made.append(1)
        return f"workspace {len(made)}"

    st.text(workspace())
    """
    made: list[int] = []
    released: list[str] = []
    a = app(source, made=made, released=released).run()
    b = app(source, made=made, released=released).run()
    a.run()
    assert (a.text[0].value, b.text[0].value) == ("workspace 1", "workspace 2")
    assert made == [1, 1]
    a._session.close()
    assert released == ["workspace 1"]
    b._session.close()
    assert released == ["workspace 1", "workspace 2"]
    assert resource.REGISTRY.caches() == []


def test_a_session_closing_while_its_resource_is_made_releases_it_at_once() -> None:
    source = """
    import rillet as st

    @st.cache_resource(scope="session", on_release=released.append)
    def workspace():
        entered.set()
        assert leave.wait(5)
        return "late"

    workspace()
    """
    entered, leave = threading.Event(), threading.Event()
    released: list[str] = []
    at = app(source, released=released, entered=entered, leave=leave)
    at._session.request_rerun()
    assert entered.wait(5)
    at._session.close()
    leave.set()
    deadline = time.monotonic() + 5
    while not released and time.monotonic() < deadline:
        time.sleep(0.01)
    assert released == ["late"]
    assert resource.REGISTRY.caches() == []


def test_concurrent_callers_make_one_resource() -> None:
    made: list[int] = []
    start = threading.Barrier(6)

    @st.cache_resource
    def expensive() -> object:
        made.append(1)
        time.sleep(0.2)
        return object()

    got: list[object] = []

    def caller() -> None:
        start.wait()
        got.append(expensive())

    threads = [threading.Thread(target=caller) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert made == [1]
    assert len(got) == 6 and all(g is got[0] for g in got)


def test_a_failing_on_release_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(_: object) -> None:
        raise RuntimeError("cleanup failed")

    @st.cache_resource(on_release=broken)
    def thing() -> int:
        return 1

    thing()
    thing.clear()
    assert "on_release raised" in caplog.text


def test_validate_and_on_release_must_be_callable() -> None:
    with pytest.raises(st.RilletAPIException, match="`validate` must be a function"):
        st.cache_resource(validate=True)  # type: ignore[arg-type]
    with pytest.raises(st.RilletAPIException, match="`on_release` must be a function"):
        st.cache_resource(on_release="close")  # type: ignore[arg-type]


def test_a_rerun_keeps_resources_when_only_callbacks_are_new_objects() -> None:
    """Each rerun redefines validate/on_release lambdas; the cache must not be rebuilt."""
    source = """
    import rillet as st

    @st.cache_resource(validate=lambda r: True, on_release=lambda r: released.append(r))
    def pool():
        made.append(1)
        return "pool"

    pool()
    """
    made: list[int] = []
    released: list[str] = []
    at = app(source, made=made, released=released).run()
    at.run()
    at.run()
    assert made == [1] and released == []


def test_a_run_finishing_after_its_session_closed_leaves_nothing_behind() -> None:
    source = """
    import rillet as st

    # No spinner: no rillet call (a yield point) stops the closed session's run first.
    @st.cache_resource(scope="session", show_spinner=False, on_release=released.append)
    def workspace():
        return "made after close"

    entered.set()
    assert leave.wait(5)
    workspace()
    """
    entered, leave = threading.Event(), threading.Event()
    released: list[str] = []
    at = app(source, released=released, entered=entered, leave=leave)
    at._session.request_rerun()
    assert entered.wait(5)
    at._session.close()
    leave.set()
    deadline = time.monotonic() + 5
    while not released and time.monotonic() < deadline:
        time.sleep(0.01)
    assert released == ["made after close"]
    assert resource.REGISTRY.caches() == []
