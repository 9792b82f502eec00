"""st.mermaid_chart through AppTest: the diagram text it sends, its width and alt."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest

FLOW = '"graph LR\\n  A[Start] --> B[Done]"'


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def test_the_body_is_sent_as_text() -> None:
    at = app(f"st.mermaid_chart({FLOW})")
    diagram = at.get("mermaid_chart")[0]
    assert diagram.body == "graph LR\n  A[Start] --> B[Done]"
    assert diagram.width == "stretch"
    assert diagram.alt is None


def test_it_writes_wherever_its_container_is() -> None:
    at = app(
        f"st.sidebar.mermaid_chart({FLOW})\nwith st.container():\n    st.mermaid_chart({FLOW})"
    )
    assert [d.path for d in at.get("mermaid_chart")] == [(0, 0, 0), (1, 0)]


@pytest.mark.parametrize(("width", "sent"), [('"content"', "content"), ("320", 320)])
def test_width_is_sent(width: str, sent: object) -> None:
    assert app(f"st.mermaid_chart({FLOW}, width={width})").get("mermaid_chart")[0].width == sent


def test_alt_is_stripped_and_blank_alt_is_none() -> None:
    assert app(f'st.mermaid_chart({FLOW}, alt=" Flow ")').get("mermaid_chart")[0].alt == "Flow"
    assert app(f'st.mermaid_chart({FLOW}, alt="")').get("mermaid_chart")[0].alt is None


def test_a_bad_width_is_refused() -> None:
    at = app(f'st.mermaid_chart({FLOW}, width="wide")')
    assert at.exception[0].message.startswith("Invalid width value: 'wide'.")


def test_a_body_with_a_syntax_error_is_sent_as_is_for_the_browser_to_report() -> None:
    at = app('st.mermaid_chart("graph LR\\n  A[Start --> ((")\nst.text("after")')
    assert len(at.exception) == 0
    assert at.get("mermaid_chart")[0].body.endswith("((")
    assert at.text[0].value == "after"
