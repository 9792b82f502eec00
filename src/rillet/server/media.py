"""``GET /_rillet/media/{id}``: files the page downloads (``st.download_button``) and media it
shows inline (``st.pyplot``'s images, later ``st.image``, audio and video).

A download's id is minted by the session that serves the file and is unguessable; the file
lives as long as the element that serves it and at most as long as its session. An inline
file's id is a keyed hash of its content (`InlineMediaStore`), so it is cached for good by the
browser (``immutable``, revalidated with its ``ETag`` when the user forces a reload) and lives
while any session shows it. Unknown ids get a fixed 404. Every response carries ``nosniff``
and a sandboxing CSP, so served bytes never run as a page of this origin, whatever their
declared type: an SVG opened on its own runs no script.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from rillet.elements.files import default_file_name, download_bytes
from rillet.elements.filestore import (
    INLINE_MEDIA,
    MEDIA_KEY,
    InlineFile,
    MediaFile,
    MediaStore,
    clean_mime,
)
from rillet.server.ranges import RangeNotSatisfiable, requested_range

if TYPE_CHECKING:
    from rillet.config import Config
    from rillet.runtime.session import SessionManager

log = logging.getLogger("rillet.server")

NOT_FOUND_BODY = "Not Found"
_MEDIA_ID = re.compile(r"^[0-9a-f]{32}$")
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "sandbox; default-src 'none'",
}


# The id is the content, so an inline file never changes under its URL.
INLINE_CACHE_CONTROL = "private, max-age=31536000, immutable"


def _not_found() -> Response:
    return PlainTextResponse(NOT_FOUND_BODY, status_code=404, headers=dict(_HEADERS))


def find_media(manager: SessionManager, media_id: str) -> MediaFile | None:
    """The file served under ``media_id`` by any live session."""
    if not _MEDIA_ID.match(media_id):
        return None
    for session in list(manager.sessions.values()):
        store = session.extras.get(MEDIA_KEY)
        if isinstance(store, MediaStore) and not session.closed:
            media = store.get(media_id)
            if media is not None:
                return media
    return None


def serve_inline(media: InlineFile, request: Request) -> Response:
    """An inline file, or ``304`` when the browser already holds it (``If-None-Match``)."""
    etag = f'"{media.media_id}"'
    headers = {**_HEADERS, "Cache-Control": INLINE_CACHE_CONTROL, "ETag": etag}
    held = request.headers.get("if-none-match", "")
    if etag in (tag.strip().removeprefix("W/") for tag in held.split(",")) or held == "*":
        return Response(status_code=304, headers=headers)
    media_type = media.mime + ("; charset=utf-8" if media.mime.startswith("text/") else "")
    # Audio and video seek by byte ranges (server/ranges.py).
    headers["Accept-Ranges"] = "bytes"
    try:
        part = requested_range(
            request.headers.get("range"), len(media.data),
            if_range=request.headers.get("if-range"), etag=etag,
        )
    except RangeNotSatisfiable as exc:
        headers["Content-Range"] = exc.content_range
        return Response(status_code=416, headers=headers)
    if part is not None:
        headers["Content-Range"] = part.content_range
        body = media.data[part.start : part.end + 1]
        return Response(body, status_code=206, media_type=media_type, headers=headers)
    return Response(media.data, media_type=media_type, headers=headers)


def content_disposition(file_name: str) -> str:
    """``attachment`` with an ASCII fallback name and the exact UTF-8 name (RFC 6266)."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in file_name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"


def media_route(manager: SessionManager, config: Config) -> Route:
    """The route serving the media of the sessions of ``manager``."""

    async def serve_media(request: Request) -> Response:
        if not config.host_allowed(request.headers.get("host", "")):
            return _not_found()
        media_id = request.path_params["media_id"]
        inline = INLINE_MEDIA.get(media_id) if _MEDIA_ID.match(media_id) else None
        if inline is not None:
            return serve_inline(inline, request)
        media = find_media(manager, media_id)
        if media is None:
            return _not_found()
        raw: object = media.data
        if callable(media.data):
            try:
                # The app's own code: never on the event loop.
                raw = await run_in_threadpool(media.data)
            except Exception:
                log.exception("the data callable of a download button raised")
                return PlainTextResponse(
                    "The download could not be produced.", status_code=500, headers=dict(_HEADERS)
                )
        try:
            body, mime = download_bytes(raw, media.mime)
        except Exception:
            log.exception("a download button's data callable returned no file data")
            return PlainTextResponse(
                "The download could not be produced.", status_code=500, headers=dict(_HEADERS)
            )
        media_type = clean_mime(mime)
        if media_type.startswith("text/"):
            media_type += "; charset=utf-8"
        name = media.file_name or default_file_name(mime)
        headers = {**_HEADERS, "Content-Disposition": content_disposition(name)}
        return Response(body, media_type=media_type, headers=headers)

    return Route("/_rillet/media/{media_id}", serve_media, methods=["GET", "HEAD"])
