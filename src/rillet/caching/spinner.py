"""The status element a cached function shows while it computes (``show_spinner``).

Shown on a miss only, and only for the outermost cached call (an inner call's wait is part of
the outer one's). It is written where the call writes, and removed when the value is ready:
when nothing was written after it in its block its index is handed back, so the next element
takes its place and the page keeps the same paths on the next run, hit or miss.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rillet.elements.base import target
from rillet.elements.text import render_markdown
from rillet.protocol.messages import Element
from rillet.runtime import context

SPINNER = "spinner"


def spinner_text(func: Callable[..., Any], show_spinner: bool | str, has_args: bool) -> str | None:
    """What the spinner says (Streamlit's words), or None when it is turned off."""
    if isinstance(show_spinner, str):
        return show_spinner
    if not show_spinner:
        return None
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", "function")
    return f"Running `{name}(...)`." if has_args else f"Running `{name}()`."


@contextmanager
def spinner(text: str | None, show_time: bool = False) -> Iterator[None]:
    """Show ``text`` in a spinner element while the block runs (nothing outside a run)."""
    ctx = context.current()
    where = target()
    if text is None or ctx is None or where.path is None or where.slot or ctx.recorder:
        # A single-element slot would lose what the function writes into it; a nested
        # cached call is covered by the outer one's spinner.
        yield
        return
    props: dict[str, Any] = {"body": text, "html": render_markdown(text, inline=True)}
    if show_time:
        props["show_time"] = True
    slot = where._write(Element(SPINNER, props))
    try:
        yield
    finally:
        path = slot.path
        if path is not None:
            # Written directly: no checkpoint, so it also happens when the run is interrupted.
            ctx.writer.put(path, Element("empty", {}))
            block = path[:-1]
            if ctx.writer.lengths.get(block) == path[-1] + 1:
                ctx.writer.lengths[block] = path[-1]
