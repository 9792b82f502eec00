"""AppTest views of the chat elements, named and acting as in Streamlit's AppTest.

``at.chat_message`` lists the messages (blocks: their elements are looked up like the app's,
plus ``name`` and ``avatar``); ``at.chat_input[0].set_value("hi").run()`` submits a message,
which goes through the same server-side checks as one typed in a browser.
"""

from __future__ import annotations

from typing import Any, Self

from rillet.testing.apptest import BLOCKS, Block
from rillet.testing.elements import LEAVES, WIDGETS, Node, Widget


class ChatMessage(Block):
    """``st.chat_message`` (``at.chat_message``)."""

    type = "chat_message"

    @property
    def name(self) -> str:
        """The author, as the script gave it."""
        return str(self.props["name"])

    @property
    def avatar(self) -> str:
        """What is shown beside the message: "user" or "assistant" for the presets, the
        emoji, the image URL, or "" when the author's initial is shown (Streamlit's values)."""
        return str(self.props.get("avatar") or "")

    @property
    def avatar_type(self) -> str:
        """ "icon", "emoji" or "image"."""
        return str(self.props.get("avatar_type") or "icon")


class ChatInput(Widget):
    """``st.chat_input`` (``at.chat_input``): ``set_value(text)`` submits ``text`` on the next
    run; ``value`` is the text the app saw in the last run that read it, else None."""

    type = "chat_input"

    @property
    def placeholder(self) -> str:
        """The text shown while the box is empty (its accessible name)."""
        return str(self.props.get("placeholder", ""))

    @property
    def max_chars(self) -> int | None:
        """The longest message allowed."""
        return self.props.get("max_chars")

    @property
    def position(self) -> str:
        """ "bottom" when pinned to the bottom of the page, else "inline"."""
        return str(self.props.get("position", "inline"))

    @property
    def value(self) -> Any:
        """The text (or ``{"text", "files"}`` wire value) queued by `set_value`, else what the
        app sees now: text, a `ChatInputValue`, or None between submissions."""
        value = super().value
        if value is None or not isinstance(value, str):
            return value
        return str(value)

    @property
    def accept_file(self) -> bool | str:
        """False, True, "multiple" or "directory", as the script passed it."""
        return self.props.get("accept_file", False)

    def attach(self, name: str, data: bytes | str, type: str | None = None) -> ChatInput:
        """Attach a file as the box's attach button would (it uploads at once, so the upload
        rules apply and `UploadRejected` is raised for a file they refuse); the next
        `set_value` submits it with the text."""
        from rillet.elements import filestore

        content = data.encode() if isinstance(data, str) else bytes(data)
        record = filestore.uploads_of(self._at._session).add(
            self.id, name, type, content, filestore.max_upload_bytes()
        )
        self._attached.append(record.file_id)
        return self

    def record(self, data: bytes, name: str = "audio.wav") -> ChatInput:
        """Attach a voice recording (WAV bytes) as the microphone button would; the next
        `set_value` sends it with the text."""
        from rillet.elements import filestore

        record = filestore.uploads_of(self._at._session).add(
            self.id, name, "audio/wav", bytes(data), filestore.max_upload_bytes()
        )
        recordings: dict[str, str] = self._at.__dict__.setdefault("_chat_recorded", {})
        recordings[self.id] = record.file_id
        return self

    @property
    def _attached(self) -> list[str]:
        attached: dict[str, list[str]] = self._at.__dict__.setdefault("_chat_attached", {})
        return attached.setdefault(self.id, [])

    def set_value(self, value: Any) -> Self:
        """Submit ``value`` on the next run, as pressing Enter in the box would, with the
        files attached since the last submission. A dict is sent as the wire value as is
        (``{"text", "files", "audio"}``, ids included), to test what the server refuses."""
        if value is None:
            self._at._pending.pop(self.id, None)
            return self
        recordings: dict[str, str] = self._at.__dict__.setdefault("_chat_recorded", {})
        if isinstance(value, str) and (self._attached or self.id in recordings):
            wire: dict[str, Any] = {"text": value, "files": list(self._attached)}
            if self.id in recordings:
                wire["audio"] = recordings.pop(self.id)
            self._attached.clear()
            value = wire
        return super().set_value(value)


class MarkdownStream(Node):
    """Text that ``write_stream`` is still streaming (``at.get("markdown_stream")``); it
    becomes a markdown element when the stream ends, so tests mostly see it after an
    interrupted run."""

    type = "markdown_stream"

    @property
    def value(self) -> Any:
        """The text streamed so far."""
        return "".join(str(row[0]) for row in self.element.rows or [])


BLOCKS["chat_message"] = ChatMessage
WIDGETS["chat_input"] = ChatInput
LEAVES["markdown_stream"] = MarkdownStream
