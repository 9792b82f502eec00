"""Element families: one module each; every command is registered once in `base.COMMANDS`."""

from rillet.elements import (
    components,
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
    "components",
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
