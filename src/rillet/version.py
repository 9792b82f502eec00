"""The installed version of rillet."""

__version__ = "0.1.0"
