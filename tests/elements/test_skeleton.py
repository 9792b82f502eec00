"""st.skeleton through AppTest: a slot showing the shimmer, replaced by content or cleared after
a ``with`` block whose output goes around it."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest


def app(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\n" + body).run()


def test_a_skeleton_is_a_slot_that_content_replaces() -> None:
    at = app("slot = st.skeleton(height=200, width=300)\n")
    assert (at.skeleton[0].height, at.skeleton[0].width) == (200, 300)

    at = app("slot = st.skeleton()\nslot.dataframe({'a': [1, 2]})\nst.write('after')\n")
    assert len(at.skeleton) == 0
    assert at.main[0].element.kind == "dataframe"
    assert at.main[1].value == "after"


def test_with_shows_it_delayed_and_clears_it_while_output_goes_around_it() -> None:
    at = app(
        """
with st.skeleton(height=100):
    st.markdown("computed inside")
st.markdown("after")
"""
    )
    kinds = [n.element.kind for n in at.main]
    assert kinds == ["empty", "markdown", "markdown"]
    assert [n.value for n in at.main.markdown] == ["computed inside", "after"]


def test_while_the_block_runs_the_skeleton_carries_its_delay() -> None:
    at = app(
        """
from rillet.runtime import context
with st.skeleton(height=50):
    node = context.current().writer.tree.node((0, 0))
    st.session_state.props = dict(node.element.props)
"""
    )
    assert at.session_state["props"] == {"height": 50, "delay": 500}


def test_an_error_in_the_block_still_clears_it() -> None:
    at = app("with st.skeleton():\n    raise ValueError('boom')\n")

    assert len(at.skeleton) == 0
    assert at.exception[0].message == "boom"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.skeleton(height="content")',
            "Invalid height value: 'content'. Height must be either a positive integer (pixels) "
            "or 'stretch'.",
        ),
        (
            'st.skeleton(width="content")',
            "Invalid width value: 'content'. Width must be either a positive integer (pixels) "
            "or 'stretch'.",
        ),
        (
            "st.skeleton(height=-1)",
            "Invalid height value: -1. Height must be either a positive integer (pixels) or "
            "'stretch'.",
        ),
    ],
)
def test_bad_sizes_get_streamlits_errors(call: str, message: str) -> None:
    assert app(call + "\n").exception[0].message == message
