"""The component route: files of declared components, served from inside their folder only.

``/_rillet/component/{name}/{path}`` answers with a file of the component ``name`` when
``path`` resolves (symlinks followed) to a regular file inside the component's folder.
Anything else — unknown names, URL components, traversal in any spelling, absolute paths,
symlinks that lead out, siblings that merely share the folder's name as a prefix — gets the
same 404 with the same body, so a probe learns nothing about the file system.
"""

from __future__ import annotations

import mimetypes
import os

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from rillet.elements.components import REGISTRY, ComponentRegistry

NOT_FOUND_BODY = "Not Found"

# Types that must not depend on the host's mime database: a frame's scripts and styles are
# refused under `nosniff` when their type is wrong.
CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".txt": "text/plain",
}


def resolve_inside(root: str, relative: str) -> str | None:
    """The real path of ``relative`` under ``root`` if it is a regular file inside it."""
    if "\0" in relative or os.path.isabs(relative) or relative.startswith("\\"):
        return None
    real_root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(real_root, relative or "index.html"))
    try:
        inside = os.path.commonpath([real_root, candidate]) == real_root
    except ValueError:
        return None
    if not inside or candidate == real_root or not os.path.isfile(candidate):
        return None
    return candidate


def content_type(path: str) -> str:
    """The Content-Type of a served file; unknown types are opaque bytes."""
    ext = os.path.splitext(path)[1].lower()
    media = CONTENT_TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    if media.startswith("text/") or media in ("application/json", "image/svg+xml"):
        media += "; charset=utf-8"
    return media


def _not_found() -> Response:
    return PlainTextResponse(
        NOT_FOUND_BODY, status_code=404, headers={"X-Content-Type-Options": "nosniff"}
    )


def component_route(registry: ComponentRegistry = REGISTRY) -> Route:
    """The route serving component files from ``registry``."""

    async def serve_component_file(request: Request) -> Response:
        root = registry.root_of(request.path_params["name"])
        path = resolve_inside(root, request.path_params["path"]) if root else None
        if path is None:
            return _not_found()
        try:
            stat = os.stat(path)
        except OSError:
            return _not_found()
        response = FileResponse(
            path,
            stat_result=stat,
            headers={
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "no-cache",
                # The frame has an opaque origin (no allow-same-origin), so its fonts and
                # module scripts are CORS requests: component files are public assets.
                "Access-Control-Allow-Origin": "*",
            },
        )
        response.headers["Content-Type"] = content_type(path)
        if request.headers.get("if-none-match") == response.headers.get("etag"):
            headers = {k: v for k, v in response.headers.items() if k != "content-length"}
            return Response(status_code=304, headers=headers)
        return response

    return Route(
        "/_rillet/component/{name}/{path:path}", serve_component_file, methods=["GET", "HEAD"]
    )
