"""``st.connections``: the connection classes behind ``st.connection``."""

from rillet.connections.base import BaseConnection
from rillet.connections.sql import SQLConnection

# Streamlit's name from before BaseConnection left "experimental"; kept for old scripts.
ExperimentalBaseConnection = BaseConnection

__all__ = ["BaseConnection", "ExperimentalBaseConnection", "SQLConnection"]
