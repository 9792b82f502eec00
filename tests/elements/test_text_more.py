"""Text elements beyond the basics: markdown directives, widths and alignment, code options,
latex, badge, echo, help, html (sanitized), json depth, write for every type, write_stream."""

from __future__ import annotations

import re
import textwrap

import pytest

from rillet.protocol.messages import Delta
from rillet.testing import AppTest


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + textwrap.dedent(body)).run(timeout=10)


def error_of(at: AppTest) -> tuple[str, str]:
    return at.exception[0].exception_type, at.exception[0].message


# --- markdown directives ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (":red[alert]", '<span class="rl-color" data-color="red">alert</span>'),
        (":blue-background[note]", '<span class="rl-background" data-color="blue">note</span>'),
        (":green-badge[ok]", '<span class="rl-badge" data-color="green">ok</span>'),
        (":grey[quiet]", '<span class="rl-color" data-color="gray">quiet</span>'),
        (":rainbow[wow]", '<span class="rl-color" data-color="rainbow">wow</span>'),
        (":primary[main]", '<span class="rl-color" data-color="primary">main</span>'),
        (
            ":orange[**bold** and [a link](https://x.org)]",
            '<span class="rl-color" data-color="orange"><strong>bold</strong> and '
            '<a href="https://x.org">a link</a></span>',
        ),
    ],
)
def test_markdown_colours_backgrounds_and_badges(source: str, expected: str) -> None:
    at = app(f'st.markdown("{source}")\n')

    assert at.markdown[0].props["html"] == f"<p>{expected}</p>\n"


@pytest.mark.parametrize(
    "source", [":pink[no such colour]", ":red[unclosed", "`:red[in code]`", ":material/Home:"]
)
def test_markdown_leaves_what_is_not_a_directive_as_written(source: str) -> None:
    at = app(f'st.markdown("{source}")\n')

    html = at.markdown[0].props["html"]
    assert "rl-color" not in html
    assert source.strip("`") in html


def test_colour_directives_keep_html_escaped_and_links_inert() -> None:
    at = app('st.markdown(":red[<img src=x onerror=alert(1)> [x](javascript:alert(1))]")\n')

    html = at.markdown[0].props["html"]
    assert "<img" not in html and "&lt;img" in html
    assert not re.search(r"href\s*=\s*\"?javascript:", html)


def test_emoji_shortcodes_become_emoji_and_unknown_ones_stay() -> None:
    at = app('st.markdown("Great :smile: :+1: :tada: :not_an_emoji:")\n')

    assert at.markdown[0].props["html"] == "<p>Great 😄 👍 🎉 :not_an_emoji:</p>\n"


def test_headings_render_directives_inline() -> None:
    at = app('st.title("A :blue[blue] title :rocket:")\n')

    assert at.title[0].props["html"] == (
        'A <span class="rl-color" data-color="blue">blue</span> title 🚀'
    )


# --- widths and alignment -----------------------------------------------------------------------


def test_width_and_alignment_reach_the_browser_only_when_set() -> None:
    at = app(
        """
        st.title("T", width=300, text_alignment="center")
        st.header("H")
        st.markdown("m", width="content", text_alignment="justify")
        st.caption("c", text_alignment="right")
        st.text("t", width="stretch")
        st.text("plain")
        st.divider(width=200)
        """
    )

    assert (at.title[0].props["width"], at.title[0].props["text_alignment"]) == (300, "center")
    assert not {"width", "text_alignment"} & set(at.header[0].props)
    assert at.markdown[0].props["width"] == "content"
    assert at.markdown[0].props["text_alignment"] == "justify"
    assert at.caption[0].props["text_alignment"] == "right"
    assert at.text[0].props["width"] == "stretch"
    assert "width" not in at.text[1].props, "text is as wide as its content by default"
    assert at.divider[0].props["width"] == 200


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            'st.markdown("x", text_alignment="start")',
            "RilletAPIException",
            'Invalid text_alignment value: "start". Valid values are: "left", "center", '
            '"right", "justify".',
        ),
        (
            'st.title("x", width=0)',
            "RilletAPIException",
            "Invalid width value: 0. Width must be either",
        ),
        ('st.divider(width="content")', "RilletAPIException", "Invalid width value: 'content'"),
        ('st.header("x", anchor=3)', "RilletAPIException", "Anchor parameter has invalid type"),
        ('st.markdown("x", help=3)', "RilletAPIException", "help text must be a string"),
    ],
)
def test_text_parameter_errors(call: str, error: str, message: str) -> None:
    at = app(call + "\n")

    kind, text = error_of(at)
    assert kind == error
    assert message in text


# --- code and latex -----------------------------------------------------------------------------


def test_code_options_reach_the_browser() -> None:
    at = app(
        """
        st.code("SELECT 1", "sql", line_numbers=True, wrap_lines=True, height=120, width=400)
        st.code("x", height="stretch")
        st.code("y")
        """
    )

    first = at.code[0].props
    assert (first["language"], first["line_numbers"], first["wrap_lines"]) == ("sql", True, True)
    assert (first["height"], first["width"]) == (120, 400)
    assert at.code[1].props["height"] == "stretch"
    assert set(at.code[2].props) == {"body", "language"}


def test_code_height_must_be_valid() -> None:
    at = app('st.code("x", height=-1)\n')

    assert "Invalid height value: -1" in error_of(at)[1]


def test_latex_is_kept_as_source() -> None:
    at = app(
        '''
        st.latex(r"""
            a + b = \\frac{c}{d}
        """, help="a formula")
        '''
    )

    assert at.latex[0].value == "a + b = \\frac{c}{d}"
    assert at.latex[0].props["help"] == "a formula"


def test_latex_of_a_sympy_expression() -> None:
    pytest.importorskip("sympy")
    at = app("import sympy\nx = sympy.Symbol('x')\nst.latex(x**2)\n")

    assert at.latex[0].value == "x^{2}"


# --- badge --------------------------------------------------------------------------------------


def test_badge_is_markdown_with_a_colour_an_icon_and_escaped_brackets() -> None:
    at = app(
        """
        st.badge("New")
        st.badge("Done [v2]", icon="✅", color="green", help="shipped", width="stretch")
        st.badge("Home", icon=":material/home:", color="grey")
        """
    )

    assert at.markdown.values == [
        ":blue-badge[New]",
        ":green-badge[✅ Done \\[v2\\]]",
        ":grey-badge[:material/home: Home]",
    ]
    assert '<span class="rl-icon" translate="no" aria-hidden="true">home</span> Home' in (
        at.markdown[2].props["html"]
    )
    assert '<span class="rl-badge" data-color="green">✅ Done [v2]</span>' in (
        at.markdown[1].props["html"]
    )
    assert (at.markdown[1].props["help"], at.markdown[1].props["width"]) == ("shipped", "stretch")
    assert "width" not in at.markdown[0].props, "a badge is as wide as its label by default"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.badge("x", color="pink")', "Invalid badge color: `pink`"),
        ('st.badge("x", icon=":smile:")', 'The value ":smile:" is not a valid'),
    ],
)
def test_badge_errors(call: str, message: str) -> None:
    at = app(call + "\n")

    assert message in error_of(at)[1]


# --- echo ---------------------------------------------------------------------------------------


def test_echo_shows_the_code_of_its_block_above_what_it_writes() -> None:
    at = app(
        """
        st.text("before")
        with st.echo():
            total = 1 + 2
            st.text(f"total={total}")
        st.text("after")
        """
    )

    kinds = [(n.element.kind, n.value) for n in at.main]
    assert kinds == [
        ("text", "before"),
        ("code", 'total = 1 + 2\nst.text(f"total={total}")\n'),
        ("text", "total=3"),
        ("text", "after"),
    ]
    assert at.code[0].language == "python"


def test_echo_below_and_inside_a_container() -> None:
    at = app(
        """
        box = st.container()
        with box:
            with st.echo("below"):
                st.text("ran")
        """
    )

    assert [(n.element.kind, n.value) for n in at.main[0]] == [
        ("text", "ran"),
        ("code", 'st.text("ran")\n'),
    ]


def test_echo_shows_no_code_when_its_block_raises() -> None:
    at = app(
        """
        with st.echo():
            raise ValueError("inside")
        """
    )

    assert error_of(at) == ("ValueError", "inside")
    assert len(at.code) == 0


# --- help ---------------------------------------------------------------------------------------


def test_help_documents_a_function_a_value_and_rillet_itself() -> None:
    at = app(
        '''
        def area(width: float, height: float = 1.0) -> float:
            """The area of a rectangle."""
            return width * height
        st.help(area)
        st.help([1, 2])
        st.help()
        '''
    )

    function, value, module = at.help
    assert function.props["name"] == "area"
    assert function.props["signature"] == "(width: float, height: float = 1.0) -> float"
    assert function.doc_string == "The area of a rectangle."
    assert value.props["type"] == "list" and value.props["value"] == "[1, 2]"
    assert "append" in [m[0] for m in value.props["members"]]
    assert module.props["name"] == "rillet"
    assert "dataframe" in [m[0] for m in module.props["members"]]


def test_help_of_none_documents_none() -> None:
    at = app("st.help(None)\n")

    assert at.help[0].props["type"] == "NoneType"


# --- html ---------------------------------------------------------------------------------------

XSS = (
    "<p id='p' style='color: red' onclick='alert(1)'>safe <b>bold</b></p>"
    "<script>alert(2)</script><img src=x onerror=alert(3)>"
    "<a href='javascript:alert(4)'>js</a><a href='https://example.com'>ok</a>"
    "<iframe src='https://evil.example'></iframe><style>p { color: teal }</style>"
)


def test_html_is_sanitized_but_keeps_markup_and_styles() -> None:
    at = app(f"st.html({XSS!r})\n")

    html = at.html[0].value
    for banned in ("<script", "onclick", "onerror", "javascript:", "<iframe", "alert(2)"):
        assert banned not in html, banned
    assert '<p style="color: red">safe <b>bold</b></p>' in html
    assert '<a href="https://example.com" rel="noopener noreferrer">ok</a>' in html
    assert "<style>p { color: teal }</style>" in html
    assert "style_only" not in at.html[0].props


def test_html_from_a_file_a_style_sheet_and_an_object() -> None:
    at = app(
        """
        import os, tempfile
        folder = tempfile.mkdtemp()
        page = os.path.join(folder, "page.html")
        sheet = os.path.join(folder, "look.css")
        open(page, "w").write("<h4>From a file</h4>")
        open(sheet, "w").write("h4 { color: teal }")
        st.html(page)
        st.html(sheet)
        class Card:
            def _repr_html_(self):
                return "<em>card</em><script>x()</script>"
        st.html(Card())
        """
    )

    first, second, third = at.html
    assert first.value == "<h4>From a file</h4>"
    assert second.value == "<style>h4 { color: teal }</style>"
    assert second.props["style_only"] is True
    assert third.value == "<em>card</em>"


def test_html_with_javascript_is_not_supported() -> None:
    at = app('st.html("<b>x</b>", unsafe_allow_javascript=True)\n')

    assert error_of(at)[0] == "NotImplementedError"
    assert "unsafe_allow_javascript" in error_of(at)[1]


# --- json ---------------------------------------------------------------------------------------


def test_json_expands_to_a_depth_and_converts_common_containers() -> None:
    at = app(
        """
        import collections
        Point = collections.namedtuple("Point", "x y")
        st.json({"a": {"b": {"c": 1}}}, expanded=2)
        st.json(Point(1, 2))
        st.json(collections.OrderedDict(z=1), expanded=0)
        st.json({1, 2}, width=300)
        """
    )

    first, point, ordered, numbers = at.json
    assert (first.props["expanded"], first.props["depth"]) == (True, 2)
    assert point.body == {"x": 1, "y": 2}
    assert ordered.body == {"z": 1} and ordered.props["expanded"] is False
    assert sorted(numbers.body) == [1, 2] and numbers.props["width"] == 300


def test_json_expanded_must_be_bool_or_int() -> None:
    at = app('st.json({}, expanded="yes")\n')

    assert error_of(at) == (
        "TypeError",
        "The type <class 'str'> of `expanded` is not supported, must be bool or int.",
    )


# --- write ---------------------------------------------------------------------------------------


def test_write_chooses_an_element_for_each_type() -> None:
    at = app(
        '''
        import dataclasses
        import io
        import math
        import pandas as pd

        @dataclasses.dataclass
        class Point:
            """A point."""
            x: int = 0

        class Rich:
            def _repr_html_(self):
                return "<b>rich</b>"
            def _repr_markdown_(self):
                return "**rich**"

        class OnlyHtml:
            def _repr_html_(self):
                return "<b>only</b>"
            def __str__(self):
                return "only html"

        st.write(3.5)
        st.write({1, 2})
        st.write(pd.DataFrame({"a": [1]}))
        st.write(math)
        st.write(Point)
        st.write(Rich())
        st.write(Rich(), unsafe_allow_html=True)
        st.write(OnlyHtml())
        st.write(io.StringIO("from *io*"))
        '''
    )

    kinds = [n.element.kind for n in at.main]
    # As Streamlit 1.67: a set is inline code, _repr_markdown_ is not used, _repr_html_ only
    # with unsafe_allow_html (as st.html), an object without __str__ shows its help.
    assert kinds == [
        "markdown", "markdown", "dataframe", "help", "help", "help", "html", "markdown",
        "markdown",
    ]
    assert at.markdown.values == ["`3.5`", "`{1, 2}`", "`only html`", "from *io*"]
    assert at.help[0].props["name"] == "math"
    assert at.help[1].doc_string == "A point."


def test_write_streams_a_generator() -> None:
    at = app(
        """
        def words():
            yield "one "
            yield "two"
        st.write(words())
        """
    )

    assert at.markdown.values == ["one two"]


# --- write_stream --------------------------------------------------------------------------------


def test_write_stream_updates_one_element_in_place_and_returns_the_text() -> None:
    at = app(
        """
        result = st.write_stream(iter(["Hel", "", "lo ", "**you**"]), cursor="▌")
        st.text(repr(result))
        """
    )

    # The text streams as rows, one chunk each: an extend per chunk, then the finished
    # markdown (tests/elements/test_chat.py checks the bytes).
    streamed = [
        m for m in at.messages
        if getattr(m, "path", None) == [0, 0]
        and not (isinstance(m, Delta) and m.element.kind == "empty")
    ]
    assert [type(m).__name__ for m in streamed] == ["Delta", "Extend", "Extend", "Delta"]
    assert streamed[0].element.kind == "markdown_stream"  # type: ignore[union-attr]
    assert streamed[0].element.rows == [["Hel"]]  # type: ignore[union-attr]
    assert streamed[0].element.props == {"cursor": "▌"}  # type: ignore[union-attr]
    assert at.markdown.values == ["Hello **you**"]
    assert "<strong>you</strong>" in at.markdown[0].props["html"]
    assert at.text.values == ["'Hello **you**'"]


def test_write_stream_writes_other_chunks_and_returns_a_list() -> None:
    at = app(
        """
        def produce():
            yield "table: "
            yield {"rows": 2}
            yield lambda: st.text("called")
            yield "done"
        result = st.write_stream(produce)
        st.text(repr(result))
        """
    )

    assert [n.element.kind for n in at.main] == ["markdown", "json", "text", "markdown", "text"]
    assert at.text.values[-1] == "['table: ', {'rows': 2}, 'done']"


def test_write_stream_takes_async_generators_lists_and_llm_chunks() -> None:
    at = app(
        """
        import types
        async def tokens():
            for t in ("a", "b"):
                yield t
        chunk = type("ChatCompletionChunk", (), {})()
        chunk.choices = [types.SimpleNamespace(delta=types.SimpleNamespace(content="llm"))]
        st.text(repr(st.write_stream(tokens)))
        st.text(repr(st.write_stream(["x", "y"])))
        st.text(repr(st.write_stream([chunk])))
        st.text(repr(st.write_stream([])))
        """
    )

    assert at.text.values == ["'ab'", "'xy'", "'llm'", "''"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.write_stream("text")', "`st.write_stream` expects a generator or stream-like"),
        ('import pandas as pd\nst.write_stream(pd.DataFrame({"a": [1]}))', "Please use"),
        ("st.write_stream(42)", "The provided input (type: <class 'int'>) cannot be iterated."),
    ],
)
def test_write_stream_errors(call: str, message: str) -> None:
    at = app(call + "\n")

    assert message in error_of(at)[1]


# --- math and Material icons in markdown -------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"$e^{i\pi}$ ok", '<span class="rl-math" data-display="inline">e^{i\\pi}</span> ok'),
        ("$a<b$", '<span class="rl-math" data-display="inline">a&lt;b</span>'),
        (r"$$\frac12$$", None),
        ("costs $5 and $10", "costs $5 and $10"),
        ("$ not math $", "$ not math $"),
        (r"\$x$", "$x$"),
        ("`$x$`", "<code>$x$</code>"),
        (":material/thumb_up: yes", '<span class="rl-icon" translate="no" aria-hidden="true">'
         "thumb_up</span> yes"),
    ],
)
def test_markdown_marks_math_and_material_icons(source: str, expected: str | None) -> None:
    at = app(f"st.markdown({source!r})\n")

    html = at.markdown[0].props["html"]
    if expected is None:
        assert html == '<div class="rl-math" data-display="block">\\frac12</div>\n'
    else:
        assert html == f"<p>{expected}</p>\n"


def test_a_block_of_display_math_spans_lines() -> None:
    at = app('st.markdown("Before\\n\\n$$\\nx^2 +\\ny^2\\n$$\\n\\nAfter")\n')

    assert at.markdown[0].props["html"] == (
        '<p>Before</p>\n<div class="rl-math" data-display="block">x^2 +\ny^2</div>\n'
        "<p>After</p>\n"
    )
