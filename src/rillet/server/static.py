"""Static files of the frontend, served from memory with validators so browsers revalidate
cheaply, and compressed.

The frontend is a few dozen small ES modules that never change while the server runs, and
the first page load asks for all of them at once, at the moment the server is busiest (the
script's imports are being preloaded). Serving prepared bytes makes each request one dict
lookup and one send: no file system calls and no hop through a worker thread, each of which
would wait its turn for the interpreter.

The browser libraries under ``vendor/`` are the exception: megabytes that most pages never
ask for. They are read (and gzipped) on their first request, in a worker thread, and kept;
start-up only lists their names.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import os
import threading
import zlib
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, QueryParams
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

FRONTEND_DIR = Path(__file__).resolve().parent.parent / "frontend"

_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",  # the vendored fonts (cached for good: their URLs carry ?v=)
    "": "text/plain; charset=utf-8",  # LICENSE, NOTICE
}

# Worth compressing: text. Tiny files are not (the gzip header outweighs the gain).
_COMPRESSIBLE = ("text/", "application/json", "image/svg+xml")
_MIN_GZIP_SIZE = 1024

# Files this big are read and compressed in a worker thread, so the event loop keeps serving.
_BIG = 256 * 1024

IMMUTABLE = "public, max-age=31536000, immutable"


class _Asset:
    """One file, ready to send: its bytes are read on first use (or at once when ``eager``),
    its gzipped form and version token made when first asked for, and all kept."""

    __slots__ = ("_body", "_gzip", "_lock", "_token", "etag", "media_type", "path", "size")

    def __init__(self, path: Path, *, eager: bool) -> None:
        self.path = path
        self.media_type = _TYPES.get(path.suffix) or (
            mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        self._lock = threading.Lock()
        self._body: bytes | None = None
        self._gzip: bytes | None = None
        self._token: str | None = None
        self.etag = ""
        self.size = 0
        if eager:
            self.load()

    @property
    def loaded(self) -> bool:
        return self._body is not None

    @property
    def body(self) -> bytes:
        return self.load()

    def load(self) -> bytes:
        """The file's bytes, read once."""
        if self._body is None:
            with self._lock:
                if self._body is None:
                    body = self.path.read_bytes()
                    self.etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
                    self.size = len(body)
                    self._body = body
        return self._body

    @property
    def compressible(self) -> bool:
        return self.media_type.startswith(_COMPRESSIBLE)

    def gzipped(self) -> bytes | None:
        """The gzipped bytes, made once; None when the file is not worth compressing."""
        body = self.load()
        if self._gzip is None and self.compressible and len(body) >= _MIN_GZIP_SIZE:
            with self._lock:
                if self._gzip is None:
                    # wbits=31: the gzip format, with no time stamp in its header, so the
                    # same file always gives the same bytes.
                    self._gzip = zlib.compress(body, 6, wbits=31)
        if self._gzip is None or len(self._gzip) >= len(body):
            return None
        return self._gzip

    @property
    def token(self) -> str:
        """The ``?v=`` token of these exact bytes (see ``version_token``)."""
        if self._token is None:
            digest = hashlib.sha384(self.load()).digest()
            self._token = version_token("sha384-" + base64.b64encode(digest).decode("ascii"))
        return self._token


class StaticAssets:
    """An ASGI app serving every file under ``directory`` as it was at start-up.

    Only the files found then can be named, so no request path reaches the file system and
    traversal has nothing to work with. Responses say ``no-cache`` with an ETag: module files
    keep their names across releases, so browsers revalidate (a cheap 304) rather than trust
    a stale copy. A URL whose ``?v=`` names the exact bytes (the vendored libraries' URLs do,
    see ``version_token``) is cached for a year instead: new bytes get a new URL. Text is sent
    gzipped to clients that accept it; ``nosniff`` keeps scripts from being read as other types.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.assets: dict[str, _Asset] = dict(_listing(directory, skip=VENDOR, eager=True))
        self._vendor_listed = False

    def find(self, name: str) -> _Asset | None:
        """The file called ``name``; the vendor folder is listed on the first request into it."""
        if not self._vendor_listed and name.startswith(VENDOR + "/"):
            self.assets.update(_listing(self.directory / VENDOR, prefix=VENDOR + "/", eager=False))
            self._vendor_listed = True
        return self.assets.get(name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        asset = self.find(_relative_path(scope))
        if asset is not None and not asset.loaded:
            await run_in_threadpool(asset.load)
        if asset is not None and _accepts_gzip(scope) and asset.size >= _BIG:
            await run_in_threadpool(asset.gzipped)
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
        asset = self.find(_relative_path(scope))
        if asset is None:
            return PlainTextResponse("Not Found", 404, headers=_COMMON)
        body = asset.load()
        headers = {**_COMMON, "Cache-Control": "no-cache"}
        version = QueryParams(scope.get("query_string", b"")).get("v")
        if version is not None and version == asset.token:
            headers["Cache-Control"] = IMMUTABLE
        etag = asset.etag
        if asset.compressible:
            headers["Vary"] = "Accept-Encoding"
            zipped = asset.gzipped() if _accepts_gzip(scope) else None
            if zipped is not None:
                body, etag = zipped, asset.etag[:-1] + '-gzip"'
                headers["Content-Encoding"] = "gzip"
        headers["ETag"] = etag
        if _matches(Headers(scope=scope).get("if-none-match"), asset.etag):
            return Response(status_code=304, headers=headers)
        return Response(body, headers=headers, media_type=asset.media_type)


_COMMON = {"X-Content-Type-Options": "nosniff"}

VENDOR = "vendor"


def _listing(
    root: Path, *, prefix: str = "", skip: str = "", eager: bool
) -> list[tuple[str, _Asset]]:
    """Every file under ``root`` (but the top-level folder ``skip``), named by its path."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [
            d for d in dirs if d != "__pycache__" and not (folder == str(root) and d == skip)
        ]
        for file in files:
            path = Path(folder, file)
            found.append((prefix + path.relative_to(root).as_posix(), _Asset(path, eager=eager)))
    return sorted(found, key=lambda item: item[0])


def _accepts_gzip(scope: Scope) -> bool:
    """Whether the request's Accept-Encoding allows gzip (``gzip``, or ``*``, not at q=0)."""
    accepted: dict[str, float] = {}
    for item in Headers(scope=scope).get("accept-encoding", "").split(","):
        coding, _, params = item.strip().partition(";")
        q = 1.0
        key, _, value = params.strip().partition("=")
        if key.strip() == "q":
            try:
                q = float(value)
            except ValueError:
                q = 0.0
        accepted[coding.strip().lower()] = q
    q = accepted.get("gzip", accepted.get("x-gzip", accepted.get("*", 0.0)))
    return q > 0


def _matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match names either representation of the file (weakly compared,
    as RFC 9110 asks: the plain and the gzipped bytes share the one validator)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    plain = etag.strip('"')
    for tag in if_none_match.split(","):
        tag = tag.strip().removeprefix("W/").strip('"')
        if tag in (plain, plain + "-gzip"):
            return True
    return False


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
