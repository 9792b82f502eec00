"""Keyboard shortcuts of buttons (``shortcut=``, Streamlit 1.67), checked and normalized.

A shortcut is one key ("K", "4", "F11", "Enter", "Esc", "Left" ...) with optional modifiers
("Ctrl", "Cmd", "Alt", "Shift"; "Mod" is Ctrl), joined by "+". The page receives it as
lower-case text with the modifiers in a fixed order ("ctrl+shift+k"), and a key press that
matches clicks the button (frontend/shortcuts.js). "C" and "R" are reserved (copy, rerun),
as in Streamlit.
"""

from __future__ import annotations

import logging

from rillet.elements.validate import type_error
from rillet.runtime.errors import RilletAPIException

log = logging.getLogger("rillet.elements")

_MODIFIERS = {
    "ctrl": "ctrl",
    "control": "ctrl",
    "mod": "ctrl",
    "cmd": "cmd",
    "command": "cmd",
    "meta": "cmd",
    "alt": "alt",
    "option": "alt",
    "shift": "shift",
}
_ORDER = ("ctrl", "cmd", "alt", "shift")
_KEYS = {
    "enter": "enter",
    "return": "enter",
    "space": "space",
    "spacebar": "space",
    "tab": "tab",
    "escape": "escape",
    "esc": "escape",
    "backspace": "backspace",
    "delete": "delete",
    "del": "delete",
    "home": "home",
    "end": "end",
    "pageup": "pageup",
    "pagedown": "pagedown",
    "left": "left",
    "arrowleft": "left",
    "right": "right",
    "arrowright": "right",
    "up": "up",
    "arrowup": "up",
    "down": "down",
    "arrowdown": "down",
}
# Combinations the browser or the system keeps for itself: allowed, with a warning.
_TAKEN = frozenset(
    f"{mod}+{key}"
    for mod in ("ctrl", "cmd")
    for key in ("t", "w", "n", "shift+t", "shift+n", "shift+w", "tab", "shift+tab", "l")
) | {"ctrl+pageup", "ctrl+pagedown", "cmd+pageup", "cmd+pagedown", "alt+f4", "f11"}


def _key(token: str) -> str:
    if token in _KEYS:
        return _KEYS[token]
    if (len(token) == 1 and token.isalnum()) or (token[:1] == "f" and token[1:].isdigit()):
        return token
    raise RilletAPIException(
        "shortcut must include a single character or one of the supported keys "
        "(e.g. Enter, Space, Tab, Escape)."
    )


def normalize_shortcut(shortcut: object) -> str | None:
    """The shortcut as the page matches it ("ctrl+shift+k"), or None for none."""
    if shortcut is None:
        return None
    if not isinstance(shortcut, str):
        raise type_error("shortcut", shortcut, ["str"])
    tokens = [t.strip().lower() for t in shortcut.split("+") if t.strip()]
    if not tokens:
        raise RilletAPIException("The `shortcut` must contain at least one key or modifier.")
    modifiers: set[str] = set()
    key: str | None = None
    for token in tokens:
        if token in _MODIFIERS:
            modifiers.add(_MODIFIERS[token])
            continue
        if key is not None:
            raise RilletAPIException("The `shortcut` may only specify a single non-modifier key.")
        key = _key(token)
        if key in ("c", "r"):
            raise RilletAPIException(
                "The `shortcut` cannot use the keys 'C' or 'R', with or without modifiers."
            )
    if key is None:
        raise RilletAPIException(
            "The `shortcut` must include a non-modifier key such as 'K' or 'Ctrl+K'."
        )
    normalized = "+".join([m for m in _ORDER if m in modifiers] + [key])
    if normalized in _TAKEN:
        log.warning(
            "The shortcut %s is typically reserved by the browser or operating system and may "
            "never reach the app. Consider choosing a different combination.",
            shortcut,
        )
    return normalized
