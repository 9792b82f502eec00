"""Mounting a v2 component: one instance in the page, its state values and trigger values.

An instance is two widgets, as in Streamlit: its *state* (a JSON object whose values persist
across reruns and live in ``st.session_state`` under the instance's key) and its *triggers*
(``{event, value}`` payloads that last one run). The element carries the state, the ids of
both, the component's content and its ``data``; frontend/elements/components_v2.js runs the
component's JS in the page and sends values back as ``rerun`` messages like any widget, so a
component inside a fragment reruns only the fragment.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from rillet.elements.base import check_key, target, widget
from rillet.elements.components_v2_assets import Definition
from rillet.elements.components_v2_data import BidiComponentError, data_digest, encode_data
from rillet.elements.validate import check_height, check_width
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue, WidgetSpec, widget_id

log = logging.getLogger("rillet.components")

KIND = "bidi_component"
TRIGGER_KIND = "bidi_component_events"
_CALLBACK = re.compile(r"on_(.*)_change", re.DOTALL)
# More events than this in one message is not a user clicking.
_MAX_EVENTS = 100


class BidiComponentInvalidCallbackNameError(BidiComponentError):
    """A callback named ``on__change`` (Streamlit's name and wording)."""

    def __init__(self, callback_name: str) -> None:
        super().__init__(
            f"The callback name `'{callback_name}'` is not allowed. Callback names must "
            "follow the pattern `on_{event_name}_change` where `event_name` is not empty."
        )


class BidiComponentInvalidDefaultKeyError(BidiComponentError):
    """A ``default`` key with no matching callback (Streamlit's name and wording)."""

    def __init__(self, state_key: str, available: list[str]) -> None:
        super().__init__(
            f"Key `'{state_key}'` in `default` is not a valid state name. Valid state names "
            "are those with corresponding `on_{state_name}_change` callbacks. Available state "
            f"names: `{available or 'none'}`"
        )


class ComponentResult(dict[str, Any]):
    """What mounting returns: state and trigger values, by key or by attribute.

    State values persist across reruns until the component changes them; trigger values are
    None except in the run right after the component set them. Triggers are listed for
    events that have an ``on_<event>_change`` callback, as in Streamlit.
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"'{type(self).__name__}' object has no attribute '{name}'"
            ) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value


class ComponentState(ComponentResult):
    """An instance's state values, as ``st.session_state[key]`` holds them."""


def _callbacks(kwargs: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    """``on_<event>_change`` keyword arguments by event; anything else is refused."""
    found: dict[str, Callable[[], Any]] = {}
    for name, value in kwargs.items():
        if name == "isolate_styles":
            log.warning(
                "Passing `isolate_styles` when mounting a component is deprecated and ignored; "
                "set it in `st.components.v2.component(..., isolate_styles=...)`."
            )
            continue
        match = _CALLBACK.fullmatch(name)
        if match is None:
            raise RilletAPIException(
                f"`{name}` is not a parameter of a component's mount command. It takes `key`, "
                "`data`, `default`, `width`, `height` and callbacks named "
                "`on_{event_name}_change` (for example `on_clicked_change`)."
            )
        event = match.group(1)
        if not event or event == "_":
            raise BidiComponentInvalidCallbackNameError(name)
        if value is None:
            continue
        if not callable(value):
            raise RilletAPIException(
                f"The `{name}` callback must be callable, not {type(value).__name__}."
            )
        found[event] = value
    return found


def _check_default(default: object, callbacks: dict[str, Any]) -> dict[str, Any]:
    if default is None:
        return {}
    if not isinstance(default, Mapping):
        raise RilletAPIException(
            f"`default` must be a dict of state values, not {type(default).__name__}."
        )
    for state_key in default:
        if state_key not in callbacks:
            raise BidiComponentInvalidDefaultKeyError(str(state_key), list(callbacks))
    try:
        json.dumps(dict(default), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise RilletAPIException(f"`default` values must be JSON-serializable: {exc}") from None
    return dict(default)


def _state_decoder(default: dict[str, Any], seen: dict[str, Any]) -> Callable[[Any], Any]:
    def decode(wire: Any) -> ComponentState:
        if not isinstance(wire, dict) or not all(isinstance(k, str) for k in wire):
            raise InvalidWidgetValue("a component's state must be a JSON object")
        state = ComponentState({**default, **wire})
        seen["latest"] = state
        return state

    return decode


def _decode_events(wire: Any) -> list[dict[str, Any]]:
    events = [wire] if isinstance(wire, dict) else wire
    if not isinstance(events, list) or not events or len(events) > _MAX_EVENTS:
        raise InvalidWidgetValue("a component's triggers must be a list of {event, value}")
    for item in events:
        if not isinstance(item, dict) or set(item) - {"event", "value"}:
            raise InvalidWidgetValue("a trigger must be an object {event, value}")
        if not isinstance(item.get("event"), str) or not item["event"]:
            raise InvalidWidgetValue("a trigger's event must be a non-empty string")
    return [{"event": e["event"], "value": e.get("value")} for e in events]


def _state_callback(
    callbacks: dict[str, Callable[[], Any]], before: dict[str, Any], seen: dict[str, Any]
) -> Callable[[], None] | None:
    """Call ``on_<name>_change`` for each state value the frontend changed."""
    if not callbacks:
        return None

    def on_change() -> None:
        latest = seen.get("latest") or {}
        for name, callback in callbacks.items():
            if name in latest and latest.get(name) != before.get(name):
                callback()

    return on_change


def _trigger_callback(
    callbacks: dict[str, Callable[[], Any]], seen: dict[str, Any]
) -> Callable[[], None] | None:
    if not callbacks:
        return None

    def on_change() -> None:
        fired = [e["event"] for e in seen.get("events") or []]
        for name in dict.fromkeys(fired):
            if name in callbacks:
                callbacks[name]()

    return on_change


def mount(
    definition: Definition,
    isolate_styles: bool,
    *,
    key: str | int | None,
    data: Any,
    default: dict[str, Any] | None,
    width: Any,
    height: Any,
    callback_kwargs: dict[str, Any],
) -> ComponentResult:
    """Write an instance of ``definition`` and return its current state and triggers."""
    callbacks = _callbacks(callback_kwargs)
    defaults = _check_default(default, callbacks)
    encoded = encode_data(data)
    width = check_width(width, allow_content=True)
    height = check_height(height, allow_content=True)
    ctx = context.current()
    if ctx is None:
        return ComponentResult()
    ukey = check_key(key)
    form_id = target().form_id
    identity = (
        definition.name,
        isolate_styles,
        width,
        height,
        json.dumps(defaults, sort_keys=True),
        data_digest(encoded),
    )
    wid = widget_id(KIND, ukey, identity, form_id)
    trigger_id = f"{TRIGGER_KIND}-{wid.partition('-')[2]}"
    props: dict[str, Any] = {
        "name": definition.name,
        "isolate_styles": bool(isolate_styles),
        "html": definition.html,
        "css": definition.css,
        "css_url": definition.css_url,
        "js": definition.js,
        "js_url": definition.js_url,
        "data": encoded,
        "width": width,
        "height": height,
        "trigger_id": trigger_id,
        "in_form": form_id is not None,
    }
    seen: dict[str, Any] = {}
    before: dict[str, Any] = {}  # the state this run sees, for the next change's callbacks
    state = widget(
        KIND,
        props,
        key=ukey,
        identity=identity,
        default=ComponentState(defaults),
        decode=_state_decoder(defaults, seen),
        encode=dict,
        on_change=_state_callback(callbacks, before, seen),
    )
    before.update(state or {})
    triggers = _read_triggers(ctx, trigger_id, form_id, callbacks)
    return ComponentResult({**triggers, **(state or {})})


def _read_triggers(
    ctx: Any, trigger_id: str, form_id: str | None, callbacks: dict[str, Callable[[], Any]]
) -> dict[str, Any]:
    """Register the instance's trigger widget and take the events sent for this run."""
    seen: dict[str, Any] = {}

    def decode(wire: Any) -> list[dict[str, Any]]:
        events = _decode_events(wire)
        seen["events"] = events
        return events

    spec = WidgetSpec(
        id=trigger_id,
        kind=TRIGGER_KIND,
        default=None,
        decode=decode,
        on_change=_trigger_callback(callbacks, seen),
        fragment_id=ctx.fragment_id,
        form_id=form_id,
    )
    events = ctx.session.state.register_widget(spec)
    if events is not None:
        # Trigger values last one run: the next run (of the app or of this fragment) sees none.
        ctx.session.state.reset_to_default(trigger_id)
    by_event = {e["event"]: e.get("value") for e in events or []}
    return {name: by_event.get(name) for name in callbacks}
