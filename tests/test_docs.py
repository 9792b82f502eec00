"""Every runnable example in README.md and docs/ runs without an exception.

A fenced python block that imports rillet as st is an app: it runs through AppTest.
"""

from __future__ import annotations

import re
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


def test_testing_page_example_passes() -> None:
    page = (ROOT / "docs" / "testing.md").read_text()
    block = re.search(r"```python\n(from rillet.testing.*?)```", page, re.S)
    assert block
    namespace: dict[str, object] = {}
    exec(block.group(1), namespace)
    namespace["test_greets_by_name"]()  # type: ignore[operator]
