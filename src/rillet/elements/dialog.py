"""``dialog``: a fragment shown in a modal over the page."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from rillet.elements.base import EVENT, decode_trigger
from rillet.elements.fragments import start_fragment
from rillet.elements.validate import value_error
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import WidgetSpec, widget_id

F = TypeVar("F", bound=Callable[..., Any])

_WIDTHS = ("small", "medium", "large")


def dialog(
    title: str,
    *,
    width: str | int = "small",
    position: str = "center",
    dismissible: bool = True,
    icon: str | None = None,
    on_dismiss: str | Callable[[], Any] = "ignore",
) -> Callable[[F], F]:
    """Make a function open a modal dialog when called; its body is a fragment.

    Widgets inside the dialog rerun only the dialog. Call ``rerun()`` from inside to close it
    (the app reruns and does not open it again unless your script calls it again).

    Parameters:
        title: The dialog's heading.
        width: "small" (500px), "medium" (750px), "large" (1280px) or a number of pixels.
        position: "center" (default) shows it in the middle of the page; "left" or "right"
            as a full-height drawer on that side, which the user can widen or narrow.
        dismissible: Whether the user can close it with the X, Escape or a click outside.
        icon: An emoji shown before the title.
        on_dismiss: What closing it by the user does: "ignore" (nothing reruns), "rerun"
            (the app reruns), or a callable run before the app reruns.
    """
    if not isinstance(title, str) or not title:
        raise RilletAPIException(
            "A non-empty `title` argument has to be provided for dialogs, "
            "for example `@st.dialog('Example Title')`."
        )
    pixels = isinstance(width, int) and not isinstance(width, bool) and width > 0
    if width not in _WIDTHS and not pixels:
        raise value_error(
            "width", ["'small'", "'medium'", "'large'", "a positive integer"], f"Got {width!r}."
        )
    if position not in ("left", "center", "right"):
        raise value_error("position", ["'left'", "'center'", "'right'"])
    if not (on_dismiss in ("ignore", "rerun") or callable(on_dismiss)):
        raise RilletAPIException(
            f'on_dismiss must be "ignore", "rerun", or a callable, not {on_dismiss!r}.'
        )

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            ctx = context.current()
            if ctx is None:
                return None
            registry = ctx.session.fragments
            current = registry.get(ctx.fragment_id) if ctx.fragment_id else None
            if current is not None and current.extras.get("dialog"):
                raise RilletAPIException("Dialogs may not be nested inside other dialogs.")
            if ctx.extra.get("dialog_opened"):
                raise RilletAPIException(
                    "Only one dialog is allowed to be opened at the same time. Please make "
                    "sure to not call a dialog-decorated function more than once in a script run."
                )
            ctx.extra["dialog_opened"] = True
            dismiss = _register_dismissal(ctx, func, title, on_dismiss)
            props = {
                "type": "dialog",
                "title": title,
                "width": width,
                "position": position,
                "dismissible": bool(dismissible),
                "icon": icon,
                "dismiss_id": dismiss if on_dismiss != "ignore" else None,
            }
            info, _ = start_fragment(
                func,
                args,
                kwargs,
                key=None,
                run_every=None,
                reactive=True,
                block_props=props,
                into=EVENT,
            )
            info.extras["dialog"] = True
            return None

        return wrapper  # type: ignore[return-value]

    return decorate


def _register_dismissal(
    ctx: context.RunContext,
    func: Callable[..., Any],
    title: str,
    on_dismiss: str | Callable[[], Any],
) -> str:
    """The user closing the dialog is a press of an invisible button with the callback."""
    wid = widget_id("dialog", None, (func.__module__, func.__qualname__, title), None)

    def decode(wire: Any) -> bool:
        return decode_trigger(wire, "a dialog dismissal")

    ctx.session.state.register_widget(
        WidgetSpec(
            id=wid,
            kind="dialog",
            default=False,
            decode=decode,
            trigger=True,
            on_change=on_dismiss if callable(on_dismiss) else None,
        )
    )
    return wid
