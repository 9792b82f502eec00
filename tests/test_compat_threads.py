"""Threads the script starts write to the page through add_script_run_ctx, as in Streamlit:
in the container they were given or the main flow, nothing after the run ends, a warning and
nothing written without a run attached."""

from __future__ import annotations

import logging
import threading

import pytest

from rillet.runtime import context
from rillet.runtime.scriptrunner import get_script_run_ctx
from rillet.testing import AppTest

HEADER = """
import threading, time
import rillet as st
from rillet.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx
"""


def run(body: str) -> AppTest:
    return AppTest.from_string(HEADER + body).run()


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_attached_thread_writes_into_the_container_it_was_given() -> None:
    at = run(
        """
st.write("top")
box = st.container()
st.write("after the box")
def work():
    box.write("from the thread")
t = threading.Thread(target=work)
add_script_run_ctx(t, get_script_run_ctx())
t.start(); t.join()
st.write("end")
"""
    )
    assert texts(at) == ["top", "from the thread", "after the box", "end"]


def test_attached_thread_writes_to_the_main_flow_where_the_script_is() -> None:
    at = run(
        """
st.write("one")
t = threading.Thread(target=lambda: st.write("thread"))
add_script_run_ctx(t)
t.start(); t.join()
st.write("two")
"""
    )
    assert texts(at) == ["one", "thread", "two"]


def test_many_threads_write_each_into_its_own_container() -> None:
    at = run(
        """
boxes = [st.container() for _ in range(8)]
def work(i):
    for j in range(20):
        boxes[i].write(f"{i}-{j}")
threads = [add_script_run_ctx(threading.Thread(target=work, args=(i,))) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
"""
    )
    assert texts(at) == [f"{i}-{j}" for i in range(8) for j in range(20)]


def test_with_block_in_a_thread_does_not_move_the_scripts_writes() -> None:
    at = run(
        """
box = st.container()
inside = threading.Event(); done = threading.Event()
def work():
    with box:
        inside.set()
        done.wait(2)
        st.write("thread in box")
t = add_script_run_ctx(threading.Thread(target=work)); t.start()
inside.wait(2)
st.write("script in main")
done.set(); t.join()
"""
    )
    assert [(m.value, len(m.path)) for m in at.markdown] == [
        ("thread in box", 3),
        ("script in main", 2),
    ]


def test_writes_after_the_run_ended_are_dropped() -> None:
    at = run(
        """
box = st.container()
go = threading.Event()
st.session_state.go = go
def late():
    go.wait(5)
    box.write("late")
    st.session_state.thread_ran = True
st.session_state.late = add_script_run_ctx(threading.Thread(target=late))
st.session_state.late.start()
st.write("end")
"""
    )
    at.session_state.go.set()
    at.session_state.late.join(5)
    assert at.session_state.thread_ran is True  # state still reaches the session
    assert texts(at.run()) == ["end"]
    assert texts(at) == ["end"]


def test_thread_without_a_run_writes_nothing_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="rillet.threads"):
        at = run(
            """
def work():
    st.write("lost")
    st.session_state.x = 1
t = threading.Thread(target=work, name="worker-1"); t.start(); t.join()
st.write("end")
"""
        )
    assert texts(at) == ["end"]
    assert "x" not in at.session_state
    assert "Thread 'worker-1': missing ScriptRunContext!" in caplog.text


def test_get_script_run_ctx_outside_a_run_warns_unless_suppressed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="rillet.threads"):
        assert get_script_run_ctx(suppress_warning=True) is None
        assert caplog.text == ""
        assert get_script_run_ctx() is None
    assert "missing ScriptRunContext" in caplog.text


def test_ctx_set_by_hand_on_a_thread_works_like_add_script_run_ctx() -> None:
    at = run(
        """
from rillet.runtime.scriptrunner import SCRIPT_RUN_CONTEXT_ATTR_NAME
ctx = get_script_run_ctx()
t = threading.Thread(target=lambda: st.write("by hand"))
setattr(t, SCRIPT_RUN_CONTEXT_ATTR_NAME, ctx)
t.start(); t.join()
"""
    )
    assert texts(at) == ["by hand"]


def test_thread_inside_a_fragment_writes_into_the_fragment() -> None:
    at = run(
        """
@st.fragment
def part():
    st.write("fragment top")
    t = add_script_run_ctx(threading.Thread(target=lambda: st.write("fragment thread")))
    t.start(); t.join()
    st.button("again")
part()
st.write("after")
"""
    )
    assert texts(at) == ["fragment top", "fragment thread", "after"]
    at.button[0].click().run()
    assert texts(at) == ["fragment top", "fragment thread", "after"]


def test_session_id_is_the_sessions() -> None:
    at = run("st.write(get_script_run_ctx().session_id)")
    assert texts(at) == [at._session.id]


def test_exists_is_true_once_rillet_runs_a_script() -> None:
    run("st.write(str(__import__('rillet').runtime.exists()))")
    assert context.runtime_exists()


def test_no_context_leaks_into_unrelated_threads() -> None:
    seen: list[object] = []
    t = threading.Thread(target=lambda: seen.append(context.current()))
    t.start()
    t.join()
    assert seen == [None]
