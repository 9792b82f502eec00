"""Static files of the frontend, served with validators so browsers revalidate cheaply."""

from __future__ import annotations

from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

FRONTEND_DIR = Path(__file__).resolve().parent.parent / "frontend"


class CachedStaticFiles(StaticFiles):
    """StaticFiles whose responses say how to cache them.

    Module files keep their names across releases, so browsers must revalidate (ETag, 304)
    rather than trust a stale copy; ``nosniff`` keeps scripts from being read as other types.
    """

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            response.headers["Cache-Control"] = "no-cache"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def module_preload_links() -> str:
    """``<link rel=modulepreload>`` for every frontend module.

    The page's modules import each other a few levels deep; announcing them all up front lets
    the browser fetch them in parallel instead of one level per round trip.
    """
    modules = sorted(p.relative_to(FRONTEND_DIR).as_posix() for p in FRONTEND_DIR.rglob("*.js"))
    return "\n  ".join(f'<link rel="modulepreload" href="./static/{m}">' for m in modules)
