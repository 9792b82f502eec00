"""``write``: show any value the way it reads best, and the "magic" that calls it."""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import ItemsView, KeysView, ValuesView
from io import StringIO
from typing import Any

from rillet.elements.base import command, target
from rillet.elements.data import dataframe, is_dataframe_like
from rillet.elements.status import exception
from rillet.elements.text import help_text, json, markdown
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.runner import SCRIPT_GLOBALS
from rillet.runtime.script import MAGIC_NAME

_MEMORY_ADDRESS = re.compile(r"^<.* at 0x[0-9a-fA-F]+>$")


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    if "\n" in text:
        ticks = "`" * max(3, longest + 1)
        return f"{ticks}\n{text}\n{ticks}"
    ticks = "`" * (longest + 1)
    return f"{ticks}{text}{ticks}"


@command
def write(*args: Any, unsafe_allow_html: bool = False) -> None:
    """Write each argument the way it reads best.

    Strings are markdown (adjacent ones joined by spaces); exceptions show with their trace;
    dicts and lists as JSON; data frames as tables; objects with ``_repr_html_`` as HTML
    (only with ``unsafe_allow_html``) or ``_repr_markdown_`` as markdown; functions, classes
    and modules show their documentation; anything else as its ``str`` in code style.

    Parameters:
        *args: The values to write.
        unsafe_allow_html: Let raw HTML in strings through unescaped.
    """
    if target().slot and len(args) > 1:
        raise RilletAPIException(
            "Cannot replace a single element with multiple elements.\n\nThe `write()` method "
            "only supports multiple elements when inserting elements rather than replacing. "
            "That is, only when called as `st.write()` or `st.sidebar.write()`."
        )
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            markdown(" ".join(buffer), unsafe_allow_html=unsafe_allow_html)
            buffer.clear()

    for arg in args:
        if isinstance(arg, str):
            buffer.append(arg)
            continue
        if isinstance(arg, BaseException):
            flush()
            exception(arg)
        elif is_dataframe_like(arg):
            flush()
            dataframe(arg)
        elif isinstance(
            arg, dict | list | tuple | map | enumerate | ItemsView | KeysView | ValuesView
        ) or (hasattr(arg, "_asdict") and isinstance(arg, tuple)):
            flush()
            json(list(arg) if isinstance(arg, map | enumerate) else arg)
        elif isinstance(arg, StringIO):
            flush()
            markdown(arg.getvalue())
        elif (
            inspect.ismodule(arg)
            or inspect.isclass(arg)
            or inspect.isroutine(arg)
            or (dataclasses.is_dataclass(arg))
        ):
            flush()
            help_text(arg)
        elif callable(getattr(arg, "_repr_html_", None)) and unsafe_allow_html:
            flush()
            markdown(arg._repr_html_(), unsafe_allow_html=True)
        elif callable(getattr(arg, "_repr_markdown_", None)):
            flush()
            markdown(arg._repr_markdown_())
        else:
            text = str(arg)
            if _MEMORY_ADDRESS.match(text):
                flush()
                help_text(arg)
            else:
                buffer.append(_fence(text))
    flush()


def _magic(*args: Any) -> Any:
    """What a bare expression statement in a script calls; returns the value unchanged."""
    if args:
        write(*args)
    return args[0] if len(args) == 1 else args


SCRIPT_GLOBALS[MAGIC_NAME] = _magic
