"""Every runnable example in README.md and docs/ runs without an exception.

A fenced python block that imports rillet as st is an app: it runs through AppTest.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from rillet.testing import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _examples() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for i, block in enumerate(re.findall(r"```python\n(.*?)```", page.read_text(), re.S)):
            if "import rillet as st" in block and "AppTest" not in block:
                found.append((f"{page.relative_to(ROOT)}#{i}", block))
    return found


@pytest.mark.parametrize(("where", "source"), _examples(), ids=[w for w, _ in _examples()])
def test_docs_example_runs(where: str, source: str) -> None:
    at = AppTest.from_string(source).run()
    if "st.exception(" not in source:
        assert not at.exception, f"{where}: {at.exception[0].message if at.exception else ''}"
    assert len(list(at.main.descendants())) + len(list(at.sidebar.descendants())) > 0


def _test_examples() -> list[tuple[str, str, str]]:
    """(where, test source, app source) for every example that drives an app with AppTest.

    ``AppTest.from_file("app.py")`` in such an example means the page's app example just above
    it, or the one a ``<!-- test-app: N -->`` comment before the block names (N counts the
    page's python blocks from 0).
    """
    found = []
    for page in PAGES:
        text = page.read_text()
        blocks = list(
            re.finditer(r"(?:<!-- test-app: (\d+) -->\n)?```python\n(.*?)```", text, re.S)
        )
        last_app = ""
        for i, match in enumerate(blocks):
            block = match.group(2)
            if "AppTest" not in block:
                if "import rillet as st" in block:
                    last_app = block
                continue
            app = blocks[int(match.group(1))].group(2) if match.group(1) else last_app
            found.append((f"{page.relative_to(ROOT)}#{i}", block, app))
    return found


@pytest.mark.parametrize(
    ("where", "source", "app"), _test_examples(), ids=[w for w, _, _ in _test_examples()]
)
def test_docs_apptest_example_passes(
    where: str, source: str, app: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Examples of tests run as tests: their asserts hold against the app they name."""
    monkeypatch.chdir(tmp_path)
    for name in re.findall(r'from_file\("([^"]+)"', source):
        (tmp_path / name).write_text(app)
    # A real file, so AppTest.from_function can read the source of functions it defines.
    script = tmp_path / "example_test.py"
    script.write_text(source)
    namespace = runpy.run_path(str(script))
    tests = [f for name, f in namespace.items() if name.startswith("test_") and callable(f)]
    for test in tests:
        test()
