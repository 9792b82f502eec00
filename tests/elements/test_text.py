"""Text elements (headings, markdown, text, code, json, caption, divider), `write`, and alerts.

Alerts and `write` live here too: they are text that reads differently.
"""

from __future__ import annotations

import re

import pytest

from rillet.protocol.messages import Delta
from rillet.testing import AppTest


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


# --- every command writes to main, into a container, and into the sidebar ----------------------

COMMANDS = [
    ('title("Title")', "title", "Title"),
    ('header("Header")', "header", "Header"),
    ('subheader("Sub")', "subheader", "Sub"),
    ('markdown("*md*")', "markdown", "*md*"),
    ('text("plain")', "text", "plain"),
    ('code("x = 1")', "code", "x = 1"),
    ('json({"a": 1})', "json", '{"a": 1}'),
    ('caption("small")', "caption", "small"),
    ("divider()", "divider", "---"),
    ('write("written")', "markdown", "written"),
    ('success("yes")', "success", "yes"),
    ('info("fyi")', "info", "fyi"),
    ('warning("careful")', "warning", "careful"),
    ('error("bad")', "error", "bad"),
    ('exception(ValueError("oops"))', "exception", "oops"),
]


@pytest.mark.parametrize(("call", "name", "value"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_command_writes_to_main_a_container_and_the_sidebar(
    call: str, name: str, value: object
) -> None:
    at = app(
        f"""
st.{call}
box = st.container()
box.{call}
with st.container():
    st.{call}
st.sidebar.{call}
"""
    )

    found = at.get(name)
    assert [n.path for n in found] == [(0, 0), (0, 1, 0), (0, 2, 0), (1, 0)]
    assert [n.value for n in found] == [value] * 4
    if name != "exception":
        assert len(at.exception) == 0


# --- headings ------------------------------------------------------------------------------


def test_title_header_and_subheader_are_h1_h2_h3() -> None:
    at = app(
        """
st.title("Big")
st.header("Medium")
st.subheader("Small")
"""
    )

    assert [(h.tag, h.value) for h in (at.title[0], at.header[0], at.subheader[0])] == [
        ("h1", "Big"),
        ("h2", "Medium"),
        ("h3", "Small"),
    ]


def test_heading_anchor_is_generated_given_or_turned_off() -> None:
    at = app(
        """
st.header("Sales by Region!")
st.header("Other", anchor="custom")
st.header("None at all", anchor=False)
"""
    )

    assert [h.props["anchor"] for h in at.header] == ["sales-by-region", "custom", None]


def test_heading_renders_inline_markdown_and_escapes_html() -> None:
    at = app('st.title("A *fine* <script>alert(1)</script> day")\n')

    html = at.title[0].props["html"]
    assert "<em>fine</em>" in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<p>" not in html, "headings render inline"


def test_heading_divider_colors_and_invalid_color() -> None:
    at = app(
        """
st.header("plain")
st.header("default", divider=True)
st.subheader("colored", divider="rainbow")
st.header("bad", divider="pink")
"""
    )

    assert [h.props["divider"] for h in at.header] == [None, "blue"]
    assert at.subheader[0].props["divider"] == "rainbow"
    assert at.exception[0].message == (
        "Divider parameter has invalid value: `pink`. Please choose from: blue, green, orange, "
        "red, violet, gray, grey, rainbow."
    )


def test_heading_help_is_passed_to_the_browser() -> None:
    at = app('st.title("T", help="what this is")\n')

    assert at.title[0].props["help"] == "what this is"


# --- markdown ------------------------------------------------------------------------------


def test_markdown_renders_github_tables_and_strikethrough() -> None:
    at = app(
        '''
st.markdown("""
| name | score |
|------|------:|
| ada  | 10    |

~~old~~ new
""")
'''
    )

    html = at.markdown[0].props["html"]
    assert "<table>" in html
    assert "<th>name</th>" in html
    assert re.search(r"<td[^>]*>10</td>", html)
    assert "<s>old</s>" in html


def test_markdown_escapes_raw_html_by_default() -> None:
    at = app('st.markdown("<script>alert(1)</script> <b>bold</b>")\n')

    html = at.markdown[0].props["html"]
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert at.markdown[0].value == "<script>alert(1)</script> <b>bold</b>"


def test_markdown_keeps_raw_html_when_unsafe_allow_html() -> None:
    at = app('st.markdown("<script>alert(1)</script>", unsafe_allow_html=True)\n')

    assert "<script>alert(1)</script>" in at.markdown[0].props["html"]


@pytest.mark.parametrize("unsafe", [False, True])
@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "<javascript:alert(1)>",
        "[click][ref]\\n\\n[ref]: javascript:alert(1)",
        "![img](javascript:alert(1))",
    ],
)
def test_markdown_javascript_links_are_inert(source: str, unsafe: bool) -> None:
    at = app(f'st.markdown("{source}", unsafe_allow_html={unsafe})\n')

    html = at.markdown[0].props["html"]
    assert not re.search(r"(href|src)\s*=\s*\"?\s*javascript:", html, re.IGNORECASE), html


def test_markdown_keeps_ordinary_links() -> None:
    at = app('st.markdown("[docs](https://example.com/a?b=1)")\n')

    assert '<a href="https://example.com/a?b=1">docs</a>' in at.markdown[0].props["html"]


def test_markdown_converts_other_values_to_text() -> None:
    at = app("st.markdown(42)\n")

    assert at.markdown[0].value == "42"
    assert "42" in at.markdown[0].props["html"]


def test_caption_is_small_markdown() -> None:
    at = app('st.caption("see **note**")\n')

    assert len(at.markdown) == 0
    assert at.caption[0].value == "see **note**"
    assert "<strong>note</strong>" in at.caption[0].props["html"]


def test_caption_escapes_html_unless_allowed() -> None:
    at = app(
        """
st.caption("<i>x</i>")
st.caption("<i>x</i>", unsafe_allow_html=True)
"""
    )

    assert "<i>" not in at.caption[0].props["html"]
    assert "<i>x</i>" in at.caption[1].props["html"]


def test_divider_is_a_horizontal_rule() -> None:
    at = app(
        """
st.text("above")
st.divider()
st.text("below")
"""
    )

    assert len(at.divider) == 1
    assert at.divider[0].props["html"] == "<hr>"
    assert at.divider[0].path == (0, 1)
    assert len(at.markdown) == 0


# --- text, code, json ----------------------------------------------------------------------


def test_text_is_shown_verbatim_without_markdown() -> None:
    at = app('st.text("  *not* <b>markdown</b>\\n  indented")\n')

    assert at.text[0].value == "  *not* <b>markdown</b>\n  indented"
    assert "html" not in at.text[0].props


def test_text_converts_other_values_with_str() -> None:
    at = app("st.text([1, 2])\nst.text(None)\n")

    assert at.text.values == ["[1, 2]", "None"]


def test_code_is_python_by_default_and_language_can_be_changed() -> None:
    at = app(
        """
st.code("x = 1")
st.code("SELECT 1", language="sql")
st.code("plain", language=None)
"""
    )

    assert at.code.values == ["x = 1", "SELECT 1", "plain"]
    assert [c.language for c in at.code] == ["python", "sql", None]


def test_json_shows_objects_lists_and_json_strings() -> None:
    at = app(
        """
st.json({"a": [1, 2], "b": {"c": None}})
st.json([1, "two"])
st.json('{"parsed": true}')
st.json("not json at all")
"""
    )

    assert [j.body for j in at.json] == [
        {"a": [1, 2], "b": {"c": None}},
        [1, "two"],
        {"parsed": True},
        "not json at all",
    ]
    assert all(j.props["expanded"] is True for j in at.json)


def test_json_converts_unserializable_values_to_text_and_can_start_collapsed() -> None:
    at = app(
        """
import datetime
st.json({"when": datetime.date(2024, 1, 2), "ids": (1, 2)}, expanded=False)
"""
    )

    assert at.json[0].body == {"when": "2024-01-02", "ids": [1, 2]}
    assert at.json[0].props["expanded"] is False


# --- write ---------------------------------------------------------------------------------


def test_write_string_is_markdown() -> None:
    at = app('st.write("Hello *world*")\n')

    assert at.markdown[0].value == "Hello *world*"
    assert "<em>world</em>" in at.markdown[0].props["html"]


def test_write_number_is_shown_as_code_text() -> None:
    at = app("st.write(42)\nst.write(2.5)\n")

    assert at.markdown.values == ["`42`", "`2.5`"]


def test_write_dict_and_list_are_json() -> None:
    at = app('st.write({"a": 1})\nst.write([1, 2, 3])\n')

    assert [j.body for j in at.json] == [{"a": 1}, [1, 2, 3]]
    assert len(at.markdown) == 0


def test_write_exception_shows_it_with_its_type() -> None:
    at = app(
        """
try:
    int("abc")
except ValueError as exc:
    st.write(exc)
st.text("still running")
"""
    )

    shown = at.exception[0]
    assert shown.exception_type == "ValueError"
    assert "invalid literal" in shown.message
    assert 'int("abc")' in "\n".join(shown.stack_trace)
    assert at.text.values == ["still running"]


def test_write_function_shows_its_signature_and_docstring() -> None:
    at = app(
        '''
def greet(name, punctuation="!"):
    """Say hello to someone."""
st.write(greet)
'''
    )

    body = at.help[0].value
    assert body.startswith("greet(name, punctuation='!')")
    assert "Say hello to someone." in body


def test_write_dataframe_is_a_dataframe() -> None:
    at = app(
        """
import pandas as pd
st.write(pd.DataFrame({"a": [1, 2]}))
"""
    )

    assert len(at.dataframe) == 1
    assert at.dataframe[0].value["a"].tolist() == [1, 2]


def test_write_several_args_joins_strings_and_splits_at_other_values() -> None:
    at = app('st.write("Total:", 3, "items", {"k": 1}, "end")\n')

    assert [(n.element.kind, n.value) for n in at.main] == [
        ("markdown", "Total: `3` items"),
        ("json", '{"k": 1}'),
        ("markdown", "end"),
    ]


def test_write_returns_none() -> None:
    at = app('st.text(repr(st.write("x")))\n')

    assert at.text.values == ["None"]


def test_write_escapes_html_unless_allowed() -> None:
    at = app(
        """
st.write("<b>x</b>")
st.write("<b>x</b>", unsafe_allow_html=True)
"""
    )

    assert "<b>" not in at.markdown[0].props["html"]
    assert "<b>x</b>" in at.markdown[1].props["html"]


def test_write_of_several_values_into_an_empty_slot_is_an_error() -> None:
    at = app(
        """
slot = st.empty()
slot.write("one")
slot.write("a", "b")
"""
    )

    assert at.exception[0].message.startswith(
        "Cannot replace a single element with multiple elements."
    )
    assert at.markdown.values == ["one"]


# --- alerts and exceptions -----------------------------------------------------------------


@pytest.mark.parametrize("level", ["success", "info", "warning", "error"])
def test_alert_shows_markdown_with_its_level_and_icon(level: str) -> None:
    at = app(
        f"""
st.{level}("Saved **3** rows", icon="✅")
st.{level}("no icon")
"""
    )

    alerts = at.get(level)
    assert alerts.values == ["Saved **3** rows", "no icon"]
    assert [a.icon for a in alerts] == ["✅", None]
    assert "<strong>3</strong>" in alerts[0].props["html"]
    assert all(a.props["level"] == level for a in alerts)


def test_alert_escapes_html() -> None:
    at = app('st.error("<img src=x onerror=alert(1)>")\n')

    assert "<img" not in at.error[0].props["html"]


def test_exception_command_shows_type_message_and_the_users_traceback() -> None:
    at = app(
        """
def parse():
    return int("x")
try:
    parse()
except ValueError as exc:
    st.exception(exc)
"""
    )

    shown = at.exception[0]
    assert shown.exception_type == "ValueError"
    assert shown.message == "invalid literal for int() with base 10: 'x'"
    trace = "\n".join(shown.stack_trace)
    assert "in parse" in trace
    assert "rillet" not in trace.replace("rillet_apptest_", "")


def test_exception_never_raised_has_an_empty_traceback() -> None:
    at = app('st.exception(RuntimeError("made, not raised"))\n')

    assert at.exception[0].stack_trace == []
    assert at.exception[0].exception_type == "RuntimeError"


def test_changing_a_markdown_body_sends_one_delta() -> None:
    at = app(
        """
on = st.checkbox("on")
st.markdown("**on**" if on else "*off*")
"""
    )

    at.checkbox[0].check().run()

    markdown = [m for m in at.messages if isinstance(m, Delta) and m.element.kind == "markdown"]
    assert len(markdown) == 1
    assert markdown[0].element.props["html"].strip() == "<p><strong>on</strong></p>"
