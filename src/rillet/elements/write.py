"""``write`` and ``write_stream``: show any value the way it reads best, and the "magic" that
calls ``write``."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import inspect
import re
import types
from collections import ChainMap, UserDict, UserList
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
from rillet.elements.charts.dispatch import chart_command, late_chart_command, type_name
from rillet.elements.data import dataframe, is_dataframe_like
from rillet.elements.status import exception
from rillet.elements.text import help_text, html, json, markdown, markdown_props
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.runner import SCRIPT_GLOBALS
from rillet.runtime.script import MAGIC_NAME

_MEMORY_ADDRESS = re.compile(r"^<.* at 0x[0-9a-fA-F]+>$")


# Types `write` shows with `help` (Streamlit's list), besides classes and dataclasses.
_HELP_TYPES = (
    types.BuiltinFunctionType,
    types.BuiltinMethodType,
    types.FunctionType,
    types.MethodType,
    types.ModuleType,
)
# What `write` shows as JSON, besides namedtuples and mappings of other kinds.
_JSON_TYPES = (
    dict,
    list,
    map,
    enumerate,
    types.MappingProxyType,
    UserDict,
    ChainMap,
    UserList,
    ItemsView,
    KeysView,
    ValuesView,
)


def _is_stream(arg: object) -> bool:
    return (
        inspect.isgenerator(arg)
        or inspect.isgeneratorfunction(arg)
        or inspect.isasyncgen(arg)
        or inspect.isasyncgenfunction(arg)
        or type_name(arg) == "openai.Stream"
    )


def _drawer(arg: Any, unsafe_allow_html: bool) -> Callable[[], object] | None:
    """The command that draws a non-string ``arg``, in Streamlit 1.67's order of checks; None
    when it is written as inline code (its ``str``) with the text around it.

    The order matters where types overlap (a Plotly dict is a chart before it is a dict, a
    dataclass with ``to_pandas`` is documentation); tests/elements/test_write_dispatch.py holds
    it to what Streamlit draws for each type.
    """
    if isinstance(arg, Exception):
        return lambda: exception(arg)
    if isinstance(arg, Container):
        return lambda: help_text(arg)
    if is_dataframe_like(arg):
        return lambda: dataframe(arg)
    if (chart := chart_command(arg)) is not None:
        return functools.partial(COMMANDS[chart], arg)
    if isinstance(arg, _JSON_TYPES) or (isinstance(arg, tuple) and hasattr(arg, "_asdict")):
        return lambda: json(arg)
    if (chart := late_chart_command(arg)) is not None:
        return functools.partial(COMMANDS[chart], arg)
    if isinstance(arg, StringIO):
        return lambda: markdown(arg.getvalue())
    if _is_stream(arg):
        return lambda: write_stream(arg)
    if isinstance(arg, _HELP_TYPES) or dataclasses.is_dataclass(arg) or inspect.isclass(arg):
        return lambda: help_text(arg)
    if unsafe_allow_html and callable(getattr(arg, "_repr_html_", None)):
        return lambda: html(arg._repr_html_())
    if callable(getattr(arg, "to_pandas", None)) or callable(getattr(arg, "__dataframe__", None)):
        return lambda: dataframe(arg)
    if _MEMORY_ADDRESS.match(str(arg)):
        return lambda: help_text(arg)
    return None


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

    As Streamlit 1.67 does, type by type: strings are markdown (adjacent ones, and the
    inline-code text of values below, joined by spaces); exceptions show with their trace;
    data frames, series, arrays, Arrow tables and Stylers as a dataframe; chart objects
    (Altair, matplotlib, Plotly, Graphviz, pydeck) as their chart; PIL images as images;
    dicts, lists, mappings, dict views, ``map``/``enumerate`` and namedtuples as JSON;
    ``StringIO`` as markdown; generators and generator functions are streamed
    (`write_stream`); functions, methods, modules, classes and dataclasses show their
    documentation; objects with ``_repr_html_`` as HTML only with ``unsafe_allow_html``;
    objects with ``to_pandas`` or ``__dataframe__`` as a dataframe; anything else (numbers,
    tuples, sets, dates) as its ``str`` in inline code, or a code block when it spans lines.
    docs/elements/text.md has the table.

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
        draw = _drawer(arg, unsafe_allow_html)
        if draw is None:
            buffer.append(_fence(str(arg)))
        else:
            flush()
            draw()
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
