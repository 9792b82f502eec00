"""Loading a user script: source, compilation with "magic", and a cache keyed by file state.

Magic writes a bare expression statement as if it were passed to ``write`` (Streamlit's rules:
not calls, docstrings, ``yield`` or ``await``; a trailing comma writes each item of the tuple).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import sys
import threading
from dataclasses import dataclass
from types import CodeType

MAGIC_NAME = "__rillet_magic__"

# Statements whose bodies are searched for bare expressions; class bodies are not (Streamlit).
_BODY_FIELDS = ("body", "orelse", "finalbody")
_DOCSTRING_PARENTS = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def add_magic(tree: ast.Module) -> ast.Module:
    """Rewrite bare expressions in ``tree`` into calls of the magic write function."""
    _rewrite_body(tree, tree.body)
    return ast.fix_missing_locations(tree)


def _rewrite_body(parent: ast.AST, body: list[ast.stmt]) -> None:
    for index, node in enumerate(body):
        if isinstance(node, ast.Expr):
            call = _magic_call(
                node.value, is_docstring=index == 0 and isinstance(parent, _DOCSTRING_PARENTS)
            )
            if call is not None:
                node.value = ast.copy_location(call, node.value)
        elif isinstance(node, ast.ClassDef):
            continue
        else:
            for name in _BODY_FIELDS:
                inner = getattr(node, name, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    _rewrite_body(node, inner)
            for handler in getattr(node, "handlers", []):
                _rewrite_body(handler, handler.body)
            for case in getattr(node, "cases", []):
                _rewrite_body(case, case.body)


def _magic_call(value: ast.expr, is_docstring: bool) -> ast.Call | None:
    if isinstance(value, ast.Call | ast.Yield | ast.YieldFrom | ast.Await):
        return None
    if is_docstring and isinstance(value, ast.Constant) and isinstance(value.value, str):
        return None
    args = list(value.elts) if isinstance(value, ast.Tuple) else [value]
    return ast.Call(func=ast.Name(id=MAGIC_NAME, ctx=ast.Load()), args=args, keywords=[])


@dataclass
class ScriptSource:
    """A script file, compiled once per version of the file."""

    path: str
    magic: bool = True

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._code: CodeType | None = None

    def code(self) -> CodeType:
        """The compiled script; raises OSError or SyntaxError as the file stands now."""
        stat = os.stat(self.path)
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if self._code is None or stamp != self._stamp:
                with open(self.path, "rb") as f:
                    source = f.read()
                self._code = compile_script(source, self.path, self.magic)
                self._stamp = stamp
            return self._code


def compile_script(source: str | bytes, filename: str, magic: bool = True) -> CodeType:
    """Compile script source, with magic unless turned off."""
    tree = ast.parse(source, filename, "exec")
    if magic:
        tree = add_magic(tree)
    return compile(tree, filename, "exec", dont_inherit=True)


def preload_imports(path: str) -> list[str]:
    """Import, ahead of the first run, the installed packages the script imports at its top.

    A data app's first render usually waits on ``import pandas`` and friends; doing that
    while the browser is still loading the page hides most of it. Only packages installed
    outside the script's folder are imported (the app's own modules may have side effects
    and run with the script, as always). Failures are left for the script to report.
    """
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read(), path)
    except (OSError, SyntaxError, ValueError):
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    folder = os.path.dirname(os.path.abspath(path))
    done = []
    for name in dict.fromkeys(names):
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name.split(".")[0])
            origin = spec.origin if spec is not None else None
            if origin is None or os.path.abspath(origin).startswith(folder + os.sep):
                continue
            importlib.import_module(name)
            done.append(name)
        except Exception:
            continue
    return done
