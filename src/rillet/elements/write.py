"""``write`` and ``write_stream``: show any value the way it reads best, and the "magic" that
calls ``write``."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import re
from collections.abc import (
    AsyncIterator,
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    ValuesView,
)
from io import StringIO
from typing import Any

from rillet.elements.base import COMMANDS, Container, command, emit, target
from rillet.elements.charts.dispatch import chart_command, late_chart_command
from rillet.elements.data import dataframe, is_dataframe_like
from rillet.elements.status import exception
from rillet.elements.text import help_text, json, markdown, markdown_props
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
    chart objects (Altair, matplotlib, Plotly, Graphviz, pydeck) as their chart; PIL images
    as images;
    dicts, lists, tuples and sets as JSON; data frames and arrays as tables; generators are
    streamed (`write_stream`); objects with ``_repr_html_`` as HTML (only with
    ``unsafe_allow_html``) or ``_repr_markdown_`` as markdown; functions, classes and modules
    show their documentation; anything else (numbers included) as its ``str`` in code style.

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
        elif (chart := chart_command(arg)) is not None:
            flush()
            COMMANDS[chart](arg)
        elif inspect.isgenerator(arg) or inspect.isasyncgen(arg):
            flush()
            write_stream(arg)
        elif isinstance(
            arg,
            dict | list | tuple | set | frozenset | map | enumerate | ItemsView | KeysView,
        ) or isinstance(arg, ValuesView) or (hasattr(arg, "_asdict") and isinstance(arg, tuple)):
            flush()
            json(list(arg) if isinstance(arg, map | enumerate) else arg)
        elif (chart := late_chart_command(arg)) is not None:
            flush()
            COMMANDS[chart](arg)
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


def _sync(stream: AsyncIterator[Any]) -> Iterator[Any]:
    """An async generator, driven to completion from this (the script's) thread."""
    loop = asyncio.new_event_loop()
    try:
        while True:
            try:
                yield loop.run_until_complete(stream.__anext__())
            except StopAsyncIteration:
                return
    finally:
        loop.close()


def _text_of(chunk: Any) -> Any:
    """The text of a chunk from the common LLM clients (OpenAI, LangChain), else the chunk."""
    name = type(chunk).__name__
    if name == "ChatCompletionChunk":
        choices = getattr(chunk, "choices", None) or []
        delta = getattr(choices[0], "delta", None) if choices else None
        return (getattr(delta, "content", None) or "") if delta is not None else ""
    if name == "AIMessageChunk":
        return getattr(chunk, "content", "") or ""
    return chunk


@command
def write_stream(
    stream: Callable[..., Any] | Iterable[Any] | AsyncIterator[Any], *, cursor: str | None = None
) -> list[Any] | str:
    """Write a stream of chunks as they come: text grows in place, other values are written
    with `write`. For LLM answers and long computations that report as they go.

    Each text chunk travels to the browser alone (an ``extend`` of the element's rows), and
    the browser renders the markdown as it grows, so a long answer costs bytes and server
    time in proportion to its length. When the text ends it becomes an ordinary markdown
    element, rendered on the server like `markdown`'s.

    Parameters:
        stream: A generator, an iterable, an async generator, or a function returning one.
            String chunks are joined into one markdown element updated in place; OpenAI and
            LangChain chunks are read as their text; a callable chunk is called; anything else
            goes to `write`.
        cursor: Markdown shown after the text while it streams (for example "▌"); none when
            None.

    Returns:
        The whole text when the stream held only text, else a list of what was written (text
        runs joined), which `write` accepts as is.
    """
    if isinstance(stream, str) or is_dataframe_like(stream):
        raise RilletAPIException(
            "`st.write_stream` expects a generator or stream-like object as input not "
            f"{type(stream)}. Please use `st.write` instead for this data type."
        )
    if inspect.isgeneratorfunction(stream) or inspect.isasyncgenfunction(stream):
        stream = stream()
    elif callable(stream) and not isinstance(stream, Iterable):
        stream = stream()
    if inspect.isasyncgen(stream) or (
        hasattr(stream, "__anext__") and not isinstance(stream, Iterable)
    ):
        stream = _sync(stream)  # type: ignore[arg-type]
    try:
        chunks = iter(stream)  # type: ignore[arg-type]
    except TypeError as exc:
        raise RilletAPIException(
            f"The provided input (type: {type(stream)}) cannot be iterated. "
            "Please make sure that it is a generator, generator function or iterable."
        ) from exc
    from rillet.elements.layout import empty

    written: list[Any] = []
    # The text so far, one row a chunk: a new chunk travels as an `extend` of that chunk
    # alone, so streaming costs what it adds, not what has accumulated (protocol.md).
    rows: list[list[str]] = []
    stream_props: dict[str, Any] = {"cursor": cursor} if cursor else {}
    slot: Container | None = None

    def flush() -> None:
        nonlocal rows, slot
        if slot is not None and rows:
            text = "".join(row[0] for row in rows)
            # The finished text is ordinary server-rendered markdown, equal to what
            # `st.markdown(text)` writes: a history that redraws it next run sends nothing.
            with slot:
                emit("markdown", markdown_props(text))
            written.append(text)
        slot, rows = None, []

    try:
        for raw in chunks:
            chunk = _text_of(raw)
            if isinstance(chunk, str):
                if not chunk:
                    continue
                if slot is None:
                    slot = empty()
                rows.append([chunk])
                with slot:
                    emit("markdown_stream", stream_props, rows=list(rows))
            elif callable(chunk):
                flush()
                chunk()
            else:
                flush()
                write(chunk)
                written.append(chunk)
    except Exception:
        flush()  # what arrived before the error stays, as finished markdown
        raise
    flush()
    if not written:
        return ""
    if len(written) == 1 and isinstance(written[0], str):
        return written[0]
    return written


def _magic(*args: Any) -> Any:
    """What a bare expression statement in a script calls; returns the value unchanged."""
    if args:
        write(*args)
    return args[0] if len(args) == 1 else args


SCRIPT_GLOBALS[MAGIC_NAME] = _magic
