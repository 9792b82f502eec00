"""``bind="query-params"`` of tabs and expanders: their state kept in the page address.

The widget's key names a query parameter. When the address brings a value rillet did not put
there — the first load, a reload at another address, Back/Forward — that value wins and is set
through the key before the widget is created; otherwise the script's value stands. After the
widget is created the address shows its value, and drops the parameter while the value is the
default, so the address stays clean (Streamlit 1.67's rules). An invalid value in the address
is dropped. The page's address bar follows through the protocol's ``location`` message.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from rillet.elements.validate import missing_error, value_error
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.pages import encode_query
from rillet.runtime.state import InvalidWidgetValue

# session.extras: parameter -> the text rillet last left in the address for it (None: absent).
_WRITTEN = "rillet.bound_query_params"
_RESERVED = ("embed", "embed_options")


def check_bind(bind: object, key: object) -> bool:
    """Whether the widget is bound; refuses what Streamlit refuses, in its words."""
    if bind is None:
        return False
    if bind != "query-params":
        raise value_error("bind", ["'query-params'", "None"])
    if key is None:
        raise missing_error(
            "key",
            "When using bind='query-params', the widget must have a unique 'key' parameter "
            "specified. This 'key' will be used as the name of the query parameter.",
        )
    if str(key).lower() in _RESERVED:
        raise RilletAPIException(
            f"Cannot bind to reserved query parameter '{key}'. 'embed' and 'embed_options' "
            "are used internally for Streamlit's embed functionality."
        )
    return True


def _address_text(params: dict[str, Any], key: str) -> str | None:
    raw = params.get(key)
    if isinstance(raw, list):
        return raw[-1] if raw else ""
    return raw


def _session() -> Any:
    ctx = context.current()
    return None if ctx is None else ctx.session


def _written(session: Any) -> dict[str, str | list[str] | None]:
    written: dict[str, str | list[str] | None] = session.extras.setdefault(_WRITTEN, {})
    return written


def _address_changed(session: Any, key: str, raw: str | list[str] | None) -> bool:
    """Whether the address brings a value rillet did not put there (its first load, a
    reload at another address, Back/Forward)."""
    written = _written(session)
    return not (written.get(key) == raw and (key in written or raw is None))


def seed_from_address(key: str, parse: Callable[[str], Any], default: Any) -> None:
    """Before the widget is created: a value the address changed becomes the widget's value
    (``parse`` returns None for text that is no valid value: the default then)."""
    session = _session()
    if session is None:
        return
    text = _address_text(session.nav.query, key)
    if not _address_changed(session, key, text):
        return
    parsed = None if text is None else parse(text)
    session.state[key] = default if parsed is None else parsed


def write_to_address(
    key: str,
    text: str | list[str] | None,
    parse: Callable[[Any], Any] = lambda t: t,
    session: Any = None,
) -> None:
    """After the widget is created: the address shows ``text`` for the parameter (a list:
    repeated), or leaves it out (None: the value is the default). Text already there that
    means the same value (``parse`` gives the same) stays as the user wrote it ("TRUE");
    repeated parameters are rewritten (options left out or chosen twice leave the address)."""
    session = session or _session()
    if session is None:
        return
    params = session.nav.query
    raw = params.get(key)
    current = raw if isinstance(text, list) else _address_text(params, key)
    plain = isinstance(text, str) and isinstance(current, str)
    if plain and parse(current) == parse(text):
        text = current
    _written(session)[key] = text
    if raw == text:
        return
    if text is None:
        params.pop(key, None)
    else:
        params[key] = text
    session.query = encode_query(params)
    location = session.nav.location()
    if location is not None:
        session.outbox.push(location)


def bound_keys() -> set[str]:
    """The query parameters bound to a widget in this session (``st.query_params`` may not
    set or delete them)."""
    ctx = context.current()
    if ctx is None:
        return set()
    return set(ctx.session.extras.get(_WRITTEN, {}))


# --- every widget: its value in the address --------------------------------------------------

_CLOCK_KINDS = ("date", "datetime", "time")  # sliders over these carry microseconds
_EPOCH = datetime(1970, 1, 1)
_TIME_DAY = date(2000, 1, 1)


def _micros_to_text(micros: int, kind: str) -> str:
    moment = _EPOCH + timedelta(microseconds=micros)
    if kind == "date":
        return moment.date().isoformat()
    if kind == "time":
        return moment.time().isoformat(timespec="minutes" if not moment.second else "seconds")
    return moment.isoformat(timespec="minutes" if not moment.second else "seconds")


def _text_to_micros(text: str) -> int | None:
    """ISO text (a date, a time of day, or a date and time) as a clock slider's microseconds,
    on the same epoch as the slider (times of day fall on 2000-01-01)."""
    try:
        if "T" in text:
            moment = datetime.fromisoformat(text)
        elif "-" in text:
            moment = datetime.combine(date.fromisoformat(text), time())
        elif ":" in text:
            moment = datetime.combine(_TIME_DAY, time.fromisoformat(text))
        else:
            return None
    except ValueError:
        return None
    if moment.tzinfo is not None:
        return None
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _number_text(number: float | int) -> str:
    if isinstance(number, float) and math.isfinite(number) and number.is_integer():
        return str(int(number))
    return str(number)


@dataclass(frozen=True)
class AddressForm:
    """How one widget's browser value reads in the address: option widgets show the option's
    text (not its position), clock sliders ISO dates and times, the rest their own text."""

    labels: tuple[str, ...] | None
    clock: str | None

    @classmethod
    def of(cls, props: dict[str, Any]) -> AddressForm:
        options = props.get("options")
        labels = tuple(str(o) for o in options) if isinstance(options, list) else None
        dtype = props.get("dtype")
        return cls(labels, dtype if dtype in _CLOCK_KINDS else None)

    def item_text(self, wire: Any) -> str:
        if wire is None:
            return ""
        if isinstance(wire, bool):
            return "true" if wire else "false"
        if isinstance(wire, int) and self.labels is not None and 0 <= wire < len(self.labels):
            return self.labels[wire]
        if isinstance(wire, int) and self.clock is not None:
            return _micros_to_text(wire, self.clock)
        if isinstance(wire, int | float):
            return _number_text(wire)
        return str(wire)

    def text(self, wire: Any) -> str | list[str]:
        """The address text of a browser value: a list is repeated parameters (``?k=a&k=b``),
        an empty one or a cleared value an empty parameter (``?k=``)."""
        if isinstance(wire, list | tuple):
            texts = [self.item_text(w) for w in wire]
            return texts if len(texts) > 1 else (texts[0] if texts else "")
        return self.item_text(wire)

    def item_wires(self, text: str) -> list[Any]:
        """The browser values one address text may stand for, most likely first."""
        if self.labels is not None:
            return [self.labels.index(text)] if text in self.labels else [text]
        found: list[Any] = []
        if text.lower() in ("true", "false"):
            found.append(text.lower() == "true")
        if self.clock is not None:
            micros = _text_to_micros(text)
            if micros is not None:
                found.append(micros)
        for number in (int, float):
            try:
                value = number(text)
            except ValueError:
                continue
            if math.isfinite(value) and value not in found:
                found.append(value)
        found.append(text)
        return found

    def wires(self, raw: str | list[str], as_list: bool) -> list[Any]:
        """The browser values the address's text may stand for (a list widget takes each
        non-empty repeated parameter; options not in the list and repeats are left out)."""
        items = raw if isinstance(raw, list) else [raw]
        if as_list:
            texts = [t for t in items if t != ""]
            whole = [self.item_wires(t)[0] for t in texts]
            found = [whole]
            if self.labels is not None:
                kept: list[Any] = []
                for w in whole:
                    if isinstance(w, int) and w not in kept:
                        kept.append(w)
                if kept and kept != whole:
                    found.append(kept)
            return found
        text = items[-1] if items else ""
        if text == "":
            return ["", None]
        return self.item_wires(text)


def check_persist(persist_state: object, key: object) -> str | None:
    """The ``persist_state`` scope, refused as Streamlit refuses it."""
    if persist_state is None:
        return None
    if persist_state not in ("page", "session"):
        raise value_error("persist_state", ["'page'", "'session'", "None"])
    if key is None:
        raise missing_error(
            "key",
            "When using persist_state, the widget must have a unique 'key' parameter "
            "specified so its value can be preserved across reruns and page switches.",
        )
    return str(persist_state)


_INVALID = object()


class WidgetBinding:
    """One widget's ``bind="query-params"``: seeds the value from the address before the
    widget is registered, and shows it there after."""

    def __init__(
        self,
        key: str,
        props: dict[str, Any],
        decode: Callable[[Any], Any],
        encode: Callable[[Any], Any],
        default: Any,
    ) -> None:
        self.key, self.decode, self.encode = key, decode, encode
        self.form = AddressForm.of(props)
        try:
            self.default_wire = encode(default)
        except (TypeError, ValueError):
            self.default_wire = default
        self.as_list = isinstance(self.default_wire, list)
        self.default = default

    def parse(self, raw: str | list[str]) -> Any:
        """The value the address's text stands for, or ``_INVALID``."""
        for wire in self.form.wires(raw, self.as_list):
            try:
                return self.decode(wire)
            except (InvalidWidgetValue, TypeError, ValueError, IndexError):
                continue
        return _INVALID

    def seed(self) -> None:
        """Before registering: a value the address changed becomes the widget's (the
        default when it is absent or no valid value: Streamlit then drops it)."""
        session = _session()
        if session is None:
            return
        raw = session.nav.query.get(self.key)
        if not _address_changed(session, self.key, raw):
            return
        value = self.default if raw is None else self.parse(raw)
        session.state[self.key] = self.default if value is _INVALID else value

    def show(self, value: Any) -> None:
        """After registering: the address shows the value, without it while it is the
        default."""
        wire = self.encode(value)
        text = None if wire == self.default_wire else self.form.text(wire)
        write_to_address(self.key, text, self.parse)


def keep_rule(
    key: object, scope: str | None, bound: bool
) -> Callable[[], bool] | None:
    """What keeps a widget's value while a run does not draw it (None: nothing does).

    ``"session"`` keeps it always; ``"page"`` while the session stays on the page it was
    drawn on; a bound widget keeps it always (its binding takes precedence, as in Streamlit)
    and leaves the address until it is drawn again.
    """
    session = _session()
    if session is None or key is None or (scope is None and not bound):
        return None
    page = session.nav.current

    def keep() -> bool:
        if bound:
            name = str(key)
            if name in _written(session):
                write_to_address(name, None, session=session)
                del _written(session)[name]
            return True
        return scope == "session" or session.nav.current == page

    return keep
