"""``ChatInputValue``: what ``st.chat_input`` returns when it takes attachments or voice.

Streamlit returns this object (text, files and audio, readable as attributes or as a mapping)
as soon as ``accept_file`` or ``accept_audio`` is on, so scripts written for it read
``prompt.text`` and ``prompt["files"]``; rillet gives them the same shape. A key the widget
does not accept is absent, and reading it as an attribute raises ``AttributeError``.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

from rillet.elements.files import UploadedFile

__all__ = ["ChatInputValue"]

ChatInputItem = str | list[UploadedFile] | UploadedFile | None


class ChatInputValue(MutableMapping[str, ChatInputItem]):
    """The text, files and recording of one chat submission."""

    def __init__(
        self,
        text: str,
        files: list[UploadedFile] | None = None,
        audio: UploadedFile | None = None,
        *,
        include_files: bool = False,
        include_audio: bool = False,
    ) -> None:
        fields: dict[str, ChatInputItem] = {"text": text}
        if include_files:
            fields["files"] = list(files or [])
        if include_audio:
            fields["audio"] = audio
        object.__setattr__(self, "_fields", fields)
        object.__setattr__(self, "_accepted", frozenset(fields))

    def __getattr__(self, name: str) -> Any:
        fields: dict[str, ChatInputItem] = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        if name in ("files", "audio"):
            flag = "accept_file" if name == "files" else "accept_audio"
            raise AttributeError(
                f"'ChatInputValue' object has no attribute '{name}' ({flag}=False)"
            )
        raise AttributeError(f"'ChatInputValue' object has no attribute '{name}'")

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def to_dict(self) -> dict[str, ChatInputItem]:
        """The accepted keys and their values, as a plain dict."""
        return dict(self._fields)

    def __getitem__(self, key: str) -> ChatInputItem:
        if key not in self._fields:
            raise KeyError(f"Invalid key: {key}")
        return self._fields[key]

    def __setitem__(self, key: str, value: ChatInputItem) -> None:
        if key not in self._accepted:
            raise KeyError(f"Invalid key: {key}")
        self._fields[key] = value

    def __delitem__(self, key: str) -> None:
        if key not in self._fields:
            raise KeyError(f"Invalid key: {key}")
        del self._fields[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._fields))

    def __len__(self) -> int:
        return len(self._fields)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ChatInputValue):
            return self._fields == other._fields
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields.items())
        return f"ChatInputValue({inner})"
