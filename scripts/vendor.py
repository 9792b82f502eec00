"""Refresh the browser libraries under ``src/rillet/frontend/vendor/`` from their npm packages.

The chart renderers, KaTeX and the fonts are the packages' own files, never copies edited by
hand (DESIGN §8): this script fetches each pinned package with ``npm pack``, keeps only the
files the page loads (a UMD or IIFE build that defines a global, a stylesheet, woff2 fonts) and
the package's licence, and records every file's size and SRI hash in ``vendor/manifest.json``.
It also writes ``vendor/manifest.js``, the table ``vendor.js`` reads, so the page needs no
extra request to learn the hashes, and the ``@font-face`` rules between the font markers of
``theme.css`` (each font URL carries its file's version token, so browsers cache it for good).
``tests/server/test_vendor.py`` checks the files against the manifest, the manifest against
the pins below and theme.css against the manifest, so a hand edit fails the tests.

Usage: ``.venv/bin/python scripts/vendor.py`` (needs ``npm`` and the npm registry). Change a
version here, run it, and commit what it wrote.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = ROOT / "src" / "rillet" / "frontend" / "vendor"

sys.path.insert(0, str(ROOT / "src"))
from rillet.server.static import version_token  # noqa: E402  (the server derives the same token)


@dataclass(frozen=True)
class Package:
    """One npm package at a pinned version, and the files of its tarball the page needs.

    ``files`` are paths inside the tarball's ``package/`` folder, in the order the page loads
    them (scripts, and stylesheets ending in ``.css``); ``licences`` the licence (and notice)
    files to keep beside them. A package that ships no licence file gets one written from its
    ``package.json`` (see ``licence_note``). ``assets`` are files the page fetches but does not
    run (fonts): glob patterns, kept with their path below ``base``, because a stylesheet
    names them relative to itself (KaTeX's ``fonts/KaTeX_Main-Regular.woff2``).
    """

    name: str
    version: str
    files: tuple[str, ...]
    licences: tuple[str, ...] = ("LICENSE",)
    assets: tuple[str, ...] = ()
    base: str = ""


@dataclass(frozen=True)
class FontFamily:
    """A font family theme.css declares from a vendored package's woff2 files.

    ``stylesheets`` are the package's own CSS files: the weight range, style and unicode-range
    of each woff2 file are read from them, so the faces say what the package says.
    ``display`` is the ``font-display`` of every face.
    """

    family: str
    package: Package
    stylesheets: tuple[str, ...]
    display: str = "swap"


@dataclass(frozen=True)
class Library:
    """What ``loadLibrary(name)`` loads: its packages' files, in this order."""

    name: str
    packages: tuple[Package, ...]


class FileEntry(TypedDict):
    size: int
    integrity: str


class FontFace(TypedDict):
    """One ``@font-face`` rule, as manifest.json records it (``src`` is relative to the
    frontend folder and carries the file's version token)."""

    family: str
    style: str
    weight: str
    display: str
    unicode_range: str
    src: str


class PackageEntry(TypedDict):
    """A package in manifest.json: its version, the scripts the page loads (in order), its
    licence files, and every file kept with its size and SRI hash."""

    version: str
    scripts: list[str]
    licences: list[str]
    files: dict[str, FileEntry]


LIBRARIES: tuple[Library, ...] = (
    Library(
        "vega",
        (
            Package("vega", "6.4.0", ("build/vega.min.js",)),
            # vega-lite's and vega-embed's UMD builds take `vega` (and `vegaLite`) from the
            # globals the earlier scripts defined, so the order matters.
            Package("vega-lite", "6.5.0", ("build/vega-lite.min.js",)),
            Package("vega-embed", "7.3.0", ("build/vega-embed.min.js",)),
        ),
    ),
    # The plotly.js that the installed Python plotly (7.1) bundles:
    # plotly.offline.get_plotlyjs_version() == "4.1.1".
    Library("plotly", (Package("plotly.js-dist-min", "4.1.1", ("plotly.min.js",)),)),
    Library(
        "echarts",
        (
            Package(
                "echarts",
                "6.1.0",
                ("dist/echarts.min.js",),
                # Apache-2.0 asks that the NOTICE travel with the code; the build includes d3.
                ("LICENSE", "NOTICE", "licenses/LICENSE-d3"),
            ),
        ),
    ),
    # Mermaid 12 still ships a single-file IIFE build (`globalThis.mermaid`) beside its ESM.
    Library("mermaid", (Package("mermaid", "12.3.0", ("dist/mermaid.min.js",)),)),
    Library(
        "deck",
        (
            Package("deck.gl", "9.4.0", ("dist.min.js",)),
            # JSONConverter (how pydeck specs are rendered) is not in deck.gl's bundle; its own
            # bundle takes @deck.gl/core from the `deck` global that deck.gl defined.
            Package("@deck.gl/json", "9.4.0", ("dist.min.js",)),
        ),
    ),
    # 3.x ships `dist/viz-global.js` (a UMD defining `Viz`); the older `lib/viz-standalone.js`
    # is gone. The package has no licence file (package.json says MIT).
    Library("graphviz", (Package("@viz-js/viz", "3.31.0", ("dist/viz-global.js",), ()),)),
    # Streamed chat answers are rendered as they grow (elements/chat.js). The version that
    # markdown-it-py (the server's renderer) is a port of, so both escape and refuse alike.
    Library("markdown", (Package("markdown-it", "14.1.0", ("dist/markdown-it.min.js",)),)),
    # st.latex and $math$ in markdown. The stylesheet names its fonts as `fonts/KaTeX_*`; only
    # the woff2 ones are kept (every browser the page supports takes woff2 first).
    Library(
        "katex",
        (
            Package(
                "katex",
                "0.18.10",  # the KaTeX Streamlit 1.67 bundles
                ("dist/katex.min.js", "dist/katex.min.css"),
                assets=("dist/fonts/*.woff2",),
                base="dist",
            ),
        ),
    ),
)

# The fonts of Streamlit's theme (its frontend ships Source Sans and Source Code as variable
# fonts and the Rounded Material Symbols at weight 400). Fontsource's variable packages split
# each family by script, so a page downloads only the ranges its text uses (latin: 29 kB).
FONTS: tuple[FontFamily, ...] = (
    FontFamily(
        "Source Sans 3",
        Package(
            "@fontsource-variable/source-sans-3", "5.3.1", (),
            assets=("files/*.woff2",), base="files",
        ),
        ("wght.css", "wght-italic.css"),
    ),
    FontFamily(
        "Source Code Pro",
        Package(
            "@fontsource-variable/source-code-pro", "5.3.1", (),
            assets=("files/*-wght-normal.woff2",), base="files",
        ),
        ("wght.css",),
    ),
    # The static weight-400 instance (374 kB) rather than the variable font with every axis
    # (megabytes): icons are drawn at one weight. `block`, not `swap`: while the font loads an
    # icon would otherwise show its ligature's name ("thumb_up") as text.
    FontFamily(
        "Material Symbols Rounded",
        Package(
            "@fontsource/material-symbols-rounded", "5.3.8", (),
            assets=("files/material-symbols-rounded-latin-400-normal.woff2",), base="files",
        ),
        ("latin-400.css",),
        display="block",
    ),
)

FONT_BLOCK_START = "/* === Fonts: written by scripts/vendor.py, do not edit by hand === */"
FONT_BLOCK_END = "/* === end of fonts === */"
THEME_CSS = ROOT / "src" / "rillet" / "frontend" / "theme.css"


def sri(body: bytes) -> str:
    """The Subresource Integrity value of ``body`` (``sha384-<base64>``)."""
    return "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode("ascii")


def all_packages() -> list[Package]:
    """Every pinned package: the libraries' and the fonts'."""
    return [p for lib in LIBRARIES for p in lib.packages] + [font.package for font in FONTS]


def pinned_versions() -> dict[str, str]:
    """Every package's pinned version, by npm name."""
    return {p.name: p.version for p in all_packages()}


def fetch(package: Package, workdir: Path) -> Path:
    """``npm pack`` the package into ``workdir`` and unpack it; returns its ``package/`` dir."""
    spec = f"{package.name}@{package.version}"
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
        cwd=workdir,
    ).stdout
    tarball = workdir / json.loads(out)[0]["filename"]
    target = workdir / tarball.stem
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def licence_note(package: Package, source: Path) -> bytes:
    """A licence file for a package that ships none: what its metadata and banner say.

    Written from the tarball itself (the ``license`` field of package.json and the comment
    that opens its first file), so it says no more than the package does.
    """
    meta = json.loads((source / "package.json").read_text("utf-8"))
    head = (source / package.files[0]).read_text("utf-8", errors="replace")
    banner = head[head.find("/*") : head.find("*/") + 2] if head.lstrip().startswith("/*") else ""
    lines = [
        f"The npm package {package.name} {package.version} ships no licence file.",
        f'Its package.json declares: "license": "{meta.get("license", "unknown")}"',
        f"Repository: {meta.get('repository', {}).get('url', 'unknown')}",
    ]
    if banner:
        lines += ["", f"The notice at the top of {Path(package.files[0]).name}:", "", banner]
    return ("\n".join(lines) + "\n").encode("utf-8")


def vendor_package(package: Package, source: Path) -> PackageEntry:
    """Copy the package's files into ``vendor/<name>/``; returns its manifest entry."""
    target = VENDOR_DIR / package.name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    files: dict[str, FileEntry] = {}
    # Assets first: a stylesheet's url()s are then pinned to the assets' version tokens.
    for pattern in package.assets:
        matched = sorted(source.glob(pattern))
        assert matched, f"{package.name}: nothing matches {pattern}"
        for path in matched:
            body = path.read_bytes()
            name = path.relative_to(source / package.base).as_posix()
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(body)
            files[name] = {"size": len(body), "integrity": sri(body)}
    # Flattened to their base names: the page needs no more structure, and `build/` and
    # `dist/` folders are ignored by the repository's .gitignore.
    for rel in package.files + package.licences:
        body = (source / rel).read_bytes()
        name = Path(rel).name
        assert name not in files, f"{package.name}: two files named {name}"
        if name.endswith(".css"):
            body = pin_css_urls(body, files)
        (target / name).write_bytes(body)
        files[name] = {"size": len(body), "integrity": sri(body)}
    licences = [Path(rel).name for rel in package.licences]
    if not package.licences:
        body = licence_note(package, source)
        (target / "LICENSE").write_bytes(body)
        files["LICENSE"] = {"size": len(body), "integrity": sri(body)}
        licences = ["LICENSE"]
    return {
        "version": package.version,
        "scripts": [Path(rel).name for rel in package.files],
        "licences": licences,
        "files": files,
    }


_CSS_URL = re.compile(rb"url\((['\"]?)([^'\")?#]+)\1\)")


def pin_css_urls(css: bytes, files: dict[str, FileEntry]) -> bytes:
    """``css`` (a stylesheet kept at the package's top) with each url() that names a kept
    file given that file's ``?v=`` token, so the server caches it for good as it does every
    vendored URL with a token (KaTeX names its fonts bare). Other url()s stay as written."""

    def pinned(match: re.Match[bytes]) -> bytes:
        quote, url = match.group(1), match.group(2).decode("utf-8")
        entry = files.get(url)
        if entry is None:
            return match.group(0)
        token = version_token(entry["integrity"])
        return b"url(" + quote + f"{url}?v={token}".encode() + quote + b")"

    return _CSS_URL.sub(pinned, css)


_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_DESCRIPTOR = re.compile(r"([a-z-]+)\s*:\s*([^;]+);")


def font_faces(font: FontFamily, source: Path, entry: PackageEntry) -> list[FontFace]:
    """The ``@font-face`` rules of the kept files of ``font``, read from its package's CSS."""
    faces: list[FontFace] = []
    for sheet in font.stylesheets:
        for rule in _FACE.findall((source / sheet).read_text("utf-8")):
            descriptors = dict(_DESCRIPTOR.findall(rule))
            url = re.search(r"url\(\./files/([^)]+\.woff2)\)", descriptors["src"])
            assert url, f"{font.package.name}/{sheet}: no woff2 in {descriptors['src']}"
            name = url.group(1)
            if name not in entry["files"]:
                continue  # a script range (or weight) not kept
            token = version_token(entry["files"][name]["integrity"])
            faces.append(
                {
                    "family": font.family,
                    "style": descriptors["font-style"].strip(),
                    "weight": descriptors["font-weight"].strip(),
                    "display": font.display,
                    "unicode_range": descriptors.get("unicode-range", "").strip(),
                    "src": f"vendor/{font.package.name}/{name}?v={token}",
                }
            )
    kept = {f["src"].split("?")[0].rsplit("/", 1)[1] for f in faces}
    missing = {n for n in entry["files"] if n.endswith(".woff2")} - kept
    assert not missing, f"{font.package.name}: no @font-face names {sorted(missing)}"
    return faces


def font_css(faces: list[FontFace]) -> str:
    """The block of ``@font-face`` rules theme.css holds between the font markers."""
    rules = []
    for face in faces:
        lines = [
            "@font-face {",
            f'  font-family: "{face["family"]}";',
            f"  font-style: {face['style']};",
            f"  font-weight: {face['weight']};",
            f"  font-display: {face['display']};",
            f'  src: url("{face["src"]}") format("woff2");',
        ]
        if face["unicode_range"]:
            lines.append(f"  unicode-range: {face['unicode_range']};")
        rules.append("\n".join([*lines, "}"]))
    return "\n".join([FONT_BLOCK_START, *rules, FONT_BLOCK_END])


def write_font_block(faces: list[FontFace]) -> None:
    """Replace the font block of theme.css (the rest of the file is left as it is)."""
    theme = THEME_CSS.read_text("utf-8")
    start, end = theme.find(FONT_BLOCK_START), theme.find(FONT_BLOCK_END)
    assert 0 <= start < end, f"{THEME_CSS} lacks the font markers"
    theme = theme[:start] + font_css(faces) + theme[end + len(FONT_BLOCK_END) :]
    THEME_CSS.write_text(theme, "utf-8")


def write_manifests(packages: dict[str, PackageEntry], fonts: list[FontFace]) -> None:
    """Write ``manifest.json`` (everything) and ``manifest.js`` (what the page needs)."""
    libraries: dict[str, list[dict[str, str]]] = {}
    for lib in LIBRARIES:
        scripts = []
        for package in lib.packages:
            entry = packages[package.name]
            for name in entry["scripts"]:
                integrity = entry["files"][name]["integrity"]
                scripts.append(
                    {
                        "src": f"{package.name}/{name}?v={version_token(integrity)}",
                        "integrity": integrity,
                    }
                )
        libraries[lib.name] = scripts
    manifest = {
        "generated_by": "scripts/vendor.py",
        "packages": packages,
        "libraries": libraries,
        "fonts": fonts,
    }
    (VENDOR_DIR / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    table = json.dumps(libraries, indent=2)
    (VENDOR_DIR / "manifest.js").write_text(
        "// @ts-check\n"
        "// Generated by scripts/vendor.py from the npm packages it pins: do not edit by hand.\n"
        "/**\n"
        " * The scripts (and stylesheets, `.css`) each library loads, in order: `src` is\n"
        " * relative to this folder and\n"
        " * carries the version token that lets the server cache it for good; `integrity` is\n"
        " * its SRI hash, which the browser checks before running it.\n"
        " * @type {Readonly<Record<string, ReadonlyArray<{src: string, integrity: string}>>>}\n"
        " */\n"
        f"export const LIBRARIES = Object.freeze({table});\n",
        "utf-8",
    )


def main() -> None:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    packages: dict[str, PackageEntry] = {}
    faces: list[FontFace] = []
    with tempfile.TemporaryDirectory(prefix="rillet-vendor-") as tmp:
        for package in all_packages():
            print(f"{package.name}@{package.version}", flush=True)
            source = fetch(package, Path(tmp))
            packages[package.name] = vendor_package(package, source)
            for font in FONTS:
                if font.package == package:
                    faces += font_faces(font, source, packages[package.name])
    wanted = {p.name.split("/")[0] for p in all_packages()}
    for old in VENDOR_DIR.iterdir():  # packages no longer pinned
        if old.is_dir() and old.name not in wanted:
            shutil.rmtree(old)
    write_manifests(packages, faces)
    write_font_block(faces)
    total = sum(f["size"] for entry in packages.values() for f in entry["files"].values())
    print(f"wrote {len(packages)} packages, {total / 1e6:.1f} MB, to {VENDOR_DIR}")


if __name__ == "__main__":
    main()
