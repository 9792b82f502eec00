"""Version 2 of the component API, as ``streamlit.components.v2`` offers it (Streamlit 1.51+).

``st.components.v2.component(name, html=..., css=..., js=...)`` registers a component and
returns its mount command; calling that shows an instance and returns a `ComponentResult`.
The component's JS runs in the page itself (no iframe), with the app author's trust: see
docs/components.md.
"""

from __future__ import annotations

import inspect
import threading
from pathlib import Path
from typing import Any

from rillet.elements.components_v2 import (
    BidiComponentInvalidCallbackNameError,
    BidiComponentInvalidDefaultKeyError,
    ComponentResult,
    mount,
)
from rillet.elements.components_v2_assets import (
    REGISTRY,
    Definition,
    StreamlitComponentRegistryError,
    find_asset_root,
    looks_like_path,
    resolve_asset,
)
from rillet.elements.components_v2_data import (
    BidiComponentError,
    BidiComponentUnserializableDataError,
)
from rillet.elements.validate import type_error
from rillet.runtime.errors import RilletAPIException

__all__ = [
    "BidiComponentError",
    "BidiComponentInvalidCallbackNameError",
    "BidiComponentInvalidDefaultKeyError",
    "BidiComponentUnserializableDataError",
    "ComponentRenderer",
    "ComponentResult",
    "StreamlitComponentRegistryError",
    "component",
]

# Scripts define their components on every run: the manifest is read once per name and file.
_asset_roots: dict[tuple[str, str | None], Path | None] = {}
_asset_lock = threading.Lock()


class ComponentRenderer:
    """A component's mount command: call it to show an instance (see `__call__`)."""

    def __init__(self, definition: Definition, isolate_styles: bool) -> None:
        self._definition = definition
        self.isolate_styles = isolate_styles

    @property
    def name(self) -> str:
        """The component's name, exactly as registered."""
        return self._definition.name

    def __call__(
        self,
        *,
        key: str | int | None = None,
        data: Any = None,
        default: dict[str, Any] | None = None,
        width: str | int = "stretch",
        height: str | int = "content",
        **on_callbacks: Any,
    ) -> ComponentResult:
        """Show an instance of the component and return its state and trigger values.

        Parameters:
            key: A unique key: the instance keeps its identity while its other arguments
                change, and its state values live in ``st.session_state[key]``. Without one,
                new ``data`` (or ``default``, ``width``, ``height``) makes a new instance.
            data: What the component's JS receives as ``data``: JSON values, ``bytes`` (a
                ``Uint8Array``), a dataframe-like value (pandas, polars, pyarrow, numpy; an
                Arrow IPC ``Uint8Array``), or a dict of them.
            default: Initial state values, by state name; each name needs a callback.
            width: "stretch" (the container's width), "content", or pixels.
            height: "content" (the component's own height), "stretch", or pixels.
            **on_callbacks: ``on_<name>_change`` callbacks, called without arguments before
                the rerun in which state or trigger ``<name>`` changed. Trigger values appear
                in the result only for names that have one.
        """
        return mount(
            self._definition,
            self.isolate_styles,
            key=key,
            data=data,
            default=default,
            width=width,
            height=height,
            callback_kwargs=on_callbacks,
        )

    def __repr__(self) -> str:
        return f"ComponentRenderer({self.name!r})"


def _asset_root(name: str, caller_file: str | None) -> Path | None:
    with _asset_lock:
        if (name, caller_file) not in _asset_roots:
            _asset_roots[name, caller_file] = find_asset_root(name, caller_file)
        return _asset_roots[name, caller_file]


def component(
    name: str,
    *,
    html: str | None = None,
    css: str | None = None,
    js: str | None = None,
    isolate_styles: bool = True,
) -> ComponentRenderer:
    """Register a v2 component and return the command that mounts it.

    The component's JS module runs in the page with the app's full privileges (it is not
    sandboxed): pass only code you trust, never text from users, files or the network.

    Parameters:
        name: The component's name, unique in the app. A component of an installed package
            is named "<project name>.<component name>" as its pyproject.toml declares it
            (``[[tool.streamlit.component.components]]``), which finds its ``asset_dir``.
        html: Inline HTML put into the component's root, or the path of an .html file in
            the asset dir.
        css: Inline CSS, or a path or glob (one file) of a .css file in the asset dir.
        js: Inline JavaScript of an ES module whose default export is called with
            ``{data, key, name, parentElement, setStateValue, setTriggerValue}`` and may return
            a cleanup function; or a path or glob (one file) of a .js file in the asset dir.
        isolate_styles: Mount the component in a shadow root (``parentElement`` is a
            ShadowRoot) so its CSS and the page's do not mix. Style isolation only, not a
            security boundary.
    """
    if not isinstance(name, str) or not name.strip():
        raise RilletAPIException(f"A component name must be a non-empty string, not {name!r}.")
    for parameter, value in (("html", html), ("css", css), ("js", js)):
        if value is not None and not isinstance(value, str):
            error = type_error(parameter, value, ["str", "None"])
            raise RilletAPIException(f"{error} Pass a string path or glob.")
    frame = inspect.currentframe()
    caller = frame.f_back if frame is not None else None
    caller_file = caller.f_globals.get("__file__") if caller is not None else None
    file_backed = any(
        value is not None and looks_like_path(value, html=kind == "html")
        for kind, value in (("html", html), ("css", css), ("js", js))
    )
    root = _asset_root(name, caller_file) if file_backed or "." in name else None
    css_url = js_url = None
    if html is not None and looks_like_path(html, html=True):
        relative = resolve_asset(html, root, name=name, kind="html")  # raises without a root
        html = (Path(str(root)) / relative).read_text("utf-8")
    if css is not None and looks_like_path(css):
        css_url, css = resolve_asset(css, root, name=name, kind="css"), None
    if js is not None and looks_like_path(js):
        js_url, js = resolve_asset(js, root, name=name, kind="js"), None
    definition = Definition(
        name=name,
        html=html,
        css=css,
        js=js,
        css_url=css_url,
        js_url=js_url,
        asset_root=str(root) if root is not None else None,
    )
    REGISTRY.register(definition)
    return ComponentRenderer(definition, bool(isolate_styles))
