"""st.pagination through AppTest: the page chosen, callbacks, refused pages, Streamlit's errors."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest
from rillet.testing.newest import AppTestError


def app(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\n" + body).run()


def test_pagination_returns_the_default_page_then_the_page_chosen() -> None:
    at = app('page = st.pagination(10, default=3, key="pg")\nst.write(f"page={page}")\n')

    assert at.pagination[0].value == 3
    assert at.pagination[0].num_pages == 10
    assert at.pagination[0].default == 3
    at.pagination[0].select(7).run()
    assert at.markdown[0].value == "page=7"
    assert at.session_state["pg"] == 7


def test_pagination_sends_its_shape_and_value_to_the_browser() -> None:
    at = app("st.pagination(12, max_visible_pages=None, width='stretch', disabled=True)\n")

    props = at.pagination[0].props
    assert props["num_pages"] == 12
    assert props["max_visible_pages"] is None
    assert props["width"] == "stretch"
    assert props["disabled"] is True
    assert props["value"] == 1


def test_pagination_runs_its_callback_before_the_script() -> None:
    at = app(
        """
def moved():
    st.session_state.log = f"moved to {st.session_state.pg}"
st.pagination(5, key="pg", on_change=moved)
st.write(st.session_state.get("log", "still"))
"""
    )
    at.pagination[0].set_value(4).run()

    assert at.markdown[0].value == "moved to 4"


def test_a_page_that_does_not_exist_is_refused() -> None:
    at = app("st.pagination(5)\n")
    with pytest.raises(AppTestError, match=r"Page must be an int between 1 and 5"):
        at.pagination[0].set_value(6)
    with pytest.raises(AppTestError):
        at.pagination[0].set_value(True)
    # A browser that sends one anyway is ignored: the app never sees it.
    wid = at.pagination[0].id
    at._pending[wid] = 9
    at.run()
    assert at.pagination[0].value == 1


def test_a_kept_page_beyond_fewer_pages_falls_back_to_the_default() -> None:
    at = app(
        'n = st.session_state.get("n", 10)\n'
        'page = st.pagination(n, default=2, key="pg")\nst.write(f"page={page}")\n'
    )
    at.pagination[0].select(9).run()
    at.session_state["n"] = 4
    at.run()

    assert at.markdown[0].value == "page=2"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.pagination(0)", "`num_pages` must be an integer of at least 1. Got 0."),
        (
            "st.pagination(5, default=0)",
            "The `default` parameter, set to 0, is outside the required range [1, 5].",
        ),
        (
            'st.pagination(5, default="2")',
            "Invalid `default` type. Expected one of: int. Provided type: str.",
        ),
        (
            "st.pagination(5, max_visible_pages=-1)",
            "`max_visible_pages` must be a non-negative integer or None. Got -1.",
        ),
    ],
)
def test_bad_arguments_get_streamlits_errors(call: str, message: str) -> None:
    at = app(call + "\n")

    assert at.exception[0].message == message


def test_a_bound_pagination_keeps_its_page_in_the_address() -> None:
    at = app('st.pagination(5, key="p", bind="query-params", persist_state="session")\n')
    at.pagination[0].select(3).run()

    assert at.query_params == {"p": "3"}


def test_a_disabled_pagination_cannot_be_set() -> None:
    at = app('st.pagination(5, key="pg", disabled=True)\n')
    with pytest.raises(
        AppTestError, match=r"Cannot update a disabled pagination widget \(key='pg'\)"
    ):
        at.pagination[0].select(2)
