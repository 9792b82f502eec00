"""``bind="query-params"`` of tabs and expanders: their state kept in the page address.

The widget's key names a query parameter. When the address brings a value rillet did not put
there — the first load, a reload at another address, Back/Forward — that value wins and is set
through the key before the widget is created; otherwise the script's value stands. After the
widget is created the address shows its value, and drops the parameter while the value is the
default, so the address stays clean (Streamlit 1.67's rules). An invalid value in the address
is dropped. The page's address bar follows through the protocol's ``location`` message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rillet.elements.validate import missing_error, value_error
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.pages import encode_query

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


def seed_from_address(key: str, parse: Callable[[str], Any], default: Any) -> None:
    """Before the widget is created: a value the address changed becomes the widget's value
    (``parse`` returns None for text that is no valid value: the default then)."""
    ctx = context.current()
    if ctx is None:
        return
    session = ctx.session
    written: dict[str, str | None] = session.extras.setdefault(_WRITTEN, {})
    text = _address_text(session.nav.query, key)
    if written.get(key) == text and (key in written or text is None):
        return
    parsed = None if text is None else parse(text)
    session.state[key] = default if parsed is None else parsed


def write_to_address(
    key: str, text: str | None, parse: Callable[[str], Any] = lambda t: t
) -> None:
    """After the widget is created: the address shows ``text`` for the parameter, or leaves
    it out (None: the value is the default). Text already there that means the same value
    (``parse`` gives the same) stays as the user wrote it ("TRUE")."""
    ctx = context.current()
    if ctx is None:
        return
    session = ctx.session
    params = session.nav.query
    written: dict[str, str | None] = session.extras.setdefault(_WRITTEN, {})
    current = _address_text(params, key)
    if text is not None and current is not None and parse(current) == parse(text):
        text = current
    written[key] = text
    if current == text and not isinstance(params.get(key), list):
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
