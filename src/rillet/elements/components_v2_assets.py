"""Where a v2 component's files live: the ``asset_dir`` its package declares, and its registry.

A package ships a v2 component by declaring it in its ``pyproject.toml``, as Streamlit 1.67
reads it::

    [project]
    name = "my-widgets"

    [[tool.streamlit.component.components]]
    name = "slider"
    asset_dir = "frontend/build"

and calling ``st.components.v2.component("my-widgets.slider", js="index-*.js", ...)``. The
``asset_dir`` is relative to the package's import folder (``my_widgets/``, the project name
normalised); ``js``/``css``/``html`` may then name files in it, by path or by a glob that
matches exactly one file. The page loads them from ``/_rillet/component/v2/<name>/<path>``;
the route serves only files inside the asset dir (see `rillet.server.components`).
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rillet.runtime.errors import RilletAPIException

# Streamlit's rule for telling a path from inline content (component_path_utils).
_ASSET_SUFFIXES = (".js", ".mjs", ".cjs", ".css")
_GLOB = re.compile(r"[*?\[\]]")


class StreamlitComponentRegistryError(RilletAPIException):
    """A component's asset path is unsafe, missing or ambiguous (Streamlit's name)."""


@dataclass(frozen=True)
class Definition:
    """A registered v2 component: its content (inline text, or paths under ``asset_root``)."""

    name: str
    html: str | None
    css: str | None
    js: str | None
    css_url: str | None  # asset-dir-relative path, for file-backed css
    js_url: str | None
    asset_root: str | None


class DefinitionRegistry:
    """The v2 components of this process, by name; the component route serves their assets."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._definitions: dict[str, Definition] = {}

    def register(self, definition: Definition) -> None:
        """Add or replace a definition (a script defines its components on every run)."""
        with self._lock:
            self._definitions[definition.name] = definition

    def get(self, name: str) -> Definition | None:
        """The definition named ``name``, or None."""
        with self._lock:
            return self._definitions.get(name)

    def asset_root_of(self, name: str) -> str | None:
        """The folder served for ``name``; None for unknown or inline-only components."""
        definition = self.get(name)
        return definition.asset_root if definition is not None else None


REGISTRY = DefinitionRegistry()


def looks_like_path(value: str, *, html: bool = False) -> bool:
    """Whether ``js``/``css`` text names a file rather than holding code (Streamlit's rule).

    ``html`` is a path only when it is one line without ``<`` ending in .html/.htm, since
    inline markup usually holds a ``/``.
    """
    text = value.strip()
    if "\n" in text or "\r" in text:
        return False
    if html:
        return "<" not in text and text.lower().endswith((".html", ".htm"))
    if _GLOB.search(text) or text.startswith(("./", "/", "\\")) or "/" in text or "\\" in text:
        return True
    return text.lower().endswith(_ASSET_SUFFIXES)


def _check_relative(path: str, label: str) -> None:
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if ".." in parts:
        raise StreamlitComponentRegistryError(
            f"Path traversal attempts are not allowed in {label}: {path}"
        )
    unsafe = (
        "\0" in path
        or os.path.isabs(path)
        or path.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", path) is not None
    )
    if unsafe:
        raise StreamlitComponentRegistryError(f"Unsafe paths are not allowed in {label}: {path}")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _package_dir(project: str) -> Path | None:
    """The import folder of the package named after ``project`` (``my-widgets`` →
    ``my_widgets``), without importing it."""
    try:
        spec = importlib.util.find_spec(re.sub(r"[-.]+", "_", project).lower())
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or spec.origin in ("built-in", "frozen"):
        return None
    return Path(spec.origin).parent


def _candidates(project: str, caller_file: str | None) -> list[Path]:
    """pyproject.toml files that may declare ``project``: in or above its package folder,
    and above the file that defines the component."""
    folders: list[Path] = []
    package = _package_dir(project)
    if package is not None:
        folders += [package, package.parent]
    if caller_file:
        here = Path(caller_file).resolve().parent
        folders += [here, *list(here.parents)[:4]]
    seen: list[Path] = []
    for folder in folders:
        path = folder / "pyproject.toml"
        if path not in seen and path.is_file():
            seen.append(path)
    return seen


def find_asset_root(name: str, caller_file: str | None) -> Path | None:
    """The asset dir declared for ``name`` ("<project>.<component>"), or None if none is."""
    project, dot, short = name.partition(".")
    if not dot or not project or not short:
        return None
    for path in _candidates(project, caller_file):
        try:
            with path.open("rb") as file:
                manifest = tomllib.load(file)
        except (OSError, tomllib.TOMLDecodeError):
            continue
        declared = manifest.get("project", {}).get("name")
        if not isinstance(declared, str) or _canonical(declared) != _canonical(project):
            continue
        table = manifest.get("tool", {}).get("streamlit", {}).get("component", {})
        entries = table.get("components") if isinstance(table, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or entry.get("name") != short:
                continue
            asset_dir = entry.get("asset_dir")
            if asset_dir is None:
                return None
            if not isinstance(asset_dir, str):
                raise StreamlitComponentRegistryError("'asset_dir' must be a string")
            _check_relative(asset_dir, "component paths")
            package_root = _package_dir(project) or path.parent
            root = (package_root / asset_dir).resolve()
            if not root.is_relative_to(package_root.resolve()) or not root.is_dir():
                raise StreamlitComponentRegistryError(
                    f"Declared asset_dir '{asset_dir}' for component '{name}' is not a "
                    f"directory inside the package: {root}"
                )
            return root
    return None


def resolve_asset(value: str, root: Path | None, *, name: str, kind: str) -> str:
    """The asset-dir-relative path (with ``/``) of the file ``value`` names; a glob must match
    exactly one file. Raises Streamlit's errors for a missing asset dir, unsafe paths, files
    outside the asset dir, and globs that match none or several."""
    if root is None:
        raise RilletAPIException(
            f"Component '{name}' must be declared in pyproject.toml with asset_dir to use "
            f"file-backed {kind}."
        )
    _check_relative(value, "glob patterns" if _GLOB.search(value) else "component paths")
    if _GLOB.search(value):
        found = [p.resolve() for p in root.glob(value)]
        found = [p for p in found if p.is_relative_to(root) and p.is_file()]
        if not found:
            raise StreamlitComponentRegistryError(
                f"No files found matching pattern '{value}' in package root {root}"
            )
        if len(found) > 1:
            listed = ", ".join(str(p) for p in found)
            raise StreamlitComponentRegistryError(
                f"Multiple files found matching pattern '{value}': {listed}. "
                "Exactly one file must match the pattern."
            )
        target = found[0]
    else:
        target = (root / value).resolve()
    if not target.is_relative_to(root):
        raise StreamlitComponentRegistryError(
            f"{kind} path '{root / value}' is outside the declared asset_dir '{root}'."
        )
    if not target.is_file():
        raise StreamlitComponentRegistryError(
            f"No {kind} file '{value}' in the asset_dir of component '{name}' ({root})."
        )
    return target.relative_to(root).as_posix()
