"""Session state, the widget registry, widget ids, callbacks and validation of browser values.

Widget values live here between runs. The browser only ever proposes a value: it is decoded and
checked against the spec the widget had in the last run, and rejected (with a warning) when it
does not fit. A run then asks for each widget's value as the widget is created.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from rillet.runtime.errors import DuplicateWidgetID, RilletAPIException
from rillet.runtime.pages import ACTIVE_PAGE

log = logging.getLogger("rillet.state")

_SESSION_STATE_DOCS = (
    "https://docs.streamlit.io/develop/concepts/architecture/session-state#initialization"
)


class InvalidWidgetValue(ValueError):
    """A value from the browser does not fit its widget's spec."""


@dataclass
class WidgetSpec:
    """What a widget is, as registered by the run that created it.

    ``decode`` turns a wire value from the browser into the Python value or raises
    `InvalidWidgetValue`; ``encode`` does the reverse for what the browser is sent.
    """

    id: str
    kind: str
    default: Any
    decode: Callable[[Any], Any]
    encode: Callable[[Any], Any] = lambda v: v
    key: str | None = None
    trigger: bool = False
    disabled: bool = False
    on_change: Callable[..., Any] | None = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    fragment_id: str | None = None
    form_id: str | None = None
    # Each browser value is a change on top of the last (a data editor's edit), not the
    # whole value: pending ones are all applied, in order, never coalesced away.
    deltas: bool = False
    # ``persist_state`` or ``bind`` (rillet.elements.bound): asked when a completed run did
    # not draw this keyed widget; True keeps its value under its key for when it returns.
    keep_unrendered: Callable[[], bool] | None = None


def widget_id(kind: str, key: str | None, identity: tuple[Any, ...], form_id: str | None) -> str:
    """Stable id: from the key when given, else from the parameters that define the widget."""
    if key is not None:
        basis = repr((kind, "key", key))
    else:
        basis = repr((kind, identity, form_id))
    page = ACTIVE_PAGE.get()
    if page is not None:
        # Widgets of a page are its own (as in Streamlit): the same widget on two pages
        # keeps two states, and switching pages drops the old page's.
        basis += repr(("page", page))
    return f"{kind}-{hashlib.blake2b(basis.encode(), digest_size=12).hexdigest()}"


def same_value(old: Any, new: Any) -> bool:
    """Whether a widget's value is unchanged. Values such as dataframes (a component's) have
    no plain truth for ``==``: they compare with their own ``equals``, or count as changed."""
    if type(old) is type(new) and callable(getattr(old, "equals", None)):
        try:
            return bool(old.equals(new))
        except Exception:
            return False
    try:
        return bool(old == new)
    except Exception:
        return False


def _kind_label(kind: str) -> str:
    return f"st.{kind}"


def _duplicate_key(key: str) -> str:
    """Streamlit's ``StreamlitDuplicateElementKey`` message."""
    return (
        f"There are multiple elements with the same `key='{key}'`. To fix this, please make "
        "sure that the `key` argument is unique for each element you create."
    )


@dataclass(frozen=True)
class StateExport:
    """What of a session's state can move to a fresh session (a resumed snapshot).

    A press of a button is spent with its run, so trigger widgets are left out: a restore
    must not press again. Keyed widget values travel by key (a restore sets them as the
    script would, before the widget exists); unkeyed ones by widget id.
    """

    user: dict[str, Any]  # values the script set that are no widget's
    keyed: dict[str, Any]  # user key -> value of a keyed widget
    widgets: dict[str, Any]  # widget id -> value of an unkeyed widget


class SessionState(MutableMapping[str, Any]):
    """``st.session_state``: user values plus widget values under their keys.

    Item and attribute access both work. A widget's value can be set through its key before the
    widget is created in a run; setting it afterwards raises Streamlit's error.
    """

    def __init__(self) -> None:
        object.__setattr__(self, "_user", {})
        object.__setattr__(self, "_values", {})  # widget id -> Python value
        object.__setattr__(self, "_specs", {})  # widget id -> spec from its latest run
        object.__setattr__(self, "_key_ids", {})  # user key -> widget id
        object.__setattr__(self, "_triggers", set())  # ids whose trigger fires this run
        # What a fired trigger carries when it is more than a press (a button column's click).
        object.__setattr__(self, "_fired", {})
        object.__setattr__(self, "_consumed", set())  # fired triggers the run has read
        object.__setattr__(self, "_this_run", set())  # ids created in the current run
        object.__setattr__(self, "_keys_this_run", set())  # user keys used in the current run
        object.__setattr__(self, "_applied", [])  # (id, wire value) accepted by the last apply
        object.__setattr__(self, "_reads", None)  # keys read, while a recorder is active

    _user: dict[str, Any]
    _values: dict[str, Any]
    _specs: dict[str, WidgetSpec]
    _key_ids: dict[str, str]
    _triggers: set[str]
    _fired: dict[str, Any]
    _consumed: set[str]
    _this_run: set[str]
    _keys_this_run: set[str]
    _applied: list[tuple[str, Any]]
    _reads: set[str] | None

    # --- mapping API -----------------------------------------------------------------------

    def __getitem__(self, key: str) -> Any:
        if self._reads is not None:
            self._reads.add(key)
        wid = self._key_ids.get(key)
        if wid is not None and wid in self._fired and wid in self._triggers:
            return self._fired[wid]  # a click's callback reads it before the run draws it
        if wid is not None and wid in self._values:
            return self._values[wid]
        if key in self._user:
            return self._user[key]
        raise KeyError(
            f'st.session_state has no key "{key}". Did you forget to initialize it? '
            f"More info: {_SESSION_STATE_DOCS}"
        )

    def __setitem__(self, key: str, value: Any) -> None:
        wid = self._key_ids.get(key)
        if wid is not None and wid in self._this_run:
            raise RilletAPIException(
                f"`st.session_state.{key}` cannot be modified after the widget with key "
                f"`{key}` is instantiated."
            )
        if wid is not None and wid in self._specs:
            if self._specs[wid].trigger:
                raise RilletAPIException(
                    f"Values for the widget with `key` '{key}' cannot be set using "
                    "`st.session_state`."
                )
            self._values[wid] = value
        else:
            self._user[key] = value

    def __delitem__(self, key: str) -> None:
        wid = self._key_ids.pop(key, None)
        found = key in self._user
        self._user.pop(key, None)
        if wid is not None:
            found = found or wid in self._values
            self._values.pop(wid, None)
        if not found:
            raise KeyError(f'st.session_state has no key "{key}".')

    def __iter__(self) -> Iterator[str]:
        keys = list(self._user)
        keys += [k for k, wid in self._key_ids.items() if wid in self._values and k not in keys]
        return iter(keys)

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if self._reads is not None:
            self._reads.add(key)
        wid = self._key_ids.get(key)
        return key in self._user or (wid is not None and wid in self._values)

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(
                f'st.session_state has no attribute "{key}". Did you forget to initialize it? '
                f"More info: {_SESSION_STATE_DOCS}"
            ) from None

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value

    def __delattr__(self, key: str) -> None:
        try:
            del self[key]
        except KeyError:
            raise AttributeError(f'st.session_state has no attribute "{key}".') from None

    def __repr__(self) -> str:
        return f"SessionState({dict(self.items())!r})"

    def to_dict(self) -> dict[str, Any]:
        """A plain copy of every key and its value."""
        return dict(self.items())

    # --- widgets -----------------------------------------------------------------------------

    def begin_run(self) -> None:
        """A run starts: no widget has been created in it yet."""
        self._this_run.clear()
        self._keys_this_run.clear()

    def register_widget(self, spec: WidgetSpec) -> Any:
        """Record a widget created by the current run and return its current value."""
        if spec.id in self._this_run or (spec.key is not None and spec.key in self._keys_this_run):
            if spec.key is not None:
                raise DuplicateWidgetID(_duplicate_key(spec.key))
            raise DuplicateWidgetID(
                f"There are multiple `{spec.kind}` elements with the same auto-generated ID. "
                "When this element is created, it is assigned an internal ID based on the "
                "element type and provided parameters. Multiple elements with the same type "
                "and parameters will cause this error.\n\nTo fix this error, please pass a "
                f"unique `key` argument to the `{spec.kind}` element."
            )
        self._this_run.add(spec.id)
        self._adopt_kept(spec)
        if spec.trigger:
            if spec.key is not None and spec.key in self._user:
                raise RilletAPIException(
                    f"Values for the widget with `key` '{spec.key}' cannot be set using "
                    "`st.session_state`."
                )
            value: Any = spec.default
            if spec.id in self._triggers:
                value = self._fired.get(spec.id, True)
                self._consumed.add(spec.id)
        elif spec.key is not None and spec.key in self._user and spec.id not in self._values:
            value = self._checked(spec, self._user.pop(spec.key))
        elif spec.id in self._values:
            value = self._checked(spec, self._values[spec.id])
        else:
            value = spec.default
        self._specs[spec.id] = spec
        if spec.key is not None:
            self._key_ids[spec.key] = spec.id
            self._keys_this_run.add(spec.key)
        self._values[spec.id] = value
        return value

    def _adopt_kept(self, spec: WidgetSpec) -> None:
        """A value kept for the same key by another page's widget (``persist_state=
        "session"``) becomes this widget's, as if the script had set it through the key."""
        old = self._key_ids.get(spec.key) if spec.key is not None else None
        kept = self._specs.get(old) if old is not None and old != spec.id else None
        if kept is None or old in self._this_run or old not in self._values:
            return
        if kept.keep_unrendered is None or not kept.keep_unrendered():
            return
        value = self._values.pop(old)
        del self._specs[old]
        if spec.key is not None and spec.id not in self._values and spec.key not in self._user:
            self._user[spec.key] = value

    def claim_key(self, key: str) -> None:
        """A keyed element that is no widget (a container, grid, or tabs, expander or popover
        that do not track their state) takes its key for this run: keys are one namespace,
        as in Streamlit, so a widget or element with the same key raises Streamlit's error."""
        if key in self._keys_this_run:
            raise DuplicateWidgetID(_duplicate_key(key))
        self._keys_this_run.add(key)

    def _checked(self, spec: WidgetSpec, value: Any) -> Any:
        """A kept value that no longer fits the widget (its options changed) resets it."""
        try:
            spec.decode(spec.encode(value))
        except (InvalidWidgetValue, TypeError, ValueError):
            return spec.default
        return value

    def apply_browser_values(
        self, values: list[tuple[str, Any]], allowed: Callable[[WidgetSpec], bool] | None = None
    ) -> list[WidgetSpec]:
        """Apply values proposed by the browser; return the widgets whose callbacks are due.

        Unknown ids, disabled widgets and values that do not fit are dropped with a warning:
        the app never sees them. ``allowed`` further limits which widgets may change (a
        fragment request may only touch its own widgets, a form submit only its form's).
        """
        due: list[WidgetSpec] = []
        self._applied.clear()
        submitted = self.submitted_forms(values)
        for wid, wire in values:
            spec = self._specs.get(wid)
            if spec is None:
                log.warning("rejected a value for unknown widget id %r", wid)
                continue
            if spec.disabled:
                log.warning("rejected a value for disabled widget %r", wid)
                continue
            if spec.form_id is not None and not spec.trigger and spec.form_id not in submitted:
                log.warning("rejected a value for %r: form widgets change only on submit", wid)
                continue
            if allowed is not None and not allowed(spec):
                log.warning("rejected a value for widget %r outside the request's scope", wid)
                continue
            try:
                value = spec.decode(wire)
            except (InvalidWidgetValue, TypeError, ValueError) as exc:
                log.warning("rejected a value for %s %r: %s", spec.kind, wid, exc)
                continue
            self._applied.append((wid, spec.encode(value)))
            if spec.trigger:
                if value:
                    self._triggers.add(wid)
                    if value is not True:
                        self._fired[wid] = value
                    due.append(spec)
                continue
            if wid not in self._values or not same_value(self._values[wid], value):
                self._values[wid] = value
                if not any(d is spec for d in due):  # edits applied in turn: one callback
                    due.append(spec)
        return due

    def last_applied(self) -> list[tuple[str, Any]]:
        """(id, wire value) of every value the latest `apply_browser_values` accepted."""
        return list(self._applied)

    def keep_widget(self, wid: str) -> None:
        """A widget the run did not create again but keeps on the page (a cached fragment's
        widgets): it counts as created, with its value and spec unchanged."""
        spec = self._specs.get(wid)
        if spec is None:
            return
        self._this_run.add(wid)
        if spec.key is not None:
            self._keys_this_run.add(spec.key)

    def submitted_forms(self, values: list[tuple[str, Any]]) -> set[str]:
        """Forms whose submit button is pressed among ``values``."""
        found = set()
        for wid, wire in values:
            spec = self._specs.get(wid)
            if spec is not None and spec.trigger and spec.form_id is not None and wire is True:
                found.add(spec.form_id)
        return found

    def check_submission(self, values: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """A submit carries its own form's values only; anything else in it is dropped.

        Applied to each browser message before it is queued (queued requests coalesce, so
        this is the one place where "what was sent with the submit" is still known).
        """
        forms = self.submitted_forms(values)
        if not forms:
            return values
        kept = []
        for wid, wire in values:
            spec = self._specs.get(wid)
            if spec is not None and spec.form_id not in forms:
                log.warning("rejected a value for %r sent with another form's submit", wid)
                continue
            kept.append((wid, wire))
        return kept

    def reset_to_default(self, wid: str) -> Any:
        """Put a widget back to its default (forms with ``clear_on_submit``); returns it."""
        spec = self._specs[wid]
        self._values[wid] = spec.default
        return spec.default

    def created_this_run(self) -> set[str]:
        """Ids of the widgets the current run has created so far."""
        return set(self._this_run)

    def takes_deltas(self, wid: str) -> bool:
        """Whether every value the browser sends this widget is a change to apply in turn."""
        spec = self._specs.get(wid)
        return spec is not None and spec.deltas

    def widget_spec(self, wid: str) -> WidgetSpec | None:
        """The spec a widget had in its latest run."""
        return self._specs.get(wid)

    def export(self) -> StateExport:
        """A copy of the values a fresh session needs to carry on where this one is."""
        keyed, widgets = {}, {}
        for wid, value in list(self._values.items()):
            spec = self._specs.get(wid)
            if spec is None or spec.trigger:
                continue
            if spec.key is not None:
                keyed[spec.key] = value
            else:
                widgets[wid] = value
        return StateExport(user=dict(self._user), keyed=keyed, widgets=widgets)

    def restore(self, user: dict[str, Any], widgets: dict[str, Any]) -> None:
        """Put exported values into this (fresh) state before its first run: ``user`` holds
        plain and keyed values by key (set as the script would before any widget exists, so
        the run reads them and may still change them), ``widgets`` unkeyed values by id."""
        self._user.update(user)
        self._values.update(widgets)

    def end_run(
        self,
        completed: bool,
        scope: Callable[[WidgetSpec], bool] | None = None,
        interrupted: bool = False,
    ) -> None:
        """A run ended: triggers are spent; a completed run drops widgets it did not create.

        An interrupted run hands the presses it never read on to the next run, so a click is
        never lost, and never seen twice. Only widgets inside the run's scope are dropped: a
        fragment run cleans only that fragment's widgets. A run that raised or was interrupted
        drops nothing, so an error never costs the user what they entered below it.
        """
        if interrupted:
            self._triggers.difference_update(self._consumed)
        else:
            self._triggers.clear()
        for wid in [w for w in self._fired if w not in self._triggers]:
            del self._fired[wid]
        self._consumed.clear()
        try:
            if completed:
                self._drop_unrendered(scope)
        finally:
            # Between runs every widget may be set again through its key.
            self._this_run.clear()
            self._keys_this_run.clear()

    def _drop_unrendered(self, scope: Callable[[WidgetSpec], bool] | None) -> None:
        for wid in [w for w in self._specs if w not in self._this_run]:
            spec = self._specs[wid]
            if scope is not None and not scope(spec):
                continue
            if (
                spec.keep_unrendered is not None
                and spec.key is not None
                and self._key_ids.get(spec.key) == wid
                and wid in self._values
                and spec.keep_unrendered()
            ):
                continue  # kept, spec and all: the same question is asked after each run
            del self._specs[wid]
            self._values.pop(wid, None)
            if spec.key is not None and self._key_ids.get(spec.key) == wid:
                del self._key_ids[spec.key]

    def key_of(self, wid: str) -> str | None:
        """The user key of a widget, if it has one."""
        spec = self._specs.get(wid)
        return spec.key if spec else None

    def record_reads(self, reads: set[str] | None) -> set[str] | None:
        """Start (or stop, with None) recording which keys are read; returns the old recorder."""
        old = self._reads
        object.__setattr__(self, "_reads", reads)
        return old
