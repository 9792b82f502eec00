"""``st.connections``: the connection classes behind ``st.connection``."""

from rillet.connections.base import BaseConnection
from rillet.connections.sql import SQLConnection

__all__ = ["BaseConnection", "SQLConnection"]
