"""Start-up policy for a served app: how the first page gets to the browser quickly.

Between process start and the first render the server imports the script's packages
(``pandas`` alone takes half a second), serves the page and its modules, and runs the
script once. Two things keep that short:

- The garbage collector is paused while the process imports: imports only create
  long-lived objects, so collections then find nothing and cost a tenth of the import time.
  Once the preload is done, what exists is frozen (never scanned again) and collection
  resumes.
- While the preload thread imports, the interpreter hands the lock to the event loop every
  half millisecond instead of every five, so the page's requests are not each made to wait
  behind a slice of ``import pandas``.
"""

from __future__ import annotations

import gc
import os
import sys
import threading

from rillet.runtime.script import preload_imports

# How often a running thread offers the interpreter lock while the preload runs, in seconds
# (Python's default is 0.005).
PRELOAD_SWITCH_INTERVAL = 0.0005

_paused = threading.Event()


def pause_gc() -> None:
    """Pause collection until `end_startup` (called by `rillet run` before its imports)."""
    if gc.isenabled():
        gc.disable()
        _paused.set()


def end_startup() -> None:
    """Freeze what start-up created and resume collection, if `pause_gc` paused it.

    Only a pause made here is undone: an app that turned collection off keeps it off.
    """
    if _paused.is_set():
        _paused.clear()
        gc.freeze()
        gc.enable()


_started: dict[str, threading.Thread] = {}
_started_lock = threading.Lock()


def start_preload(script_path: str) -> threading.Thread:
    """Import the script's installed packages in the background, once per script; then end
    start-up. `rillet run` calls this before it imports the server, which `create_app`
    (calling it again) then finds under way."""
    path = os.path.abspath(script_path)
    with _started_lock:
        thread = _started.get(path)
        if thread is None:
            thread = threading.Thread(
                target=_preload, args=(path,), name="rillet-preload", daemon=True
            )
            thread.start()
            _started[path] = thread
    return thread


def _preload(script_path: str) -> None:
    previous = sys.getswitchinterval()
    sys.setswitchinterval(PRELOAD_SWITCH_INTERVAL)
    try:
        preload_imports(script_path)
    finally:
        sys.setswitchinterval(previous)
        end_startup()
