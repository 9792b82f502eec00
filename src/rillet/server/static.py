"""Static files of the frontend, served from memory with validators so browsers revalidate
cheaply.

The frontend is a few dozen small ES modules that never change while the server runs, and
the first page load asks for all of them at once, at the moment the server is busiest (the
script's imports are being preloaded). Serving prepared bytes makes each request one dict
lookup and one send: no file system calls and no hop through a worker thread, each of which
would wait its turn for the interpreter.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

FRONTEND_DIR = Path(__file__).resolve().parent.parent / "frontend"

_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
}


class _Asset:
    """One file, ready to send."""

    __slots__ = ("body", "etag", "media_type")

    def __init__(self, path: Path) -> None:
        self.body = path.read_bytes()
        self.etag = '"' + hashlib.blake2b(self.body, digest_size=12).hexdigest() + '"'
        self.media_type = _TYPES.get(path.suffix) or (
            mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )


class StaticAssets:
    """An ASGI app serving every file under ``directory`` as it was at start-up.

    Only the files found then can be named, so no request path reaches the file system and
    traversal has nothing to work with. Responses say ``no-cache`` with an ETag: module files
    keep their names across releases, so browsers revalidate (a cheap 304) rather than trust
    a stale copy; ``nosniff`` keeps scripts from being read as other types.
    """

    def __init__(self, directory: Path) -> None:
        self.assets = {
            p.relative_to(directory).as_posix(): _Asset(p)
            for p in sorted(directory.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        response = self.response(scope)
        await response(scope, receive, send)

    def module_preload_links(self) -> str:
        """``<link rel=modulepreload>`` for every frontend module.

        The page's modules import each other a few levels deep; announcing them all up front
        lets the browser fetch them in parallel instead of one level per round trip.
        """
        modules = sorted(name for name in self.assets if name.endswith(".js") and eager(name))
        return "\n  ".join(f'<link rel="modulepreload" href="./static/{m}">' for m in modules)

    def response(self, scope: Scope) -> Response:
        """The response to one request under the mount point."""
        if scope["method"] not in ("GET", "HEAD"):
            return PlainTextResponse("Method Not Allowed", 405, headers={"Allow": "GET, HEAD"})
        asset = self.assets.get(_relative_path(scope))
        if asset is None:
            return PlainTextResponse("Not Found", 404, headers=_COMMON)
        headers = {**_COMMON, "ETag": asset.etag, "Cache-Control": "no-cache"}
        if Headers(scope=scope).get("if-none-match") == asset.etag:
            return Response(status_code=304, headers=headers)
        return Response(asset.body, headers=headers, media_type=asset.media_type)


_COMMON = {"X-Content-Type-Options": "nosniff"}


def eager(name: str) -> bool:
    """Whether the page loads module ``name`` up front. Modules in a subfolder of
    ``elements/`` (a family's parts, such as each chart library's renderer), ``vendor.js`` (the
    libraries' loader, which only those parts import) and everything under ``vendor/`` load on
    demand, when the page first shows an element that needs them."""
    parts = name.split("/")
    if parts[0] in ("vendor", "vendor.js"):
        return False
    return not (parts[0] == "elements" and len(parts) > 2)


def _relative_path(scope: Scope) -> str:
    """The request path below the mount point, without its leading slash."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    return path.lstrip("/")


def version_token(integrity: str) -> str:
    """The ``?v=`` token that names one exact version of a vendored file: the start of its SRI
    hash (``sha384-<base64>``), URL-safe. ``scripts/vendor.py`` writes it into the page's
    script URLs and the server recomputes it from the bytes it serves."""
    return integrity.split("-", 1)[1][:16].replace("+", "-").replace("/", "_")
