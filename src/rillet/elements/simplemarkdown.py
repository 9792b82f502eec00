"""The commonest markdown rendered without the parser: one line of words with ``**strong**``,
``*emphasis*`` and ``code`` spans, to exactly the HTML markdown-it makes of it.

A session's first run renders every text anew, and markdown-it spends about 0.2 ms even on a
short line (a page of a hundred such texts: 18 ms before anything reaches the browser). Most
texts in apps are lines like these. Anything this module is not sure of (another character,
non-ASCII text, a delimiter it cannot pair, a line that could start a list or a heading) is
left to markdown-it; tests compare the two on generated texts.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import escapeHtml

# Characters that are plain text in the middle of a line, whatever surrounds them. A colon
# only before a space or the end: elsewhere it may start a :color[...] or an :emoji:.
_PLAIN = r"""(?:[A-Za-z0-9 .,;?'"()/%=+@#-]|:(?= |$))"""
_ALNUM = r"[A-Za-z0-9]"
# Emphasis and strong text start and end with a letter or digit, so their delimiters open and
# close whatever stands outside them (CommonMark's flanking rules), and hold no delimiter.
_INNER = rf"{_ALNUM}(?:{_PLAIN}*{_ALNUM})?"
_TOKEN = re.compile(
    rf"(?P<text>{_PLAIN}+)"
    rf"|\*\*(?P<strong>{_INNER})\*\*(?!\*)"
    rf"|\*(?P<em>{_INNER})\*(?!\*)"
    r"|`(?P<code>[^`\s](?:[^`]*[^`\s])?)`(?!`)"
)
# Starts of lines that markdown-it may read as a block: lists, headings, rules, quotes, fences.
_BLOCK_START = re.compile(r"[^A-Za-z0-9*`]|\d{1,9}[.)]")


def render_simple(body: str, inline: bool) -> str | None:
    """The HTML of ``body`` if it is one simple line (see the module), else None.

    Parameters:
        body: The markdown text.
        inline: Render without the enclosing paragraph, as markdown-it's ``renderInline``.
    """
    if not body or not body.isascii() or _BLOCK_START.match(body):
        return None
    if body[-1] == " " or "\n" in body or "\r" in body or "\t" in body:
        return None
    parts: list[str] = []
    pos, end = 0, len(body)
    while pos < end:
        match = _TOKEN.match(body, pos)
        if match is None:
            return None
        kind = match.lastgroup
        inner = escapeHtml(match.group(kind or "text"))
        if kind == "strong":
            parts.append(f"<strong>{inner}</strong>")
        elif kind == "em":
            parts.append(f"<em>{inner}</em>")
        elif kind == "code":
            parts.append(f"<code>{inner}</code>")
        else:
            parts.append(inner)
        pos = match.end()
    html = "".join(parts)
    return html if inline else f"<p>{html}</p>\n"
