"""AppTest views of the layout and status elements, named as in Streamlit's AppTest.

Blocks: ``at.tabs`` (one `Tab` per tab, with ``label``), ``at.expander``, ``at.status`` (with
``state``), ``at.popover``. Leaves: ``at.toast``, ``at.progress``, ``at.spinner``, ``at.space``,
``at.balloons``, ``at.snow``; alerts gain ``title``. Which tab is shown or whether an expander
is open is the browser's, so these views report what the script asked for — unless the script
tracks it (``on_change`` "rerun" or a callback): then ``open`` reports it and ``select()`` /
``set_value()`` change it as a user would (rillet's additions to Streamlit's AppTest).
"""

from __future__ import annotations

from typing import Any, Self

from rillet.testing.apptest import BLOCKS, Block
from rillet.testing.elements import LEAVES, AppTestError, Node
from rillet.testing.elements import Alert as _Alert

# Streamlit's AppTest reports a status container's state through the icon it shows.
_STATE_ICONS = {"running": "spinner", "complete": ":material/check:", "error": ":material/error:"}


class Tab(Block):
    """One tab of ``st.tabs`` (``at.tabs[i]``); its elements are looked up like the app's."""

    type = "tab"

    @property
    def label(self) -> str:
        """The tab's label."""
        return str(self.props["label"])

    def _group(self) -> Any:
        node = self._at._session.tree.node(self.path[:-1])
        return node.element if node is not None else None

    @property
    def open(self) -> bool | None:
        """Whether this tab is selected, when the tabs track it; else None."""
        group = self._group()
        if group is None or group.id is None:
            return None
        selected = self._at._pending.get(group.id, group.props.get("value"))
        return bool(selected == self.label)

    def select(self) -> Self:
        """Select this tab for the next run, as a click on it would; returns the tab to chain."""
        group = self._group()
        if group is None or group.id is None:
            raise AppTestError(
                "select() needs tabs that track their state (on_change='rerun' or a callback)."
            )
        self._at._pending[group.id] = self.label
        return self


class _Openable(Block):
    """An expander or popover whose open state the script may track."""

    @property
    def open(self) -> bool | None:
        """Whether it is open, when the script tracks it; else None."""
        wid = self.element.id
        if wid is None:
            return None
        return bool(self._at._pending.get(wid, self.props.get("value")))

    def set_value(self, open: bool) -> Self:
        """Open (True) or close (False) it for the next run, as the user would; returns it."""
        if self.element.id is None:
            raise AppTestError(
                f"set_value() needs a {self.type} that tracks its state "
                "(on_change='rerun' or a callback)."
            )
        self._at._pending[self.element.id] = open
        return self


class Expander(_Openable):
    """``st.expander`` (``at.expander``)."""

    type = "expander"

    @property
    def label(self) -> str:
        """The header."""
        return str(self.props["label"])

    @property
    def icon(self) -> str:
        """The icon before the header ("" for none), as in Streamlit's AppTest."""
        return str(self.props.get("icon") or "")

    @property
    def expanded(self) -> bool:
        """Whether the script asked for it to start expanded."""
        return bool(self.props.get("expanded"))


class Status(Expander):
    """``st.status`` (``at.status``): an expander with a state."""

    type = "status"

    @property
    def state(self) -> str:
        """ "running", "complete" or "error"."""
        return str(self.props["state"])

    @property
    def icon(self) -> str:
        """The state's icon in Streamlit's names: "spinner", ":material/check:",
        ":material/error:"."""
        return _STATE_ICONS[self.state]


class Popover(_Openable):
    """``st.popover`` (``at.popover``)."""

    type = "popover"

    @property
    def label(self) -> str:
        """The button's label."""
        return str(self.props["label"])

    @property
    def help(self) -> str | None:
        """The button's tooltip."""
        return self.props.get("help")

    @property
    def disabled(self) -> bool:
        """True when the button cannot be pressed."""
        return bool(self.props.get("disabled"))

    @property
    def icon(self) -> str | None:
        """The icon before the label."""
        return self.props.get("icon")


class Alert(_Alert):
    """``st.success``/``info``/``warning``/``error`` (``at.success`` ...)."""

    @property
    def title(self) -> str | None:
        """The bold title above the message."""
        return self.props.get("title")


class Toast(Node):
    """``st.toast`` (``at.toast``): ``value`` is the message. Only the last run's toasts are
    listed, as the browser only shows each once."""

    type = "toast"

    @property
    def icon(self) -> str | None:
        """The icon before the message."""
        return self.props.get("icon")

    @property
    def duration(self) -> int | None:
        """Seconds it shows for; None until the user closes it."""
        return self.props.get("duration")


class Progress(Node):
    """``st.progress`` (``at.progress``): ``value`` is the percentage, 0 to 100."""

    type = "progress"

    @property
    def value(self) -> int:
        """The percentage shown, 0 to 100."""
        return int(self.props["value"])

    @property
    def text(self) -> str | None:
        """The message above the bar."""
        return self.props.get("text")


class Spinner(Node):
    """``st.spinner`` (``at.spinner``), listed while a run is inside its block."""

    type = "spinner"

    @property
    def text(self) -> str:
        """The message next to the spinner."""
        return str(self.props["body"])


class Space(Node):
    """``st.space`` (``at.space``): ``value`` is the size asked for."""

    type = "space"

    @property
    def value(self) -> Any:
        """"small", "medium", ..., "stretch", or pixels."""
        return self.props["size"]


class Balloons(Node):
    """``st.balloons`` (``at.balloons``)."""

    type = "balloons"

    @property
    def value(self) -> None:
        """Balloons carry nothing to read."""
        return None


class Snow(Balloons):
    """``st.snow`` (``at.snow``)."""

    type = "snow"


BLOCKS.update({"tab": Tab, "expander": Expander, "status": Status, "popover": Popover})
LEAVES.update(
    {
        "alert": Alert,
        "toast": Toast,
        "progress": Progress,
        "spinner": Spinner,
        "space": Space,
        "balloons": Balloons,
        "snow": Snow,
    }
)
