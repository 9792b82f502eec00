"""``POST /_rillet/upload``: files for ``st.file_uploader``, and the XSRF cookie that guards it.

XSRF, double-submit (Streamlit's scheme): the page response sets the cookie ``rillet_xsrf``
(random, ``SameSite=Strict``, readable by the page's script), and every upload must repeat its
value in the ``X-Rillet-XSRF`` header. Another site can neither read the cookie nor add a
custom header to a request to this origin without a CORS preflight, which this route never
grants; the Host and Origin headers are checked as on the websocket.

One request carries one file as its raw body: the session id, the uploader's widget id and the
file name (percent-encoded) travel in headers. A folder uploader's file name is its path inside
the folder, checked by ``upload_paths`` and kept only as text. The body is read in chunks and
refused with 413 as soon as it passes the limit; the type and the uploader are checked before
a byte is kept. The answer is the server-minted file id the page then sends as the widget's value.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
from typing import TYPE_CHECKING
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from rillet.elements import filestore
from rillet.elements.filestore import UploadRejected
from rillet.server.request_session import session_for

if TYPE_CHECKING:
    from rillet.config import Config
    from rillet.runtime.session import SessionManager

log = logging.getLogger("rillet.server")

XSRF_COOKIE = "rillet_xsrf"
XSRF_HEADER = "x-rillet-xsrf"
WIDGET_HEADER = "x-rillet-widget"
NAME_HEADER = "x-rillet-file-name"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
# The widgets whose files come through this route (camera and microphone captures too).
UPLOAD_WIDGETS = frozenset({"file_uploader", "camera_input", "audio_input", "chat_input"})


def set_xsrf_cookie(request: Request, response: Response) -> None:
    """Give the page its XSRF cookie, keeping one it already has (so every open tab of the
    app shares one token)."""
    if _TOKEN.match(request.cookies.get(XSRF_COOKIE, "")):
        return
    response.set_cookie(
        XSRF_COOKIE,
        secrets.token_urlsafe(32),
        path=request.scope.get("root_path", "") + "/",
        secure=request.url.scheme == "https",
        httponly=False,  # the page's script copies it into the header
        samesite="strict",
    )


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _forbidden_reason(request: Request, config: Config) -> str | None:
    """Why this request may not upload, or None: host, origin, then the XSRF token."""
    host = request.headers.get("host", "")
    if not config.host_allowed(host):
        return f"host {host!r} is not served here"
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{host}":
        if origin not in config.allowed_origins:
            return f"origin {origin!r} is not allowed"
    cookie = request.cookies.get(XSRF_COOKIE, "")
    header = request.headers.get(XSRF_HEADER, "")
    if not _TOKEN.match(cookie) or not hmac.compare_digest(cookie.encode(), header.encode()):
        return "the XSRF token is missing or does not match"
    return None


def upload_route(manager: SessionManager, config: Config) -> Route:
    """The route that receives uploads for the sessions of ``manager``."""

    async def receive_upload(request: Request) -> Response:
        reason = _forbidden_reason(request, config)
        if reason is not None:
            log.warning("refused an upload: %s", reason)
            return _error(
                403, "Upload refused: the XSRF token is missing or invalid. Reload the page."
            )
        session = session_for(manager, request)
        if session is None:
            # The same answer as for an unknown id: an id alone says nothing, opens nothing.
            return _error(404, "This session has ended. Reload the page.")
        widget_id = request.headers.get(WIDGET_HEADER, "")
        spec = session.state.widget_spec(widget_id)
        if spec is None or spec.kind not in UPLOAD_WIDGETS:
            return _error(404, "This file uploader is gone. Reload the page.")
        if spec.disabled:
            return _error(403, "This file uploader is disabled.")
        name = unquote(request.headers.get(NAME_HEADER, ""), errors="replace")
        if not name:
            return _error(400, "The upload has no file name.")
        mime = request.headers.get("content-type")
        store = filestore.uploads_of(session)
        limit = store.limit_for(widget_id, filestore.max_upload_bytes(config.max_upload_size))
        declared = request.headers.get("content-length", "")
        try:
            size = int(declared) if declared.isdigit() else 0
            clean = store.clean_name(widget_id, name)
            store.check(widget_id, clean, filestore.clean_mime(mime), size, limit)
            body = bytearray()
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    raise UploadRejected(413, filestore.size_error(limit))
            record = store.add(widget_id, name, mime, bytes(body), limit)
        except UploadRejected as exc:
            return _error(exc.status, exc.message)
        return JSONResponse(
            {
                "file_id": record.file_id,
                "name": record.name,
                "size": len(record.data),
                "type": record.type,
            }
        )

    return Route("/_rillet/upload", receive_upload, methods=["POST"])
