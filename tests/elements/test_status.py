"""Status elements: alerts, exceptions, progress, spinner, status containers, toasts, balloons."""

from __future__ import annotations

import pytest

from rillet.protocol.messages import Delta
from rillet.testing import AppTest


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def error_of(body: str) -> tuple[str, str]:
    at = app(body)
    assert at.exception, "expected the script to fail"
    return at.exception[0].exception_type, at.exception[0].message


def deltas(at: AppTest) -> list[Delta]:
    return [m for m in at.messages if isinstance(m, Delta)]


# Shows what the page holds at that moment of the run (a spinner is gone by the end of it).
KINDS_NOW = """
from rillet.runtime import context
def kinds_now():
    tree = context.current().session.tree
    return [n.element.kind for p, n in tree.walk() if len(p) > 1]
"""


# --- alerts --------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["success", "info", "warning", "error"])
def test_alert_levels_icon_title_and_width(level: str) -> None:
    at = app(f'st.{level}("**Saved** the file", icon="✅", title="Done", width=300)\n')

    alert = at.get(level)[0]
    assert (alert.value, alert.icon, alert.title) == ("**Saved** the file", "✅", "Done")
    assert "<strong>Saved</strong>" in alert.props["html"]
    assert alert.props["width"] == 300


def test_a_leading_emoji_becomes_the_alerts_icon_as_in_streamlit() -> None:
    at = app('st.warning("⚠️ Disk almost full")\nst.info("🚀- Launched")\n')

    assert [(a.icon, a.value) for a in (at.warning[0], at.info[0])] == [
        ("⚠️", "Disk almost full"),
        ("🚀", "Launched"),
    ]


def test_an_empty_icon_keeps_a_leading_emoji_in_the_text() -> None:
    at = app('st.error("🔥 on fire", icon="")\n')

    assert (at.error[0].icon, at.error[0].value) == (None, "🔥 on fire")


def test_alert_html_is_shown_as_text() -> None:
    at = app('st.error("<img src=x onerror=alert(1)>")\n')

    assert "<img" not in at.error[0].props["html"]
    assert "&lt;img" in at.error[0].props["html"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'icon="x"',
            'The value "x" is not a valid icon. Please use a single emoji or a Material icon '
            "shortcode like `:material\u200b/thumb_up:`.",
        ),
        (
            'width="content"',
            "Invalid width value: 'content'. Width must be either a positive integer (pixels) "
            "or 'stretch'.",
        ),
    ],
)
def test_alert_rejects_bad_arguments(call: str, message: str) -> None:
    assert error_of(f'st.info("x", {call})\n') == ("RilletAPIException", message)


def test_exception_takes_a_width() -> None:
    at = app("st.exception(ValueError('bad'), width=500)\n")

    assert (at.exception[0].message, at.exception[0].props["width"]) == ("bad", 500)


# --- progress ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "percent"), [(0, 0), (42, 42), (100, 100), (0.5, 50), (1.0, 100)]
)
def test_progress_takes_ints_as_percent_and_floats_as_fractions(
    value: object, percent: int
) -> None:
    at = app(f"st.progress({value!r})\n")

    assert at.progress[0].value == percent


def test_progress_tolerates_float_rounding_past_one() -> None:
    at = app("st.progress(0.1 * 3 + 0.7000000000000001)\n")

    assert at.progress[0].value == 100


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("101", "The `value` parameter, set to 101, is outside the required range [0, 100]."),
        ("-1", "The `value` parameter, set to -1, is outside the required range [0, 100]."),
        ("1.5", "The `value` parameter, set to 1.5, is outside the required range [0.0, 1.0]."),
        ("'50'", "Invalid `value` type. Expected one of: int, float. Provided type: str."),
        ("5, text=5", "Invalid `text` type. Expected one of: str. Provided type: int."),
    ],
)
def test_progress_rejects_bad_values_with_streamlits_words(call: str, message: str) -> None:
    assert error_of(f"st.progress({call})\n") == ("RilletAPIException", message)


def test_progress_updates_in_place_through_what_it_returns() -> None:
    at = app(
        """
bar = st.progress(0, text="Starting")
for step in (25, 50, 75):
    bar.progress(step, text=f"Step {step}")
st.text("after")
"""
    )

    assert len(at.progress) == 1
    assert (at.progress[0].value, at.progress[0].text) == (75, "Step 75")
    assert [d.path for d in deltas(at) if d.element.kind == "progress"] == [[0, 0]] * 4
    assert at.text[0].path == (0, 1)


def test_progress_text_is_markdown_and_its_width_is_sent() -> None:
    at = app("st.progress(10, text='**Loading**', width=200)\n")

    assert "<strong>Loading</strong>" in at.progress[0].props["html"]
    assert at.progress[0].props["width"] == 200


# --- spinner -------------------------------------------------------------------------------


def test_spinner_shows_while_the_block_runs_and_is_gone_after() -> None:
    at = app(
        KINDS_NOW
        + """
with st.spinner("Crunching numbers..."):
    st.session_state.during = kinds_now()
st.text("done")
"""
    )

    assert "spinner" in at.session_state.during
    assert not at.spinner
    assert at.text[0].path == (0, 0), "the spinner's place is handed to the next element"


def test_spinner_text_time_and_width() -> None:
    at = app(
        KINDS_NOW
        + """
from rillet.runtime import context
with st.spinner("Wait", show_time=True, width="stretch"):
    tree = context.current().session.tree
    st.session_state.props = [n.element.props for p, n in tree.walk()
                              if n.element.kind == "spinner"]
"""
    )

    (props,) = at.session_state.props
    assert (props["body"], props["show_time"], props["width"]) == ("Wait", True, "stretch")


def test_spinner_default_text_is_streamlits() -> None:
    at = app(
        """
from rillet.runtime import context
with st.spinner():
    tree = context.current().session.tree
    st.session_state.texts = [n.element.props["body"] for p, n in tree.walk()
                              if n.element.kind == "spinner"]
"""
    )

    assert at.session_state.texts == ["In progress..."]


def test_spinner_on_a_column_spins_in_the_column() -> None:
    at = app(
        KINDS_NOW
        + """
from rillet.runtime import context
left, right = st.columns(2)
with right.spinner("here"):
    tree = context.current().session.tree
    st.session_state.paths = [p for p, n in tree.walk() if n.element.kind == "spinner"]
"""
    )

    assert at.session_state.paths == [(0, 0, 1, 0)]


def test_what_a_block_writes_inside_the_spinner_stays() -> None:
    at = app(
        """
with st.spinner("Loading"):
    st.text("loaded")
st.text("after")
"""
    )

    assert at.text.values == ["loaded", "after"]
    assert [n.element.kind for n in at.main] == ["empty", "text", "text"]


def test_spinner_as_a_decorator() -> None:
    at = app(
        KINDS_NOW
        + """
@st.spinner("Working")
def work():
    return kinds_now()

st.session_state.seen = work()
"""
    )

    assert "spinner" in at.session_state.seen
    assert not at.spinner


def test_spinner_rejects_a_bad_width() -> None:
    assert error_of("with st.spinner('x', width=0):\n    pass\n")[1].startswith(
        "Invalid width value: 0."
    )


# --- status --------------------------------------------------------------------------------


def test_status_with_block_ends_complete() -> None:
    at = app(
        """
with st.status("Downloading data...") as status:
    st.text("Found URL.")
"""
    )

    box = at.status[0]
    assert (box.label, box.state, box.icon, box.expanded) == (
        "Downloading data...",
        "complete",
        ":material/check:",
        False,
    )
    assert box.text[0].value == "Found URL."


def test_status_without_with_stays_running() -> None:
    at = app('box = st.status("Waiting", expanded=True)\nbox.text("hello")\n')

    assert (at.status[0].state, at.status[0].icon, at.status[0].expanded) == (
        "running",
        "spinner",
        True,
    )
    assert at.status[0].text[0].value == "hello"


def test_status_turns_to_error_when_its_block_raises() -> None:
    at = app(
        """
with st.status("Loading"):
    st.text("step 1")
    raise RuntimeError("network down")
"""
    )

    assert at.status[0].state == "error"
    assert at.exception[0].message == "network down"
    assert at.status[0].text[0].value == "step 1"


def test_status_update_changes_the_header_and_keeps_the_content() -> None:
    at = app(
        """
with st.status("Downloading...", expanded=True) as status:
    st.text("Searching for data...")
    status.update(label="Download complete!", state="complete", expanded=False)
    st.text("more")
"""
    )

    box = at.status[0]
    assert (box.label, box.state, box.expanded) == ("Download complete!", "complete", False)
    assert box.text.values == ["Searching for data...", "more"]
    block_deltas = [d for d in deltas(at) if d.element.kind == "block"]
    assert {tuple(d.path) for d in block_deltas} == {(0, 0)}


def test_status_update_to_error_is_kept_after_the_block() -> None:
    at = app(
        """
with st.status("Checking") as status:
    status.update(state="error")
"""
    )

    assert at.status[0].state == "error"


def test_status_type() -> None:
    at = app('st.status("x", type="step")\n')

    assert at.status[0].props["variant"] == "step"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.status("x", state="done")',
            "Invalid `state` value. Supported values: 'running', 'complete', 'error'.",
        ),
        (
            'st.status("x").update(state="done")',
            "Invalid `state` value. Supported values: 'running', 'complete', 'error'.",
        ),
        (
            'st.status("x", type="big")',
            "Invalid `type` value. Supported values: 'default', 'compact', 'step'.",
        ),
    ],
)
def test_status_rejects_bad_arguments(call: str, message: str) -> None:
    assert error_of(call + "\n") == ("RilletAPIException", message)


# --- toast ---------------------------------------------------------------------------------


def test_toast_goes_to_the_event_area_not_the_page() -> None:
    at = app('st.text("before")\nst.toast("Saved!", icon="🎉")\nst.text("after")\n')

    toast = at.toast[0]
    assert (toast.value, toast.icon, toast.duration) == ("Saved!", "🎉", 4)
    assert toast.path[0] == 2
    assert [t.path for t in at.text] == [(0, 0), (0, 1)]


@pytest.mark.parametrize(
    ("duration", "seconds"), [("'short'", 4), ("'long'", 10), ("'infinite'", None), ("7", 7)]
)
def test_toast_durations(duration: str, seconds: int | None) -> None:
    at = app(f"st.toast('x', duration={duration})\n")

    assert at.toast[0].duration == seconds


def test_toasts_do_not_accumulate_across_reruns() -> None:
    at = AppTest.from_string(
        """
import rillet as st
if st.button("Save"):
    st.toast("Saved")
"""
    ).run()

    at.button[0].click().run()
    assert at.toast.values == ["Saved"]

    at.run()
    assert at.toast.values == []


def test_each_toast_call_is_sent_again_so_the_browser_shows_it_again() -> None:
    at = app("st.toast('Hello')\n")
    first = at.toast[0].props["id"]

    at.run()

    assert at.toast[0].props["id"] != first
    assert [d.element.kind for d in deltas(at)] == ["toast"]


def test_a_toast_updates_in_place_through_what_it_returns() -> None:
    at = app(
        """
msg = st.toast("Gathering ingredients...")
msg.toast("Cooking...")
msg.toast("Ready!", icon="🥞")
"""
    )

    assert [(t.value, t.icon) for t in at.toast] == [("Ready!", "🥞")]
    ids = {d.element.props["id"] for d in deltas(at) if d.element.kind == "toast"}
    assert len(ids) == 1, "one toast, updated"


def test_toast_body_is_markdown_with_html_shown_as_text() -> None:
    at = app("st.toast('**bold** <script>x</script>')\n")

    html = at.toast[0].props["html"]
    assert "<strong>bold</strong>" in html and "<script>" not in html


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("''", "The `body` parameter is required. Please provide a message."),
        (
            "'x', duration=0",
            "Invalid `duration` value. Supported values: short, long, infinite, "
            "a positive integer.",
        ),
        (
            "'x', duration='forever'",
            "Invalid `duration` value. Supported values: short, long, infinite, "
            "a positive integer.",
        ),
    ],
)
def test_toast_rejects_bad_arguments(call: str, message: str) -> None:
    assert error_of(f"st.toast({call})\n") == ("RilletAPIException", message)


def test_toast_from_a_fragment_rerun_leaves_the_rest_alone() -> None:
    at = app(
        """
st.text("page")

@st.fragment
def saver():
    if st.button("Save"):
        st.toast("Saved")

saver()
"""
    )

    at.button[0].click().run()

    assert at.toast.values == ["Saved"]
    assert at.text.values == ["page"]


# --- balloons and snow ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["balloons", "snow"])
def test_celebrations_are_events_with_a_fresh_id_per_run(kind: str) -> None:
    at = app(f"st.text('page')\nst.{kind}()\n")
    first = at.get(kind)[0]
    assert first.path[0] == 2
    assert at.text[0].path == (0, 0)

    at.run()

    assert at.get(kind)[0].props["id"] != first.props["id"]


# --- everything is a container method --------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        "success('x')",
        "progress(5)",
        "status('x')",
        "tabs(['a'])",
        "expander('x')",
        "popover('x')",
        "space()",
    ],
)
def test_status_and_layout_commands_write_into_the_container_they_are_called_on(
    call: str,
) -> None:
    at = app(f"box = st.container()\nbox.{call}\n")

    assert at.main[0].children, f"{call} landed inside the container"
    assert len(at.main) == 1
