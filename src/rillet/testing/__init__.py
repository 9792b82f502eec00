"""Headless testing of rillet apps: `AppTest`."""

from rillet.testing.apptest import AppTest

__all__ = ["AppTest"]
