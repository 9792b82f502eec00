"""Element families: one module each; every command is registered once in `base.COMMANDS`."""

from rillet.elements import (
    control,
    data,
    dialog,
    forms,
    fragments,
    inputs,
    layout,
    status,
    text,
    write,
)

__all__ = [
    "control",
    "data",
    "dialog",
    "forms",
    "fragments",
    "inputs",
    "layout",
    "status",
    "text",
    "write",
]
