"""AppTest view of v2 component instances (``at.bidi_component``, Streamlit's element type).

A test reads what the component's JS would receive (``name``, ``data``, ``state``) and acts as
the JS would: ``set_state_value`` and ``set_trigger_value`` queue the values that
``setStateValue`` and ``setTriggerValue`` send, for the next run.
"""

from __future__ import annotations

from typing import Any, Self

from rillet.testing.elements import WIDGETS, Widget


class BidiComponent(Widget):
    """One mounted instance of a ``st.components.v2`` component."""

    type = "bidi_component"

    @property
    def name(self) -> str:
        """The component's registered name."""
        return str(self.props["name"])

    @property
    def data(self) -> Any:
        """The ``data`` its JS receives, as Python: bytes as bytes, frames as pandas."""
        from rillet.elements.components_v2_data import decode_data

        return decode_data(self.props.get("data"))

    @property
    def state(self) -> dict[str, Any]:
        """Its state values (those queued for the next run included)."""
        return dict(self.value or {})

    def set_state_value(self, name: str, value: Any) -> Self:
        """Set one state value, as the JS's ``setStateValue(name, value)`` does."""
        self._at._pending[self.id] = {**self.state, name: value}
        return self

    def set_trigger_value(self, name: str, value: Any) -> Self:
        """Fire a trigger, as the JS's ``setTriggerValue(name, value)`` does."""
        trigger_id = str(self.props["trigger_id"])
        events = list(self._at._pending.get(trigger_id) or [])
        events.append({"event": name, "value": value})
        self._at._pending[trigger_id] = events
        return self


WIDGETS["bidi_component"] = BidiComponent
