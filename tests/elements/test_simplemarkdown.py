"""The markdown fast path renders exactly what markdown-it renders, or leaves the text to it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rillet.elements.markdown import _renderer, render_markdown
from rillet.elements.simplemarkdown import render_simple


def parsed(body: str, inline: bool) -> str:
    """What markdown-it itself makes of ``body`` (with rillet's rules)."""
    md = _renderer(False)
    return md.renderInline(body) if inline else md.render(body)


def assert_agrees(body: str, inline: bool) -> None:
    """If the fast path takes ``body``, it renders what markdown-it renders."""
    simple = render_simple(body, inline)
    if simple is not None:
        assert simple == parsed(body, inline)


TAKEN = [
    "**Section 4**: a short paragraph with *some* emphasis and `code`.",
    "Plain words, numbers 42 and 3.5 (in brackets) / 50% = half - more + less @ # ?",
    'He said "hi" and it\'s fine',
    "a**b**c and x*y*z",
    "*a b* then **c d**",
    '`<b>&amp;"` is shown as code',
    "`a*b_c[d]` keeps its delimiters",
    "Time: 10 o'clock",
    "Ends with a colon:",
    "Totals (**bold**) here",
]

LEFT = [
    "",
    " leading space",
    "trailing space ",
    "1. a list",
    "2) another",
    "- item",
    "# heading",
    "> quote",
    "***",
    "* * *",
    "two\nlines",
    "tab\there",
    "*a**b*",
    "**a*b**",
    "**a***b*",
    "snake_case",
    "a [link](http://x)",
    "http://example.com",
    ":red[colour]",
    "a :smile: face",
    "10:30",
    "x & y",
    "a < b",
    "escape \\* star",
    "~~strike~~",
    "naïve café",
    "``double``",
    "` padded `",
    "*unclosed",
    "**(x)**",
]


@pytest.mark.parametrize("body", TAKEN)
@pytest.mark.parametrize("inline", [False, True])
def test_simple_lines_render_as_markdown_it_renders_them(body: str, inline: bool) -> None:
    assert render_simple(body, inline) == parsed(body, inline)


@pytest.mark.parametrize("body", LEFT)
def test_anything_else_is_left_to_markdown_it(body: str) -> None:
    assert render_simple(body, False) is None
    assert render_simple(body, True) is None


# Texts built from the characters that matter to the fast path's decisions.
ALPHABET = "ab1 .:*`_\"'()#-+[]<&\\~!\n\t:é"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=24), st.booleans())
def test_whatever_it_takes_renders_as_markdown_it_does(body: str, inline: bool) -> None:
    assert_agrees(body, inline)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab1 .:*`\"'", max_size=16), st.booleans())
def test_delimiter_mixes_render_as_markdown_it_does(body: str, inline: bool) -> None:
    assert_agrees(body, inline)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", " ", "*em*", "**strong**", "`co de`", ":", ".", "*", "`", "9"]),
        max_size=10,
    ),
    st.booleans(),
)
def test_sequences_of_spans_render_as_markdown_it_does(pieces: list[str], inline: bool) -> None:
    assert_agrees("".join(pieces), inline)


def test_the_cached_renderer_uses_it_and_falls_back() -> None:
    assert render_markdown("**Hi** there") == "<p><strong>Hi</strong> there</p>\n"
    assert render_markdown("# Title") == "<h1>Title</h1>\n"
