"""Time-boxed fuzzing of what untrusted input reaches: the inbound decoder and the markdown and
HTML sanitizers. Any exception other than a clean rejection fails, as does markup that could
run script. Together these take well under 60 s (the examples are capped and each is quick).
"""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rillet.elements.markdown import render_uncached
from rillet.elements.text import sanitize_html
from rillet.protocol.codec import ProtocolError, decode_inbound

# A deadline per example, far above what one takes (a few ms): an input that makes the decoder
# or a sanitizer slow is a finding (a denial of service), and it fails fast instead of hanging.
FUZZ = settings(
    max_examples=600,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=30,
)
field_names = st.sampled_from(
    ["version", "session_id", "query", "values", "fragment_id", "data_id", "start", "end", "sort"]
)
message_types = st.sampled_from(["hello", "rerun", "ping", "rows", "stop", "welcome", "x", ""])


@st.composite
def frames(draw: st.DrawFn) -> bytes:
    """Frames near the real ones: valid shapes, wrong fields, deep nests and broken bytes."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:
        return draw(st.text(alphabet='[]{}",:\\01truefalsn ', max_size=400)).encode()
    if kind == 2:
        depth = draw(st.integers(1, 5000))
        opener = draw(st.sampled_from(["[", '{"a":']))
        closer = "]" if opener == "[" else "}"
        value = opener * depth + closer * depth
        return ('{"type":"rerun","values":[{"id":"w","value":' + value + "}]}").encode()
    message = {"type": draw(message_types)}
    message.update(draw(st.dictionaries(field_names, json_values, max_size=4)))
    raw = json.dumps(message).encode()
    if kind == 4 and raw:
        cut = draw(st.integers(0, len(raw) - 1))
        raw = raw[:cut] + draw(st.binary(max_size=3)) + raw[cut + 1 :]
    return raw


@FUZZ
@given(frames())
def test_the_decoder_accepts_or_cleanly_rejects_any_frame(frame: bytes) -> None:
    for data in (frame, frame.decode("utf-8", "replace")):
        try:
            decode_inbound(data, limit=64 * 1024)
        except ProtocolError:
            pass


class Tags(HTMLParser):
    """Every start tag and attribute a browser's parser would see."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def runs_script(html: str) -> bool:
    """True when ``html`` has a tag or attribute that can run script."""
    for tag, attrs in Tags(html).found:
        if tag in ("script", "iframe", "object", "embed"):
            return True
        for name, value in attrs:
            if name.startswith("on"):
                return True
            if name in ("href", "src", "action") and is_script_url(value or ""):
                return True
    return False


def is_script_url(value: str) -> bool:
    """Whether a browser would read ``value`` as a ``javascript:`` URL: as its URL parser
    does, leading and trailing C0 controls and spaces are stripped and tabs and newlines
    removed, and the scheme is what comes first. (``<javascript:`` is a relative path.)"""
    cleaned = value.strip("".join(chr(c) for c in range(0x21)))
    cleaned = cleaned.replace("\t", "").replace("\n", "").replace("\r", "")
    return cleaned.lower().startswith("javascript:")


pieces = st.sampled_from(
    [
        *"<>/=\"' abcdefghijklmnoprstuvwxyz:*_`[]()!#\n\\&;",
        "<script>",
        "</script>",
        "onerror=",
        "javascript:",
        "<img src=x ",
        "<a href=",
        "<svg ",
        "<style>",
        "<!--",
        "-->",
        "<![CDATA[",
        "&#x3C;",
        "[x](",
        "<iframe ",
    ]
)
markup = st.lists(pieces, max_size=60).map("".join)


@FUZZ
@given(markup)
def test_the_html_sanitizer_never_raises_nor_lets_script_through(source: str) -> None:
    cleaned = sanitize_html(source)
    assert not runs_script(cleaned), cleaned


MARKDOWN_TAGS = {
    "p",
    "em",
    "strong",
    "code",
    "pre",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "br",
    "del",
    "s",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "span",
    "div",
    "sup",
    "sub",
}


@FUZZ
@given(markup, st.booleans())
def test_markdown_without_unsafe_html_never_raises_nor_emits_markup_that_runs(
    source: str, inline: bool
) -> None:
    html = render_uncached(source, False, inline)
    assert not runs_script(html), html
    # Raw HTML is escaped: the only tags are markdown's own.
    assert {tag for tag, _ in Tags(html).found} <= MARKDOWN_TAGS, html


def test_the_script_url_check_reads_urls_as_a_browser_does() -> None:
    assert is_script_url("javascript:alert(1)")
    assert is_script_url(" \tJava\nScript:alert(1)")
    assert is_script_url("\x01javascript:x")
    assert not is_script_url("<javascript:")  # a relative path, found by the fuzz above
    assert not is_script_url("https://example.com/javascript:")
