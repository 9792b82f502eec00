"""Checks shared by element commands: widths, heights, gaps, icons, and Streamlit's errors.

Each raises `RilletAPIException` with the wording of Streamlit (1.67), so a script that passes
a bad value learns what it would under Streamlit, at the line that passed it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from rillet.runtime.errors import RilletAPIException

log = logging.getLogger("rillet.elements")

_MATERIAL = re.compile(r"^:([^/:]+)/([a-z0-9_]+):$")
_SHORTCODE = re.compile(r"^:[A-Za-z0-9_+\-]+:$")
_ICON_HINT = (
    "Please use a single emoji or a Material icon shortcode like `:material\u200b/thumb_up:`."
)
GAPS = ("xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge")


# --- Streamlit's generic errors ---------------------------------------------------------------


def value_error(
    parameter: str, valid: Sequence[str], detail: str | None = None
) -> RilletAPIException:
    """A value outside a known set: "Invalid `x` value. Supported values: ..."."""
    message = f"Invalid `{parameter}` value. Supported values: {', '.join(valid)}."
    return RilletAPIException(f"{message} {detail}" if detail else message)


def type_error(parameter: str, value: object, expected: Sequence[str]) -> RilletAPIException:
    """A value of a type the parameter does not take."""
    return RilletAPIException(
        f"Invalid `{parameter}` type. Expected one of: {', '.join(expected)}. "
        f"Provided type: {type(value).__name__}."
    )


def missing_error(parameter: str, detail: str | None = None) -> RilletAPIException:
    """A required parameter that is missing, None or empty."""
    message = f"The `{parameter}` parameter is required."
    return RilletAPIException(f"{message} {detail}" if detail else message)


def range_error(parameter: str, value: object, low: object, high: object) -> RilletAPIException:
    """A value outside a closed interval."""
    return RilletAPIException(
        f"The `{parameter}` parameter, set to {value}, is outside the required range "
        f"[{low}, {high}]."
    )


def incompatible_error(*uses: str, explanation: str) -> RilletAPIException:
    """Parameters (or parameter values) that cannot be used together."""
    quoted = [f"`{use}`" for use in uses]
    text = (
        " and ".join(quoted) if len(quoted) == 2 else ", ".join(quoted[:-1]) + f", and {quoted[-1]}"
    )
    return RilletAPIException(f"{text} cannot be used together. {explanation}")


def not_supported(command: str, parameter: str, value: object) -> NotImplementedError:
    """A parameter value rillet accepts in the signature but cannot honour yet."""
    return NotImplementedError(
        f"st.{command}: `{parameter}={value!r}` is not supported by rillet yet."
    )


# --- sizes ------------------------------------------------------------------------------------


def _pixels(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _valid_sizes(allow_content: bool) -> str:
    if allow_content:
        return "a positive integer (pixels), 'stretch', or 'content'"
    return "a positive integer (pixels) or 'stretch'"


def check_width(width: object, *, allow_content: bool = False) -> str | int:
    """``"stretch"``, a positive number of pixels, or (where allowed) ``"content"``."""
    if width == "stretch" or (allow_content and width == "content") or _pixels(width):
        return width  # type: ignore[return-value]
    raise RilletAPIException(
        f"Invalid width value: {width!r}. Width must be either {_valid_sizes(allow_content)}."
    )


def check_height(height: object, *, allow_content: bool = False) -> str | int:
    """``"stretch"``, a positive number of pixels, or (where allowed) ``"content"``."""
    if height == "stretch" or (allow_content and height == "content") or _pixels(height):
        return height  # type: ignore[return-value]
    raise RilletAPIException(
        f"Invalid height value: {height!r}. Height must be either {_valid_sizes(allow_content)}."
    )


def check_gap(gap: object) -> str | int | None:
    """A gap size name, None (no gap) or a non-negative number of pixels."""
    if gap is None or (isinstance(gap, int) and not isinstance(gap, bool) and gap >= 0):
        return gap
    if isinstance(gap, str) and gap.lower() in GAPS:
        return gap.lower()
    valid = [*(f"'{g}'" for g in GAPS), "None", "a non-negative integer (pixels)"]
    raise value_error("gap", valid, f"Got {gap!r}.")


def check_bool(parameter: str, value: object) -> bool:
    """A real bool: anything else would silently mean something else."""
    if not isinstance(value, bool):
        raise type_error(parameter, value, ["bool"])
    return value


def quoted(values: Sequence[str]) -> list[str]:
    """Allowed values as an error message lists them: each in single quotes."""
    return [f"'{v}'" for v in values]


def check_wrap(wrap: object) -> bool:
    """A block's or button's ``wrap``: True or False, with Streamlit's error otherwise."""
    if not isinstance(wrap, bool):
        raise value_error("wrap", ["True", "False"])
    return wrap


def key_prop(key: object) -> str | None:
    """A block's ``key`` as its props carry it (the page's ``st-key-<key>`` class)."""
    return None if key is None else str(key)


# --- icons ------------------------------------------------------------------------------------


def check_icon(icon: object) -> str | None:
    """An emoji, ``"spinner"`` or a ``:material/name:`` icon; None when there is none.

    An emoji is anything that is not plain ASCII; shortcodes such as ``:smile:`` are refused,
    as in Streamlit. Material icons need an icon font, which rillet does not ship: they are
    accepted (scripts written for Streamlit run) and the browser leaves them out.
    """
    if icon is None:
        return None
    if not isinstance(icon, str):
        raise type_error("icon", icon, ["str", "None"])
    text = icon.strip()
    if not text:
        return None
    if text == "spinner":
        return text
    if text.lower().startswith(":material"):
        match = _MATERIAL.match(text)
        if not match or match.group(1) != "material":
            shown = text.replace("/", "\u200b/")
            raise RilletAPIException(
                f'The value `"{shown}"` is not a valid Material icon. Please use a Material '
                "icon shortcode like **`:material\u200b/thumb_up:`**"
            )
        return text
    if _SHORTCODE.match(text):
        raise RilletAPIException(
            f'The value "{text}" is not a valid icon. Emoji shortcodes are not supported. '
            + _ICON_HINT
        )
    if "://" in text or text[:5].lower() == "data:" or text.startswith("//"):
        shown = text if len(text) <= 60 else f"{text[:60]}…"
        raise RilletAPIException(
            f'The value "{shown}" looks like a URL. Images are not supported for `icon`. '
            f"{_ICON_HINT} To follow support for image icons, see "
            "https://github.com/streamlit/streamlit/issues/9770."
        )
    if text.isascii():
        raise RilletAPIException(f'The value "{text}" is not a valid icon. {_ICON_HINT}')
    return text


# A leading emoji: a flag, a pictograph (with skin tones, variation selectors and ZWJ
# sequences) or a keycap, then an optional separator (spaces, dashes, underscores). Enough for
# the icons people start messages with.
_PICTOGRAPH = (
    r"[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u297f\u2b00-\u2bff\u3297\u3299"
    r"\U0001f000-\U0001faff]"
)
_MODIFIERS = r"[\ufe0f\U0001f3fb-\U0001f3ff]*"
_LEADING_EMOJI = re.compile(
    rf"^((?:[\U0001f1e6-\U0001f1ff]{{2}})|(?:{_PICTOGRAPH}{_MODIFIERS}(?:\u200d{_PICTOGRAPH}{_MODIFIERS})*)"
    r"|(?:[0-9#*]\ufe0f?\u20e3))[_ -]*(.*)$",
    re.DOTALL,
)


def leading_icon(text: str) -> tuple[str | None, str]:
    """Split a leading emoji or ``:material/name:`` icon off ``text`` (alerts show it as their
    icon, as Streamlit does); returns (None, text) when there is none."""
    if text.startswith(":material"):
        match = re.match(r"^(:[^:\s]+:)\s*(.*)$", text, re.DOTALL)
        if match and _MATERIAL.match(match.group(1)):
            return match.group(1), match.group(2)
    if text.isascii():
        return None, text
    match = _LEADING_EMOJI.match(text)
    if match is None:
        return None, text
    return match.group(1), match.group(2)


def alt_text(alt: object, *, allow_empty: bool = False) -> str | None:
    """Streamlit's handling of ``alt``: stripped text, or None for None and blanks.

    With ``allow_empty`` (images) an empty string is kept: it marks the image as decorative.
    """
    if alt is None:
        return None
    text = str(alt)
    if text == "" and allow_empty:
        return ""
    if not text.strip():
        log.warning("`alt` was empty or whitespace-only and will be ignored.")
        return None
    return text.strip()


def widen_to_default(values: list[Any], low: Any, high: Any) -> tuple[list[Any], Any, Any]:
    """A slider's default and bounds as Streamlit 1.67 settles them: reversed bounds or a
    reversed (start, end) default are swapped, and the bounds widen to take in a default that
    lies outside them (``slider("x", 0, 10, 20)`` is a 0-20 slider set to 20), no error."""
    if low > high:
        low, high = high, low
    if len(values) == 2 and values[0] > values[1]:
        values = [values[1], values[0]]
    return values, min([low, *values]), max([high, *values])
