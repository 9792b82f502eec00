"""File storage: uploaded files, the media the page downloads, and the media it shows inline.

Uploads and downloads live in ``session.extras`` and are cleared by a close hook, so a closed
tab leaves no bytes behind. Every id is minted here from a CSPRNG or a keyed hash: nothing the
browser sends ever names a stored file, and file names are data, never paths. Inline media
(images a page shows) are kept once per process and shared by the sessions showing them
(`InlineMediaStore`). The server routes (``server/uploads.py``,
``server/media.py``) and AppTest both go through these classes, so an upload from a test is
checked exactly like one from a browser.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import os
import re
import secrets
import threading
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rillet.elements.upload_paths import BadUploadPath, clean_relative_path

if TYPE_CHECKING:
    from rillet.runtime.session import AppSession
    from rillet.runtime.tree import Tree

UPLOADS_KEY = "rillet.uploads"
MEDIA_KEY = "rillet.media"

# Streamlit's server.maxUploadSize: megabytes per file. `create_app` sets it from
# `Config.max_upload_size`; AppTest and scripts outside a server see the default.
DEFAULT_MAX_UPLOAD_SIZE_MB = 200
_settings = {"max_upload_size_mb": DEFAULT_MAX_UPLOAD_SIZE_MB}

# The longest file name kept; longer ones are cut (the extension survives).
MAX_NAME_LENGTH = 255

# Extensions that name the same kind of file: allowing one allows the other (as Streamlit).
TYPE_PAIRS = [
    (".jpg", ".jpeg"),
    (".mpg", ".mpeg"),
    (".mp4", ".mpeg4"),
    (".tif", ".tiff"),
    (".htm", ".html"),
]


def set_max_upload_size(megabytes: int) -> None:
    """Set the per-file upload limit shown by every file uploader of this process."""
    if isinstance(megabytes, bool) or not isinstance(megabytes, int) or megabytes <= 0:
        raise ValueError(f"max_upload_size must be a positive number of megabytes: {megabytes!r}")
    _settings["max_upload_size_mb"] = megabytes


def max_upload_size_mb() -> int:
    """The per-file upload limit in megabytes."""
    return _settings["max_upload_size_mb"]


def max_upload_bytes(megabytes: int | None = None) -> int:
    """The limit in bytes. Megabytes are decimal, as the browser shows them ("200MB")."""
    return (megabytes if megabytes is not None else max_upload_size_mb()) * 1000 * 1000


def size_text(size: int) -> str:
    """A size as Streamlit's uploader writes it: 200000000 -> "200.0MB"."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value <= 500:
            return f"{value:.1f}{unit}"
        value /= 1000
    return f"{value:.1f}GB"


def normalize_types(type: str | Collection[str] | None) -> tuple[str, ...] | None:
    """``type`` as Streamlit reads it: extensions with a dot, lower case, paired aliases."""
    if not type:
        return None
    items = [type] if isinstance(type, str) else list(type)
    found: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip(".").strip():
            raise ValueError(f"file types must be extensions such as 'csv', not {item!r}")
        ext = item.strip().lower()
        ext = ext if ext.startswith(".") else f".{ext}"
        if ext not in found:
            found.append(ext)
    for a, b in TYPE_PAIRS:
        if a in found and b not in found:
            found.append(b)
        if b in found and a not in found:
            found.append(a)
    return tuple(found)


def clean_file_name(name: str) -> str:
    """A file name fit to show: the last path part, no control characters, bounded length.

    Only ever shown as text and returned to the app; it never becomes a path on this server.
    """
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if name in ("", ".", ".."):
        return "file"
    if len(name) > MAX_NAME_LENGTH:
        stem, ext = os.path.splitext(name)
        ext = ext[:16]
        name = stem[: MAX_NAME_LENGTH - len(ext)] + ext
    return name


def clean_mime(mime: str | None) -> str:
    """A content type fit to store and send back: ``type/subtype`` or opaque bytes."""
    mime = (mime or "").split(";", 1)[0].strip().lower()
    if (
        0 < len(mime) <= 127
        and mime.count("/") == 1
        and all(c.isalnum() or c in "/.+-_" for c in mime)
    ):
        return mime
    return "application/octet-stream"


class UploadRejected(Exception):
    """An upload that breaks its uploader's rules; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def type_error(name: str, mime: str) -> str:
    """Streamlit's wording for a file whose type the uploader does not take."""
    ext = os.path.splitext(name)[1].lower()
    shown = mime if mime and mime != "application/octet-stream" else (ext or "Untyped")
    return f"{shown} files are not allowed."


def size_error(limit: int) -> str:
    """Streamlit's wording for a file above the size limit."""
    return f"File must be {size_text(limit)} or smaller."


@dataclass(frozen=True)
class UploadRecord:
    """One uploaded file: server-minted id, the uploader it was sent to, and its bytes."""

    file_id: str
    widget_id: str
    name: str
    type: str
    data: bytes
    seq: int


@dataclass(frozen=True)
class UploaderRules:
    """What an uploader accepts, as its latest run declared it."""

    types: tuple[str, ...] | None
    multiple: bool
    # The uploader's own limit in bytes (``max_upload_size``), over the server's; None: the
    # server's.
    max_bytes: int | None = None
    # A folder uploader: file names are paths inside the picked folder ("photos/a.jpg").
    directory: bool = False


class UploadStore:
    """The files uploaded in one session, by id. Thread-safe: the upload route writes from the
    event loop while the script reads from its worker thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, UploadRecord] = {}
        self._rules: dict[str, UploaderRules] = {}
        self._seq = itertools.count(1)
        self.closed = False

    def set_rules(self, widget_id: str, rules: UploaderRules) -> None:
        """Record what the uploader ``widget_id`` accepts (each run of it does)."""
        with self._lock:
            self._rules[widget_id] = rules

    def rules(self, widget_id: str) -> UploaderRules | None:
        """What ``widget_id`` accepts, or None for an id no run declared as an uploader."""
        with self._lock:
            return self._rules.get(widget_id)

    def limit_for(self, widget_id: str, default: int) -> int:
        """The most bytes one file of ``widget_id`` may have: its own limit, else ``default``
        (the server's)."""
        rules = self.rules(widget_id)
        return rules.max_bytes if rules is not None and rules.max_bytes else default

    def clean_name(self, widget_id: str, name: str) -> str:
        """``name`` as ``widget_id`` keeps it: a checked relative path for a folder uploader
        (raising `UploadRejected` for one no browser sends), else only the last path part."""
        rules = self.rules(widget_id)
        if rules is None or not rules.directory:
            return clean_file_name(name)
        try:
            return clean_relative_path(name)
        except BadUploadPath as exc:
            raise UploadRejected(400, str(exc)) from None

    def check(self, widget_id: str, name: str, mime: str, size: int, limit: int) -> None:
        """Raise `UploadRejected` unless a file of this name, type and size may be uploaded."""
        rules = self.rules(widget_id)
        if rules is None or self.closed:
            raise UploadRejected(404, "This file uploader is gone. Reload the page.")
        limit = self.limit_for(widget_id, limit)
        if size > limit:
            raise UploadRejected(413, size_error(limit))
        if rules.types is not None and not name.lower().endswith(rules.types):
            raise UploadRejected(415, type_error(name, mime))

    def add(
        self, widget_id: str, name: str, mime: str | None, data: bytes, limit: int
    ) -> UploadRecord:
        """Store an upload for ``widget_id`` after checking it; returns its record."""
        name = self.clean_name(widget_id, name)
        mime = clean_mime(mime)
        self.check(widget_id, name, mime, len(data), limit)
        with self._lock:
            if self.closed:
                raise UploadRejected(404, "This session has ended. Reload the page.")
            record = UploadRecord(
                secrets.token_urlsafe(16), widget_id, name, mime, bytes(data), next(self._seq)
            )
            self._files[record.file_id] = record
        return record

    def get(self, file_id: object) -> UploadRecord | None:
        """The record of ``file_id`` if this session holds it."""
        if not isinstance(file_id, str):
            return None
        with self._lock:
            return self._files.get(file_id)

    def files_of(self, widget_id: str) -> list[UploadRecord]:
        """Every file held for ``widget_id``, oldest first."""
        with self._lock:
            return sorted(
                (r for r in self._files.values() if r.widget_id == widget_id), key=lambda r: r.seq
            )

    def release_replaced(self, widget_id: str, kept: Collection[str]) -> None:
        """Free the files of ``widget_id`` that its value no longer holds.

        Only files older than the newest one kept go: a file uploaded since (its value still on
        its way over the socket) must survive until that value arrives.
        """
        with self._lock:
            newest = max((self._files[f].seq for f in kept if f in self._files), default=None)
            if newest is None:
                return
            for file_id, record in list(self._files.items()):
                if record.widget_id == widget_id and file_id not in kept and record.seq < newest:
                    del self._files[file_id]

    def release_widgets(self, alive: Callable[[str], bool]) -> None:
        """Forget uploaders (and their files) for which ``alive`` is false."""
        with self._lock:
            for widget_id in [w for w in self._rules if not alive(w)]:
                del self._rules[widget_id]
            for file_id, record in list(self._files.items()):
                if record.widget_id not in self._rules:
                    del self._files[file_id]

    def total_bytes(self) -> int:
        """The bytes held (for tests and diagnostics)."""
        with self._lock:
            return sum(len(r.data) for r in self._files.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._files)

    def clear(self) -> None:
        """Drop everything; later uploads are refused (the session closed)."""
        with self._lock:
            self.closed = True
            self._files.clear()
            self._rules.clear()


# Data a download serves: bytes, or a callable producing str/bytes/file when asked.
MediaData = bytes | Callable[[], Any]


@dataclass(frozen=True)
class MediaFile:
    """Something the page may fetch from ``/_rillet/media/{id}``."""

    media_id: str
    data: MediaData
    mime: str | None
    file_name: str | None
    owner: str


class MediaStore:
    """The files one session serves to its page, by unguessable id.

    The id of unchanged content is stable within the session (a keyed hash), so a rerun that
    serves the same bytes writes an identical element and nothing is sent again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key = secrets.token_bytes(32)
        self._files: dict[str, MediaFile] = {}
        self._by_owner: dict[str, str] = {}
        self.closed = False

    def add(
        self, owner: str, data: MediaData, mime: str | None, file_name: str | None
    ) -> MediaFile:
        """Serve ``data`` for ``owner`` (an element's id), replacing what it served before."""
        digest = hmac.new(self._key, digestmod=hashlib.blake2b)
        if isinstance(data, bytes):
            digest.update(b"b" + hashlib.blake2b(data).digest())
        else:
            # A callable is called when the file is fetched, so its URL need not change with
            # it: a script makes a new lambda every run, and the page should not see a change.
            digest.update(b"c")
        for part in (mime, file_name, owner):
            digest.update(b"\0" + (part or "").encode())
        media = MediaFile(digest.hexdigest()[:32], data, mime, file_name, owner)
        with self._lock:
            if self.closed:
                return media
            old = self._by_owner.get(owner)
            if old is not None and old != media.media_id:
                self._files.pop(old, None)
            self._files[media.media_id] = media
            self._by_owner[owner] = media.media_id
        return media

    def get(self, media_id: str) -> MediaFile | None:
        """The file served under ``media_id``, if any."""
        with self._lock:
            return self._files.get(media_id)

    def release_owners(self, alive: Callable[[str], bool]) -> None:
        """Stop serving the files of owners for which ``alive`` is false."""
        with self._lock:
            for owner in [o for o in self._by_owner if not alive(o)]:
                self._files.pop(self._by_owner.pop(owner), None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._files)

    def clear(self) -> None:
        """Drop everything (the session closed)."""
        with self._lock:
            self.closed = True
            self._files.clear()
            self._by_owner.clear()


def _store(session: AppSession, key: str, factory: Callable[[], Any]) -> Any:
    store = session.extras.get(key)
    if store is not None:
        return store
    store = factory()
    if session.closed:
        store.clear()  # a late request for a closed session: nothing may be kept
        return store
    existing = session.extras.setdefault(key, store)
    if existing is store:
        session.close_hooks.append(store.clear)
    return existing


def uploads_of(session: AppSession) -> UploadStore:
    """The upload store of ``session`` (made on first use, cleared when it closes)."""
    store: UploadStore = _store(session, UPLOADS_KEY, UploadStore)
    return store


def media_of(session: AppSession) -> MediaStore:
    """The media store of ``session`` (made on first use, cleared when it closes)."""
    store: MediaStore = _store(session, MEDIA_KEY, MediaStore)
    return store


# --- inline media: images (and later audio and video) the page shows -------------------------
#
# One store per process, content-addressed: the id is a keyed hash of the type and bytes under
# a secret made at start-up, so every session showing the same image shares one id and one
# copy, the browser may cache it for good (the id is the content), and ids cannot be guessed
# or enumerated. Each file records the sessions whose trees show it; a session refers to the
# files its tree holds after each run, and a file no session refers to is dropped.

INLINE_KEY = "rillet.inline_media"
# The path elements carry, relative to the page, so an app mounted under a prefix works.
INLINE_ROUTE = "./_rillet/media/"
_INLINE_ID = re.compile(r"_rillet/media/([0-9a-f]{32})")


@dataclass(frozen=True)
class InlineFile:
    """Bytes the page shows inline (an ``<img>`` source), under their content id."""

    media_id: str
    data: bytes
    mime: str

    @property
    def url(self) -> str:
        """The relative URL elements carry."""
        return INLINE_ROUTE + self.media_id


class InlineMediaStore:
    """The inline files of every session of the process, each kept while a session shows it.

    Thread-safe: runner threads add and release, the server's threads read.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key = secrets.token_bytes(32)
        self._files: dict[str, InlineFile] = {}
        self._holders: dict[str, set[str]] = {}

    def media_id(self, data: bytes, mime: str) -> str:
        """The content id of ``data`` served as ``mime``."""
        digest = hmac.new(self._key, clean_mime(mime).encode() + b"\0", hashlib.blake2b)
        digest.update(data)
        return digest.hexdigest()[:32]

    def add(self, session_id: str, data: bytes, mime: str) -> InlineFile:
        """Keep ``data`` for ``session_id`` (one copy whoever else shows it); returns it."""
        mime = clean_mime(mime)
        media_id = self.media_id(data, mime)
        with self._lock:
            found = self._files.get(media_id)
            if found is None:
                found = self._files[media_id] = InlineFile(media_id, bytes(data), mime)
            self._holders.setdefault(media_id, set()).add(session_id)
        return found

    def get(self, media_id: str) -> InlineFile | None:
        """The file under ``media_id``, if a session still shows it."""
        with self._lock:
            return self._files.get(media_id)

    def retain(self, session_id: str, media_ids: Collection[str]) -> None:
        """``session_id`` now shows only ``media_ids``: release its other files, and drop the
        files nobody holds any more."""
        with self._lock:
            for media_id, holders in list(self._holders.items()):
                if session_id in holders and media_id not in media_ids:
                    holders.discard(session_id)
                    if not holders:
                        del self._holders[media_id]
                        self._files.pop(media_id, None)

    def holders(self, media_id: str) -> frozenset[str]:
        """The sessions that show ``media_id`` (for tests and diagnostics)."""
        with self._lock:
            return frozenset(self._holders.get(media_id, ()))

    def total_bytes(self) -> int:
        """The bytes held (for tests and diagnostics)."""
        with self._lock:
            return sum(len(f.data) for f in self._files.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._files)


INLINE_MEDIA = InlineMediaStore()


def shown_media_ids(tree: Tree) -> set[str]:
    """The inline media ids the elements of ``tree`` refer to (read from their encoded form,
    so no element is decoded)."""
    found: set[str] = set()
    for _, node in tree.walk():
        data: str | bytes = node.data
        text = data.decode() if isinstance(data, bytes) else data
        if "_rillet/media/" in text:
            found.update(_INLINE_ID.findall(text))
    return found


def add_inline(session: AppSession, data: bytes, mime: str) -> InlineFile:
    """Serve ``data`` inline for ``session``'s page; it stays while the session shows it.

    The first use in a session hooks the session so that after each run it releases what its
    tree no longer shows, and everything when it closes.
    """
    if INLINE_KEY not in session.extras and not session.closed:
        session.extras[INLINE_KEY] = True
        session_id = session.id
        session.run_finished_hooks.append(
            lambda tree: INLINE_MEDIA.retain(session_id, shown_media_ids(tree))
        )
        session.close_hooks.append(lambda: INLINE_MEDIA.retain(session_id, ()))
    media = INLINE_MEDIA.add(session.id, data, mime)
    if session.closed:  # closed meanwhile: its close hook may have run already
        INLINE_MEDIA.retain(session.id, ())
    return media
