"""What an edit of ``st.data_editor`` may put in a cell: each column's check (type, whole
numbers, min/max, options, max_chars, validate, required, disabled), with the reason a value is
refused. Kept apart from the command so the rules read on their own."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from rillet.elements.data import ShownColumn
from rillet.runtime.state import InvalidWidgetValue


class ColumnCheck:
    """What an edit may put in one column."""

    def __init__(self, column: ShownColumn, name: str, kind: str, editable: bool) -> None:
        self.name = name
        self.kind = kind
        self.type = column.settings.type or {"number": "number", "int": "number",
                                             "bool": "checkbox",
                                             "datetime": "datetime"}.get(kind, "text")
        self.options = column.settings.options
        self.required = bool(column.settings.required)
        self.editable = editable
        self.default = column.settings.default

    def check(self, value: Any) -> Any:
        """The value to store, or `InvalidWidgetValue` with the reason."""
        if not self.editable:
            raise InvalidWidgetValue(f"column {self.name!r} cannot be edited")
        if value is None:
            if self.required:
                raise InvalidWidgetValue(f"column {self.name!r} requires a value")
            return None
        o, t = self.options, self.type
        if t == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidWidgetValue(f"{value!r} is not a number")
            if o.get("min_value") is not None and value < o["min_value"]:
                raise InvalidWidgetValue(f"{value} is below the minimum {o['min_value']}")
            if o.get("max_value") is not None and value > o["max_value"]:
                raise InvalidWidgetValue(f"{value} is above the maximum {o['max_value']}")
            step = o.get("step")
            if (step is not None and float(step).is_integer()) or self.kind == "int":
                if not float(value).is_integer():
                    raise InvalidWidgetValue(f"{value} is not a whole number")
            return value
        if t == "checkbox":
            if not isinstance(value, bool):
                raise InvalidWidgetValue(f"{value!r} is not true or false")
            return value
        if t in ("text", "link", "markdown"):
            if not isinstance(value, str):
                raise InvalidWidgetValue(f"{value!r} is not text")
            if o.get("max_chars") is not None and len(value) > o["max_chars"]:
                raise InvalidWidgetValue(f"longer than {o['max_chars']} characters")
            if o.get("validate") and not re.search(str(o["validate"]), value):
                raise InvalidWidgetValue(f"{value!r} does not match {o['validate']!r}")
            if self.required and value == "":
                raise InvalidWidgetValue(f"column {self.name!r} requires a value")
            return value
        if t == "selectbox":
            allowed = [x["value"] for x in o.get("options", [])]
            if value not in allowed:
                raise InvalidWidgetValue(f"{value!r} is not one of the options")
            return value
        if t in ("list", "multiselect"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InvalidWidgetValue(f"{value!r} is not a list of text")
            if t == "multiselect" and not o.get("accept_new_options"):
                choices = {x["value"] for x in o.get("options", [])}
                if any(v not in choices for v in value):
                    raise InvalidWidgetValue(f"{value!r} holds values that are not options")
            return value
        if t in ("date", "time", "datetime"):
            return self._moment(value)
        raise InvalidWidgetValue(f"column {self.name!r} cannot be edited")

    def _moment(self, value: Any) -> str:
        if not isinstance(value, str):
            raise InvalidWidgetValue(f"{value!r} is not a date or time")
        parse: Callable[[str], Any] = {
            "date": datetime.date.fromisoformat,
            "time": datetime.time.fromisoformat,
            "datetime": datetime.datetime.fromisoformat,
        }[self.type]
        try:
            moment = parse(value)
            low, high = self.options.get("min_value"), self.options.get("max_value")
            if low is not None and moment < parse(low):
                raise InvalidWidgetValue(f"{value} is before {low}")
            if high is not None and moment > parse(high):
                raise InvalidWidgetValue(f"{value} is after {high}")
        except (ValueError, TypeError):
            raise InvalidWidgetValue(f"{value!r} is not a {self.type}") from None
        return value


def check_cell(checks: dict[str, ColumnCheck], name: object, value: Any) -> Any:
    """The value to store in column ``name``, or `InvalidWidgetValue` with the reason."""
    check = checks.get(name) if isinstance(name, str) else None
    if check is None:
        raise InvalidWidgetValue(f"no column {name!r}")
    return check.check(value)
