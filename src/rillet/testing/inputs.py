"""AppTest views of number, text area, date, time, download, link and upload elements.

Named and acting as in Streamlit's AppTest (``at.number_input[0].increment()``,
``at.text_area[0].input("...")``, ``at.date_input[0].set_value(date(...))``,
``at.time_input[0].increment()``). Streamlit's AppTest cannot upload files; here
``at.file_uploader[0].upload(name, data, type)`` stores a file exactly as the upload route does
(same type and size checks) and queues its id, as the browser would;
``upload_directory(folder)`` sends every file of a folder on disk to a folder uploader, named
by its path as a browser names it.
"""

from __future__ import annotations

import mimetypes
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Self

from rillet.elements import filestore
from rillet.elements.files import download_bytes
from rillet.testing.elements import LEAVES, WIDGETS, Button, Node, TextInput, Widget


class NumberInput(Widget):
    """``st.number_input`` (``at.number_input``)."""

    type = "number_input"

    @property
    def min(self) -> float | None:
        """The lowest value allowed, or None."""
        return self.props.get("min")

    @property
    def max(self) -> float | None:
        """The highest value allowed, or None."""
        return self.props.get("max")

    @property
    def step(self) -> float:
        """What the steppers add or take away."""
        return (
            float(self.props["step"])
            if self.props.get("dtype") == "float"
            else int(self.props["step"])
        )

    @property
    def format(self) -> str | None:
        """The printf-style format of the shown number."""
        return self.props.get("format")

    @property
    def placeholder(self) -> str | None:
        """The text shown while the box is empty."""
        return self.props.get("placeholder")

    def increment(self) -> Self:
        """Press "+": add ``step``, stopping at ``max``."""
        if self.value is None:
            return self
        high = self.max if self.max is not None else float("inf")
        return self.set_value(min(self.value + self.step, high))

    def decrement(self) -> Self:
        """Press "-": take ``step`` away, stopping at ``min``."""
        if self.value is None:
            return self
        low = self.min if self.min is not None else float("-inf")
        return self.set_value(max(self.value - self.step, low))


class TextArea(TextInput):
    """``st.text_area`` (``at.text_area``): ``input(text)`` types it and applies it."""

    type = "text_area"

    def input(self, value: str) -> Self:
        """Type ``value`` and apply it; longer than ``max_chars`` is ignored, as in the
        browser (and in Streamlit's AppTest)."""
        if self.max_chars and len(value) > self.max_chars:
            return self
        return self.set_value(value)

    @property
    def height(self) -> int | str | None:
        """The height the box was given."""
        return self.props.get("height")


class DateInput(Widget):
    """``st.date_input`` (``at.date_input``): ``set_value(date)`` or a tuple for a range."""

    type = "date_input"

    @property
    def min(self) -> date:
        """The earliest date allowed."""
        return date.fromisoformat(self.props["min"])

    @property
    def max(self) -> date:
        """The latest date allowed."""
        return date.fromisoformat(self.props["max"])

    @property
    def is_range(self) -> bool:
        """True for a range (the value is a tuple)."""
        return bool(self.props.get("is_range"))

    @property
    def format(self) -> str:
        """How the box shows dates."""
        return str(self.props.get("format"))

    def set_value(self, value: Any) -> Self:
        """Pick ``value`` (a date, a datetime, or a tuple of them for a range)."""
        if isinstance(value, datetime):
            value = value.date()
        elif isinstance(value, list | tuple):
            value = tuple(v.date() if isinstance(v, datetime) else v for v in value)
        return super().set_value(value)


class TimeInput(Widget):
    """``st.time_input`` (``at.time_input``): ``set_value``, ``increment``, ``decrement``."""

    type = "time_input"

    @property
    def step(self) -> int:
        """The spacing of the offered times, in seconds."""
        return int(self.props["step"])

    def set_value(self, value: Any) -> Self:
        """Set ``value`` (a time, or a datetime whose time is used)."""
        if isinstance(value, datetime):
            value = value.time()
        return super().set_value(value)

    def increment(self) -> Self:
        """Select the next time, ``step`` later."""
        return self._shift(self.step)

    def decrement(self) -> Self:
        """Select the previous time, ``step`` earlier."""
        return self._shift(-self.step)

    def _shift(self, seconds: int) -> Self:
        if self.value is None:
            return self
        moment = datetime.combine(date.today(), self.value) + timedelta(seconds=seconds)
        return self.set_value(moment.time())


class DownloadButton(Button):
    """``st.download_button`` (``at.download_button``): ``click()`` as a button; ``data`` is
    what a click downloads."""

    type = "download_button"

    @property
    def file_name(self) -> str:
        """The name the browser saves the file under."""
        return str(self.props.get("file_name"))

    def _media(self) -> filestore.MediaFile:
        url = str(self.props.get("url", ""))
        media = filestore.media_of(self._at._session).get(url.rsplit("/", 1)[-1])
        if media is None:
            raise LookupError(f"the download of {self.label!r} is no longer served")
        return media

    @property
    def data(self) -> bytes:
        """The bytes a click downloads (a callable ``data`` is called, as a click does)."""
        media = self._media()
        raw = media.data() if callable(media.data) else media.data
        return download_bytes(raw, media.mime)[0]

    @property
    def mime(self) -> str:
        """The content type the download is served with."""
        media = self._media()
        raw = media.data() if callable(media.data) else media.data
        return download_bytes(raw, media.mime)[1]


class FileUploader(Widget):
    """``st.file_uploader`` (``at.file_uploader``): ``upload(name, data, type)`` and
    ``clear()``; ``value`` is what the app gets (an `UploadedFile`, a list, or None)."""

    type = "file_uploader"

    @property
    def types(self) -> list[str]:
        """The allowed extensions (empty: any file)."""
        return list(self.props.get("types") or [])

    @property
    def multiple(self) -> bool:
        """True when several files are taken."""
        return bool(self.props.get("multiple"))

    @property
    def directory(self) -> bool:
        """True for a folder uploader (``accept_multiple_files="directory"``)."""
        return bool(self.props.get("directory"))

    def _wire(self) -> list[str]:
        if self.id in self._at._pending:
            return list(self._at._pending[self.id])
        return list(self.props.get("value") or [])

    def upload(self, name: str, data: bytes | str, type: str | None = None) -> Self:
        """Upload a file as the browser would; raises `UploadRejected` (with the message the
        user would see) when the uploader does not take it."""
        content = data.encode() if isinstance(data, str) else bytes(data)
        record = filestore.uploads_of(self._at._session).add(
            self.id, name, type, content, filestore.max_upload_bytes()
        )
        ids = [*self._wire(), record.file_id] if self.multiple else [record.file_id]
        self._at._pending[self.id] = ids
        return self

    def upload_directory(self, folder: str | Path) -> Self:
        """Pick ``folder`` (a folder on disk) as a user would in a folder uploader: each of its
        files, subfolders included, is uploaded under its path ("folder/sub/a.txt") with the
        type a browser guesses from its extension. Files the uploader refuses are skipped and
        listed, with the message the page would show, in ``refused`` of the returned view."""
        if not self.directory:
            raise TypeError("upload_directory needs accept_multiple_files='directory'.")
        root = Path(folder).resolve()
        if not root.is_dir():
            raise NotADirectoryError(str(root))
        self.refused: list[tuple[str, str]] = []
        store = filestore.uploads_of(self._at._session)
        ids = self._wire()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = f"{root.name}/{path.relative_to(root).as_posix()}"
            try:
                record = store.add(
                    self.id,
                    name,
                    mimetypes.guess_type(path.name)[0],
                    path.read_bytes(),
                    filestore.max_upload_bytes(),
                )
            except filestore.UploadRejected as exc:
                self.refused.append((name, exc.message))
                continue
            ids.append(record.file_id)
        self._at._pending[self.id] = ids
        return self

    def clear(self) -> Self:
        """Remove every file, as the user's remove buttons do."""
        self._at._pending[self.id] = []
        return self


class LinkButton(Node):
    """``st.link_button`` (``at.link_button``): a link; ``click()`` presses it as a button
    when its ``on_click`` reruns the app ("rerun" or a callable)."""

    type = "link_button"

    @property
    def label(self) -> str:
        """The text on the button."""
        return str(self.props.get("label", ""))

    @property
    def url(self) -> str:
        """Where it leads."""
        return str(self.props.get("url", ""))

    @property
    def value(self) -> str:
        """The URL, as the element's main content."""
        return self.url

    def click(self) -> Self:
        """Open the link, as a click does: the next run sees it as clicked when the link reruns
        the app; a plain link (``on_click="ignore"``) changes nothing in the app."""
        if self.props.get("rerun") and self.element.id is not None:
            self._at._pending[self.element.id] = True
        return self


WIDGETS.update(
    {
        "number_input": NumberInput,
        "text_area": TextArea,
        "date_input": DateInput,
        "time_input": TimeInput,
        "download_button": DownloadButton,
        "file_uploader": FileUploader,
    }
)
LEAVES.update({"link_button": LinkButton})

__all__ = [
    "DateInput",
    "DownloadButton",
    "FileUploader",
    "LinkButton",
    "NumberInput",
    "TextArea",
    "TimeInput",
]
