"""``st.secrets``: values from ``secrets.toml`` files, read on the server and never sent.

Files are read in order, later ones overriding earlier keys: the home folder's
``~/.streamlit/secrets.toml`` and ``~/.rillet/secrets.toml``, then the same two in the working
directory and in the app script's folder. A file is re-read when it changes on disk (checked by
its modification stamp on access, which costs a ``stat`` per file). As in Streamlit, root-level
string and number values are also exported as environment variables.

Secret values must not reach the browser by accident: `redact` replaces them in text bound for
the page (exception messages), and nothing in this module ever emits an element.
"""

from __future__ import annotations

import logging
import os
import threading
import tomllib
from collections.abc import Iterator, Mapping
from copy import deepcopy
from typing import Any, NoReturn

from rillet.runtime.errors import RilletAPIException
from rillet.runtime.options import settings_files

log = logging.getLogger("rillet.secrets")

_HINT = (
    "Did you forget to add it to secrets.toml, mount it to secret directory, or the app settings "
    "on Streamlit Cloud? More info: "
    "https://docs.streamlit.io/deploy/streamlit-community-cloud/deploy-your-app/secrets-management"
)
# Values shorter than this are not redacted: "1" or "on" would blot out ordinary text.
_REDACT_MIN = 4
REDACTED = "********"


class SecretNotFoundError(RilletAPIException, FileNotFoundError):
    """No secrets file exists, or one could not be parsed (Streamlit's
    ``StreamlitSecretNotFoundError``, also a ``FileNotFoundError``)."""


def _missing_key(key: str) -> str:
    return f'st.secrets has no key "{key}". {_HINT}'


def _missing_attr(key: str) -> str:
    return f'st.secrets has no attribute "{key}". {_HINT}'


def _wrap(value: Any) -> Any:
    return AttrDict(value) if isinstance(value, Mapping) else value


class AttrDict(Mapping[str, Any]):
    """A read-only section of the secrets, by item or by attribute."""

    def __init__(self, value: Mapping[str, Any]) -> None:
        self.__dict__["_values"] = dict(value)

    def __getitem__(self, key: str) -> Any:
        try:
            return _wrap(self._values[key])
        except KeyError:
            raise KeyError(_missing_key(key)) from None

    def __getattr__(self, key: str) -> Any:
        try:
            return _wrap(self.__dict__["_values"][key])
        except KeyError:
            raise AttributeError(_missing_attr(key)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return repr(self._values)

    def __setitem__(self, key: str, value: Any) -> NoReturn:
        raise TypeError("Secrets does not support item assignment.")

    def __setattr__(self, key: str, value: Any) -> NoReturn:
        raise TypeError("Secrets does not support attribute assignment.")

    def __delitem__(self, key: str) -> NoReturn:
        raise TypeError("Secrets does not support item deletion.")

    def to_dict(self) -> dict[str, Any]:
        """A plain, deep copy."""
        return deepcopy(self._values)


def parse_toml_file(path: str, what: str) -> dict[str, Any]:
    """Parse a TOML file; a malformed one raises with its path, line and reason."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SecretNotFoundError(
            f"Error parsing {what} file at {path}: not UTF-8 ({exc})"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message names line and column, never the file's content.
        raise SecretNotFoundError(f"Error parsing {what} file at {path}: {exc}") from None


class Secrets(Mapping[str, Any]):
    """The process's secrets (shared by every session, as in Streamlit)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._paths: list[str] = settings_files(None, "secrets.toml")
        self._stamps: tuple[Any, ...] | None = None
        self._values: dict[str, Any] | None = None
        self._exported: dict[str, str] = {}
        # Set by AppTest (``at.secrets``): used instead of the files.
        self.overrides: dict[str, Any] = {}
        # Set by ``st.App(secrets=...)``: merged over the files' values, top level only.
        self.programmatic: dict[str, Any] = {}
        # Told when the secrets changed (connections made from them are rebuilt).
        self.listeners: list[Any] = []

    def configure(self, script_dir: str | None = None, paths: list[str] | None = None) -> None:
        """Look for the files beside ``script_dir`` (or exactly at ``paths``)."""
        with self._lock:
            if paths is None:
                paths = settings_files(script_dir, "secrets.toml")
            self._paths = list(paths)
            self._stamps = None

    @property
    def paths(self) -> list[str]:
        """The files looked for, lowest priority first."""
        return list(self._paths)

    def _stamp(self) -> tuple[Any, ...]:
        stamps: list[tuple[int, int] | None] = []
        for path in self._paths:
            try:
                st = os.stat(path)
                stamps.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamps.append(None)
        return (tuple(stamps), repr(self.overrides), repr(self.programmatic))

    def _parse(self) -> dict[str, Any]:
        with self._lock:
            stamp = self._stamp()
            if self._values is not None and stamp == self._stamps:
                return self._values
            values: dict[str, Any] = {}
            found = False
            if self.overrides:
                # AppTest's secrets stand in for the files, as in Streamlit's AppTest.
                values, found = deepcopy(self.overrides), True
            for path in [] if found else self._paths:
                if not os.path.isfile(path):
                    continue
                values.update(parse_toml_file(path, "secrets"))
                found = True
            if self.programmatic and not self.overrides:
                values.update(deepcopy(self.programmatic))
                found = True
            if not found:
                raise SecretNotFoundError(
                    "No secrets found. Valid paths for a secrets.toml file or secret "
                    f"directories are: {', '.join(self._paths)}"
                )
            changed = self._values is not None and values != self._values
            self._export(values)
            self._values, self._stamps = values, stamp
        if changed:
            for listener in list(self.listeners):
                try:
                    listener()
                except Exception:
                    log.exception("a secrets listener failed")
        return values

    def _export(self, values: dict[str, Any]) -> None:
        """Root-level strings and numbers become environment variables (Streamlit does so)."""
        for key, old in self._exported.items():
            if os.environ.get(key) == old:
                del os.environ[key]
        self._exported = {}
        for key, value in values.items():
            if type(value) in (str, int, float):
                os.environ[key] = self._exported[key] = str(value)

    def load_if_toml_exists(self) -> bool:
        """Read the files now; False when there are none (or they do not parse)."""
        try:
            self._parse()
            return True
        except SecretNotFoundError:
            return False

    def reset(self) -> None:
        """Forget what was read (and the variables exported from it)."""
        with self._lock:
            self._export({})
            self._values, self._stamps = None, None

    def __getitem__(self, key: str) -> Any:
        try:
            return _wrap(self._parse()[key])
        except KeyError:
            raise KeyError(_missing_key(key)) from None

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return _wrap(self._parse()[key])
        except (KeyError, FileNotFoundError):
            raise AttributeError(_missing_attr(key)) from None

    def __setattr__(self, key: str, value: Any) -> None:
        if key in (
            "_lock",
            "_paths",
            "_stamps",
            "_values",
            "_exported",
            "overrides",
            "programmatic",
            "listeners",
        ):
            object.__setattr__(self, key, value)
            return
        raise TypeError("Secrets does not support attribute assignment.")

    def __setitem__(self, key: str, value: Any) -> NoReturn:
        raise TypeError("Secrets does not support item assignment.")

    def __delitem__(self, key: str) -> NoReturn:
        raise TypeError("Secrets does not support item deletion.")

    def __iter__(self) -> Iterator[str]:
        return iter(self._parse())

    def __len__(self) -> int:
        return len(self._parse())

    def __contains__(self, key: object) -> bool:
        return key in self._parse()

    def __repr__(self) -> str:
        # Printing st.secrets (or writing it with st.write) must not show the values.
        return f"Secrets(keys={list(self._values or {})!r})"

    def has_key(self, key: str) -> bool:
        """True when ``key`` is a root-level secret."""
        return key in self._parse()

    def to_dict(self) -> dict[str, Any]:
        """A plain, deep copy of every secret."""
        return deepcopy(self._parse())

    def sensitive_values(self) -> list[str]:
        """Every string or number in the secrets as they are now, long enough to be worth
        hiding: what was read last is checked against the files and AppTest's overrides
        first, so values a test set (and took back) or a file since changed are not kept."""
        with self._lock:
            values: dict[str, Any] | None = self._values
            if values is None or self._stamp() != self._stamps:
                try:
                    values = self._parse()
                except SecretNotFoundError:
                    values = None  # no secrets (any more): nothing to hide
        found: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, Mapping):
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
            elif not isinstance(value, bool) and isinstance(value, str | int | float):
                text = str(value)
                if len(text) >= _REDACT_MIN:
                    found.append(text)

        walk(values or {})
        return sorted(set(found), key=len, reverse=True)


secrets = Secrets()


def redact(text: str) -> str:
    """``text`` with every secret value that was read replaced by asterisks."""
    for value in secrets.sensitive_values():
        if value in text:
            text = text.replace(value, REDACTED)
    return text
