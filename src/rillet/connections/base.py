"""`BaseConnection`: a named connection configured from ``[connections.NAME]`` in the secrets
and keyword arguments, created lazily and rebuilt when its secrets section changes."""

from __future__ import annotations

import json
import uuid
from abc import ABC, abstractmethod
from typing import Any, Generic, Literal, TypeVar

from rillet.runtime.secrets import AttrDict, secrets

RawConnectionT = TypeVar("RawConnectionT")


class BaseConnection(ABC, Generic[RawConnectionT]):
    """Base class of connections: subclass it and implement ``_connect`` (Streamlit's API).

    ``self._secrets`` is the connection's own secrets section; ``self._instance`` the
    underlying connection object, made on first use and again after `reset`.
    """

    def __init__(self, connection_name: str, **kwargs: Any) -> None:
        self._connection_name = connection_name
        self._kwargs = kwargs
        self._connection_instance_id = uuid.uuid4()
        self._config_section_hash = self._section_hash()
        secrets.listeners.append(self._on_secrets_changed)
        self._raw_instance: RawConnectionT | None = self._connect(**kwargs)

    def __del__(self) -> None:
        try:
            secrets.listeners.remove(self._on_secrets_changed)
        except (ValueError, AttributeError):
            pass

    def _section_hash(self) -> str:
        return json.dumps(self._secrets.to_dict(), sort_keys=True, default=str)

    def _on_secrets_changed(self) -> None:
        new_hash = self._section_hash()
        if new_hash != self._config_section_hash:
            self._config_section_hash = new_hash
            self.reset()

    @property
    def _secrets(self) -> AttrDict:
        """This connection's section of the secrets (``[connections.NAME]``), maybe empty."""
        if not secrets.load_if_toml_exists():
            return AttrDict({})
        section = secrets.get("connections")
        if not isinstance(section, AttrDict):
            return AttrDict({})
        own = section.get(self._connection_name)
        return own if isinstance(own, AttrDict) else AttrDict({})

    def reset(self) -> None:
        """Drop the underlying connection; the next use makes a new one."""
        self._raw_instance = None

    @property
    def _instance(self) -> RawConnectionT:
        if self._raw_instance is None:
            self._raw_instance = self._connect(**self._kwargs)
        return self._raw_instance

    @abstractmethod
    def _connect(self, **kwargs: Any) -> RawConnectionT:
        """Make the underlying connection from ``self._secrets`` and ``kwargs``."""

    @classmethod
    def scope(cls) -> Literal["global", "session"]:
        """Shared by every session ("global") or one per session ("session")."""
        return "global"

    def __repr__(self) -> str:
        # The secrets section stays out of reprs (st.write(conn) shows the type and name).
        return f"{type(self).__name__}(name={self._connection_name!r})"
