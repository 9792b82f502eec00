"""``st.camera_input`` and ``st.audio_input``: a photo or a recording made in the browser.

The browser captures with its media APIs (``getUserMedia``; ``MediaRecorder`` for sound,
re-encoded to WAV at ``sample_rate`` before it is sent) and uploads the file through the
same route as ``st.file_uploader`` (``POST /_rillet/upload``: XSRF token, size limit, and an
id minted by the server for this very widget). The widget's value on the wire is that id; the
app gets an `UploadedFile`, as in Streamlit. A photo is a JPEG, a recording a WAV: the
uploader rules refuse anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from rillet.elements.base import check_key, command, target, widget, widget_props
from rillet.elements.files import UploadedFile
from rillet.elements.filestore import UploaderRules, uploads_of
from rillet.elements.validate import value_error
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue, widget_id

__all__ = ["audio_input", "camera_input"]

RESOLUTIONS = {"480p": 480, "720p": 720, "1080p": 1080}
SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)

Callback = Callable[..., Any] | str | None


def _callback(on_change: Callback, kind: str) -> Callable[..., Any] | str | None:
    """Streamlit's ``on_change``: "rerun" (default), "ignore" (handled by `widget`), a
    callable, None."""
    if on_change is None or on_change == "rerun":
        return None
    if callable(on_change) or on_change == "ignore":
        return on_change
    raise value_error("on_change", ["'rerun'", "'ignore'", "a callback function"])


def _capture(
    kind: str,
    ext: str,
    props: dict[str, Any],
    *,
    key: object,
    identity: tuple[Any, ...],
    on_change: Callable[..., Any] | str | None,
    args: Sequence[Any] | None,
    kwargs: dict[str, Any] | None,
    disabled: bool,
) -> UploadedFile | None:
    """The widget both commands share: one uploaded file of type ``ext``, or None."""
    ctx = context.current()
    if ctx is None:
        return None
    ukey = check_key(key)
    wid = widget_id(kind, ukey, identity, target().form_id)
    state = ctx.session.state
    # Iterating the keys, not `in`: a membership test would count as a read of the key by
    # a reactive fragment.
    if ukey is not None and state.widget_spec(wid) is None and ukey in list(state):
        raise RilletAPIException(
            f"Values for the widget with `key` '{ukey}' cannot be set using `st.session_state`."
        )
    store = uploads_of(ctx.session)
    store.set_rules(wid, UploaderRules((ext,), False))
    store.release_widgets(lambda w: w == wid or state.widget_spec(w) is not None)
    props["files"] = [
        {"file_id": r.file_id, "name": r.name, "size": len(r.data)} for r in store.files_of(wid)
    ]

    def decode(wire: Any) -> UploadedFile | None:
        if not isinstance(wire, list | tuple) or len(wire) > 1:
            raise InvalidWidgetValue(f"expected at most one file id, got {wire!r}")
        if not wire:
            return None
        record = store.get(wire[0])
        if record is None or record.widget_id != wid:
            raise InvalidWidgetValue(f"{wire[0]!r} is no capture of this widget")
        return UploadedFile(record)

    def encode(value: Any) -> list[str]:
        return [] if value is None else [value.file_id]

    value = widget(
        kind,
        props,
        key=key,
        identity=identity,
        default=None,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
    )
    if isinstance(value, UploadedFile) and not value.closed:
        value.seek(0)
    store.release_replaced(wid, encode(value))
    return value if isinstance(value, UploadedFile) else None


@command
def camera_input(
    label: str,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    resolution: Literal["480p", "720p", "1080p"] | None = None,
    width: int | str = "stretch",
) -> UploadedFile | None:
    """Show the camera with a "Take Photo" button; returns the photo (a JPEG) or None.

    The browser asks the user for the camera; a refusal, or no camera, is explained in the
    widget. The photo is uploaded like a file (see ``st.file_uploader``) and returned as an
    `UploadedFile` named ``camera-input-<time>.jpg``; "Clear photo" sets it back to None.

    Args:
        label: What the photo is for (also the accessible name of the camera view).
        key: A unique key; with one, the widget keeps its photo whatever else changes.
        help: A tooltip.
        on_change: "rerun" (default) or a callable run (with ``args``/``kwargs``) before the
            rerun a new photo causes, or "ignore": the page keeps the new photo for the next
            rerun something else asks for.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show the widget but do not open the camera.
        label_visibility: "visible", "hidden" or "collapsed".
        resolution: "480p", "720p" or "1080p": the height of the photo asked of the camera;
            None (default) takes what the camera gives.
        width: "stretch" (default) or a number of pixels.
    """
    if resolution is not None and resolution not in RESOLUTIONS:
        raise value_error("resolution", ["'480p'", "'720p'", "'1080p'", "None"])
    callback = _callback(on_change, "camera_input")
    props = widget_props(
        label, "camera_input", help, disabled, label_visibility, width=width, allow_content=False
    )
    if resolution is not None:
        props["resolution_height"] = RESOLUTIONS[resolution]
    identity = (label, help, props["width"], resolution)
    return _capture(
        "camera_input",
        ".jpg",
        props,
        key=key,
        identity=identity,
        on_change=callback,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
    )


@command
def audio_input(
    label: str,
    *,
    sample_rate: int | None = 16000,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: int | str = "stretch",
) -> UploadedFile | None:
    """Show a microphone recorder; returns the recording (a WAV) or None.

    The user presses Record and then Stop; the sound is re-encoded in the browser as 16-bit
    mono WAV at ``sample_rate``, uploaded like a file and returned as an `UploadedFile`
    named ``<date>_audio.wav``. A refused or missing microphone is explained in the widget.

    Args:
        label: What the recording is for.
        sample_rate: Samples per second of the WAV: 8000, 11025, 16000 (default, what speech
            recognition expects), 22050, 24000, 32000, 44100 or 48000; None keeps the
            microphone's own rate.
        key: A unique key; with one, the widget keeps its recording whatever else changes.
        help: A tooltip.
        on_change: "rerun" (default) or a callable run (with ``args``/``kwargs``) before the
            rerun a new recording causes, or "ignore": the page keeps the new recording for the
            next rerun something else asks for.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show the widget but do not record.
        label_visibility: "visible", "hidden" or "collapsed".
        width: "stretch" (default) or a number of pixels.
    """
    if sample_rate is not None and sample_rate not in SAMPLE_RATES:
        raise value_error("sample_rate", [*(str(r) for r in SAMPLE_RATES), "None"])
    callback = _callback(on_change, "audio_input")
    props = widget_props(
        label, "audio_input", help, disabled, label_visibility, width=width, allow_content=False
    )
    props["sample_rate"] = sample_rate
    identity = (label, help, props["width"], sample_rate)
    return _capture(
        "audio_input",
        ".wav",
        props,
        key=key,
        identity=identity,
        on_change=callback,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
    )
