"""Forms: widgets that keep their values in the browser until a submit button sends them all.

Changing a widget in a form reruns nothing. Pressing a submit button sends every value of the
form with one rerun, in which the button returns True. The server accepts form values only
together with their form's submit, so a forged value cannot slip past the batching.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rillet.elements.base import (
    _NOWHERE,
    Container,
    command,
    decode_trigger,
    emit_block,
    target,
    widget,
)
from rillet.elements.files import button_look
from rillet.elements.text import render_markdown
from rillet.protocol.messages import Element
from rillet.runtime import context
from rillet.runtime.context import RunContext
from rillet.runtime.errors import RilletAPIException

MISSING_SUBMIT = (
    "**Missing Submit Button**\n\nThis form has no submit button, which means that user "
    "interactions will never be sent to your Streamlit app.\n\nTo create a submit button, use "
    "the `st.form_submit_button()` function.\n\nFor more information, refer to the "
    "[documentation for forms](https://docs.streamlit.io/develop/api-reference/execution-flow/st.form)."
)


@command
def form(
    key: str,
    clear_on_submit: bool = False,
    *,
    enter_to_submit: bool = True,
    border: bool = True,
    width: str | int = "stretch",
    height: str | int = "content",
) -> Container:
    """Insert a form: its widgets send their values together, when a submit button is pressed.

    Use it as a context manager (``with st.form("f"):``) or call commands on it
    (``f = st.form("f"); f.slider(...)``).

    Parameters:
        key: A unique name for the form (also part of its widgets' ids).
        clear_on_submit: Reset every widget in the form to its default after a submit.
        enter_to_submit: Pressing Enter in a text input submits the form.
        border: Draw a border around the form.
        width: "stretch" or a number of pixels.
        height: "content", or a number of pixels (the form scrolls inside it).
    """
    ctx = context.current()
    if ctx is None:
        return _NOWHERE
    if not isinstance(key, str) or not key:
        raise RilletAPIException("A form needs a non-empty string `key`.")
    if target().form_id is not None:
        raise RilletAPIException("Forms cannot be nested in other forms.")
    forms: dict[str, dict[str, Any]] = ctx.extra.setdefault("forms", {})
    if key in forms:
        raise RilletAPIException(
            f"There are multiple identical forms with `key='{key}'`. To fix this, please make "
            "sure that the `key` argument is unique for each `st.form` you create."
        )
    props: dict[str, Any] = {
        "type": "form",
        "form_id": key,
        "clear_on_submit": bool(clear_on_submit),
        "enter_to_submit": bool(enter_to_submit),
        "border": bool(border),
    }
    if isinstance(height, int):
        props["height"] = height
    if width != "stretch":
        props["width"] = width
    block = emit_block(props)
    block.form_id = key
    assert block.path is not None
    record: dict[str, Any] = {"path": block.path, "submits": 0, "submitted": False}
    forms[key] = record
    ctx.finishers.append(lambda: _finish_form(ctx, key, record, clear_on_submit))
    return block


def _finish_form(ctx: RunContext, key: str, record: dict[str, Any], clear: bool) -> None:
    path = record["path"]
    if record["submits"] == 0:
        html = render_markdown(MISSING_SUBMIT)
        ctx.writer.append(
            path,
            Element(
                "alert", {"level": "warning", "body": MISSING_SUBMIT, "html": html, "icon": None}
            ),
        )
    if clear and record["submitted"]:
        _clear_form(ctx, key, path)


def _clear_form(ctx: RunContext, key: str, path: tuple[int, ...]) -> None:
    """After a submit: widgets back to their defaults, and the browser shown them."""
    state = ctx.session.state
    created = state.created_this_run()
    for node_path, node in list(ctx.writer.tree.walk(path)):
        wid = node.element.id
        spec = state.widget_spec(wid) if wid else None
        if spec is None or spec.form_id != key or spec.trigger or wid not in created:
            continue
        default = state.reset_to_default(spec.id)
        props = {**node.element.props, "value": spec.encode(default)}
        ctx.writer.put(node_path, Element(node.element.kind, props, wid))


@command
def form_submit_button(
    label: str = "Submit",
    help: str | None = None,
    on_click: Callable[..., Any] | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    key: str | int | None = None,
    type: str = "secondary",
    icon: str | None = None,
    icon_position: str = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: str | int = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """Show a form's submit button; True in the run that follows its press.

    Pressing it sends every value of the form in one rerun; ``on_click`` runs first.

    Parameters:
        label: The text on the button.
        help: A tooltip.
        on_click: Called (with ``args``/``kwargs``) before the rerun the submit causes.
        args: Positional arguments for ``on_click``.
        kwargs: Keyword arguments for ``on_click``.
        key: A unique key (needed when two submit buttons look the same).
        type: "primary", "secondary" or "tertiary" emphasis.
        icon: An emoji shown before the label.
        icon_position: "left" (default) or "right" of the label.
        disabled: Show the button but refuse presses.
        use_container_width: Stretch the button to the form's width.
        width: "content", "stretch" or a number of pixels.
        shortcut: A key that presses it, with optional modifiers: "K", "Ctrl+K",
            "Shift+Enter", "F2" ... ("Mod" is Ctrl; "C" and "R" are reserved). Without Ctrl,
            Cmd or Alt it does nothing while the user types in a text field.
        wrap: None (default) lets the layout decide: one line cut with an ellipsis in a
            horizontal row or straight in a column, else as many lines as the label needs;
            True always wraps, False always keeps one line.
    """
    ctx = context.current()
    form_id = target().form_id
    if ctx is not None and form_id is None:
        raise RilletAPIException("`st.form_submit_button()` must be used inside an `st.form()`.")
    if type not in ("primary", "secondary", "tertiary"):
        raise RilletAPIException(
            'The type argument to st.form_submit_button must be "primary", "secondary", or '
            f'"tertiary". \nThe argument passed was "{type}".'
        )

    def decode(wire: Any) -> bool:
        return decode_trigger(wire, "a submit button")

    props: dict[str, Any] = {
        "label": label,
        "help": help,
        "disabled": bool(disabled),
        "label_visibility": "visible",
        "type": type,
        "icon": icon,
        "use_container_width": bool(use_container_width),
        "form_id": form_id,
    }
    if width != "content":
        props["width"] = width
    props.update(button_look(icon_position, wrap, shortcut))
    pressed = bool(
        widget(
            "form_submit_button",
            props,
            key=key,
            identity=(label, help, type, icon),
            default=False,
            decode=decode,
            on_change=on_click,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            trigger=True,
        )
    )
    if ctx is not None and form_id is not None:
        record = ctx.extra.get("forms", {}).get(form_id)
        if record is not None:
            record["submits"] += 1
            record["submitted"] = record["submitted"] or pressed
    return pressed
