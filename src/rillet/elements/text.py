"""Text elements: headings, markdown, plain and code text, JSON, captions, dividers.

Markdown is rendered to HTML here, on the server, with raw HTML escaped unless the caller
passes ``unsafe_allow_html=True``; link schemes such as ``javascript:`` are refused by the
renderer, so the browser only ever inserts HTML we produced.
"""

from __future__ import annotations

import json as _json
import re
from functools import lru_cache
from typing import Any

import msgspec
from markdown_it import MarkdownIt

from rillet.elements.base import Container, command, emit

_DIVIDER_COLORS = ("blue", "green", "orange", "red", "violet", "gray", "grey", "rainbow")


@lru_cache(maxsize=2)
def _renderer(allow_html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "breaks": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    return md


@lru_cache(maxsize=8192)
def render_markdown(body: str, unsafe_allow_html: bool = False, inline: bool = False) -> str:
    """Markdown to HTML; raw HTML is escaped unless explicitly allowed.

    Cached: a rerun renders the same texts again, and rendering is most of a text
    element's cost. The result depends only on the arguments.
    """
    md = _renderer(bool(unsafe_allow_html))
    return md.renderInline(body) if inline else md.render(body)


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def _heading(
    tag: str, body: object, anchor: str | bool | None, help: str | None, divider: bool | str
) -> Container:
    text = str(body)
    if anchor is False:
        anchor_id = None
    elif isinstance(anchor, str):
        anchor_id = anchor
    else:
        anchor_id = _slug(text) or None
    if divider is True:
        color: str | None = "blue"
    elif divider is False or divider is None:
        color = None
    elif divider in _DIVIDER_COLORS:
        color = str(divider)
    else:
        from rillet.runtime.errors import RilletAPIException

        raise RilletAPIException(
            f"Divider parameter has invalid value: `{divider}`. Please choose from: "
            + ", ".join(_DIVIDER_COLORS)
            + "."
        )
    props = {
        "tag": tag,
        "body": text,
        "html": render_markdown(text, inline=True),
        "anchor": anchor_id,
        "divider": color,
        "help": help,
    }
    return emit("heading", props)


@command
def title(body: object, anchor: str | bool | None = None, *, help: str | None = None) -> Container:
    """Write a title (the page's ``h1``).

    Parameters:
        body: The text; inline markdown is rendered.
        anchor: The id used for ``#anchor`` links; generated from the text when None;
            False turns the anchor off.
        help: A tooltip shown next to the title.
    """
    return _heading("h1", body, anchor, help, False)


@command
def header(
    body: object,
    anchor: str | bool | None = None,
    *,
    help: str | None = None,
    divider: bool | str = False,
) -> Container:
    """Write a header (``h2``).

    Parameters:
        body: The text; inline markdown is rendered.
        anchor: The id used for ``#anchor`` links; generated when None; False turns it off.
        help: A tooltip shown next to the header.
        divider: Draw a coloured rule below: True, or one of blue, green, orange, red,
            violet, gray/grey, rainbow.
    """
    return _heading("h2", body, anchor, help, divider)


@command
def subheader(
    body: object,
    anchor: str | bool | None = None,
    *,
    help: str | None = None,
    divider: bool | str = False,
) -> Container:
    """Write a subheader (``h3``). Parameters as for `header`."""
    return _heading("h3", body, anchor, help, divider)


@command
def markdown(
    body: object, unsafe_allow_html: bool = False, *, help: str | None = None
) -> Container:
    """Write markdown (CommonMark with GitHub tables and strikethrough).

    Parameters:
        body: The markdown text (anything else is converted with ``str``).
        unsafe_allow_html: Let raw HTML in ``body`` through unescaped. Only for HTML you trust.
        help: A tooltip shown next to the text.
    """
    text = str(body)
    html = render_markdown(text, unsafe_allow_html)
    return emit("markdown", {"body": text, "html": html, "help": help})


@command
def caption(body: object, unsafe_allow_html: bool = False, *, help: str | None = None) -> Container:
    """Write small, muted text (markdown) for captions and footnotes.

    Parameters:
        body: The markdown text.
        unsafe_allow_html: Let raw HTML through unescaped.
        help: A tooltip shown next to the text.
    """
    text = str(body)
    html = render_markdown(text, unsafe_allow_html)
    return emit("markdown", {"body": text, "html": html, "help": help, "caption": True})


@command
def text(body: object, *, help: str | None = None) -> Container:
    """Write fixed-width, preformatted text, shown exactly as given (no markdown).

    Parameters:
        body: The text (anything else is converted with ``str``).
        help: A tooltip shown next to the text.
    """
    return emit("text", {"body": str(body), "help": help})


@command
def code(body: str, language: str | None = "python") -> Container:
    """Write a code block.

    Parameters:
        body: The code.
        language: The language name, for highlighting; None for plain text.
    """
    return emit("code", {"body": str(body), "language": language})


def _jsonable(value: Any) -> Any:
    try:
        return msgspec.to_builtins(value, str_keys=True, enc_hook=str)
    except (TypeError, ValueError, msgspec.EncodeError):
        return str(value)


@command
def json(body: object, *, expanded: bool | int = True) -> Container:
    """Write an object or a JSON string as a collapsible, pretty-printed tree.

    Parameters:
        body: A JSON-serializable object, or a string holding JSON.
        expanded: Whether the tree starts expanded.
    """
    if isinstance(body, str):
        try:
            body = _json.loads(body)
        except ValueError:
            pass
    return emit("json", {"body": _jsonable(body), "expanded": bool(expanded)})


@command
def divider() -> Container:
    """Write a horizontal rule."""
    return emit("markdown", {"body": "---", "html": "<hr>", "help": None, "divider": True})


def help_text(obj: object) -> Container:
    """Show an object's name, signature and docstring (what ``write`` does for functions)."""
    import inspect

    name = getattr(obj, "__qualname__", None) or type(obj).__name__
    try:
        signature = str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        signature = ""
    doc = inspect.getdoc(obj) or "No docs available"
    return emit("text", {"body": f"{name}{signature}\n\n{doc}", "help": None})
