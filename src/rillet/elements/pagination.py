"""``st.pagination``: page-number buttons with previous and next arrows; the value is the page.

Pages count from 1. The browser sends the page chosen; a page outside 1..num_pages is refused
before the app sees it, and a kept page that no longer exists (``num_pages`` shrank) falls
back to ``default``, as in Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rillet.elements.base import command, widget
from rillet.elements.validate import check_width, range_error, type_error
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@command
def pagination(
    num_pages: int,
    *,
    default: int = 1,
    max_visible_pages: int | None = 7,
    width: str | int = "content",
    key: str | int | None = None,
    on_change: Callable[..., Any] | str | None = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
    bind: str | None = None,
    persist_state: str | None = None,
) -> int:
    """Show page-number buttons with previous/next arrows; returns the page chosen (from 1).

    Long ranges are shortened with ellipses around the current page; the first and the last
    page always show.

    Parameters:
        num_pages: How many pages there are; at least 1.
        default: The page chosen at first, from 1 to ``num_pages`` (default 1).
        max_visible_pages: How many page buttons show at most, arrows not counted (default
            7); None shows them all, 0 only the arrows.
        width: "content" (default), "stretch" or pixels.
        key: A unique key; also names the widget in ``session_state``.
        on_change: A callback run (with ``args``/``kwargs``) before the rerun a page change
            causes; "rerun" (default) or None just rerun; "ignore": the page holds the new page
            for the next rerun something else asks for.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show the buttons but refuse clicks.
        bind: "query-params" keeps the page in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the page under the key while a run does not draw the widget (needs ``key``).
    """
    if not _is_int(num_pages) or num_pages < 1:
        raise RilletAPIException(f"`num_pages` must be an integer of at least 1. Got {num_pages}.")
    if not _is_int(default):
        raise type_error("default", default, ["int"])
    if not 1 <= default <= num_pages:
        raise range_error("default", default, 1, num_pages)
    if max_visible_pages is not None and (not _is_int(max_visible_pages) or max_visible_pages < 0):
        raise RilletAPIException(
            f"`max_visible_pages` must be a non-negative integer or None. Got {max_visible_pages}."
        )
    check_width(width, allow_content=True)

    def decode(wire: Any) -> int:
        if not _is_int(wire):
            raise InvalidWidgetValue(f"expected a page number, got {wire!r}")
        if not 1 <= wire <= num_pages:
            raise InvalidWidgetValue(f"page {wire} is outside 1..{num_pages}")
        return int(wire)

    props: dict[str, Any] = {
        "num_pages": num_pages,
        "max_visible_pages": max_visible_pages,
        "disabled": bool(disabled),
    }
    if width != "content":
        props["width"] = width
    return int(
        widget(
            "pagination",
            props,
            key=key,
            identity=(num_pages, default, max_visible_pages, width),
            default=default,
            decode=decode,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            bind=bind,
            persist_state=persist_state,
        )
    )
