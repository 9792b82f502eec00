"""A threaded app as a new user writes it from Streamlit's threading guide, in Chromium: worker
threads started by the script write their results into the containers they were given."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from rillet import compat
from tests.e2e.conftest import AppPage

# Streamlit's "Expose ScriptRunContext to the thread" pattern, with short delays; the threads
# finish in reverse order, so each result must land by container, not by arrival.
THREADED = """
import time
from threading import Thread

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx


class WorkerThread(Thread):
    def __init__(self, delay, target):
        super().__init__()
        self.delay = delay
        self.target = target

    def run(self):
        time.sleep(self.delay)
        self.target.write(f"result after {self.delay}s")


st.session_state.runs = st.session_state.get("runs", 0) + 1
delays = [0.4, 0.3, 0.2, 0.1]
boxes = []
for i, delay in enumerate(delays):
    st.header(f"Thread {i}")
    boxes.append(st.container())
threads = [WorkerThread(delay, box) for delay, box in zip(delays, boxes)]
for thread in threads:
    add_script_run_ctx(thread, get_script_run_ctx())
    thread.start()
for thread in threads:
    thread.join()
st.write(f"all done, run {st.session_state.runs}")
st.button("Rerun")
"""


@pytest.fixture
def compat_cleanup() -> Iterator[None]:
    yield
    compat.uninstall()  # the served app installed the aliases in this process


def test_worker_threads_write_into_their_containers(
    app_page: Callable[..., AppPage], compat_cleanup: None
) -> None:
    app = app_page(THREADED, streamlit_compat=True)
    page = app.page
    main = page.locator("main")
    expect(page.get_by_text("all done, run 1")).to_be_visible()
    for i, delay in enumerate([0.4, 0.3, 0.2, 0.1]):
        heading = page.get_by_role("heading", name=f"Thread {i}")
        expect(heading).to_be_visible()
        # The result sits right under its own heading, whatever order the threads ended in.
        result = page.get_by_text(f"result after {delay}s")
        expect(result).to_be_visible()
        assert heading.bounding_box()["y"] < result.bounding_box()["y"]  # type: ignore[index]
        if i < 3:
            following = page.get_by_role("heading", name=f"Thread {i + 1}")
            assert result.bounding_box()["y"] < following.bounding_box()["y"]  # type: ignore[index]
    texts = main.get_by_text("result after").all_inner_texts()
    assert texts == [f"result after {d}s" for d in [0.4, 0.3, 0.2, 0.1]]

    app.after_run(lambda: page.get_by_role("button", name="Rerun").click())
    expect(page.get_by_text("all done, run 2")).to_be_visible()
    assert main.get_by_text("result after").all_inner_texts() == texts
    assert app.errors == []
