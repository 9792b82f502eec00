"""The vendored browser libraries are exactly what scripts/vendor.py recorded: every file's
SRI hash and size match the manifest (a hand edit fails here), each package keeps its licence,
and the versions are the ones the script pins."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from rillet.server.static import FRONTEND_DIR, IMMUTABLE, StaticAssets, version_token
from tests.server.test_static import call

ROOT = Path(__file__).resolve().parents[2]
VENDOR = FRONTEND_DIR / "vendor"
MANIFEST: dict[str, Any] = json.loads((VENDOR / "manifest.json").read_text("utf-8"))
PACKAGES: dict[str, Any] = MANIFEST["packages"]


def vendor_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vendor_script", ROOT / "scripts" / "vendor.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def sri(body: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode("ascii")


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_every_vendored_file_matches_its_recorded_hash(package: str) -> None:
    for name, recorded in PACKAGES[package]["files"].items():
        body = (VENDOR / package / name).read_bytes()
        assert len(body) == recorded["size"], f"{package}/{name} changed size"
        assert sri(body) == recorded["integrity"], f"{package}/{name} was edited"


def test_the_vendor_folder_holds_only_recorded_files() -> None:
    recorded = {f"{p}/{name}" for p, entry in PACKAGES.items() for name in entry["files"]}
    present = {
        f.relative_to(VENDOR).as_posix()
        for f in VENDOR.rglob("*")
        if f.is_file() and f.parent != VENDOR
    }
    assert present == recorded
    assert {f.name for f in VENDOR.iterdir() if f.is_file()} == {"manifest.json", "manifest.js"}


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_each_package_keeps_its_licence(package: str) -> None:
    licences = PACKAGES[package]["licences"]
    assert licences, f"{package} has no licence file"
    for name in licences:
        assert name in PACKAGES[package]["files"]
        assert (VENDOR / package / name).stat().st_size > 100


def test_manifest_versions_are_the_pins_of_the_vendor_script() -> None:
    pins = vendor_script().pinned_versions()
    assert {name: entry["version"] for name, entry in PACKAGES.items()} == pins


def test_plotly_js_is_the_version_the_python_plotly_bundles() -> None:
    offline = pytest.importorskip("plotly.offline")
    assert PACKAGES["plotly.js-dist-min"]["version"] == offline.get_plotlyjs_version()


def test_the_page_table_names_each_library_script_with_its_hash_and_version_token() -> None:
    source = (VENDOR / "manifest.js").read_text("utf-8")
    found = re.search(r"Object\.freeze\((\{.*\})\);", source, re.S)
    assert found is not None
    table = json.loads(found.group(1))
    assert table == MANIFEST["libraries"]
    assert {"vega", "plotly", "echarts", "mermaid", "deck", "graphviz"} <= set(table)
    for scripts in table.values():
        for script in scripts:
            path, _, query = script["src"].partition("?v=")
            package, _, name = path.rpartition("/")
            assert name in PACKAGES[package]["scripts"]
            assert script["integrity"] == PACKAGES[package]["files"][name]["integrity"]
            assert query == version_token(script["integrity"])


def test_vendor_js_resolves_every_library_the_table_names() -> None:
    source = (FRONTEND_DIR / "vendor.js").read_text("utf-8")
    start = source.index("const EXPORTS")
    exports = source[start : source.index("};", start)]
    names = set(re.findall(r"^  (\w+): \(\) =>", exports, re.M))
    assert names == set(MANIFEST["libraries"])


def test_theme_css_declares_the_vendored_fonts_with_their_version_tokens() -> None:
    script = vendor_script()
    theme = (FRONTEND_DIR / "theme.css").read_text("utf-8")
    assert script.font_css(MANIFEST["fonts"]) in theme
    families = {face["family"] for face in MANIFEST["fonts"]}
    assert families == {"Source Sans 3", "Source Code Pro", "Material Symbols Rounded"}
    for face in MANIFEST["fonts"]:
        path, _, token = face["src"].partition("?v=")
        package, _, name = path.removeprefix("vendor/").rpartition("/")
        assert token == version_token(PACKAGES[package]["files"][name]["integrity"])
        assert name.endswith(".woff2")


def test_katex_keeps_the_woff2_fonts_its_stylesheet_names() -> None:
    css = (VENDOR / "katex" / "katex.min.css").read_text("utf-8")
    named = set(re.findall(r"url\((fonts/[^)?]+\.woff2)(?:\?v=[^)]*)?\)", css))
    assert named and named <= set(PACKAGES["katex"]["files"])


def test_katex_fonts_are_named_with_their_version_tokens_and_served_immutable() -> None:
    css = (VENDOR / "katex" / "katex.min.css").read_text("utf-8")
    fonts = PACKAGES["katex"]["files"]
    pinned = re.findall(r"url\((fonts/[^)?]+\.woff2)\?v=([^)]+)\)", css)
    assert {name for name, _ in pinned} == {n for n in fonts if n.endswith(".woff2")}
    for name, token in pinned:
        assert token == version_token(fonts[name]["integrity"])
    assert not re.search(r"url\(fonts/[^)?]+\.woff2\)", css)  # none left bare
    name, token = pinned[0]
    reply = call(StaticAssets(FRONTEND_DIR), f"/vendor/katex/{name}?v={token}")
    assert reply.status == 200 and reply.headers["cache-control"] == IMMUTABLE


def test_pin_css_urls_tokens_kept_files_and_leaves_other_urls_alone() -> None:
    files = {"fonts/a.woff2": {"size": 1, "integrity": sri(b"a")}}
    css = (
        b'@font-face{src:url(fonts/a.woff2) format("woff2"),url(fonts/a.woff) format("woff")}'
        b".x{background:url('fonts/a.woff2')}.y{background:url(data:image/png;base64,AA)}"
    )
    token = version_token(sri(b"a")).encode()
    assert vendor_script().pin_css_urls(css, files) == (
        b'@font-face{src:url(fonts/a.woff2?v=' + token + b') format("woff2"),'
        b'url(fonts/a.woff) format("woff")}'
        b".x{background:url('fonts/a.woff2?v=" + token + b"')}"
        b".y{background:url(data:image/png;base64,AA)}"
    )
