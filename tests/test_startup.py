"""`rillet run` start-up policy: collection paused while importing, resumed after the preload."""

from __future__ import annotations

import gc

from rillet import startup
from tests.conftest import write_script


def test_preload_resumes_collection() -> None:
    script = write_script("import json\nimport rillet as st\nst.text('x')\n")
    startup.pause_gc()
    try:
        assert not gc.isenabled()
        startup.start_preload(script).join(10)
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_an_app_that_turned_collection_off_keeps_it_off() -> None:
    gc.disable()
    try:
        startup.pause_gc()  # nothing to pause
        startup.end_startup()
        assert not gc.isenabled()
    finally:
        gc.enable()
