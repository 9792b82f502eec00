"""``st.query_params``: the address's query string as a dict of strings, read and written.

Reading reflects the address the tab opened (or navigated to). Writing changes the session's
parameters at once and tells the browser to replace its address (no reload and no rerun), as
Streamlit does. Values are strings; a key repeated in the address reads as its last value,
`get_all` gives every value, and setting a list writes the key once per item.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any

from rillet.elements.bound import bound_keys
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.pages import QueryDict, encode_query

# Streamlit reserves these for embedding options: never listed, never set by a script.
_EMBED = ("embed", "embed_options")

# Parameters of a script run outside any session (plain ``python app.py``).
_BARE: QueryDict = {}


def _missing_key(key: str) -> str:
    return f'st.query_params has no key "{key}".'


def _missing_attr(key: str) -> str:
    return f'st.query_params has no attribute "{key}".'


def query_value(key: str, value: Any) -> str | list[str]:
    """A value as the address holds it: a string, or a list of strings for a repeated key."""
    if isinstance(value, Mapping):
        raise RilletAPIException(
            f"Query param value for `{key}` cannot be set to a dictionary. "
            "Provide a string or iterable of strings instead."
        )
    if key.lower() in _EMBED:
        raise RilletAPIException(
            "Query param embed and embed_options (case-insensitive) cannot be set programmatically."
        )
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return [str(item) for item in value]
    return str(value)


def _refuse_bound(keys: list[str], action: str) -> None:
    """A parameter bound to a widget (``bind="query-params"``) changes with the widget only."""
    bound = bound_keys()
    for key in keys:
        if key in bound:
            raise RilletAPIException(
                f"Cannot directly {action} query parameter '{key}' - it is bound to a widget. "
                "Modify the widget value instead."
            )


def query_dict(params: Any) -> QueryDict:
    """A mapping or an iterable of (key, value) pairs as query parameters (for from_dict,
    switch_page and page_link)."""
    result: QueryDict = {}
    if isinstance(params, Mapping):
        pairs: Iterable[tuple[Any, Any]] = params.items()
    elif isinstance(params, Iterable) and not isinstance(params, str | bytes):
        pairs = params
    else:
        raise RilletAPIException(
            f"query_params must be a mapping or an iterable of (key, value) pairs, "
            f"not {type(params).__name__}."
        )
    for key, value in pairs:
        new = query_value(str(key), value)
        old = result.get(str(key))
        if old is not None and not isinstance(params, Mapping):
            merged = old if isinstance(old, list) else [old]
            result[str(key)] = merged + (new if isinstance(new, list) else [new])
        else:
            result[str(key)] = new
    return result


class QueryParamsProxy(MutableMapping[str, str]):
    """``st.query_params``: the query parameters of the session whose run calls it."""

    @staticmethod
    def _params() -> QueryDict:
        ctx = context.current()
        return _BARE if ctx is None else ctx.session.nav.query

    @staticmethod
    def _changed() -> None:
        """Tell the browser the new address (replacing its history entry; no rerun)."""
        ctx = context.current()
        if ctx is None:
            return
        session = ctx.session
        session.query = encode_query(session.nav.query)
        location = session.nav.location()
        if location is not None:
            session.outbox.push(location)

    def __getitem__(self, key: str) -> str:
        if key.lower() in _EMBED:
            raise KeyError(_missing_key(key))
        try:
            value = self._params()[key]
        except KeyError:
            raise KeyError(_missing_key(key)) from None
        if isinstance(value, list):
            return value[-1] if value else ""
        return value

    def __setitem__(self, key: str, value: str | Iterable[str]) -> None:
        _refuse_bound([key], "set")
        self._params()[key] = query_value(key, value)
        self._changed()

    def __delitem__(self, key: str) -> None:
        params = self._params()
        if key.lower() in _EMBED or key not in params:
            raise KeyError(_missing_key(key))
        _refuse_bound([key], "delete")
        del params[key]
        self._changed()

    def __iter__(self) -> Iterator[str]:
        return iter([k for k in self._params() if k.lower() not in _EMBED])

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() not in _EMBED and key in self._params()

    def __getattr__(self, key: str) -> str:
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(_missing_attr(key)) from None

    def __setattr__(self, key: str, value: str | Iterable[str]) -> None:
        self[key] = value

    def __delattr__(self, key: str) -> None:
        try:
            del self[key]
        except KeyError:
            raise AttributeError(_missing_attr(key)) from None

    def __repr__(self) -> str:
        return repr(self.to_dict())

    def __str__(self) -> str:
        return str(self._params())

    def get_all(self, key: str) -> list[str]:
        """Every value of ``key`` (a key repeated in the address has several); [] if absent.

        Parameters:
            key: The parameter's name.
        """
        value = self._params().get(key)
        if value is None or key.lower() in _EMBED:
            return []
        return list(value) if isinstance(value, list) else [value]

    def update(self, other: Any = (), /, **kwds: str | Iterable[str]) -> None:
        """Set several parameters at once (one address change)."""
        params = self._params()
        new = query_dict(other)
        new.update({k: query_value(k, v) for k, v in kwds.items()})
        _refuse_bound(list(new), "set")
        params.update(new)
        self._changed()

    def clear(self) -> None:
        """Remove every parameter (embedding options stay)."""
        params = self._params()
        for key in [k for k in params if k.lower() not in _EMBED]:
            del params[key]
        self._changed()

    def to_dict(self) -> dict[str, str]:
        """A plain dict of every parameter's (last) value."""
        return {k: self[k] for k in self}

    def from_dict(self, params: Any) -> None:
        """Replace every parameter with ``params`` (a mapping or (key, value) pairs); as one
        address change, and nothing changes when a value is refused.

        Parameters:
            params: The new parameters; list values repeat their key.
        """
        new = query_dict(params)
        current = self._params()
        for key in [k for k in current if k.lower() not in _EMBED]:
            del current[key]
        current.update(new)
        self._changed()


query_params = QueryParamsProxy()
