"""``cache_data`` through AppTest: each rule of the cache, as an app sees it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import rillet as st
from rillet.caching import data, settings
from rillet.caching.cached import CachedFunc
from rillet.runtime.errors import RilletAPIException
from rillet.testing import AppTest
from tests.caching.conftest import FakeClock


def app(source: str, **names: Any) -> AppTest:
    """An AppTest whose script sees ``names`` as globals (shared with the test)."""
    at = AppTest.from_string(source)
    at._session.script_globals.update(names)
    return at


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


COUNTING = """
import rillet as st

@st.cache_data
def square(n):
    calls.append(n)
    return n * n

st.text(f"{square(number)}")
"""


def test_same_arguments_are_not_computed_again() -> None:
    calls: list[int] = []
    at = app(COUNTING, calls=calls, number=3).run()
    at.run()
    at.run()
    assert texts(at) == ["9"]
    assert calls == [3]


def test_new_arguments_are_computed() -> None:
    calls: list[int] = []
    at = app(COUNTING, calls=calls, number=3).run()
    at._session.script_globals["number"] = 4
    at.run()
    assert texts(at) == ["16"]
    assert calls == [3, 4]
    at._session.script_globals["number"] = 3
    at.run()
    assert calls == [3, 4]


def test_editing_the_function_body_invalidates_its_entries() -> None:
    calls: list[int] = []
    at = app(COUNTING, calls=calls, number=3).run()
    Path(at._script_path).write_text(COUNTING.replace("return n * n", "return n * n * n"))
    at.run()
    assert texts(at) == ["27"]
    assert calls == [3, 3]


def test_every_caller_gets_a_copy_that_does_not_leak_mutations() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def rows():
        return {"rows": [1, 2, 3]}

    first = rows()
    first["rows"].append("mutated")
    st.text(str(rows()["rows"]))
    """
    at = AppTest.from_string(source).run()
    assert texts(at) == ["[1, 2, 3]"]
    at.run()
    assert texts(at) == ["[1, 2, 3]"]


def test_unpicklable_return_value_is_a_clear_error() -> None:
    source = """
    import threading
    import rillet as st

    @st.cache_data
    def make_lock():
        return threading.Lock()

    make_lock()
    """
    at = AppTest.from_string(source).run()
    assert at.exception[0].value.startswith(
        "Cannot serialize the return value (of type `_thread.lock`) in `make_lock()`."
    )
    assert "use `st.cache_resource` instead" in at.exception[0].value


def test_unhashable_argument_error_in_an_app() -> None:
    source = """
    import threading
    import rillet as st

    @st.cache_data
    def query(connection, sql):
        return sql

    query(threading.Lock(), "select 1")
    """
    at = AppTest.from_string(source).run()
    message = at.exception[0].value
    assert at.exception[0].props["type"] == "UnhashableParamError"
    assert message.startswith(
        "Cannot hash argument 'connection' (of type `_thread.lock`) in 'query'."
    )
    assert "def query(_connection, ...):" in message


def test_underscore_parameters_are_left_out_of_the_key() -> None:
    source = """
    import threading
    import rillet as st

    @st.cache_data
    def query(_connection, sql):
        calls.append(sql)
        return sql.upper()

    st.text(query(threading.Lock(), "select 1"))
    """
    calls: list[str] = []
    at = app(source, calls=calls).run()
    at.run()
    assert texts(at) == ["SELECT 1"]
    assert calls == ["select 1"]


def test_hash_funcs_hash_unhashable_arguments() -> None:
    source = """
    import threading
    import rillet as st

    class Connection:
        def __init__(self, url):
            self.url = url
            self.lock = threading.Lock()

    @st.cache_data(hash_funcs={Connection: lambda c: c.url})
    def query(connection, sql):
        calls.append(connection.url)
        return connection.url

    st.text(query(Connection(url), "select 1"))
    """
    calls: list[str] = []
    at = app(source, calls=calls, url="db://a").run()
    at.run()
    at._session.script_globals["url"] = "db://b"
    at.run()
    assert calls == ["db://a", "db://b"]


def test_ttl_expires_entries(clock: FakeClock) -> None:
    source = """
    import rillet as st

    @st.cache_data(ttl="30s")
    def stamp():
        calls.append(1)
        return len(calls)

    st.text(str(stamp()))
    """
    calls: list[int] = []
    at = app(source, calls=calls).run()
    clock.advance(29)
    at.run()
    assert texts(at) == ["1"]
    clock.advance(2)
    at.run()
    assert texts(at) == ["2"]


def test_ttl_takes_seconds_timedeltas_and_strings(clock: FakeClock) -> None:
    from datetime import timedelta

    calls: list[int] = []

    def value(n: int) -> int:
        calls.append(n)
        return n

    for ttl in (60, 60.0, timedelta(minutes=1), "1m", "60s", "1 minute"):
        cached = st.cache_data(ttl=ttl)(value)
        cached(1)
        clock.advance(59)
        cached(1)
        clock.advance(2)
        cached(1)
        assert calls == [1, 1], ttl
        cached.clear()
        calls.clear()


def test_max_entries_drops_the_least_recently_used() -> None:
    calls: list[int] = []

    @st.cache_data(max_entries=2)
    def double(n: int) -> int:
        calls.append(n)
        return 2 * n

    double(1)
    double(2)
    double(1)  # 1 is now the most recently used
    double(3)  # evicts 2
    double(1)
    double(2)
    assert calls == [1, 2, 3, 2]


def test_max_size_bounds_the_pickled_bytes() -> None:
    calls: list[int] = []

    @st.cache_data(max_size="2KB")
    def blob(n: int) -> bytes:
        calls.append(n)
        return bytes(900)

    blob(1)
    blob(2)
    blob(3)  # 3 * ~900 bytes > 2 KiB: the oldest goes
    blob(3)
    blob(2)
    blob(1)
    assert calls == [1, 2, 3, 1]
    cache = data.REGISTRY.caches()[0]
    assert cache.storage.size <= 2048  # type: ignore[attr-defined]


def test_one_missing_key_is_computed_once_by_concurrent_callers() -> None:
    calls: list[int] = []
    start = threading.Barrier(8)

    @st.cache_data
    def slow(n: int) -> int:
        calls.append(n)
        time.sleep(0.2)
        return n + 1

    results: list[int] = []

    def caller() -> None:
        start.wait()
        results.append(slow(41))

    threads = [threading.Thread(target=caller) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert calls == [41]
    assert results == [42] * 8


def test_two_sessions_computing_one_key_at_once_compute_it_once() -> None:
    source = """
    import time
    import rillet as st

    @st.cache_data
    def slow():
        calls.append(1)
        time.sleep(0.3)
        return "done"

    st.text(slow())
    """
    calls: list[int] = []
    a, b = app(source, calls=calls), app(source, calls=calls)
    a._session.request_rerun()
    b._session.request_rerun()
    assert a._session.wait_idle(5) and b._session.wait_idle(5)
    assert calls == [1]
    assert a.run().text[0].value == b.run().text[0].value == "done"


def test_different_keys_compute_in_parallel() -> None:
    started = threading.Barrier(2, timeout=5)

    @st.cache_data
    def meet(n: int) -> int:
        started.wait()  # deadlocks (BrokenBarrierError) if keys shared one lock
        return n

    threads = [threading.Thread(target=meet, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not started.broken


def test_an_exception_is_not_cached() -> None:
    calls: list[int] = []

    @st.cache_data
    def flaky(n: int) -> int:
        calls.append(n)
        if len(calls) == 1:
            raise ValueError("first time")
        return n

    with pytest.raises(ValueError):
        flaky(1)
    assert flaky(1) == 1
    assert flaky(1) == 1
    assert calls == [1, 1]


def test_clear_one_entry_all_of_a_function_or_everything() -> None:
    calls: list[str] = []

    @st.cache_data
    def a(n: int) -> int:
        calls.append(f"a{n}")
        return n

    @st.cache_data
    def b(n: int) -> int:
        calls.append(f"b{n}")
        return n

    def call_all() -> None:
        a(1), a(2), b(1)

    call_all()
    a.clear(1)
    call_all()
    assert calls == ["a1", "a2", "b1", "a1"]
    a.clear()
    call_all()
    assert calls[4:] == ["a1", "a2"]
    st.cache_data.clear()
    call_all()
    assert calls[6:] == ["a1", "a2", "b1"]


def test_clear_from_a_button_callback() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def load():
        calls.append(1)
        return len(calls)

    st.button("Refresh", on_click=load.clear)
    st.text(str(load()))
    """
    calls: list[int] = []
    at = app(source, calls=calls).run()
    at.run()
    assert texts(at) == ["1"]
    at.button[0].click().run()
    assert texts(at) == ["2"]


def test_session_scope_keeps_entries_per_session_and_frees_them_on_close() -> None:
    source = """
    import rillet as st

    @st.cache_data(scope="session")
    def mine():
        calls.append(1)
        return len(calls)

    st.text(str(mine()))
    """
    calls: list[int] = []
    a = app(source, calls=calls).run()
    b = app(source, calls=calls).run()
    a.run()
    b.run()
    assert (texts(a), texts(b)) == (["1"], ["2"])
    assert len(data.REGISTRY.caches()) == 2
    a._session.close()
    assert [c for c in data.REGISTRY.caches()] == [data.REGISTRY.caches()[0]]
    assert len(data.REGISTRY.caches()) == 1
    b._session.close()
    assert data.REGISTRY.caches() == []


def test_session_scope_outside_a_running_app_is_a_clear_error() -> None:
    @st.cache_data(scope="session")
    def mine() -> int:
        return 1

    with pytest.raises(RilletAPIException, match="only be called while an app runs"):
        mine()


def test_cached_function_works_outside_a_running_app() -> None:
    calls: list[int] = []

    @st.cache_data
    def plain(n: int) -> list[int]:
        calls.append(n)
        st.write("not shown: no app is running")
        return [n]

    assert plain(1) == [1]
    assert plain(1) == [1]
    assert calls == [1]


def test_decorator_with_and_without_parentheses_and_called_directly() -> None:
    def f(n: int) -> int:
        return n

    for made in (st.cache_data(f), st.cache_data()(f), st.cache_data(ttl=1)(f)):
        assert isinstance(made, CachedFunc)
        assert made(3) == 3
        assert made.__name__ == "f"
        assert made.__wrapped__ is f  # type: ignore[attr-defined]


def test_cached_methods_take_underscore_self() -> None:
    calls: list[int] = []

    class Repo:
        @st.cache_data
        def rows(_self, n: int) -> list[int]:
            calls.append(n)
            return list(range(n))

    assert Repo().rows(3) == [0, 1, 2]
    assert Repo().rows(3) == [0, 1, 2]
    Repo().rows.clear(3)
    Repo().rows(3)
    assert calls == [3, 3]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"persist": "s3"}, "Invalid `persist` value"),
        ({"scope": "tab"}, "Invalid `scope` value"),
        ({"ttl": "soon"}, "Unable to parse ttl='soon'"),
        ({"ttl": -1}, "ttl must not be negative"),
        ({"max_entries": 0}, "max_entries must be a positive int"),
        ({"max_size": "lots"}, "Unable to parse max_size='lots'"),
    ],
)
def test_invalid_parameters_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(RilletAPIException, match=message):
        st.cache_data(**kwargs)


def test_persist_disk_survives_a_restart(isolated_caches: Path) -> None:
    source = """
    import rillet as st

    @st.cache_data(persist="disk")
    def load():
        calls.append(1)
        return {"rows": 3}

    st.text(str(load()))
    """
    calls: list[int] = []
    app(source, calls=calls).run()
    assert list((isolated_caches / "data").rglob("*.entry"))
    data.REGISTRY.forget()  # what a restart loses: every cache in memory
    at = app(source, calls=calls).run()
    assert texts(at) == ["{'rows': 3}"]
    assert calls == [1]


def test_persisted_entries_are_shared_with_another_process(isolated_caches: Path) -> None:
    script = isolated_caches.parent / "persisted.py"
    script.write_text(
        "import rillet as st\n"
        "@st.cache_data(persist='disk')\n"
        "def load():\n"
        "    print('computed', flush=True)\n"
        "    return 42\n"
        "st.text(str(load()))\n"
    )
    driver = (
        "import sys\nfrom rillet.testing import AppTest\n"
        "at = AppTest.from_file(sys.argv[1]).run(timeout=20)\nprint(at.text[0].value)\n"
    )
    env = {**os.environ, "RILLET_CACHE_DIR": str(isolated_caches)}
    outs = [
        subprocess.run(
            [sys.executable, "-c", driver, str(script)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        ).stdout.split()
        for _ in range(2)
    ]
    assert outs == [["computed", "42"], ["42"]]


def test_cli_cache_clear_empties_the_disk_cache(isolated_caches: Path) -> None:
    @st.cache_data(persist=True)
    def load() -> int:
        return 1

    load()
    assert list(isolated_caches.rglob("*.entry"))
    out = subprocess.run(
        [sys.executable, "-m", "rillet", "cache", "clear"],
        capture_output=True,
        text=True,
        env={**os.environ, "RILLET_CACHE_DIR": str(isolated_caches)},
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "1 cached" in out.stdout
    assert not list(isolated_caches.rglob("*.entry"))


def test_configure_points_disk_entries_elsewhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    settings.configure(cache_dir=elsewhere)

    @st.cache_data(persist="disk")
    def load() -> int:
        return 1

    load()
    assert list(elsewhere.rglob("*.entry"))


def test_a_run_waiting_for_another_sessions_computation_can_still_be_preempted() -> None:
    source = """
    import rillet as st

    @st.cache_data
    def slow():
        calls.append(1)
        entered.set()
        assert leave.wait(5)
        return "done"

    st.text(slow())
    """
    calls: list[int] = []
    entered, leave = threading.Event(), threading.Event()
    a = app(source, calls=calls, entered=entered, leave=leave)
    b = app(source, calls=calls, entered=entered, leave=leave)
    a._session.request_rerun()
    assert entered.wait(5)
    b._session.request_rerun()  # waits for a's computation
    time.sleep(0.2)
    b._session.request_rerun()  # the user interacts again: a newer full rerun preempts
    deadline = time.monotonic() + 5
    while b._session.runner.run_count < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert b._session.runner.run_count == 2  # the waiting run gave way
    leave.set()
    assert a._session.wait_idle(5) and b._session.wait_idle(5)
    assert calls == [1]
    assert b.run().text[0].value == "done"


def test_session_scope_clear_in_a_run_clears_only_that_session() -> None:
    source = """
    import rillet as st

    @st.cache_data(scope="session")
    def mine():
        calls.append(1)
        return len(calls)

    if st.button("clear"):
        mine.clear()
    st.text(str(mine()))
    """
    calls: list[int] = []
    a = app(source, calls=calls).run()
    b = app(source, calls=calls).run()
    a.button[0].click().run()
    b.run()
    assert (texts(a), texts(b)) == (["3"], ["2"])
