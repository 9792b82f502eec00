"""``st.audio``, ``st.video`` and ``st.pdf``: players and a document viewer for media the
server holds or the browser loads from a URL.

Bytes, files and numpy sound are kept once in the process's inline media store (see
``images.py``) and served from the media route, which answers byte-range requests
(``server/ranges.py``): that is what lets the browser's native ``<audio controls>`` and
``<video controls>`` seek in a file they have not loaded yet. Numpy sound is encoded to
16-bit WAV here with the standard library's ``wave``; SRT subtitles are turned into the
WebVTT that ``<track>`` reads.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import wave
from datetime import timedelta
from pathlib import Path
from typing import Any

from rillet.elements.base import Container, command, emit
from rillet.elements.charts.dispatch import type_name
from rillet.elements.filestore import add_inline
from rillet.elements.images import is_url, open_error
from rillet.elements.validate import (
    alt_text,
    check_height,
    check_width,
    incompatible_error,
    missing_error,
    type_error,
    value_error,
)
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException

__all__ = ["audio", "pdf", "srt_to_vtt", "video", "wav_bytes"]

log = logging.getLogger("rillet.media")

_TIME_ERROR = (
    "Failed to convert '{name}' to a timedelta. Please use a string in a format supported by "
    "[Pandas Timedelta constructor]"
    "(https://pandas.pydata.org/docs/reference/api/pandas.Timedelta.html), "
    'e.g. `"10s"`, `"15 seconds"`, or `"1h23s"`. Got: {value}'
)
_CLOCK = re.compile(r"^(-)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")
_MEDIA_TYPES = ["str", "bytes", "Path", "BytesIO", "file-like", "ndarray"]
_SRT_TIMING = re.compile(r"\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}")
_SRT_COMMA = re.compile(r"(\d{2}:\d{2}:\d{2}),(\d{3})")
_YOUTUBE = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)"
    r"|youtu\.be/)([A-Za-z0-9_-]{11})"
)


# --- times ---------------------------------------------------------------------------------------


def _seconds(value: Any, name: str) -> float | None:
    """Seconds from a number, a ``timedelta`` or a string such as "10s", "1h23s", "0:01:30"."""
    if value is None:
        return None
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        clock = _CLOCK.match(value.strip())
        if clock:
            sign = -1 if clock.group(1) else 1
            hours, minutes, secs = clock.group(2, 3, 4)
            return sign * (int(hours) * 3600 + int(minutes) * 60 + float(secs))
        from rillet.caching.limits import parse_ttl

        try:
            seconds = parse_ttl(value)
        except RilletAPIException:
            seconds = None
        if seconds is not None and not math.isnan(seconds):
            return seconds
    raise RilletAPIException(_TIME_ERROR.format(name=name, value=value))


def media_times(start_time: Any, end_time: Any) -> tuple[int, int | None]:
    """``start_time`` and ``end_time`` as whole seconds, as Streamlit keeps them."""
    start = _seconds(start_time, "start_time")
    if start is None:
        raise RilletAPIException(_TIME_ERROR.format(name="start_time", value=start_time))
    end = _seconds(end_time, "end_time")
    return int(start), None if end is None else int(end)


# --- data ------------------------------------------------------------------------------------


def wav_bytes(samples: Any, sample_rate: int) -> bytes:
    """Numpy samples as a 16-bit PCM WAV file, scaled to full range as Streamlit scales them.

    A 1-D array is one channel; a 2-D array is one row per channel.
    """
    import numpy as np

    data = np.array(samples, dtype=float)
    if data.ndim == 1:
        channels = 1
    elif data.ndim == 2:
        channels = data.shape[0]
        data = data.T.ravel()
    else:
        raise RilletAPIException("Numpy array audio input must be a 1D or 2D array.")
    if data.size:
        peak = np.max(np.abs(data))
        data = data / peak * 32767 if peak > 0 else data
    frames = data.astype("<i2").tobytes()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setframerate(sample_rate)
        out.setsampwidth(2)
        out.writeframes(frames)
    return buffer.getvalue()


def _media_bytes(data: Any) -> bytes | str:
    """The bytes of ``data``, or a URL the browser loads itself."""
    if isinstance(data, Path):
        data = str(data)
    if isinstance(data, str):
        if not os.path.isfile(data) and is_url(data):
            return data.strip()
        try:
            with open(data, "rb") as file:
                return file.read()
        except (OSError, ValueError):
            raise open_error(data) from None
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    if isinstance(data, io.BytesIO):
        return data.getvalue()
    if isinstance(data, io.RawIOBase | io.BufferedReader):
        data.seek(0)
        return data.read() or b""
    if type_name(data) == "numpy.ndarray":
        return bytes(data.tobytes())
    raise type_error("data", data, _MEDIA_TYPES)


def _served(data: bytes | str, mime: str) -> str:
    """The URL the page loads ``data`` from."""
    if isinstance(data, str):
        return data
    ctx = context.current()
    return "" if ctx is None else add_inline(ctx.session, data, mime).url


def _player_props(
    url: str,
    mime: str,
    start: int,
    end: int | None,
    loop: bool,
    autoplay: bool,
    alt: str | None,
    width: Any,
) -> dict[str, Any]:
    props: dict[str, Any] = {
        "url": url,
        "mime": mime,
        "start_time": start,
        "loop": bool(loop),
        "autoplay": bool(autoplay),
        "width": check_width(width),
    }
    if end is not None:
        props["end_time"] = end
    shown_alt = alt_text(alt)
    if shown_alt is not None:
        props["alt"] = shown_alt
    return props


@command
def audio(
    data: Any,
    format: str = "audio/wav",
    start_time: Any = 0,
    *,
    sample_rate: int | None = None,
    end_time: Any = None,
    loop: bool = False,
    autoplay: bool = False,
    alt: str | None = None,
    width: int | str = "stretch",
) -> Container:
    """Display an audio player (the browser's own, with seeking).

    Args:
        data: The sound: a file path (str or ``Path``), an http(s) or data URL, bytes, a
            ``BytesIO`` or an open binary file of an encoded file (WAV, MP3, OGG ...), or a
            numpy array of samples (1-D, or 2-D with one row per channel; needs
            ``sample_rate``), which is encoded as 16-bit WAV.
        format: The content type the bytes are served as (default "audio/wav").
        start_time: Where playback starts: seconds, a ``timedelta`` or a string such as
            "10s" or "1m30s" (whole seconds are kept).
        sample_rate: Samples per second of a numpy array (required for one; ignored, with a
            warning, otherwise).
        end_time: Where playback stops (same forms as ``start_time``); None plays to the end.
        loop: Start again from ``start_time`` at the end.
        autoplay: Start playing when shown (browsers may refuse until the user has
            interacted with the page).
        alt: A description for screen readers (the player's accessible name).
        width: "stretch" (default) or a number of pixels.
    """
    start, end = media_times(start_time, end_time)
    check_width(width)
    is_array = type_name(data) == "numpy.ndarray"
    if is_array and sample_rate is None:
        raise missing_error("sample_rate", "Must be specified when `data` is a numpy array.")
    if not is_array and sample_rate is not None:
        log.warning("`sample_rate` will be ignored since data is not a numpy array.")
    if data is None:
        url = ""
    elif is_array:
        url = _served(wav_bytes(data, int(sample_rate or 0)), format)
    else:
        url = _served(_media_bytes(data), format)
    return emit("audio", _player_props(url, format, start, end, loop, autoplay, alt, width))


# --- subtitles ---------------------------------------------------------------------------------


def _is_srt(data: bytes) -> bool:
    try:
        lines = data[:33].decode("utf-8").strip().split("\n")
    except UnicodeDecodeError:
        return False
    return len(lines) >= 2 and lines[0].strip().isdigit() and bool(_SRT_TIMING.search(lines[1]))


def srt_to_vtt(srt: str | bytes) -> bytes:
    """SRT subtitles as WebVTT: a header, and a dot before the milliseconds."""
    if isinstance(srt, bytes):
        try:
            srt = srt.decode("utf-8")
        except UnicodeDecodeError:
            raise RilletAPIException("Could not decode the input stream as UTF-8.") from None
    text = "WEBVTT\n\n" + _SRT_COMMA.sub(r"\1.\2", srt.replace("\r\n", "\n"))
    return text.strip().encode("utf-8")


def _subtitle_bytes(data: Any) -> bytes:
    """One subtitle track as WebVTT bytes, from a file, VTT or SRT text, bytes or BytesIO."""
    if isinstance(data, str | Path):
        if os.path.isfile(data):
            suffix = Path(data).suffix.lower()
            if suffix not in (".srt", ".vtt"):
                raise value_error("subtitles", [".srt", ".vtt"], f"Got {suffix}.")
            content = Path(data).read_bytes()
            return srt_to_vtt(content) if suffix == ".srt" else content
        if isinstance(data, Path):
            raise RilletAPIException(f"File {data} does not exist.")
        text = data.strip()
        if text.startswith("WEBVTT") or text == "":
            return text.encode("utf-8")
        if _is_srt(text.encode("utf-8")):
            return srt_to_vtt(text)
        raise value_error("subtitles", ["VTT-formatted text", "SRT-formatted text"])
    if isinstance(data, io.BytesIO):
        data = data.getvalue()
    if isinstance(data, bytes):
        return srt_to_vtt(data) if _is_srt(data) else data
    raise type_error("subtitles", data, ["str", "bytes", "Path", "BytesIO"])


def _subtitle_tracks(subtitles: Any) -> list[dict[str, str]]:
    if isinstance(subtitles, str | bytes | io.BytesIO | Path):
        items = [("default", subtitles)]
    elif isinstance(subtitles, dict):
        items = list(subtitles.items())
    else:
        raise type_error("subtitles", subtitles, ["str", "bytes", "BytesIO", "Path", "dict"])
    tracks = []
    for label, content in items:
        try:
            vtt = _subtitle_bytes(content)
        except (TypeError, ValueError, RilletAPIException) as exc:
            raise RilletAPIException(
                f"Failed to process the provided subtitle {label!r}: {exc}"
            ) from exc
        tracks.append({"label": str(label or ""), "url": _served(vtt, "text/vtt")})
    return tracks


@command
def video(
    data: Any,
    format: str = "video/mp4",
    start_time: Any = 0,
    *,
    subtitles: Any = None,
    end_time: Any = None,
    loop: bool = False,
    autoplay: bool = False,
    muted: bool = False,
    alt: str | None = None,
    width: int | str = "stretch",
) -> Container:
    """Display a video player (the browser's own, with seeking and subtitles).

    Args:
        data: The video: a file path (str or ``Path``), an http(s) or data URL (a YouTube
            link is shown in YouTube's player), bytes, a ``BytesIO`` or an open binary file.
        format: The content type the bytes are served as (default "video/mp4").
        start_time: Where playback starts: seconds, a ``timedelta`` or a string such as
            "10s" (whole seconds are kept).
        subtitles: Subtitles shown by default: a .vtt or .srt file, VTT or SRT text (SRT is
            converted to VTT), bytes or a ``BytesIO``; or a dict of several tracks
            ``{"English": ..., "Deutsch": ...}`` (the first is shown, the player offers the
            others).
        end_time: Where playback stops; None plays to the end.
        loop: Start again from ``start_time`` at the end.
        autoplay: Start playing when shown (browsers allow it without a user gesture only
            when ``muted``).
        muted: Play without sound.
        alt: A description for screen readers (the player's accessible name).
        width: "stretch" (default) or a number of pixels.
    """
    start, end = media_times(start_time, end_time)
    check_width(width)
    if start < 0 or (end is not None and end <= start):
        raise RilletAPIException("Invalid start_time and end_time combination.")
    youtube = None
    if data is None:
        url = ""
    else:
        found = _media_bytes(data)
        if isinstance(found, str) and (match := _YOUTUBE.match(found)):
            youtube = f"https://www.youtube.com/embed/{match.group(1)}"
            if subtitles:
                raise incompatible_error(
                    "subtitles",
                    "data=<YouTube URL>",
                    explanation="Subtitles are not supported for YouTube videos.",
                )
        url = youtube or _served(found, format)
    props = _player_props(url, format, start, end, loop, autoplay, alt, width)
    props["muted"] = bool(muted)
    if youtube:
        props["youtube"] = True
    if subtitles:
        props["subtitles"] = _subtitle_tracks(subtitles)
    return emit("video", props)


# --- pdf ---------------------------------------------------------------------------------------


@command
def pdf(
    data: Any,
    *,
    height: int | str = 500,
    key: str | None = None,
    alt: str | None = None,
) -> Container:
    """Display a PDF document in the page (the browser's own PDF viewer, in a sandbox).

    Where the browser has no PDF viewer (some headless or locked-down browsers), the page
    offers the document as a link to open or download instead.

    Args:
        data: The document: a file path (str or ``Path``), an http(s) URL, bytes, or a
            file-like object.
        height: The viewer's height in pixels (default 500), or "stretch".
        key: Accepted for Streamlit compatibility (Streamlit's viewer is a component that
            takes a key); the viewer keeps no state.
        alt: A description for screen readers (the viewer's accessible name).
    """
    if data is None:
        raise missing_error(
            "data",
            "Please provide a valid PDF file path, URL, bytes data, or file-like object.",
        )
    shown_height = check_height(height)
    content: bytes | str
    if isinstance(data, str | Path):
        text = str(data).strip()
        if is_url(text, ("http", "https")):
            content = text
        else:
            try:
                with open(text, "rb") as file:
                    content = file.read()
            except OSError as exc:
                raise RilletAPIException(f"Unable to read file '{text}': {exc}") from None
    elif isinstance(data, bytes | bytearray | memoryview):
        content = bytes(data)
    elif callable(getattr(data, "getvalue", None)):
        content = bytes(data.getvalue())
    elif callable(getattr(data, "read", None)):
        content = bytes(data.read())
    else:
        raise type_error("data", data, ["str", "Path", "bytes", "file-like object"])
    props: dict[str, Any] = {"url": _served(content, "application/pdf"), "height": shown_height}
    shown_alt = alt_text(alt)
    if shown_alt is not None:
        props["alt"] = shown_alt
    return emit("pdf", props)
