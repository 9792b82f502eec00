"""What AppTest hands out: read-only views of elements, and widgets that queue user actions.

Names follow Streamlit's AppTest (``value``, ``label``, ``click()``, ``set_value()``,
``check()``, ``input()`` ...), so a Streamlit AppTest test runs with only the import changed.
Every action returns the AppTest, so ``at.button[0].click().run()`` chains.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

from rillet.protocol.messages import Element as WireElement

if TYPE_CHECKING:
    from rillet.testing.apptest import AppTest

Path = tuple[int, ...]


class AppTestError(builtins.Exception):
    """An action a user could not do (Streamlit's AppTest raises its own AppTestError)."""


class Props:
    """An element's properties by attribute (``node.proto.label``), standing in for the
    protobuf message Streamlit's AppTest hands out as ``.proto``."""

    def __init__(self, props: dict[str, Any]) -> None:
        self._props = props

    def __getattr__(self, name: str) -> Any:
        try:
            return self._props[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        return f"Props({self._props!r})"


class Node:
    """One element of the app as a test sees it."""

    type = "element"

    def __init__(self, element: WireElement, path: Path, at: AppTest) -> None:
        self.element = element
        self.path = path
        self._at = at

    @property
    def props(self) -> dict[str, Any]:
        """The element's properties as the browser receives them."""
        return self.element.props

    @property
    def proto(self) -> Props:
        """The properties by attribute, as Streamlit's AppTest offers its protobuf."""
        return Props(self.props)

    @property
    def key(self) -> str | None:
        """The user key of a keyed element or container, else None."""
        key = self.props.get("key")
        return key if isinstance(key, str) else None

    @property
    def value(self) -> Any:
        """The element's main content."""
        return self.props.get("body")

    def __getattr__(self, name: str) -> Any:
        # Streamlit's AppTest reads an element's other parameters off its message
        # (``at.slider[0].step``); here they are the properties the browser receives.
        if name.startswith("_"):
            raise AttributeError(name)
        if name in ("set_value", "click"):
            raise AppTestError(
                f"{name}() is not supported for {self.type}. AppTest can inspect this element "
                "but a user cannot change it."
            )
        props = self.__dict__.get("element")
        if props is not None and name in props.props:
            return props.props[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the app (Streamlit's AppTest offers this on every element)."""
        return self._at.run(timeout=timeout)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(path={list(self.path)}, value={self.value!r})"


class Markdown(Node):
    type = "markdown"

    def __init__(self, element: WireElement, path: Path, at: AppTest) -> None:
        super().__init__(element, path, at)
        self.type = access_name(self)  # Streamlit's: "title", "caption", "warning" ...


class Heading(Node):
    type = "heading"

    def __init__(self, element: WireElement, path: Path, at: AppTest) -> None:
        super().__init__(element, path, at)
        self.type = access_name(self)  # Streamlit's: "title", "caption", "warning" ...

    @property
    def tag(self) -> str:
        """ "h1" for titles, "h2" for headers, "h3" for subheaders."""
        return str(self.props["tag"])


class Text(Node):
    type = "text"


class Code(Node):
    type = "code"

    @property
    def language(self) -> str | None:
        """The language the code is highlighted as."""
        return self.props.get("language")


class Json(Node):
    type = "json"

    @property
    def value(self) -> str:
        """The JSON text shown, as Streamlit's AppTest gives it (``body`` has the data)."""
        body = self.body
        return body if isinstance(body, str) else json.dumps(body)

    @property
    def body(self) -> Any:
        """The shown value as Python data (dicts, lists, strings, numbers)."""
        return self.props.get("body")


class Alert(Node):
    type = "alert"

    def __init__(self, element: WireElement, path: Path, at: AppTest) -> None:
        super().__init__(element, path, at)
        self.type = access_name(self)  # Streamlit's: "title", "caption", "warning" ...

    @property
    def icon(self) -> str | None:
        """The alert's icon."""
        return self.props.get("icon")


class Exception(Node):
    type = "exception"

    @property
    def message(self) -> str:
        """The exception's message."""
        return str(self.props["message"])

    @property
    def value(self) -> str:
        """Alias of ``message``, as in Streamlit's AppTest."""
        return self.message

    @property
    def exception_type(self) -> str:
        """The exception's class name."""
        return str(self.props["type"])

    @property
    def stack_trace(self) -> list[str]:
        """The traceback lines shown in the page."""
        return list(self.props["traceback"])


class Metric(Node):
    type = "metric"

    @property
    def label(self) -> str:
        """The metric's label."""
        return str(self.props["label"])

    @property
    def value(self) -> str:
        """The shown value, as text."""
        return str(self.props["value"])

    @property
    def delta(self) -> str | None:
        """The shown change, as text."""
        return self.props.get("delta")


class Table(Node):
    type = "table"

    @property
    def value(self) -> Any:
        """The data as a pandas DataFrame when pandas is installed, else a list of rows."""
        try:
            import pandas as pd
        except ImportError:
            return self.props["rows"]
        return pd.DataFrame(
            self.props["rows"], columns=self.props["columns"], index=self.props.get("index")
        )


class Empty(Node):
    type = "empty"


class Unknown(Node):
    type = "unknown"


class Widget(Node):
    """An element the user can change."""

    @property
    def id(self) -> str:
        """The widget's id."""
        assert self.element.id is not None
        return self.element.id

    @property
    def key(self) -> str | None:
        """The user key, if the widget has one."""
        return self._at._session.state.key_of(self.id)

    @property
    def label(self) -> str:
        """The widget's label."""
        return str(self.props.get("label", ""))

    @property
    def help(self) -> str | None:
        """The widget's tooltip."""
        return self.props.get("help")

    @property
    def disabled(self) -> bool:
        """True when the widget refuses changes."""
        return bool(self.props.get("disabled"))

    @property
    def value(self) -> Any:
        """The value the app sees, or the one queued by an action for the next run."""
        if self.id in self._at._pending:
            spec = self._at._session.state.widget_spec(self.id)
            wire = self._at._pending[self.id]
            return spec.decode(wire) if spec is not None else wire
        return self._at._session.state._values.get(self.id)

    def set_value(self, value: Any) -> Self:
        """Queue ``value`` for the next run, as if the user had entered it."""
        spec = self._at._session.state.widget_spec(self.id)
        self._at._pending[self.id] = spec.encode(value) if spec is not None else value
        return self


class Button(Widget):
    type = "button"

    @property
    def value(self) -> bool:
        """True in the run after a click."""
        if self.id in self._at._pending:
            return True
        return self.id in self._at._clicked_last_run

    def click(self) -> Self:
        """Press the button; the next run sees it as clicked."""
        self._at._pending[self.id] = True
        return self


class Checkbox(Widget):
    type = "checkbox"

    def check(self) -> Self:
        """Tick the box."""
        return self.set_value(True)

    def uncheck(self) -> Self:
        """Untick the box."""
        return self.set_value(False)


class Slider(Widget):
    type = "slider"

    @property
    def min(self) -> Any:
        """The lowest value."""
        return self.props["min"]

    @property
    def max(self) -> Any:
        """The highest value."""
        return self.props["max"]

    def set_range(self, lower: Any, upper: Any) -> Self:
        """Set both ends of a range slider."""
        return self.set_value((lower, upper))


class TextInput(Widget):
    type = "text_input"

    def input(self, value: str) -> Self:
        """Type ``value`` into the box and apply it."""
        return self.set_value(value)

    @property
    def max_chars(self) -> int | None:
        """The longest text allowed."""
        return self.props.get("max_chars")

    @property
    def placeholder(self) -> str | None:
        """The text shown while the box is empty."""
        return self.props.get("placeholder")


class Component(Widget):
    """An instance of a declared custom component (``at.component``)."""

    type = "component"

    @property
    def name(self) -> str:
        """The component's full name (module, dot, short name)."""
        return str(self.props["name"])

    @property
    def args(self) -> dict[str, Any]:
        """The arguments its frontend receives (``default`` and ``key`` included, as in
        Streamlit); bytes as bytes, dataframes as pandas DataFrames."""
        from rillet.elements.components import component_args

        return component_args(self.props)

    @property
    def value(self) -> Any:
        """What the call returns: the value the frontend last set, else its ``default``."""
        value = super().value
        if value is None:
            return self.args.get("default")
        return value


class IFrame(Node):
    """A frame of ``components.html`` or ``components.iframe`` (``at.iframe``)."""

    type = "iframe"

    @property
    def src(self) -> str | None:
        """The page shown, for ``components.iframe``."""
        return self.props.get("src")

    @property
    def srcdoc(self) -> str | None:
        """The document shown, for ``components.html``."""
        return self.props.get("srcdoc")

    @property
    def value(self) -> str | None:
        """The HTML shown, or the URL."""
        return self.srcdoc if self.srcdoc is not None else self.src


N = TypeVar("N", bound=Node)


class ElementList(Generic[N]):
    """A sequence of elements of one type, in page order; ``(key=...)`` finds by key."""

    def __init__(self, items: Sequence[N]) -> None:
        self._items = list(items)

    @overload
    def __getitem__(self, index: int) -> N: ...
    @overload
    def __getitem__(self, index: slice) -> ElementList[N]: ...
    def __getitem__(self, index: int | slice) -> N | ElementList[N]:
        if isinstance(index, slice):
            return ElementList(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[N]:
        return iter(self._items)

    def __call__(self, key: str) -> N:
        for item in self._items:
            if item.key == key:
                return item
        raise KeyError(key)

    @property
    def len(self) -> int:
        """``len()`` as a property, as Streamlit's AppTest offers it."""
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ElementList):
            return self._items == other._items
        return self._items == other

    def __hash__(self) -> int:
        return hash(tuple(id(item) for item in self._items))

    @property
    def values(self) -> list[Any]:
        """The ``value`` of each element."""
        return [item.value for item in self._items]

    def __repr__(self) -> str:
        return f"ElementList({self._items!r})"


WIDGETS: dict[str, type[Widget]] = {
    "button": Button,
    "form_submit_button": Button,
    "checkbox": Checkbox,
    "slider": Slider,
    "text_input": TextInput,
    "component": Component,
}

LEAVES: dict[str, type[Node]] = {
    "markdown": Markdown,
    "heading": Heading,
    "text": Text,
    "code": Code,
    "json": Json,
    "alert": Alert,
    "exception": Exception,
    "metric": Metric,
    "table": Table,
    "empty": Empty,
    "iframe": IFrame,
}


def access_name(node: Node) -> str:
    """The ``at.<name>`` a node is listed under (Streamlit's AppTest names)."""
    props = node.props
    kind = node.element.kind
    if kind == "heading":
        return {"h1": "title", "h2": "header", "h3": "subheader"}[props["tag"]]
    if kind == "markdown":
        if props.get("caption"):
            return "caption"
        if props.get("divider"):
            return "divider"
        return "markdown"
    if kind == "alert":
        return str(props["level"])
    if kind == "form_submit_button":
        return "button"
    if kind == "table":
        return "dataframe" if props.get("scroll") else "table"
    if kind == "block" and props.get("type") in ("main", "sidebar", "event", "bottom"):
        return "root"
    if kind == "block":
        return {
            "column": "columns",
            "horizontal": "horizontal",
            "dialog": "dialog",
            "form": "form",
            "tab": "tabs",
            "tabs": "tab_container",
            "expander": "expander",
            "status": "status",
            "popover": "popover",
            "grid": "grid",
            "chat_message": "chat_message",
        }.get(props.get("type", ""), "container")
    return kind
