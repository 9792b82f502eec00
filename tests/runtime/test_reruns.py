"""How a script reruns: on widget changes, on `rerun()`, `stop()`, errors, preemption and magic."""

from __future__ import annotations

import threading
import time
from typing import Any

from rillet.protocol.messages import Delta, RunFinished, RunStarted, Truncate
from rillet.runtime.errors import RerunInterrupt, RerunRequested, StopRun
from rillet.testing import AppTest


def statuses(at: AppTest) -> list[str]:
    return [m.status for m in at.messages if isinstance(m, RunFinished)]


def kinds_and_bodies(at: AppTest) -> list[tuple[str, Any]]:
    return [(node.element.kind, node.props.get("body")) for node in at.main]


# --- reruns on interaction -----------------------------------------------------------------


def test_widget_change_reruns_the_script_with_the_new_value() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state.runs = st.session_state.get("runs", 0) + 1
        n = st.slider("n", 0, 10, 2)
        st.text(f"n={n} runs={st.session_state.runs}")
        """
    ).run()
    assert at.text[0].value == "n=2 runs=1"

    at.slider[0].set_value(7).run()

    assert at.text[0].value == "n=7 runs=2"


def test_button_click_reruns_and_returns_true_once() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        if st.button("go"):
            st.text("clicked")
        else:
            st.text("idle")
        """
    ).run()
    assert at.text.values == ["idle"]

    at.button[0].click().run()
    assert at.text.values == ["clicked"]

    at.run()
    assert at.text.values == ["idle"]


def test_every_run_is_framed_by_run_started_and_run_finished() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("hello")
        """
    ).run()
    at.run()

    first, last = at.messages[0], at.messages[-1]
    assert isinstance(first, RunStarted)
    assert first.fragment_ids == []
    assert isinstance(last, RunFinished)
    assert last.status == "ok"
    assert first.run_id == last.run_id == 2


# --- rerun() and stop() --------------------------------------------------------------------


def test_rerun_starts_the_script_again_until_the_counter_is_done() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state.setdefault("count", 0)
        st.session_state.count += 1
        st.text(f"count {st.session_state.count}")
        if st.session_state.count < 3:
            st.rerun()
        st.text("settled")
        """
    ).run()

    assert at.text.values == ["count 3", "settled"]
    assert at.session_state["count"] == 3
    assert statuses(at) == ["interrupted", "interrupted", "ok"]


def test_rerun_is_not_swallowed_by_except_exception() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state.setdefault("count", 0)
        st.session_state.count += 1
        try:
            if st.session_state.count == 1:
                st.rerun()
        except Exception:
            st.text("swallowed")
        st.text(f"count {st.session_state.count}")
        """
    ).run()

    assert at.text.values == ["count 2"]


def test_stop_keeps_the_elements_above_it_and_skips_the_rest() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.title("Top")
        st.text("above")
        st.stop()
        st.text("below")
        """
    ).run()

    assert at.title[0].value == "Top"
    assert at.text.values == ["above"]
    assert statuses(at) == ["stopped"]


def test_stop_is_not_swallowed_by_except_exception() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        try:
            st.stop()
        except Exception:
            st.text("swallowed")
        st.text("below")
        """
    ).run()

    assert at.text.values == []
    assert statuses(at) == ["stopped"]


def test_stop_after_a_longer_run_removes_what_the_longer_run_showed_below() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("always")
        if st.checkbox("stop early"):
            st.stop()
        st.text("sometimes")
        """
    ).run()
    assert at.text.values == ["always", "sometimes"]

    at.checkbox[0].check().run()

    assert at.text.values == ["always"]


def test_control_flow_signals_are_base_exceptions() -> None:
    for signal in (RerunInterrupt, StopRun, RerunRequested):
        assert issubclass(signal, BaseException)
        assert not issubclass(signal, Exception), signal.__name__


# --- exceptions ----------------------------------------------------------------------------


def test_exception_is_shown_with_type_message_and_traceback_below_what_ran() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.title("Report")
        st.text("before")

        def compute():
            raise ValueError("bad value")

        compute()
        st.text("after")
        """
    ).run()

    assert at.title[0].value == "Report"
    assert at.text.values == ["before"]
    assert len(at.exception) == 1
    shown = at.exception[0]
    assert shown.exception_type == "ValueError"
    assert shown.message == "bad value"
    trace = "\n".join(shown.stack_trace)
    assert "in compute" in trace
    assert 'raise ValueError("bad value")' in trace
    assert "rillet/runtime" not in trace, "frames of rillet itself are not the user's business"
    assert shown.path == (0, 2)
    assert statuses(at) == ["error"]


def test_exception_from_a_rillet_command_points_at_the_users_line() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.slider("bad", 0, 10, step=0)
        """
    ).run()

    trace = "\n".join(at.exception[0].stack_trace)
    assert 'st.slider("bad", 0, 10, step=0)' in trace
    assert "rillet/elements" not in trace


def test_next_run_without_the_error_removes_it_and_the_session_keeps_working() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("before")
        if st.checkbox("explode"):
            raise RuntimeError("boom")
        st.text("after")
        """
    ).run()
    at.checkbox[0].check().run()
    assert at.exception[0].message == "boom"
    assert at.text.values == ["before"]

    at.checkbox[0].uncheck().run()

    assert len(at.exception) == 0
    assert at.text.values == ["before", "after"]
    assert statuses(at) == ["ok"]
    at.checkbox[0].check().run()
    assert at.exception[0].message == "boom"


def test_exception_caught_by_the_script_shows_nothing() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        try:
            {}["missing"]
        except KeyError:
            st.text("handled")
        """
    ).run()

    assert len(at.exception) == 0
    assert at.text.values == ["handled"]


def test_syntax_error_in_the_script_is_shown_as_an_exception() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("never shown")
        x = (1 +
        """
    ).run()

    assert at.text.values == []
    assert len(at.exception) == 1
    shown = at.exception[0]
    assert shown.exception_type == "SyntaxError"
    assert "line 4" in shown.message
    trace = "\n".join(shown.stack_trace)
    assert "x = (1 +" in trace
    assert statuses(at) == ["error"]


def test_syntax_error_traceback_shows_only_the_users_file() -> None:
    at = AppTest.from_string(
        """
        x = (1 +
        """
    ).run()

    trace = "\n".join(at.exception[0].stack_trace)
    assert "ast.py" not in trace
    assert trace.count('File "') == 1


def test_system_exit_ends_the_run_like_stop() -> None:
    at = AppTest.from_string(
        """
        import sys
        import rillet as st
        st.text("above")
        sys.exit()
        st.text("below")
        """
    ).run()

    assert at.text.values == ["above"]
    assert len(at.exception) == 0
    assert statuses(at) == ["stopped"]


# --- preemption ----------------------------------------------------------------------------


def long_loop_app(started, swallow):
    # No annotations: the body runs as a script, where `threading` is not imported.
    import time

    import rillet as st

    runs = st.session_state.get("runs", 0) + 1
    st.session_state.runs = runs
    st.text(f"run {runs}")
    if runs == 1:
        started.set()
        for i in range(500):  # 5 s unless preempted
            try:
                st.text(f"line {i}")
            except Exception:
                if not swallow:
                    raise
            time.sleep(0.01)
    st.text("done")


def preempt_when_started(at: AppTest, started: threading.Event) -> threading.Thread:
    def request() -> None:
        if started.wait(5):
            time.sleep(0.05)
            at._session.request_rerun()

    thread = threading.Thread(target=request, daemon=True)
    thread.start()
    return thread


def test_full_rerun_preempts_a_running_script_at_its_next_rillet_call() -> None:
    started = threading.Event()
    at = AppTest.from_function(long_loop_app, kwargs={"started": started, "swallow": False})
    thread = preempt_when_started(at, started)

    began = time.monotonic()
    at.run(timeout=10)
    elapsed = time.monotonic() - began
    thread.join(1)

    assert elapsed < 2.5, f"the first run was not preempted (took {elapsed:.1f} s)"
    assert statuses(at) == ["interrupted", "ok"]
    assert at.text.values == ["run 2", "done"]


def test_preemption_is_not_swallowed_by_except_exception_around_rillet_calls() -> None:
    started = threading.Event()
    at = AppTest.from_function(long_loop_app, kwargs={"started": started, "swallow": True})
    thread = preempt_when_started(at, started)

    began = time.monotonic()
    at.run(timeout=10)
    elapsed = time.monotonic() - began
    thread.join(1)

    assert elapsed < 2.5, f"user code swallowed the interrupt (took {elapsed:.1f} s)"
    assert statuses(at) == ["interrupted", "ok"]
    assert at.text.values == ["run 2", "done"]


def test_interrupted_run_does_not_truncate_but_the_next_run_does() -> None:
    started = threading.Event()
    at = AppTest.from_function(long_loop_app, kwargs={"started": started, "swallow": False})
    thread = preempt_when_started(at, started)

    at.run(timeout=10)
    thread.join(1)

    runs = [m for m in at.messages if isinstance(m, RunStarted)]
    assert len(runs) == 2
    second = at.messages.index(runs[1])
    first_run, second_run = at.messages[:second], at.messages[second:]
    assert RunFinished(run_id=1, status="interrupted") in first_run
    assert not [m for m in first_run if isinstance(m, Truncate)], (
        "an interrupted run leaves the page for the next run to settle"
    )
    assert [m for m in second_run if isinstance(m, Truncate)] == [Truncate(path=[0], length=2)]


# --- magic ---------------------------------------------------------------------------------


def test_magic_writes_bare_expressions() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        "hello *world*"
        x = 41
        x + 1
        {"a": 1}
        """
    ).run()

    assert [m.value for m in at.markdown] == ["hello *world*", "`42`"]
    assert at.json[0].body == {"a": 1}


def test_magic_skips_the_module_docstring() -> None:
    at = AppTest.from_string(
        '''
        """This app's docstring."""
        import rillet as st
        "shown"
        '''
    ).run()

    assert at.markdown.values == ["shown"]


def test_magic_does_not_write_the_result_of_calls() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        def answer():
            return "forty-two"
        answer()
        len("abc")
        st.text("only this")
        """
    ).run()

    assert kinds_and_bodies(at) == [("text", "only this")]


def test_magic_tuple_writes_each_item() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        "label", {"k": 1}, [1, 2]
        """
    ).run()

    assert at.markdown.values == ["label"]
    assert [j.body for j in at.json] == [{"k": 1}, [1, 2]]


def test_magic_writes_expressions_inside_if_for_while_with_try_and_functions() -> None:
    at = AppTest.from_string(
        '''
        import contextlib
        import rillet as st
        if True:
            "in if"
        else:
            "never"
        for i in range(2):
            f"in for {i}"
        n = 0
        while n < 1:
            n += 1
            "in while"
        with contextlib.nullcontext():
            "in with"
        try:
            "in try"
            raise ValueError
        except ValueError:
            "in except"
        finally:
            "in finally"
        def show():
            """Function docstrings are not written."""
            "in function"
        show()
        '''
    ).run()

    assert at.markdown.values == [
        "in if",
        "in for 0",
        "in for 1",
        "in while",
        "in with",
        "in try",
        "in except",
        "in finally",
        "in function",
    ]


def test_magic_leaves_class_bodies_alone() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        class Config:
            "class docstring"
            "not written either"
            size = 3
            size
        st.text(Config.size)
        """
    ).run()

    assert kinds_and_bodies(at) == [("text", "3")]


def test_magic_expression_order_matches_the_script() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("one")
        "two"
        st.text("three")
        """
    ).run()

    assert kinds_and_bodies(at) == [("text", "one"), ("markdown", "two"), ("text", "three")]


def test_magic_changes_on_rerun_send_a_delta() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        n = st.slider("n", 0, 5)
        f"value {n}"
        """
    ).run()

    at.slider[0].set_value(3).run()

    deltas = [m for m in at.messages if isinstance(m, Delta) and m.element.kind == "markdown"]
    assert [d.element.props["body"] for d in deltas] == ["value 3"]
