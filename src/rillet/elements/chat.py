"""Chat: ``chat_message`` (a container with an author and an avatar) and ``chat_input`` (the
box a user types messages into).

A chat message is a block like any container, so a history kept in ``session_state`` and
drawn again on every rerun writes elements equal to what the browser has: only keeps travel,
and nothing flickers. The chat input is a trigger-like widget: its value is the submitted text
in the one run that follows the submission and None otherwise. In the main area (outside any
container) it is pinned to the bottom of the page, as in Streamlit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import Any, Literal, overload

from rillet.elements import filestore
from rillet.elements.base import (
    BOTTOM,
    MAIN,
    Container,
    check_key,
    command,
    emit_block,
    target,
)
from rillet.elements.chat_value import ChatInputValue
from rillet.elements.files import UploadedFile
from rillet.elements.validate import (
    check_height,
    check_icon,
    check_width,
    leading_icon,
    missing_error,
    value_error,
)
from rillet.protocol.messages import Element
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue, WidgetSpec, widget_id

__all__ = ["chat_input", "chat_message"]

# Names with Streamlit's preset avatars, and the icon each shows.
_PRESETS = {"user": "user", "human": "user", "assistant": "assistant", "ai": "assistant"}
_SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)
_SUBMIT_MODES = ("submit", "disable", "stop")
_IMAGE_URL = re.compile(r"^(https?://|data:image/)", re.IGNORECASE)
# The session extra recording, per chat input, the run that read its latest submission.
_CONSUMED_KEY = "rillet.chat_consumed"


# --- chat_message ----------------------------------------------------------------------------


def _is_emoji(text: str) -> bool:
    """A single emoji (with its modifiers and joiners), as an avatar may be."""
    if not text or text.isascii():
        return False
    icon, rest = leading_icon(text)
    return icon == text and rest == ""


def _avatar(avatar: object) -> tuple[str, str]:
    """The avatar as the browser gets it: (type, value), type being "icon" (a preset name,
    "spinner", a material icon, or "" for the author's initial), "emoji" or "image" (a URL).
    """
    if avatar is None:
        return "icon", ""
    if isinstance(avatar, str):
        if avatar in _PRESETS:
            return "icon", _PRESETS[avatar]
        if avatar == "spinner":
            return "icon", "spinner"
        if _is_emoji(avatar):
            return "emoji", avatar
        if avatar.startswith(":material"):
            return "icon", str(check_icon(avatar))
        if _IMAGE_URL.match(avatar):
            return "image", avatar
        if not os.path.isfile(avatar):
            raise RilletAPIException("Failed to load the provided avatar value as an image.")
    # A file path, bytes, a PIL image or an array: served through the inline media route,
    # like st.image (the same picture is one id and one copy for every session).
    from rillet.elements.images import image_source, prepare_image

    try:
        return "image", image_source(prepare_image(avatar))
    except Exception:
        raise RilletAPIException("Failed to load the provided avatar value as an image.") from None


@command
def chat_message(
    name: Literal["user", "assistant", "ai", "human"] | str,
    *,
    avatar: Literal["user", "assistant"] | str | Any | None = None,
    width: int | str = "stretch",
) -> Container:
    """Insert a chat message: a container showing who speaks, to write the message into.

    Use it with ``with`` or call commands on it (``msg.write(...)``). Redrawing a history of
    messages on every rerun costs nothing: equal messages are not sent again.

    Parameters:
        name: The author. "user"/"human" and "assistant"/"ai" get preset avatars; any other
            name shows its first letter. The name is not shown as text: it names the message
            for screen readers ("Chat message from <name>").
        avatar: What to show beside the message instead of the preset: "user" or
            "assistant" (the presets), a single emoji, ":material/icon_name:" (accepted;
            rillet ships no icon font and shows the initial), "spinner", or an image URL
            (http, https or a ``data:image/`` URL). Image files, bytes and arrays are not
            supported yet (they need the inline media route).
        width: "stretch" (default, the container's width), "content", or pixels.
    """
    if name is None:
        raise missing_error("name")
    if not isinstance(name, str):
        raise RilletAPIException(
            f"The `name` of st.chat_message must be a string, not {type(name).__name__}."
        )
    if avatar is None and (name.lower() in _PRESETS or _is_emoji(name)):
        avatar = name.lower()
    avatar_type, avatar_value = _avatar(avatar)
    props: dict[str, Any] = {
        "type": "chat_message",
        "name": name,
        "avatar": avatar_value,
        "avatar_type": avatar_type,
    }
    if check_width(width, allow_content=True) != "stretch":
        props["width"] = width
    return emit_block(props)


# --- chat_input ------------------------------------------------------------------------------


class _Submitted(str):
    """Text the user submitted, as opposed to text the script put in the box through
    ``session_state`` (which only fills the box, as in Streamlit)."""

    __slots__ = ()


class _Submission(ChatInputValue):
    """A submission with attachments or a recording (``accept_file``/``accept_audio``), as
    opposed to a value the script stored; it is a `ChatInputValue`, so ``session_state[key]``
    shows what the script gets."""


def _check_text(wire: Any, max_chars: int | None) -> str:
    if not isinstance(wire, str):
        raise InvalidWidgetValue(f"expected the submitted text, got {wire!r}")
    if max_chars is not None and len(wire) > max_chars:
        raise InvalidWidgetValue(f"text of {len(wire)} characters exceeds max_chars={max_chars}")
    return wire


def _decoder(max_chars: int | None) -> Callable[[Any], _Submitted]:
    def decode(wire: Any) -> _Submitted:
        return _Submitted(_check_text(wire, max_chars))

    return decode


def _rich_decoder(
    wid: str,
    store: filestore.UploadStore,
    max_chars: int | None,
    accept_file: bool | str,
    types: tuple[str, ...] | None,
    accept_audio: bool,
    limit: int,
) -> Callable[[Any], _Submission]:
    """Decode ``{"text", "files", "audio"}``: every id must name a file uploaded to this very
    widget in this session, of an accepted type and size, and no more files than allowed."""

    def record_of(file_id: object) -> filestore.UploadRecord:
        record = store.get(file_id)
        if record is None or record.widget_id != wid:
            raise InvalidWidgetValue(f"{file_id!r} is no upload of this chat input")
        if len(record.data) > limit:
            raise InvalidWidgetValue(f"{record.name!r} is larger than max_upload_size")
        return record

    def decode(wire: Any) -> _Submission:
        if isinstance(wire, str):
            wire = {"text": wire}
        if not isinstance(wire, dict) or not set(wire) <= {"text", "files", "audio"}:
            raise InvalidWidgetValue(f"expected text, files and audio, got {wire!r}")
        text = _check_text(wire.get("text", ""), max_chars)
        ids = wire.get("files") or []
        if not isinstance(ids, list) or (ids and accept_file is False):
            raise InvalidWidgetValue(f"this chat input takes no files: {ids!r}")
        if len(ids) > (1 if accept_file is True else len(ids)) or len(set(map(str, ids))) < len(
            ids
        ):
            raise InvalidWidgetValue(f"too many files for accept_file={accept_file!r}")
        files = [record_of(i) for i in ids]
        for record in files:
            if types is not None and not record.name.lower().endswith(types):
                raise InvalidWidgetValue(f"{record.name!r} is not of the types {types}")
        audio = None
        if wire.get("audio") is not None:
            if not accept_audio:
                raise InvalidWidgetValue("this chat input takes no recording")
            audio = record_of(wire["audio"])
            if not audio.name.lower().endswith(".wav") or audio.file_id in ids:
                raise InvalidWidgetValue(f"{audio.name!r} is not a WAV recording")
        return _Submission(
            text,
            [UploadedFile(r) for r in files],
            None if audio is None else UploadedFile(audio),
            include_files=accept_file is not False,
            include_audio=accept_audio,
        )

    return decode


def _check_on_submit(on_submit: object) -> Callable[..., Any] | None:
    """Streamlit's checks of ``on_submit``: a callable or None; no modes."""
    if on_submit is None or callable(on_submit):
        return on_submit
    if isinstance(on_submit, str) and on_submit in ("rerun", "ignore"):
        raise RilletAPIException(
            f'`on_submit="{on_submit}"` is not supported on this widget. '
            "Pass a callback, or omit `on_submit`."
        )
    raise value_error("on_submit", ["a callback function"])


def _encode(value: Any) -> Any:
    """The wire form of a value: a submission with files goes back to its ids."""
    if not isinstance(value, _Submission):
        return value
    wire: dict[str, Any] = {"text": value.text}
    if "files" in value:
        wire["files"] = [f.file_id for f in value["files"]]  # type: ignore[union-attr]
    audio = value.get("audio")
    if isinstance(audio, UploadedFile):
        wire["audio"] = audio.file_id
    return wire


def _take(wid: str, value: _Submitted | _Submission) -> str | ChatInputValue | None:
    """The submitted text, once: a submission is seen by the first run that reads it.

    A run that completes puts the widget back to None as it finishes (so ``session_state``
    shows None between runs, as in Streamlit); a run that raises, stops or is interrupted
    after reading it does not, so the submission is remembered as read and the next run
    sees None.
    """
    ctx = context.current()
    if ctx is None:
        return None
    state = ctx.session.state
    read: dict[str, tuple[int, _Submitted | _Submission]] = ctx.session.extras.setdefault(
        _CONSUMED_KEY, {}
    )
    seen = read.get(wid)
    if seen is not None and seen[1] is value and seen[0] != ctx.run_id:
        state.reset_to_default(wid)
        return None
    read[wid] = (ctx.run_id, value)

    def spend() -> None:
        if state.widget_spec(wid) is not None:
            state.reset_to_default(wid)

    ctx.finishers.append(spend)
    if isinstance(value, _Submission):
        for file in [*value.get("files", []), value.get("audio")]:  # type: ignore[misc]
            if isinstance(file, UploadedFile):
                file.seek(0)
        return value
    return str(value)


@overload
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: Literal[False] = False,
    file_type: str | Sequence[str] | None = None,
    accept_audio: Literal[False] = False,
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: Literal["submit", "disable", "stop"] = "submit",
    on_submit: Callable[..., Any] | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
) -> str | None: ...


@overload
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: Literal[True, "multiple", "directory"],
    file_type: str | Sequence[str] | None = None,
    accept_audio: bool = False,
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: Literal["submit", "disable", "stop"] = "submit",
    on_submit: Callable[..., Any] | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
) -> ChatInputValue | None: ...


@overload
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: bool | Literal["multiple", "directory"] = False,
    file_type: str | Sequence[str] | None = None,
    accept_audio: Literal[True],
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: Literal["submit", "disable", "stop"] = "submit",
    on_submit: Callable[..., Any] | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
) -> ChatInputValue | None: ...


@overload
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: bool | Literal["multiple", "directory"] = False,
    file_type: str | Sequence[str] | None = None,
    accept_audio: bool = False,
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: Literal["submit", "disable", "stop"] = "submit",
    on_submit: Callable[..., Any] | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
) -> str | ChatInputValue | None: ...


@command
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: bool | Literal["multiple", "directory"] = False,
    file_type: str | Sequence[str] | None = None,
    accept_audio: bool = False,
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: Literal["submit", "disable", "stop"] = "submit",
    on_submit: Callable[..., Any] | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
) -> str | ChatInputValue | None:
    """Show a box to type chat messages into; returns the submitted text in the run that
    follows a submission, else None.

    With ``accept_file`` or ``accept_audio`` the result is a `ChatInputValue` (``.text``,
    ``.files``, a list of `UploadedFile`, and ``.audio``), as in Streamlit: files attached with
    the box's attach button (or dropped onto it) and recordings made with its microphone button
    upload at once through the upload route and reach the script with the submission, once.

    In the main area (outside any container, sidebar, form or fragment) the box is pinned to
    the bottom of the page; elsewhere it sits where it is written. Enter submits, Shift+Enter
    starts a new line, and the box grows with its text. Setting ``session_state[key]`` puts
    text in the box without submitting it.

    Parameters:
        placeholder: Shown while the box is empty; it is also the box's accessible name.
        key: A unique key; also names the widget in ``session_state``.
        max_chars: The longest message allowed (the browser stops typing there; the server
            rejects longer ones).
        max_upload_size: The largest file in megabytes, for ``accept_file`` (a positive
            integer, or None for the server's limit).
        accept_file: False (default): text only. True: one attached file; "multiple": any
            number; "directory": the files of a folder the user picks. With any of them the
            command returns a `ChatInputValue` instead of a string.
        file_type: The extensions attachments may have (with ``accept_file``).
        accept_audio: False (default). True: a microphone button records a voice message
            (a 16-bit mono WAV at ``audio_sample_rate``), returned as the ``audio`` of a
            `ChatInputValue` (None when the message has no recording).
        audio_sample_rate: The recording's sample rate in Hz (with ``accept_audio``): 8000,
            11025, 16000 (default), 22050, 24000, 32000, 44100, 48000 or None.
        disabled: Show the box but refuse input.
        submit_mode: "submit" (default): the box stays usable while the script runs;
            "disable": it is disabled from a submission until the run it caused ends.
            "stop": from a submission until the run it caused ends, the send button is a Stop
            button that stops that run (what it wrote so far stays).
        on_submit: Called (with ``args``/``kwargs``) before the run that sees a submission.
        args: Positional arguments for ``on_submit``.
        kwargs: Keyword arguments for ``on_submit``.
        width: "stretch" (default) or pixels.
        height: "content" (default: one line, growing with the text), "stretch", or a
            minimum height in pixels.
    """
    ukey = check_key(key)
    callback = _check_on_submit(on_submit)
    if accept_file not in (True, False, "multiple", "directory"):
        raise value_error(
            "accept_file",
            ["True", "False", "'multiple'", "'directory'"],
            f"Got {accept_file!r}.",
        )
    if submit_mode not in _SUBMIT_MODES:
        raise value_error("submit_mode", ["'submit'", "'disable'", "'stop'"])
    if max_upload_size is not None and (
        isinstance(max_upload_size, bool)
        or not isinstance(max_upload_size, int)
        or max_upload_size < 1
    ):
        raise value_error(
            "max_upload_size",
            ["a positive integer"],
            "Set it to None to fall back to the `server.maxUploadSize` configuration option.",
        )
    if max_chars is not None and (
        isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1
    ):
        raise value_error("max_chars", ["a positive integer", "None"])
    try:
        types = filestore.normalize_types(file_type)
    except ValueError as exc:
        raise RilletAPIException(str(exc)) from None
    if audio_sample_rate is not None and audio_sample_rate not in _SAMPLE_RATES:
        raise value_error("audio_sample_rate", [*map(str, _SAMPLE_RATES), "None"])
    check_width(width)
    check_height(height, allow_content=True)
    where = target()
    if where.form_id is not None:
        raise RilletAPIException("`st.chat_input()` can't be used in a `st.form()`.")

    # Streamlit pins the box to the bottom only when it is written straight into the main
    # area; inside any container, the sidebar, a dialog or a fragment it stays in place.
    bottom = where is MAIN
    props: dict[str, Any] = {
        "placeholder": str(placeholder),
        "max_chars": max_chars,
        "disabled": bool(disabled),
        "position": "bottom" if bottom else "inline",
    }
    optional = {
        "submit_mode": None if submit_mode == "submit" else submit_mode,
        "width": None if width == "stretch" else width,
        "height": None if height == "content" else height,
    }
    props.update({k: v for k, v in optional.items() if v is not None})

    ctx = context.current()
    if ctx is None:
        return None
    identity = (
        placeholder,
        max_chars,
        max_upload_size,
        accept_file,
        types,
        accept_audio,
        audio_sample_rate,
        submit_mode,
        width,
        height,
    )
    wid = widget_id("chat_input", ukey, identity, None)
    rich = accept_file is not False or accept_audio
    decode: Callable[[Any], Any] = _decoder(max_chars)
    if rich:
        store = filestore.uploads_of(ctx.session)
        # Recordings are WAVs whatever file_type says; the decoder keeps attachments to it.
        upload_types: tuple[str, ...] | None = (".wav",)
        if accept_file is not False:
            upload_types = types if types is None or not accept_audio else (*types, ".wav")
        store.set_rules(wid, filestore.UploaderRules(upload_types, accept_file != True))  # noqa: E712
        store.release_widgets(lambda w: w == wid or ctx.session.state.widget_spec(w) is not None)
        limit = filestore.max_upload_bytes(max_upload_size)
        decode = _rich_decoder(wid, store, max_chars, accept_file, types, accept_audio, limit)
    spec = WidgetSpec(
        id=wid,
        kind="chat_input",
        default=None,
        decode=decode,
        encode=_encode,
        key=ukey,
        disabled=bool(disabled),
        on_change=callback,
        args=tuple(args or ()),
        kwargs=dict(kwargs or {}),
        fragment_id=ctx.fragment_id,
    )
    state = ctx.session.state
    value = state.register_widget(spec)
    result: str | ChatInputValue | None = None
    if isinstance(value, _Submitted | _Submission):
        result = _take(wid, value)
        if isinstance(value, _Submission):
            sent = [*value.get("files", []), value.get("audio")]  # type: ignore[misc]
            kept = [f.file_id for f in sent if isinstance(f, UploadedFile)]
            filestore.uploads_of(ctx.session).release_replaced(wid, kept)
    elif isinstance(value, str):
        # Text the script set through session_state: it fills the box, it is not a message.
        props["set_value"] = value
        state.reset_to_default(wid)
    if accept_file is not False:
        props["accept_file"] = accept_file
        props["file_types"] = list(types) if types else None
        props["max_upload_size"] = filestore.max_upload_bytes(max_upload_size)
    if accept_audio:
        props["accept_audio"] = True
        props["audio_sample_rate"] = audio_sample_rate
    (BOTTOM if bottom else where)._write(Element("chat_input", props, wid))
    return result
