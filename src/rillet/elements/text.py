"""Text elements: headings, markdown, captions, plain text, badges, JSON, HTML, help, dividers.

Markdown is rendered to HTML here, on the server (see `elements/markdown.py`), with raw HTML
escaped unless the caller passes ``unsafe_allow_html=True``; `html` is sanitized with nh3. So
the browser only ever inserts HTML we produced; everything else reaches it as text.
"""

from __future__ import annotations

import inspect
import json as _json
import os
import re
from collections import UserList, deque
from collections.abc import ItemsView, KeysView, Mapping, ValuesView
from typing import Any

import msgspec

from rillet.elements.base import Container, command, emit
from rillet.elements.markdown import COLORS, render_markdown
from rillet.elements.validate import (
    check_bool,
    check_icon,
    check_width,
    incompatible_error,
    value_error,
)
from rillet.runtime.errors import RilletAPIException

__all__ = [
    "badge",
    "caption",
    "check_help",
    "check_text_alignment",
    "divider",
    "header",
    "help",
    "help_text",
    "html",
    "json",
    "layout_props",
    "markdown",
    "markdown_props",
    "render_markdown",
    "subheader",
    "text",
    "title",
]

_DIVIDER_COLORS = ("blue", "green", "orange", "red", "violet", "gray", "grey", "rainbow")
_BADGE_COLORS = tuple(c for c in COLORS if c != "rainbow")
_ALIGNMENTS = ("left", "center", "right", "justify")


def check_text_alignment(alignment: object) -> str:
    """``"left"``, ``"center"``, ``"right"`` or ``"justify"``, with Streamlit's error."""
    if alignment in _ALIGNMENTS:
        return str(alignment)
    raise RilletAPIException(
        f'Invalid text_alignment value: "{alignment}". '
        'Valid values are: "left", "center", "right", "justify".'
    )


def check_help(help: object) -> str | None:
    if help is None or isinstance(help, str):
        return help
    raise RilletAPIException(f"The help text must be a string, not {type(help).__name__}.")


def layout_props(
    props: dict[str, Any],
    width: object,
    default_width: str,
    alignment: object = "left",
) -> dict[str, Any]:
    """Add ``width`` and ``text_alignment`` to ``props`` when they differ from the defaults, so
    the common case stays as small on the wire as before."""
    checked = check_width(width, allow_content=True)
    if checked != default_width:
        props["width"] = checked
    if check_text_alignment(alignment) != "left":
        props["text_alignment"] = alignment
    return props


def one_line(wrap: object, props: dict[str, Any]) -> dict[str, Any]:
    """``wrap``: True (default) wraps; False keeps one line, cut with an ellipsis (the page
    shows the whole text on hover). Checked as Streamlit does: a bool only."""
    if not isinstance(wrap, bool):
        raise value_error("wrap", ["True", "False"])
    if wrap is False:
        props["wrap"] = False
    return props


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def _heading(
    tag: str,
    body: object,
    anchor: str | bool | None,
    help: str | None,
    divider: bool | str,
    width: object,
    text_alignment: object,
    icon: object = None,
    wrap: object = True,
) -> Container:
    text = str(body)
    if wrap is False:
        text = text.split("\n", 1)[0]  # one line: Streamlit leaves the later lines out
    if anchor is False:
        anchor_id = None
    elif isinstance(anchor, str):
        anchor_id = anchor
    elif anchor is None or anchor is True:
        anchor_id = _slug(text) or None
    else:
        raise RilletAPIException(f"Anchor parameter has invalid type: {type(anchor).__name__}")
    if divider is True:
        color: str | None = "blue"
    elif divider is False or divider is None:
        color = None
    elif divider in _DIVIDER_COLORS:
        color = str(divider)
    else:
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
        "help": check_help(help),
    }
    shown_icon = check_icon(icon)
    if shown_icon is not None:
        props["icon"] = shown_icon
    one_line(wrap, props)
    return emit("heading", layout_props(props, width, "stretch", text_alignment))


@command
def title(
    body: object,
    anchor: str | bool | None = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    width: int | str = "stretch",
    text_alignment: str = "left",
    wrap: bool = True,
) -> Container:
    """Write a title (the page's ``h1``).

    Each page should have one title; it names the page for readers and screen readers.

    Parameters:
        body: The text; inline markdown is rendered (colours and emoji shortcodes included).
        anchor: The id used for ``#anchor`` links; generated from the text when None;
            False turns the anchor off.
        help: A tooltip shown next to the title.
        icon: An emoji or a ``:material/name:`` icon shown before the text (drawn with
            the Material Symbols font).
        width: "stretch" (the container's width), "content", or a width in pixels.
        text_alignment: "left", "center", "right" or "justify".
        wrap: True (default) wraps long text; False keeps one line cut with an ellipsis,
            the whole text shown on hover.
    """
    return _heading("h1", body, anchor, help, False, width, text_alignment, icon, wrap)


@command
def header(
    body: object,
    anchor: str | bool | None = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    divider: bool | str = False,
    width: int | str = "stretch",
    text_alignment: str = "left",
    wrap: bool = True,
) -> Container:
    """Write a header (``h2``).

    Parameters:
        body: The text; inline markdown is rendered.
        anchor: The id used for ``#anchor`` links; generated when None; False turns it off.
        help: A tooltip shown next to the header.
        icon: An emoji or a ``:material/name:`` icon shown before the text (drawn with
            the Material Symbols font).
        divider: Draw a coloured rule below: True, or one of blue, green, orange, red,
            violet, gray/grey, rainbow.
        width: "stretch", "content", or a width in pixels.
        text_alignment: "left", "center", "right" or "justify".
        wrap: True (default) wraps long text; False keeps one line cut with an ellipsis,
            the whole text shown on hover.
    """
    return _heading("h2", body, anchor, help, divider, width, text_alignment, icon, wrap)


@command
def subheader(
    body: object,
    anchor: str | bool | None = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    divider: bool | str = False,
    width: int | str = "stretch",
    text_alignment: str = "left",
    wrap: bool = True,
) -> Container:
    """Write a subheader (``h3``).

    Parameters:
        body: The text; inline markdown is rendered.
        anchor: The id used for ``#anchor`` links; generated when None; False turns it off.
        help: A tooltip shown next to the subheader.
        icon: An emoji or a ``:material/name:`` icon shown before the text (drawn with
            the Material Symbols font).
        divider: Draw a coloured rule below: True, or a colour name as for `header`.
        width: "stretch", "content", or a width in pixels.
        text_alignment: "left", "center", "right" or "justify".
        wrap: True (default) wraps long text; False keeps one line cut with an ellipsis,
            the whole text shown on hover.
    """
    return _heading("h3", body, anchor, help, divider, width, text_alignment, icon, wrap)


def markdown_props(
    body: object,
    unsafe_allow_html: bool = False,
    help: str | None = None,
    width: object = "stretch",
    text_alignment: object = "left",
    *,
    html: str | None = None,
) -> dict[str, Any]:
    """The props of a markdown element (`write_stream` builds them with uncached HTML)."""
    text = str(body)
    props = {
        "body": text,
        "html": render_markdown(text, bool(unsafe_allow_html)) if html is None else html,
        "help": check_help(help),
    }
    return layout_props(props, width, "stretch", text_alignment)


def _one_line_html(body: object, wrap: object) -> str | None:
    """One-line markdown keeps inline formatting only (Streamlit: "#" and "-" stay literal)."""
    return render_markdown(str(body), inline=True) if wrap is False else None


def _check_html_wrap(wrap: object, unsafe_allow_html: bool) -> None:
    if wrap is False and unsafe_allow_html:
        raise incompatible_error(
            "wrap=False",
            "unsafe_allow_html=True",
            explanation="One-line markdown cannot ellipsize raw HTML. Pass `wrap=True` to "
            "render HTML, or omit `unsafe_allow_html` to truncate.",
        )


@command
def markdown(
    body: object,
    unsafe_allow_html: bool = False,
    *,
    help: str | None = None,
    width: int | str = "auto",
    text_alignment: str = "left",
    anchors: bool = True,
    wrap: bool = True,
) -> Container:
    """Write markdown: CommonMark with GitHub tables and strikethrough, plus Streamlit's
    coloured text (``:red[...]``, ``:blue-background[...]``), badges (``:green-badge[...]``)
    and emoji shortcodes (``:smile:``).

    Parameters:
        body: The markdown text (anything else is converted with ``str``).
        unsafe_allow_html: Let raw HTML in ``body`` through unescaped. Only for HTML you trust.
        help: A tooltip shown next to the text.
        width: "auto" (default: the container's width in a vertical container, the text's
            own in a horizontal one), "stretch", "content", or a width in pixels.
        text_alignment: "left", "center", "right" or "justify".
        anchors: Streamlit shows a link icon beside markdown headings unless this is False;
            rillet draws no such icons yet, so both values show the headings alike.
        wrap: True (default) wraps long text; False keeps one line cut with an ellipsis,
            the whole text shown on hover.
    """
    check_bool("anchors", anchors)
    # "auto" is what the page does with no width: a block in a column, its own width in a row.
    shown_width = "stretch" if width == "auto" else width
    props = markdown_props(
        body, unsafe_allow_html, help, shown_width, text_alignment, html=_one_line_html(body, wrap)
    )
    _check_html_wrap(wrap, unsafe_allow_html)
    return emit("markdown", one_line(wrap, props))


@command
def caption(
    body: object,
    unsafe_allow_html: bool = False,
    *,
    help: str | None = None,
    width: int | str = "stretch",
    text_alignment: str = "left",
    wrap: bool = True,
) -> Container:
    """Write small, muted text (markdown) for captions and footnotes.

    Parameters:
        body: The markdown text.
        unsafe_allow_html: Let raw HTML through unescaped.
        help: A tooltip shown next to the text.
        width: "stretch", "content", or a width in pixels.
        text_alignment: "left", "center", "right" or "justify".
        wrap: True (default) wraps long text; False keeps one line cut with an ellipsis,
            the whole text shown on hover.
    """
    _check_html_wrap(wrap, unsafe_allow_html)
    props = one_line(
        wrap,
        markdown_props(
            body, unsafe_allow_html, help, width, text_alignment, html=_one_line_html(body, wrap)
        ),
    )
    return emit("markdown", {**props, "caption": True})


@command
def text(
    body: object,
    *,
    help: str | None = None,
    width: int | str = "content",
    text_alignment: str = "left",
    wrap: bool = True,
) -> Container:
    """Write fixed-width, preformatted text, shown exactly as given (no markdown).

    Parameters:
        body: The text (anything else is converted with ``str``).
        help: A tooltip shown next to the text.
        width: "content" (default), "stretch", or a width in pixels.
        text_alignment: "left", "center", "right" or "justify".
        wrap: True (default) wraps long text; False keeps one line cut with an ellipsis,
            the whole text shown on hover.
    """
    props = one_line(wrap, {"body": str(body), "help": check_help(help)})
    return emit("text", layout_props(props, width, "content", text_alignment))


@command
def divider(*, width: int | str = "stretch") -> Container:
    """Write a horizontal rule, to separate parts of a page.

    Parameters:
        width: "stretch" or a width in pixels.
    """
    props: dict[str, Any] = {"body": "---", "html": "<hr>", "help": None, "divider": True}
    if check_width(width, allow_content=False) != "stretch":
        props["width"] = width
    return emit("markdown", props)


@command
def badge(
    label: str,
    *,
    icon: str | None = None,
    color: str = "blue",
    width: int | str = "content",
    help: str | None = None,
) -> Container:
    """Write a small coloured badge: a status, a tag, a version.

    It is markdown (``:blue-badge[label]``), as in Streamlit, so ``at.markdown`` lists it.

    Parameters:
        label: The text; bold, italics, strikethrough and inline code are rendered.
        icon: A single emoji or a Material icon (``:material/name:``) shown before the label.
        color: blue (default), green, orange, red, violet, gray/grey, yellow or primary.
        width: "content" (default), "stretch", or a width in pixels.
        help: A tooltip shown next to the badge.
    """
    if color not in _BADGE_COLORS:
        raise RilletAPIException(
            f"Invalid badge color: `{color}`. Please choose from: " + ", ".join(_BADGE_COLORS) + "."
        )
    icon = check_icon(icon)
    escaped = str(label).replace("[", "\\[").replace("]", "\\]")
    body = f":{color}-badge[{icon + ' ' if icon else ''}{escaped}]"
    props = markdown_props(body, False, help, "stretch")
    return emit("markdown", {**layout_props(props, width, "content"), "badge": True})


# Shown as a JSON list, as Streamlit does (views and iterators would otherwise be text).
_LIST_LIKE = (
    tuple,
    set,
    frozenset,
    range,
    map,
    enumerate,
    deque,
    UserList,
    ItemsView,
    KeysView,
    ValuesView,
)


def _jsonable(value: Any) -> Any:
    try:
        return msgspec.to_builtins(value, str_keys=True, enc_hook=str)
    except (TypeError, ValueError, msgspec.EncodeError):
        return str(value)


@command
def json(body: object, *, expanded: bool | int = True, width: int | str = "stretch") -> Container:
    """Write an object or a JSON string as a collapsible, pretty-printed tree.

    Parameters:
        body: A JSON-serializable object, or a string holding JSON. Values that JSON cannot
            hold (dates, sets, custom objects) are shown as text or lists.
        expanded: True (fully expanded), False (collapsed), or how many levels to expand.
        width: "stretch" or a width in pixels.
    """
    if isinstance(expanded, bool):
        depth: int | None = None if expanded else 0
    elif isinstance(expanded, int) and expanded >= 0:
        depth = expanded
    else:
        raise TypeError(
            f"The type {type(expanded)!s} of `expanded` is not supported, must be bool or int."
        )
    if isinstance(body, str):
        try:
            body = _json.loads(body)
        except ValueError:
            pass
    elif hasattr(body, "_asdict") and isinstance(body, tuple):
        body = body._asdict()  # type: ignore[attr-defined]
    elif isinstance(body, Mapping) and not isinstance(body, dict):
        body = dict(body)
    elif callable(getattr(body, "to_dict", None)) and not isinstance(body, type):
        body = body.to_dict()  # type: ignore[attr-defined]
    elif isinstance(body, _LIST_LIKE):
        body = list(body)
    props: dict[str, Any] = {"body": _jsonable(body), "expanded": depth != 0}
    if depth:
        props["depth"] = depth
    if check_width(width, allow_content=False) != "stretch":
        props["width"] = width
    return emit("json", props)


# --- html ----------------------------------------------------------------------------------

# nh3's defaults plus what page authors use st.html for: inline styles, classes, style sheets.
# Scripts, event handlers and javascript: URLs are never let through.
_HTML_ATTRIBUTES = {"*": {"style", "class", "title", "lang", "dir", "role", "aria-label"}}


def sanitize_html(source: str) -> str:
    """``source`` with everything that could run script removed (nh3)."""
    import nh3

    attributes = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, attrs in _HTML_ATTRIBUTES.items():
        attributes[tag] = attributes.get(tag, set()) | attrs
    return nh3.clean(
        source,
        tags=set(nh3.ALLOWED_TAGS) | {"style"},
        clean_content_tags={"script"},
        attributes=attributes,
    )


@command
def html(
    body: object,
    *,
    width: int | str = "stretch",
    unsafe_allow_javascript: bool = False,
) -> Container:
    """Insert HTML into the page, sanitized: scripts and event handlers are removed.

    For markup the app builds itself (a styled note, a small layout); it is not put in a
    frame, so its styles apply to the page.

    Parameters:
        body: A string of HTML, the path of a file holding HTML (a ``.css`` file is wrapped
            in ``<style>``), or an object (its ``_repr_html_()`` when it has one, else ``str``).
        width: "stretch", "content", or a width in pixels.
        unsafe_allow_javascript: Not supported: scripts never run.
    """
    if unsafe_allow_javascript:
        raise NotImplementedError("st.html(unsafe_allow_javascript=True) is not supported.")
    if isinstance(body, str | os.PathLike) and _is_file(body):
        with open(body, encoding="utf-8") as f:
            source = f.read()
        if str(body).lower().endswith(".css"):
            source = f"<style>{source}</style>"
    elif callable(getattr(body, "_repr_html_", None)):
        source = str(body._repr_html_())  # type: ignore[attr-defined]
    else:
        source = str(body)
    clean = sanitize_html(source)
    props: dict[str, Any] = {"html": clean}
    if re.fullmatch(r"\s*(<style[^>]*>.*?</style>\s*)+", clean, re.S):
        props["style_only"] = True  # takes no room on the page
    return emit("html", layout_props(props, width, "stretch"))


def _is_file(body: str | os.PathLike[str]) -> bool:
    try:
        return len(str(body)) < 4096 and "\n" not in str(body) and os.path.isfile(body)
    except (OSError, ValueError):
        return False


# --- help ----------------------------------------------------------------------------------


def _signature(obj: object) -> str | None:
    if not inspect.isclass(obj) and not callable(obj):
        return None
    try:
        return str(inspect.signature(obj))
    except ValueError:
        return "(...)"
    except TypeError:
        return None


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ")


def _members(obj: object, limit: int = 100) -> list[list[str]]:
    members = []
    for name in sorted(dir(obj)):
        if name.startswith("_"):
            continue
        try:
            value = getattr(obj, name)
        except Exception:
            continue
        if inspect.ismodule(value) and inspect.ismodule(obj):
            continue
        summary = _summary(value) if callable(value) else repr(value)[:200]
        members.append([name, type(value).__name__, summary])
        if len(members) >= limit:
            break
    return members


def help_props(obj: object) -> dict[str, Any]:
    """What `help` shows for ``obj``: name, type, signature, docs, value and members."""
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    signature = _signature(obj)
    doc = inspect.getdoc(obj)
    if doc is None and not (inspect.isclass(obj) or inspect.isroutine(obj)):
        doc = inspect.getdoc(type(obj)) if not inspect.ismodule(obj) else None
    value = None if callable(obj) or inspect.ismodule(obj) else repr(obj)[:1000]
    title = f"{name or ''}{signature or ''}"
    return {
        "body": f"{title}\n\n{doc or 'No docs available'}".strip(),
        "name": name,
        "type": type(obj).__name__,
        "signature": signature,
        "doc": doc,
        "value": value,
        "members": _members(obj),
    }


def help_text(obj: object) -> Container:
    """Show an object's documentation (what ``write`` does for functions, classes, modules)."""
    return emit("help", help_props(obj))


class _Rillet:
    """The default of `help`: rillet itself (a marker, so ``st.help(None)`` documents None)."""

    def __repr__(self) -> str:
        return "rillet"


_RILLET = _Rillet()


@command
def help(obj: object = _RILLET, *, width: int | str = "stretch") -> Container:
    """Show an object's name, type, signature, documentation and public members.

    Handy while writing an app: ``st.help(pandas.DataFrame)`` shows what it offers.

    Parameters:
        obj: The object to document; rillet itself when omitted.
        width: "stretch" or a width in pixels.
    """
    if obj is _RILLET:
        import rillet

        obj = rillet
    props = help_props(obj)
    if check_width(width, allow_content=False) != "stretch":
        props["width"] = width
    return emit("help", props)
