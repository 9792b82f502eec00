"""Take the README's picture: the ``rillet hello`` gallery's Inputs tab in Chromium, 1280 px wide.

Run it where an emoji font is installed (Debian: ``apt-get install -y fonts-noto-color-emoji``),
or the title's emoji shows as an empty box; the test command does not install one, because
only this picture needs it. Usage: ``.venv/bin/python scripts/readme_picture.py``; it writes
``docs/images/gallery-inputs.png``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PICTURE = ROOT / "docs" / "images" / "gallery-inputs.png"
PORT = 8597


def wait_healthy(url: str, seconds: float = 30) -> None:
    """Wait until the server answers its health check."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "_rillet/health", timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main() -> None:
    if not shutil.which("fc-list") or "emoji" not in subprocess.run(
        ["fc-list"], capture_output=True, text=True
    ).stdout.lower():
        sys.exit("no emoji font: apt-get install -y fonts-noto-color-emoji")
    rillet = Path(sys.executable).with_name("rillet")
    server = subprocess.Popen([str(rillet), "hello", "--headless", "--port", str(PORT)])
    try:
        url = f"http://127.0.0.1:{PORT}/"
        wait_healthy(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.get_by_role("tab", name="Inputs").click()
            page.get_by_role("button", name="Click me").wait_for()
            page.wait_for_function("document.fonts.status === 'loaded'")
            page.screenshot(path=str(PICTURE), full_page=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"wrote {PICTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
