"""AppTest views of the choice widgets, named and acting as in Streamlit's AppTest.

``.value`` is always the option object the app sees; ``.options`` are the labels the browser
shows. Actions queue the wire value a browser would send (option indices), so a test's value
goes through the same server-side validation.
"""

from __future__ import annotations

from typing import Any, Self

from rillet.testing.elements import WIDGETS, Checkbox, Widget


class Toggle(Checkbox):
    """``st.toggle`` (``at.toggle``): ``set_value(bool)``, or ``check()``/``uncheck()``."""

    type = "toggle"


class _OptionWidget(Widget):
    @property
    def options(self) -> list[str]:
        """The options as the browser shows them (``format_func`` applied)."""
        return list(self.props.get("options") or [])

    def _wire(self) -> Any:
        """The value as the browser would send it now: queued by an action, else shown."""
        if self.id in self._at._pending:
            return self._at._pending[self.id]
        return self.props.get("value")


class Radio(_OptionWidget):
    """``st.radio`` (``at.radio``): ``set_value(option)``."""

    type = "radio"

    @property
    def index(self) -> int | None:
        """The position of the chosen option, or None."""
        wire = self._wire()
        return wire if isinstance(wire, int) else None

    @property
    def horizontal(self) -> bool:
        """Whether the options are laid out in a row."""
        return bool(self.props.get("horizontal"))

    @property
    def captions(self) -> list[str]:
        """The caption under each option."""
        return list(self.props.get("captions") or [])


class Selectbox(Radio):
    """``st.selectbox`` (``at.selectbox``): ``select(option)``, ``select_index(i)``,
    ``set_value(option)``; with ``accept_new_options``, ``select("new text")``."""

    type = "selectbox"

    def select(self, value: Any) -> Self:
        """Choose ``value`` (an option, None to clear, or new text where accepted)."""
        return self.set_value(value)

    def select_index(self, index: int | None) -> Self:
        """Choose the option at ``index`` (None to clear), as a click on it would."""
        self._at._pending[self.id] = index
        return self

    @property
    def placeholder(self) -> str:
        """The text shown while nothing is chosen."""
        return str(self.props.get("placeholder") or "")

    @property
    def accept_new_options(self) -> bool:
        """Whether the user may type options that are not listed."""
        return bool(self.props.get("accept_new_options"))


class _ManyChoices(_OptionWidget):
    def select(self, value: Any) -> Self:
        """Add ``value`` to the choices (nothing happens if it is chosen already)."""
        current = list(self.value or [])
        if value not in current:
            current.append(value)
        return self.set_value(current)

    def unselect(self, value: Any) -> Self:
        """Remove ``value`` from the choices (nothing happens if it is not chosen)."""
        return self.set_value([v for v in self.value or [] if v != value])

    @property
    def indices(self) -> list[int | str]:
        """The chosen options' positions (new options, where accepted, as their text)."""
        return list(self._wire() or [])


class Multiselect(_ManyChoices):
    """``st.multiselect`` (``at.multiselect``): ``select(option)``, ``unselect(option)``,
    ``set_value([options])``."""

    type = "multiselect"

    @property
    def max_selections(self) -> int | None:
        """The most choices allowed, or None."""
        return self.props.get("max_selections")

    @property
    def placeholder(self) -> str:
        """The text shown while nothing is chosen."""
        return str(self.props.get("placeholder") or "")


class SelectSlider(_OptionWidget):
    """``st.select_slider`` (``at.select_slider``): ``set_value(option)``,
    ``set_range(low, high)``."""

    type = "select_slider"

    def set_range(self, lower: Any, upper: Any) -> Self:
        """Set both ends of a range select slider."""
        return self.set_value((lower, upper))


class Pills(_ManyChoices):
    """``st.pills`` (``at.pills``): ``select(option)``, ``unselect(option)``,
    ``set_value(...)``. In single mode the value is one option or None."""

    type = "button_group"  # Streamlit's node type for pills and segmented controls

    @property
    def selection_mode(self) -> str:
        """The selection mode: "single" or "multi"."""
        return str(self.props.get("selection_mode"))

    def select(self, value: Any) -> Self:
        """Choose ``value`` (single mode) or add it to the choices (multi mode)."""
        if self.selection_mode == "single":
            return self.set_value(value)
        return super().select(value)

    def unselect(self, value: Any) -> Self:
        """Clear the choice (single mode) or remove ``value`` from the choices (multi mode)."""
        if self.selection_mode == "single":
            return self.set_value(None) if self.value == value else self
        return super().unselect(value)

    @property
    def indices(self) -> list[int | str]:
        """The chosen options' positions."""
        wire = self._wire()
        if self.selection_mode == "single":
            return [] if wire is None else [wire]
        return list(wire or [])


class SegmentedControl(Pills):
    """``st.segmented_control`` (``at.segmented_control``): as `Pills`."""


class Feedback(Widget):
    """``st.feedback`` (``at.feedback``): ``set_value(rating)`` with 0 the lowest, or None."""

    type = "feedback"

    @property
    def options(self) -> str:
        """The kind of rating: "thumbs", "faces" or "stars"."""
        return str(self.props.get("options"))


class ColorPicker(Widget):
    """``st.color_picker`` (``at.color_picker``): ``pick("#ff0000")`` or ``set_value``."""

    type = "color_picker"

    def pick(self, value: str) -> Self:
        """Pick a colour given as hex; the leading "#" may be left out."""
        if not value.startswith("#"):
            value = f"#{value}"
        return self.set_value(value)


WIDGETS.update(
    {
        "toggle": Toggle,
        "radio": Radio,
        "selectbox": Selectbox,
        "multiselect": Multiselect,
        "select_slider": SelectSlider,
        "pills": Pills,
        "segmented_control": SegmentedControl,
        "feedback": Feedback,
        "color_picker": ColorPicker,
    }
)
