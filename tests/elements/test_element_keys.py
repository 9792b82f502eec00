"""Keys are one namespace, as in Streamlit: a keyed container, grid, tabs, expander or
popover and a widget (or another of them) with the same key raise
``StreamlitDuplicateElementKey`` with Streamlit 1.67's words. A form's key is its own."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest

MESSAGE = (
    "There are multiple elements with the same `key='k'`. To fix this, please make sure that "
    "the `key` argument is unique for each element you create."
)


def run(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\n" + body).run()


@pytest.mark.parametrize(
    "block",
    [
        'st.container(key="k")',
        'st.grid(2, key="k")',
        'st.tabs(["A", "B"], key="k")',
        'st.expander("E", key="k")',
        'st.popover("P", key="k")',
        'st.tabs(["A", "B"], key="k", on_change="rerun")',
        'st.expander("E", key="k", on_change="rerun")',
    ],
)
def test_a_keyed_block_and_a_widget_with_the_same_key_raise_streamlits_error(
    block: str,
) -> None:
    before = run(f'{block}\nst.text_input("a", key="k")')
    after = run(f'st.text_input("a", key="k")\n{block}')

    for at in (before, after):
        assert [e.value for e in at.exception] == [MESSAGE]


def test_two_keyed_containers_with_one_key_raise_and_the_first_stays() -> None:
    at = run('with st.container(key="k"):\n    st.text("kept")\nst.container(key="k")\n')

    assert [e.value for e in at.exception] == [MESSAGE]
    assert at.text[0].value == "kept"


def test_a_form_key_is_not_a_widget_key_and_distinct_keys_are_fine() -> None:
    at = run(
        'with st.form("k"):\n    st.form_submit_button()\n'
        'st.text_input("a", key="k")\n'
        'with st.container(key="c"):\n    st.text_input("b", key="b")\n'
    )

    assert not at.exception


def test_the_same_keyed_container_on_every_rerun_is_no_duplicate() -> None:
    at = run('st.container(key="k")\nst.button("again")\n')
    at.button[0].click().run()
    at.button[0].click().run()

    assert not at.exception
