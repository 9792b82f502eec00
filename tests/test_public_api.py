"""The public door: `rillet/__init__.py` is the API, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import rillet


def test_all_lists_exactly_the_public_names() -> None:
    # A subpackage becomes an attribute of the package once anything imports it (the compat
    # modules, errors, ...); those are not API unless __all__ says so.
    public = {
        name
        for name, value in vars(rillet).items()
        if not name.startswith("_")
        and not (isinstance(value, ModuleType) and name not in rillet.__all__)
    }
    assert set(rillet.__all__) == public | {"__version__"}
    for name in rillet.__all__:
        assert hasattr(rillet, name), name


def test_import_does_not_pull_in_heavy_or_server_modules() -> None:
    code = (
        "import sys, rillet\n"
        "names = ('pandas', 'numpy', 'starlette', 'uvicorn', 'pyarrow')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_command_is_usable_on_a_container() -> None:
    from rillet.elements.base import COMMANDS

    for name in ("markdown", "button", "slider", "columns", "write", "metric", "empty"):
        assert name in COMMANDS
        assert callable(getattr(rillet.sidebar, name))


def test_runtime_never_imports_the_server_layer() -> None:
    import pathlib

    runtime = pathlib.Path(rillet.__file__).parent / "runtime"
    for module in runtime.glob("*.py"):
        text = module.read_text()
        for banned in ("starlette", "uvicorn", "rillet.server"):
            assert f"import {banned}" not in text and f"from {banned}" not in text, module
