"""Status elements: alerts and exceptions."""

from __future__ import annotations

from rillet.elements.base import Container, command, emit
from rillet.elements.text import render_markdown
from rillet.runtime.runner import exception_element


def _alert(level: str, body: object, icon: str | None) -> Container:
    text = str(body)
    return emit(
        "alert", {"level": level, "body": text, "html": render_markdown(text), "icon": icon}
    )


@command
def success(body: object, *, icon: str | None = None) -> Container:
    """Show a green success message (markdown). ``icon``: an emoji shown before it."""
    return _alert("success", body, icon)


@command
def info(body: object, *, icon: str | None = None) -> Container:
    """Show a blue informational message (markdown). ``icon``: an emoji shown before it."""
    return _alert("info", body, icon)


@command
def warning(body: object, *, icon: str | None = None) -> Container:
    """Show a yellow warning (markdown). ``icon``: an emoji shown before it."""
    return _alert("warning", body, icon)


@command
def error(body: object, *, icon: str | None = None) -> Container:
    """Show a red error message (markdown). ``icon``: an emoji shown before it."""
    return _alert("error", body, icon)


@command
def exception(exception: BaseException) -> Container:
    """Show an exception: its type, message and traceback.

    Parameters:
        exception: The exception to show.
    """
    element = exception_element(exception)
    return emit(element.kind, element.props)
