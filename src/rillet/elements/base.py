"""Containers, the command registry, and the two ways elements reach the tree.

Each command is defined once as a function and registered here. ``rillet.x(...)`` writes into
the innermost container entered with ``with`` (or main); ``container.x(...)`` looks the same
command up and runs it with that container as the target. Containers hand out a cursor; they
do not inherit every element.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from rillet.elements.bound import WidgetBinding, check_bind, check_persist, keep_rule
from rillet.elements.unbuilt import change_callback
from rillet.elements.validate import check_width
from rillet.protocol.messages import Element, Root
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue, WidgetSpec, widget_id
from rillet.runtime.tree import Path

F = TypeVar("F", bound=Callable[..., Any])

COMMANDS: dict[str, Callable[..., Any]] = {}


def command(func: F) -> F:
    """Register ``func`` so every container offers it as a method of the same name."""
    COMMANDS[func.__name__] = func
    return func


class Container:
    """A place to write elements: a block (append) or a single slot (replace in place).

    Use it as a context manager (``with col:``) or call commands on it (``col.button(...)``).
    """

    __slots__ = ("form_id", "path", "slot")

    def __init__(self, path: Path | None, slot: bool = False, form_id: str | None = None) -> None:
        self.path = path
        self.slot = slot
        # The form this container lies in: its widgets batch their values until submit.
        self.form_id = form_id

    def __enter__(self) -> Container:
        ctx = context.current()
        if ctx is not None:
            ctx.containers.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        ctx = context.current()
        if ctx is not None and ctx.containers and ctx.containers[-1] is self:
            ctx.containers.pop()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        func = COMMANDS.get(name)
        if func is None:
            raise AttributeError(f"{type(self).__name__!s} has no command {name!r}")

        @functools.wraps(func)
        def bound(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return bound

    def __repr__(self) -> str:
        return f"Container(path={list(self.path) if self.path else None}, slot={self.slot})"

    def _write(self, element: Element) -> Container:
        """Write ``element`` here; returns a slot container for what was written."""
        ctx = context.current(warn=True)
        if ctx is None or self.path is None:
            return _NOWHERE
        ctx.checkpoint()
        recorder = ctx.recorder  # set while a cached function computes (rillet.caching)
        if recorder is not None:
            recorder.before(self, element)
        # Threads the script started write alongside it (rillet.runtime.threads): one write
        # at a time, and none once the run they were attached to is over.
        with ctx.session.outbox.lock:
            if ctx.ended.is_set() and ctx.attached:
                return _NOWHERE
            if self.slot:
                ctx.writer.put(self.path, element)
                path = self.path
            else:
                block = ctx.session.fragments.route(ctx, self.path)
                path = ctx.writer.append(block, element)
        written = Container(path, slot=element.kind != "block", form_id=self.form_id)
        if recorder is not None:
            recorder.after(written)
        return written

    def _write_block(self, props: dict[str, Any]) -> Container:
        """Write a child block here (columns write their column blocks this way)."""
        return self._write(Element("block", props))


MAIN = Container((int(Root.MAIN),))
SIDEBAR = Container((int(Root.SIDEBAR),))
BOTTOM = Container((int(Root.BOTTOM),))
EVENT = Container((int(Root.EVENT),))
# What commands return outside a run: writing to it does nothing.
_NOWHERE = Container(None)


def target() -> Container:
    """The container the next element goes to: the innermost ``with``, else the running
    fragment's body, else main."""
    ctx = context.current(warn=True)
    if ctx is None:
        return _NOWHERE
    if ctx.containers:
        return ctx.containers[-1]
    block = ctx.session.fragments.default_block(ctx)
    if block is None:
        return MAIN
    info = ctx.session.fragments.get(ctx.fragment_id or "")
    return Container(block, form_id=info.extras.get("form_id") if info else None)


def emit(
    kind: str, props: dict[str, Any], id: str | None = None, rows: list[Any] | None = None
) -> Container:
    """Write an element into the current target; returns its slot (to replace it later).

    ``rows`` is the element's growable data (a chart's): see `Element.rows`. A ``help`` of
    None is left out: most elements have none, and each would carry ``"help":null`` on the wire.
    """
    if "help" in props and props["help"] is None:
        props = {k: v for k, v in props.items() if k != "help"}
    return target()._write(Element(kind, props, id, rows))


def emit_block(props: dict[str, Any]) -> Container:
    """Write a block into the current target; returns it as a container to append into.

    A block with a ``key`` (container, grid, tabs, expander, popover) takes the key for the
    run, so a widget or another block with the same key raises Streamlit's error."""
    key = props.get("key")
    ctx = context.current() if key is not None else None
    if ctx is not None and not (ctx.attached and ctx.ended.is_set()):
        ctx.session.state.claim_key(str(key))
    return target()._write(Element("block", props))


def check_key(key: object) -> str | None:
    """Widget keys are strings (ints are accepted and turned into strings, as Streamlit)."""
    if key is None:
        return None
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise RilletAPIException(f"A widget key must be a string, not {type(key).__name__}.")
    return str(key)


def check_label(label: object, kind: str) -> str:
    """Labels are text; a missing one is an error, as in Streamlit."""
    if not isinstance(label, str):
        raise RilletAPIException(f"`st.{kind}` label must be a string, not {type(label).__name__}.")
    return label


def check_label_visibility(value: str) -> str:
    """Validate ``label_visibility`` with Streamlit's message."""
    if value not in ("visible", "hidden", "collapsed"):
        raise RilletAPIException(
            f"Unsupported label_visibility option '{value}'. Valid values are 'visible', "
            "'hidden' or 'collapsed'."
        )
    return value


def widget_props(
    label: object,
    kind: str,
    help: str | None,
    disabled: bool,
    label_visibility: str,
    *,
    width: object = None,
    allow_content: bool = True,
) -> dict[str, Any]:
    """The properties every labelled widget sends: label, help, disabled, label visibility,
    and its checked width when it takes one (``"content"`` only if ``allow_content``)."""
    props: dict[str, Any] = {
        "label": check_label(label, kind),
        "help": help,
        "disabled": bool(disabled),
        "label_visibility": check_label_visibility(label_visibility),
    }
    if width is not None:
        props["width"] = check_width(width, allow_content=allow_content)
    return props


def decode_bool(wire: Any) -> bool:
    """A true/false widget value from the browser (checkbox, toggle)."""
    if not isinstance(wire, bool):
        raise InvalidWidgetValue(f"expected true or false, got {wire!r}")
    return wire


def decode_trigger(wire: Any, what: str = "a button") -> bool:
    """A press from the browser: a trigger widget (a button) only ever sends ``true``."""
    if wire is not True:
        raise InvalidWidgetValue(f"{what} only accepts true")
    return True


def decode_pair(wire: Any, decode_one: Callable[[Any], Any]) -> tuple[Any, Any]:
    """A [low, high] range widget value from the browser (sliders), each end checked by
    ``decode_one``; a reversed range is refused."""
    if not isinstance(wire, list | tuple) or len(wire) != 2:
        raise InvalidWidgetValue(f"expected a [low, high] pair, got {wire!r}")
    low, high = decode_one(wire[0]), decode_one(wire[1])
    if low > high:
        raise InvalidWidgetValue(f"range {wire!r} is reversed")
    return (low, high)


def _register(
    kind: str,
    *,
    key: object,
    identity: tuple[Any, ...],
    default: Any,
    decode: Callable[[Any], Any],
    encode: Callable[[Any], Any],
    callback: Callable[..., Any] | None,
    args: Sequence[Any] | None,
    kwargs: dict[str, Any] | None,
    disabled: bool,
    trigger: bool,
    deltas: bool,
    form_id: str | None,
    spec_form_id: str | None,
    keep_unrendered: Callable[[], bool] | None = None,
) -> tuple[str, Any]:
    """Register a widget's spec in this run; returns its id and current value."""
    ctx = context.current(warn=True)
    assert ctx is not None
    ukey = check_key(key)
    if form_id is not None and callback is not None and kind != "form_submit_button":
        raise RilletAPIException(
            "With forms, callbacks can only be defined on the `st.form_submit_button`. "
            "Defining callbacks on other widgets inside a form is not allowed."
        )
    wid = widget_id(kind, ukey, identity, form_id)
    spec = WidgetSpec(
        id=wid,
        kind=kind,
        default=default,
        decode=decode,
        encode=encode,
        key=ukey,
        trigger=trigger,
        disabled=disabled,
        on_change=callback,
        args=tuple(args or ()),
        kwargs=dict(kwargs or {}),
        fragment_id=ctx.fragment_id,
        form_id=spec_form_id,
        deltas=deltas,
        keep_unrendered=keep_unrendered,
    )
    return wid, ctx.session.state.register_widget(spec)


def widget(
    kind: str,
    props: dict[str, Any],
    *,
    key: object,
    identity: tuple[Any, ...],
    default: Any,
    decode: Callable[[Any], Any],
    encode: Callable[[Any], Any] = lambda v: v,
    on_change: Callable[..., Any] | str | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
    trigger: bool = False,
    value_in_props: bool = True,
    rows: list[Any] | None = None,
    deltas: bool = False,
    bind: object = None,
    persist_state: object = None,
) -> Any:
    """Register a widget in this run, write its element, and return its current value.

    ``identity`` holds the parameters that make two unkeyed widgets different; the value the
    browser shows goes into ``props["value"]`` (trigger widgets carry none, nor do widgets
    whose frontend keeps its own state, such as custom components: ``value_in_props=False``).
    ``deltas``: the browser sends changes to apply in turn, not whole values (see WidgetSpec).
    ``on_change="ignore"`` (Streamlit's mode) tells the page to hold the widget's new values
    and send them with the next rerun something else asks for; inside a form it changes
    nothing, since a form holds every value until submit anyway.
    ``bind="query-params"`` keeps the value in the page address under the key, and
    ``persist_state`` keeps it while a run does not draw the widget (rillet.elements.bound).
    """
    ctx = context.current(warn=True)
    if ctx is None or (ctx.attached and ctx.ended.is_set()):
        return False if trigger else default
    ignore = isinstance(on_change, str) and on_change == "ignore"
    if ignore and trigger:
        # A press has no value to hold for later: Streamlit refuses the mode on buttons.
        raise RilletAPIException(
            '`on_click="ignore"` is not supported on this widget. '
            "Pass a callback, or omit `on_click`."
        )
    callback = change_callback(kind, on_change)
    if callback is not None and not callable(callback):
        raise RilletAPIException(f"The on_change callback of st.{kind} must be callable.")
    form_id = target().form_id
    binding = None
    if check_bind(bind, key):
        binding = WidgetBinding(str(key), props, decode, encode, default)
        binding.seed()
    keep = keep_rule(key, check_persist(persist_state, key), binding is not None)
    wid, value = _register(
        kind, key=key, identity=identity, default=default, decode=decode, encode=encode,
        callback=callback, args=args, kwargs=kwargs, disabled=disabled, trigger=trigger,
        deltas=deltas, form_id=form_id, spec_form_id=form_id, keep_unrendered=keep,
    )
    if binding is not None:
        binding.show(value)
    if not trigger and value_in_props:
        props = {**props, "value": encode(value)}
    if ignore and form_id is None:
        props = {**props, "on_change": "ignore"}
    emit(kind, props, wid, rows)
    return value


def block_widget(
    kind: str,
    props: dict[str, Any],
    *,
    key: object,
    identity: tuple[Any, ...],
    default: Any,
    decode: Callable[[Any], Any],
    callback: Callable[..., Any] | None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
) -> tuple[Container, Any]:
    """Register a container that is also a widget (tabs, an expander or a popover whose
    state the script tracks), write its block with its value, and return both.

    Its value goes out as soon as the user changes it, even inside a form: which tab is
    shown or whether a panel is open is not form input (Streamlit gives these no form id).
    """
    ctx = context.current(warn=True)
    where = target()
    if ctx is None or (ctx.attached and ctx.ended.is_set()):
        return where._write_block(props), default
    wid, value = _register(
        kind, key=key, identity=identity, default=default, decode=decode, encode=lambda v: v,
        callback=callback, args=args, kwargs=kwargs, disabled=disabled, trigger=False,
        deltas=False, form_id=where.form_id, spec_form_id=None,
    )
    return where._write(Element("block", {**props, "value": value}, wid)), value
