"""st.dataframe and st.data_editor height="stretch" and "content": accepted and sent as given."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest


def run(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


@pytest.mark.parametrize("height", ["stretch", "content", 250])
def test_dataframe_sends_its_height(height: object) -> None:
    at = run(
        f"with st.container(height=400):\n    st.dataframe({{'a': [1, 2]}}, height={height!r})\n"
    )

    assert not at.exception
    assert at.dataframe[0].props["height"] == height


@pytest.mark.parametrize("height", ["stretch", "content"])
def test_data_editor_sends_its_height(height: str) -> None:
    at = run(f"import pandas as pd\nst.data_editor(pd.DataFrame({{'a': [1]}}), height={height!r})")

    assert not at.exception
    assert at.data_editor[0].props["height"] == height


def test_auto_sends_no_height() -> None:
    assert "height" not in run("st.dataframe({'a': [1]})\n").dataframe[0].props


@pytest.mark.parametrize("height", ["tall", 0, -5, 2.5])
def test_a_bad_height_is_refused_with_streamlits_text(height: object) -> None:
    at = run(f"st.dataframe({{'a': [1]}}, height={height!r})\n")

    assert at.exception[0].message == (
        f"Invalid height value: {height!r}. Height must be either a positive integer (pixels), "
        "'stretch', or 'content'."
    )
