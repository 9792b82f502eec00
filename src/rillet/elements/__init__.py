"""Element families: one module each; every command is registered once in `base.COMMANDS`."""

from rillet.elements import (
    choices,
    code,
    column_config,
    components,
    control,
    data,
    datetime_inputs,
    dialog,
    files,
    forms,
    fragments,
    inputs,
    layout,
    status,
    text,
    write,
)

__all__ = [
    "choices",
    "code",
    "column_config",
    "components",
    "control",
    "data",
    "datetime_inputs",
    "dialog",
    "files",
    "forms",
    "fragments",
    "inputs",
    "layout",
    "status",
    "text",
    "write",
]
