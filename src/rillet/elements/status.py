"""Status elements: alerts, exceptions, progress bars, spinners, status containers, toasts,
balloons and snow.

Toasts, balloons and snow are events, not page content: they go to the event area (where
dialogs live) rather than where they are called, so they never shift the paths of the page, and
each call carries a fresh id the browser shows once. The tree drops them at the next run; the
browser lets a toast run out its time on its own.
"""

from __future__ import annotations

import contextlib
import math
import secrets
from typing import Any

from rillet.elements.base import EVENT, Container, command, emit, target
from rillet.elements.text import render_markdown
from rillet.elements.validate import (
    check_icon,
    check_width,
    leading_icon,
    missing_error,
    range_error,
    type_error,
    value_error,
)
from rillet.protocol.messages import Element
from rillet.runtime import context
from rillet.runtime.errors import RerunInterrupt
from rillet.runtime.runner import exception_element

_STATES = ("running", "complete", "error")
_STATUS_TYPES = ("default", "compact", "step")
_TOAST_SECONDS = {"short": 4, "long": 10, "infinite": None}


def _alert(
    level: str, body: object, icon: str | None, width: str | int, title: object
) -> Container:
    text = str(body)
    if icon is None:
        # As in Streamlit: a leading emoji or ``:material/...:`` icon becomes the icon.
        shown_icon, text = leading_icon(text)
    else:
        shown_icon = check_icon(icon)
    check_width(width, allow_content=False)
    props: dict[str, Any] = {
        "level": level,
        "body": text,
        "html": render_markdown(text),
        "icon": shown_icon,
    }
    if title is not None and str(title):
        props["title"] = str(title)
        props["title_html"] = render_markdown(str(title), inline=True)
    if width != "stretch":
        props["width"] = width
    return emit("alert", props)


@command
def success(
    body: object,
    *,
    icon: str | None = None,
    width: str | int = "stretch",
    title: object | None = None,
) -> Container:
    """Show a green success message.

    Parameters:
        body: The message, as markdown (raw HTML is shown as text).
        icon: An emoji, "spinner", or a ``:material/...:`` icon (accepted, not drawn) shown
            before it. None (default) takes a leading emoji of ``body`` as the icon; ""
            shows none.
        width: "stretch" (default) or pixels.
        title: A bold title above the message (inline markdown).
    """
    return _alert("success", body, icon, width, title)


@command
def info(
    body: object,
    *,
    icon: str | None = None,
    width: str | int = "stretch",
    title: object | None = None,
) -> Container:
    """Show a blue informational message.

    Parameters:
        body: The message, as markdown (raw HTML is shown as text).
        icon: An emoji, "spinner", or a ``:material/...:`` icon (accepted, not drawn) shown
            before it. None (default) takes a leading emoji of ``body`` as the icon; ""
            shows none.
        width: "stretch" (default) or pixels.
        title: A bold title above the message (inline markdown).
    """
    return _alert("info", body, icon, width, title)


@command
def warning(
    body: object,
    *,
    icon: str | None = None,
    width: str | int = "stretch",
    title: object | None = None,
) -> Container:
    """Show a yellow warning; screen readers announce it.

    Parameters:
        body: The message, as markdown (raw HTML is shown as text).
        icon: An emoji, "spinner", or a ``:material/...:`` icon (accepted, not drawn) shown
            before it. None (default) takes a leading emoji of ``body`` as the icon; ""
            shows none.
        width: "stretch" (default) or pixels.
        title: A bold title above the message (inline markdown).
    """
    return _alert("warning", body, icon, width, title)


@command
def error(
    body: object,
    *,
    icon: str | None = None,
    width: str | int = "stretch",
    title: object | None = None,
) -> Container:
    """Show a red error message; screen readers announce it.

    Parameters:
        body: The message, as markdown (raw HTML is shown as text).
        icon: An emoji, "spinner", or a ``:material/...:`` icon (accepted, not drawn) shown
            before it. None (default) takes a leading emoji of ``body`` as the icon; ""
            shows none.
        width: "stretch" (default) or pixels.
        title: A bold title above the message (inline markdown).
    """
    return _alert("error", body, icon, width, title)


@command
def exception(exception: BaseException, width: str | int = "stretch") -> Container:
    """Show an exception: its type, message and the traceback of the user's code.

    Parameters:
        exception: The exception to show.
        width: "stretch" (default) or pixels.
    """
    check_width(width, allow_content=False)
    element = exception_element(exception)
    props = dict(element.props)
    if width != "stretch":
        props["width"] = width
    return emit(element.kind, props)


# --- progress -------------------------------------------------------------------------------


def _progress_value(value: object) -> int:
    if isinstance(value, int):
        if 0 <= value <= 100:
            return int(value)
        raise range_error("value", value, 0, 100)
    if isinstance(value, float):
        # Float arithmetic lands a hair outside [0, 1] (1.0000000000000002): that is 1.
        close = math.isclose(value, 0.0, abs_tol=1e-9) or math.isclose(value, 1.0, abs_tol=1e-9)
        if 0.0 <= value <= 1.0 or close:
            return min(100, max(0, int(value * 100)))
        raise range_error("value", value, 0.0, 1.0)
    raise type_error("value", value, ["int", "float"])


@command
def progress(
    value: int | float, text: str | None = None, width: str | int = "stretch"
) -> Container:
    """Show a progress bar; call ``.progress(...)`` on what it returns to move it in place.

    Parameters:
        value: 0 to 100 as an int, or 0.0 to 1.0 as a float.
        text: A message above the bar (markdown); it is also the bar's accessible name.
        width: "stretch" (default) or pixels.
    """
    percent = _progress_value(value)
    if text is not None and not isinstance(text, str):
        raise type_error("text", text, ["str"])
    check_width(width, allow_content=False)
    props: dict[str, Any] = {"value": percent}
    if text:
        props["text"] = text
        props["html"] = render_markdown(text, inline=True)
    if width != "stretch":
        props["width"] = width
    return emit("progress", props)


# --- spinner --------------------------------------------------------------------------------


class Spinner(contextlib.ContextDecorator):
    """Shows a spinner element while its ``with`` block runs, then takes it away.

    The place is taken when the spinner is created (so ``col.spinner(...)`` spins in the
    column), the element written on entry. On exit the element is replaced by an empty one;
    when nothing was written after it, its index is handed back so the next element takes its
    place and the page's paths stay those of a run without the spinner.
    """

    def __init__(self, props: dict[str, Any]) -> None:
        self._props = props
        self._where = target()
        self._slot: Container | None = None

    def _recreate_cm(self) -> Spinner:
        # Used as a decorator, each call spins where that call writes.
        return Spinner(self._props)

    def __enter__(self) -> Spinner:
        ctx = context.current()
        if ctx is None or self._where.path is None or ctx.recorder is not None:
            # Outside a run nothing shows; inside a computing cached function the element
            # would be replayed on every hit, long after the work it announces.
            return self
        self._slot = self._where._write(Element("spinner", self._props))
        return self

    def __exit__(self, *exc: object) -> None:
        ctx = context.current()
        path = self._slot.path if self._slot is not None else None
        if ctx is None or path is None:
            return
        node = ctx.writer.tree.node(path)
        if node is None or node.element.kind != "spinner":
            return  # a slot the block wrote over: what it wrote stays
        # Written directly (no checkpoint), so the spinner also goes when the run is interrupted.
        ctx.writer.put(path, Element("empty", {}))
        block = path[:-1]
        if not self._where.slot and ctx.writer.lengths.get(block) == path[-1] + 1:
            ctx.writer.lengths[block] = path[-1]


@command
def spinner(
    text: str = "In progress...", *, show_time: bool = False, width: str | int = "content"
) -> Spinner:
    """Show a spinner with a message while a block of code runs: ``with st.spinner(...):``.

    Parameters:
        text: The message next to the spinner (markdown).
        show_time: Also show the seconds elapsed, to a tenth of a second.
        width: "content" (default), "stretch" or pixels.
    """
    text = str(text)
    check_width(width, allow_content=True)
    props: dict[str, Any] = {"body": text, "html": render_markdown(text, inline=True)}
    if show_time:
        props["show_time"] = True
    if width != "content":
        props["width"] = width
    return Spinner(props)


# --- status ---------------------------------------------------------------------------------


def _check_state(state: object) -> str:
    if state not in _STATES:
        raise value_error("state", [repr(name) for name in _STATES])
    return str(state)


class StatusContainer(Container):
    """The container ``status`` returns: an expander with a state icon, updatable in place."""

    __slots__ = ("_props",)

    def __init__(self, written: Container, props: dict[str, Any]) -> None:
        super().__init__(written.path, written.slot, written.form_id)
        self._props = props

    def update(
        self, *, label: str | None = None, expanded: bool | None = None, state: str | None = None
    ) -> None:
        """Change the label, the expanded state or the state; what is None stays as it is.

        Parameters:
            label: The new label.
            expanded: Open (True) or close (False) it.
            state: "running" (a spinner), "complete" (a check mark) or "error" (a cross).
        """
        props = dict(self._props)
        if label is not None:
            props["label"] = str(label)
        if expanded is not None:
            props["expanded"] = bool(expanded)
        if state is not None:
            props["state"] = _check_state(state)
        self._props = props
        ctx = context.current()
        if ctx is None or self.path is None:
            return
        ctx.checkpoint()
        # A block written over a block keeps its children: only the header changes.
        ctx.writer.put(self.path, Element("block", props))

    def __getattr__(self, name: str) -> Any:
        # ``status.text(...)`` writes into it without the ``with`` that completes it.
        return getattr(Container(self.path, self.slot, self.form_id), name)

    def __enter__(self) -> StatusContainer:
        super().__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        super().__exit__(*exc_info)
        exc = exc_info[1] if len(exc_info) > 1 else None
        if self._props["state"] != "running" or isinstance(exc, RerunInterrupt):
            return  # an interrupted run's page is about to be replaced anyway
        self.update(state="error" if isinstance(exc, Exception) else "complete")


@command
def status(
    label: str,
    *,
    expanded: bool = False,
    state: str = "running",
    type: str = "default",
    width: str | int = "stretch",
) -> StatusContainer:
    """Insert a status container: an expander showing the state of a long task.

    Used with ``with``, it turns to "complete" when the block ends, or to "error" when it
    raises. ``.update(label=..., expanded=..., state=...)`` changes it at any time.

    Parameters:
        label: The header, shown as text.
        expanded: Start expanded (default: collapsed).
        state: "running" (default, a spinner), "complete" (a check mark) or "error" (a cross).
        type: "default" (a bordered box), "compact" (a plain inline toggle) or "step" (a
            step of a timeline: consecutive steps are joined by a line).
        width: "stretch" (default) or pixels.
    """
    if type not in _STATUS_TYPES:
        raise value_error("type", [repr(t) for t in _STATUS_TYPES])
    check_width(width, allow_content=False)
    props: dict[str, Any] = {
        "type": "status",
        "label": "" if label is None else str(label),
        "expanded": bool(expanded),
        "state": _check_state(state),
    }
    if type != "default":
        props["variant"] = type
    if width != "stretch":
        props["width"] = width
    return StatusContainer(target()._write(Element("block", props)), props)


# --- events: toast, balloons, snow ----------------------------------------------------------


def _event_id() -> str:
    return secrets.token_hex(6)


def _toast_seconds(duration: object) -> int | None:
    if isinstance(duration, str) and duration in _TOAST_SECONDS:
        return _TOAST_SECONDS[duration]
    if isinstance(duration, int) and not isinstance(duration, bool) and duration > 0:
        return duration
    raise value_error("duration", ["short", "long", "infinite", "a positive integer"])


@command
def toast(body: object, *, icon: str | None = None, duration: str | int = "short") -> Container:
    """Show a short notification at the top right of the page; it goes away by itself.

    Toasts stack and are not part of the page: the next run does not show them again.
    Calling ``.toast(...)`` on what this returns updates the toast in place while it shows.

    Parameters:
        body: The message (markdown; raw HTML is shown as text).
        icon: An emoji shown before it, or "spinner".
        duration: "short" (default, 4 seconds), "long" (10 seconds), "infinite" (until the
            user closes it) or seconds.
    """
    text = str(body)
    if text == "":
        raise missing_error("body", "Please provide a message.")
    props: dict[str, Any] = {
        "id": _event_id(),
        "body": text,
        "html": render_markdown(text),
        "icon": check_icon(icon),
        "duration": _toast_seconds(duration),
    }
    where = target()
    ctx = context.current()
    if ctx is not None and where.slot and where.path is not None:
        node = ctx.writer.tree.node(where.path)
        if node is not None and node.children is None:
            shown = node.element
            if shown.kind == "toast":
                # ``msg.toast(...)``: the same toast, updated where it shows.
                props["id"] = shown.props.get("id", props["id"])
                return where._write(Element("toast", props))
    return EVENT._write(Element("toast", props))


@command
def balloons() -> Container:
    """Float celebratory balloons up the page for a moment (not while the user's system asks
    for reduced motion). They never block a click."""
    return EVENT._write(Element("balloons", {"id": _event_id()}))


@command
def snow() -> Container:
    """Let snowflakes fall over the page for a moment (not while the user's system asks for
    reduced motion). They never block a click."""
    return EVENT._write(Element("snow", {"id": _event_id()}))
