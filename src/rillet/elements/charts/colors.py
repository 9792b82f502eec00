"""Colours as the built-in charts take them: hex strings, ``rgb()`` text, RGB(A) tuples of
0-255 ints or 0.0-1.0 floats, and the theme's named colours, with Streamlit's checks."""

from __future__ import annotations

from typing import Any

from rillet.runtime.errors import RilletAPIException

# Named colours the browser resolves to the page theme's colours.
BUILTIN_COLOR_NAMES = frozenset(
    {"red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "primary"}
)


def is_hex_color_like(color: object) -> bool:
    """A ``#`` and 3, 4, 6 or 8 alphanumerics (a light check, as Streamlit's)."""
    return (
        isinstance(color, str)
        and color.startswith("#")
        and color[1:].isalnum()
        and len(color) in (4, 5, 7, 9)
    )


def is_color_tuple_like(color: object) -> bool:
    """Three or four numbers in a tuple or list."""
    return (
        isinstance(color, tuple | list)
        and len(color) in (3, 4)
        and all(isinstance(c, int | float) for c in color)
    )


def is_css_color_like(color: object) -> bool:
    """Hex or ``rgb(...)``/``rgba(...)`` text: what Vega takes as is."""
    return is_hex_color_like(color) or (
        isinstance(color, str) and color.startswith(("rgb(", "rgba("))
    )


def is_color_like(color: object) -> bool:
    """A colour given as hex, css ``rgb()`` or a tuple (not a theme colour name)."""
    return is_css_color_like(color) or is_color_tuple_like(color)


def is_builtin_color_name(color: object) -> bool:
    """One of the theme's named colours ("red", "primary" ...), in any case."""
    return isinstance(color, str) and color.lower() in BUILTIN_COLOR_NAMES


def invalid_color(color: object) -> RilletAPIException:
    """Streamlit's error for something that is not a colour."""
    return RilletAPIException(
        f"This does not look like a valid color: {color!r}.\n\n"
        "Colors must be in one of the following formats:\n\n"
        "* Hex string with 3, 4, 6, or 8 digits. Example: `'#00ff00'`\n"
        "* List or tuple with 3 or 4 components. Example: `[1.0, 0.5, 0, 0.2]`"
    )


def _channel(value: Any, color: object) -> int:
    if isinstance(value, float):
        value = int(value * 255)
    if isinstance(value, int):
        return min(255, max(value, 0))
    raise invalid_color(color)


def _alpha(value: Any, color: object) -> float:
    if isinstance(value, int):
        value = value / 255.0
    if isinstance(value, float):
        return min(1.0, max(value, 0.0))
    raise invalid_color(color)


def to_css_color(color: Any) -> str:
    """The colour as text Vega draws: hex and ``rgb()`` text as given, tuples as
    ``rgb(r, g, b)`` / ``rgba(r, g, b, a)``."""
    if is_css_color_like(color):
        return str(color)
    if is_color_tuple_like(color):
        r, g, b = (_channel(c, color) for c in color[:3])
        if len(color) == 3:
            return f"rgb({r}, {g}, {b})"
        return f"rgba({r}, {g}, {b}, {_alpha(color[3], color)})"
    raise invalid_color(color)
