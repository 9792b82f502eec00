"""The ``st.column_config`` factories added in Streamlit's newest releases: audio and video
players, markdown text and buttons in cells. Kept apart from `column_types` so each module
stays short; they build the same plain dicts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rillet.elements.column_types import _common
from rillet.elements.validate import missing_error, value_error

BUTTON_TYPES = ("primary", "secondary", "tertiary")


@dataclass(frozen=True)
class ButtonColumnResult:
    """A `ButtonColumn` with a ``key``: its column config, and the click callback the table
    registers as a widget (a plain dict cannot carry a callable, so Streamlit wraps it too)."""

    config: dict[str, Any]
    on_click: Callable[..., Any] | None = None
    args: Sequence[Any] | None = None
    kwargs: dict[str, Any] | None = None
    key: str | None = None


def AudioColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
) -> dict[str, Any]:
    """Configure a column of audio URLs (http(s), relative, or ``data:audio/...``), each cell a
    small player (read-only).

    Parameters:
        label, width, help, pinned: As for `Column`.
        alignment: "left", "center" (default) or "right".
    """
    return _common(label, width, help, pinned, alignment=alignment,
                   type_config={"type": "audio"})


def VideoColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
) -> dict[str, Any]:
    """Configure a column of video URLs (http(s), relative, or ``data:video/...``), each cell
    a play button that opens the video with its controls (read-only).

    Parameters:
        label, width, help, pinned: As for `Column`.
        alignment: "left", "center" (default) or "right".
    """
    return _common(label, width, help, pinned, alignment=alignment,
                   type_config={"type": "video"})


def MarkdownColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    default: str | None = None,
) -> dict[str, Any]:
    """Configure a column of markdown text: cells show it formatted (emphasis, code, links);
    `data_editor` edits the markdown source as text.

    Parameters:
        label, width, help, disabled, required, pinned, alignment: As for `Column`.
        default: The value of this column in a row the user adds.
    """
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   alignment=alignment, default=default, type_config={"type": "markdown"})


def ButtonColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    type: str = "secondary",
    on_click: Callable[..., Any] | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    key: str | None = None,
) -> dict[str, Any] | ButtonColumnResult:
    """Configure a column of buttons: each cell's text (or each text of a list) is a button
    that reruns the app with the click in ``session_state[key]`` (read-only cells).

    A click stores ``{"row": position in the data, "label": the button's text}`` (readable
    as ``click.row`` too) under ``key`` for the rerun it causes, then None again, and runs
    ``on_click`` first, as a button's callback.

    Parameters:
        label, width, help, pinned: As for `Column`.
        alignment: "left", "center" (default) or "right".
        type: "primary", "secondary" (default) or "tertiary" (plain text).
        on_click: A callback run when a button is clicked (needs ``key``).
        args: Positional arguments for ``on_click``.
        kwargs: Keyword arguments for ``on_click``.
        key: The ``session_state`` key of the click; without one the buttons do nothing.
    """
    if type not in BUTTON_TYPES:
        raise value_error("type", BUTTON_TYPES, f"Got {type!r}.")
    config = _common(label, width, help, pinned, disabled=True, alignment=alignment,
                     type_config={"type": "button", "button_type": type})
    if key is not None:
        return ButtonColumnResult(config, on_click, args, kwargs, str(key))
    if on_click is not None or args is not None or kwargs is not None:
        raise missing_error(
            "key",
            "Callbacks passed via `on_click`, `args`, or `kwargs` need a unique key to be "
            "registered.",
        )
    return config
