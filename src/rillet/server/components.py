"""The component route: files of declared components, served from inside their folder only.

``/_rillet/component/{name}/{path}`` answers with a file of the component ``name`` when
``path`` resolves (symlinks followed) to a regular file inside the component's folder.
Anything else — unknown names, URL components, traversal in any spelling, absolute paths,
symlinks that lead out, siblings that merely share the folder's name as a prefix — gets the
same 404 with the same body, so a probe learns nothing about the file system.
``/_rillet/component/v2/{name}/{path}`` does the same for the asset dir of a v2 component.
"""

from __future__ import annotations

import mimetypes
import os

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from rillet.elements.components import REGISTRY, ComponentRegistry
from rillet.elements.components_v2_assets import REGISTRY as V2_REGISTRY
from rillet.elements.components_v2_assets import DefinitionRegistry

NOT_FOUND_BODY = "Not Found"
V2_PREFIX = "v2"

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


def _root_and_path(
    name: str, path: str, registry: ComponentRegistry, v2_registry: DefinitionRegistry
) -> tuple[str | None, str]:
    """The folder to serve from and the path inside it. ``v2/<name>/<path>`` names a v2
    component's asset dir: a v1 name always holds a dot, so ``v2`` is never one."""
    if name != V2_PREFIX:
        return registry.root_of(name), path
    v2_name, slash, rest = path.partition("/")
    if not slash or not rest:
        return None, ""
    return v2_registry.asset_root_of(v2_name), rest


def component_route(
    registry: ComponentRegistry = REGISTRY, v2_registry: DefinitionRegistry = V2_REGISTRY
) -> Route:
    """The route serving component files from ``registry`` (v1 folders) and ``v2_registry``
    (the asset dirs of v2 components, under ``/_rillet/component/v2/<name>/<path>``)."""

    async def serve_component_file(request: Request) -> Response:
        root, relative = _root_and_path(
            request.path_params["name"], request.path_params["path"], registry, v2_registry
        )
        path = resolve_inside(root, relative) if root else None
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
