"""AppTest views of the media elements (image, audio, video, pdf, logo) and of the capture
widgets (camera_input, audio_input), named as in Streamlit's AppTest."""

from __future__ import annotations

from typing import Any, Self

from rillet.testing.elements import LEAVES, WIDGETS, Node, Widget


def served_bytes(url: str) -> bytes:
    """The bytes the media route serves for ``url`` (an inline media URL)."""
    from rillet.elements.filestore import INLINE_MEDIA

    media = INLINE_MEDIA.get(url.rsplit("/", 1)[-1])
    if media is None:
        raise LookupError(f"{url!r} is not served (a URL the browser loads, or no longer shown)")
    return media.data


class Image(Node):
    """``st.image`` (``at.image``): ``value`` is the list of image URLs, ``captions`` their
    captions, ``images`` the bytes served for each."""

    type = "image"

    @property
    def spec(self) -> dict[str, Any]:
        """What the command sent: the images (URL, caption, alt, pixel size), width, link."""
        return dict(self.props)

    @property
    def value(self) -> list[str]:
        """The URL of each image."""
        return [str(item["url"]) for item in self.props["images"]]

    @property
    def captions(self) -> list[str]:
        """The caption of each image ("" for none, as Streamlit's AppTest)."""
        return [str(item.get("caption") or "") for item in self.props["images"]]

    @property
    def alts(self) -> list[str | None]:
        """The description of each image for screen readers."""
        return [item.get("alt") for item in self.props["images"]]

    @property
    def width(self) -> str | int:
        """ "content", "stretch" or pixels."""
        width: str | int = self.props["width"]
        return width

    @property
    def images(self) -> list[bytes]:
        """The bytes served for each image (raises for a URL the browser loads itself)."""
        return [served_bytes(url) for url in self.value]


class _Player(Node):
    @property
    def spec(self) -> dict[str, Any]:
        """What the command sent: URL, type, start and end, loop, autoplay, width ..."""
        return dict(self.props)

    @property
    def url(self) -> str:
        """Where the page loads the media from."""
        return str(self.props["url"])

    @property
    def value(self) -> str:
        return self.url

    @property
    def mime(self) -> str:
        """The content type the media is served as."""
        return str(self.props["mime"])

    @property
    def data(self) -> bytes:
        """The served bytes."""
        return served_bytes(self.url)

    @property
    def start_time(self) -> int:
        """Where playback starts, in seconds."""
        return int(self.props["start_time"])

    @property
    def end_time(self) -> int | None:
        """Where playback stops, in seconds (None: at the end)."""
        return self.props.get("end_time")


class Audio(_Player):
    """``st.audio`` (``at.audio``)."""

    type = "audio"


class Video(_Player):
    """``st.video`` (``at.video``); ``subtitles`` lists the tracks (label and VTT text)."""

    type = "video"

    @property
    def subtitles(self) -> list[tuple[str, str]]:
        """Each subtitle track's label and WebVTT text."""
        return [
            (str(t["label"]), served_bytes(str(t["url"])).decode("utf-8"))
            for t in self.props.get("subtitles") or []
        ]


class Pdf(Node):
    """``st.pdf`` (``at.pdf``): ``value`` is the URL of the served document."""

    type = "pdf"

    @property
    def value(self) -> str:
        return str(self.props["url"])

    @property
    def data(self) -> bytes:
        """The document's bytes."""
        return served_bytes(self.value)

    @property
    def height(self) -> str | int:
        """The viewer's height."""
        height: str | int = self.props["height"]
        return height


class Logo(Node):
    """``st.logo`` (``at.logo``): the logo's image (and icon image), link and size."""

    type = "logo"

    @property
    def value(self) -> str:
        """The logo's image URL (or emoji / icon name)."""
        return str(self.props["image"]["value"])

    @property
    def link(self) -> str | None:
        """Where a click on the logo leads."""
        return self.props.get("link")

    @property
    def size(self) -> str:
        """ "small", "medium" or "large"."""
        return str(self.props["size"])

    @property
    def icon_image(self) -> str | None:
        """The picture shown while the sidebar is closed, when it differs."""
        icon = self.props.get("icon_image")
        return None if icon is None else str(icon["value"])


class _Capture(Widget):
    """A widget whose value is one captured file: ``upload(name, data)`` (or ``set_value``
    with Streamlit's ``(name, bytes, mime)``) sends it through the upload store's checks;
    ``clear()`` removes it."""

    mime = "application/octet-stream"

    def upload(self, name: str, data: bytes, mime_type: str | None = None) -> Self:
        """Capture a file as the browser would; raises `UploadRejected` (with the message the
        user would see) for a file of another type."""
        from rillet.elements import filestore

        record = filestore.uploads_of(self._at._session).add(
            self.id, name, mime_type or self.mime, bytes(data), filestore.max_upload_bytes()
        )
        self._at._pending[self.id] = [record.file_id]
        return self

    def set_value(self, value: Any) -> Self:
        """``(name, bytes, mime)`` as in Streamlit's AppTest, or None to clear."""
        if value is None:
            return self.clear()
        if isinstance(value, tuple) and len(value) == 3:
            name, data, mime = value
            return self.upload(str(name), bytes(data), str(mime))
        raise TypeError(
            f"{self.type} takes one (filename, content, mime_type) tuple or None, "
            f"not {type(value).__name__}"
        )

    def clear(self) -> Self:
        """Remove the file, as the widget's clear button does."""
        self._at._pending[self.id] = []
        return self


class CameraInput(_Capture):
    """``st.camera_input`` (``at.camera_input``): ``value`` is the photo or None."""

    type = "camera_input"
    mime = "image/jpeg"

    @property
    def resolution(self) -> str | None:
        """ "480p", "720p", "1080p" or None."""
        height = self.props.get("resolution_height")
        return None if height is None else f"{height}p"


class AudioInput(_Capture):
    """``st.audio_input`` (``at.audio_input``): ``value`` is the recording or None."""

    type = "audio_input"
    mime = "audio/wav"

    @property
    def sample_rate(self) -> int | None:
        """The recording's sample rate (None: the microphone's own)."""
        return self.props.get("sample_rate")


LEAVES.update({"image": Image, "audio": Audio, "video": Video, "pdf": Pdf, "logo": Logo})
WIDGETS.update({"camera_input": CameraInput, "audio_input": AudioInput})
