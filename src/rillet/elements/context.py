"""``st.context``: read-only facts about the tab whose run asks, from its real request.

Headers, cookies and the address come from the websocket's handshake; locale, time zone,
colour scheme and the full URL from what the tab reported when it connected (a reconnect
refreshes them). Outside a session every fact is empty.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rillet.runtime import context as run_context
from rillet.runtime.client import ClientInfo

_EMPTY = ClientInfo()


def _client() -> ClientInfo:
    ctx = run_context.current()
    return _EMPTY if ctx is None else ctx.session.client


class Headers(Mapping[str, str]):
    """The request's headers: names match case-insensitively; a repeated header reads as its
    first value here and all of them through `get_all`."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = list(pairs)

    def __getitem__(self, key: str) -> str:
        wanted = key.lower()
        for name, value in self._pairs:
            if name.lower() == wanted:
                return value
        raise KeyError(key)

    def get_all(self, key: str) -> list[str]:
        """Every value of header ``key``."""
        wanted = key.lower()
        return [v for n, v in self._pairs if n.lower() == wanted]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(n for n, _ in self._pairs))

    def __len__(self) -> int:
        return len(dict.fromkeys(n.lower() for n, _ in self._pairs))

    def to_dict(self) -> dict[str, str]:
        """A plain dict (the first value of each header)."""
        return {k: self[k] for k in self}

    def __repr__(self) -> str:
        return repr(self.to_dict())


class Cookies(Mapping[str, str]):
    """The request's cookies by name."""

    def __init__(self, cookies: dict[str, str]) -> None:
        self._cookies = dict(cookies)

    def __getitem__(self, key: str) -> str:
        return self._cookies[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cookies)

    def __len__(self) -> int:
        return len(self._cookies)

    def to_dict(self) -> dict[str, str]:
        """A plain dict."""
        return dict(self._cookies)

    def __repr__(self) -> str:
        return repr(self._cookies)


class ContextTheme(Mapping[str, Any]):
    """``st.context.theme``: ``type`` is "light" or "dark" as the tab shows it (None before
    it said)."""

    def __init__(self, kind: str | None) -> None:
        self._values = {"type": kind}

    @property
    def type(self) -> str | None:
        """ "light" or "dark"."""
        return self._values["type"]

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return repr(self._values)


class ContextProxy:
    """``st.context``: headers, cookies, ip_address, locale, timezone, timezone_offset, theme,
    url and is_embedded of the current tab. Read-only."""

    __slots__ = ()

    @property
    def headers(self) -> Headers:
        """The headers of the tab's connection request."""
        return Headers(_client().headers)

    @property
    def cookies(self) -> Cookies:
        """The cookies the tab sent (rillet's own session cookies excepted)."""
        return Cookies(_client().cookies)

    @property
    def ip_address(self) -> str | None:
        """The visitor's address as the server saw it; None for a local visitor."""
        return _client().ip_address

    @property
    def locale(self) -> str | None:
        """The browser's language, such as "en-GB"."""
        return _client().locale

    @property
    def timezone(self) -> str | None:
        """The browser's time zone, such as "Europe/Berlin"."""
        return _client().timezone

    @property
    def timezone_offset(self) -> int | None:
        """Minutes the browser's time is behind UTC (JavaScript's getTimezoneOffset)."""
        return _client().timezone_offset

    @property
    def theme(self) -> ContextTheme:
        """The colour scheme the tab shows: ``st.context.theme.type``."""
        return ContextTheme(_client().theme)

    @property
    def url(self) -> str:
        """The tab's address, as it was when the tab connected."""
        return _client().url

    @property
    def is_embedded(self) -> bool:
        """True when the app was opened with ``?embed=true``."""
        ctx = run_context.current()
        if ctx is None:
            return False
        value = ctx.session.nav.query.get("embed")
        values = value if isinstance(value, list) else [value]
        return any(str(v).lower() == "true" for v in values if v is not None)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("st.context is read-only.")

    def __repr__(self) -> str:
        return "st.context"


context = ContextProxy()
