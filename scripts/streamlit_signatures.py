"""Record the signature of every public Streamlit command into a JSON fixture.

rillet promises Streamlit's parameters (names, order, kinds, defaults); the promise is kept
by ``tests/test_signatures.py``, which compares rillet's API with this fixture. Recording
them once from an installed Streamlit means CI needs no Streamlit.

Usage (run it with the Python that has Streamlit)::

    bench/.venv/bin/python scripts/streamlit_signatures.py

It writes ``tests/fixtures/streamlit_<major>_<minor>_signatures.json``. The public names are
those ``streamlit/__init__.py`` binds without a leading underscore (read with ``ast``, so
submodules that happen to be imported, such as ``streamlit.logger``, are not counted), plus
the members of the public modules ``column_config``, ``components.v1`` and ``connections``
and the methods of ``query_params``.
"""

from __future__ import annotations

import ast
import inspect
import json
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional-only",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional-or-keyword",
    inspect.Parameter.VAR_POSITIONAL: "var-positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword-only",
    inspect.Parameter.VAR_KEYWORD: "var-keyword",
}

# Public modules whose members are commands in their own right (st.column_config.TextColumn).
MEMBER_MODULES = ("column_config", "components.v1", "connections")
# Objects whose methods users call (st.query_params.get_all); dict methods are left out.
METHOD_OBJECTS = {"query_params": ("clear", "from_dict", "get_all", "to_dict")}


def public_names(init_file: Path) -> list[str]:
    """Names ``streamlit/__init__.py`` binds at top level without a leading underscore."""
    tree = ast.parse(init_file.read_text())
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                names.add(bound)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names.add(target.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return sorted(n for n in names if not n.startswith("_"))


def default_entry(value: Any) -> dict[str, Any]:
    """A default as comparable text: a literal's repr, a class's or function's name, or a
    sentinel flag for marker objects (``<unset>``) whose repr says nothing comparable."""
    if isinstance(value, types.ModuleType):
        return {"default": f"<module {value.__name__}>", "sentinel": True}
    if inspect.isclass(value) or inspect.isroutine(value):
        return {"default": value.__qualname__}
    text = repr(value)
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError):
        if text.startswith("<"):
            return {"default": text, "sentinel": True}
    return {"default": text}


def signature_entry(kind: str, func: Callable[..., Any]) -> dict[str, Any]:
    """One fixture entry: what the name is and its parameters in order."""
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return {"type": kind, "parameters": None}
    params = []
    for p in sig.parameters.values():
        entry: dict[str, Any] = {"name": p.name, "kind": KINDS[p.kind]}
        if p.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            pass
        elif p.default is inspect.Parameter.empty:
            entry["required"] = True
        else:
            entry.update(default_entry(p.default))
        params.append(entry)
    return {"type": kind, "parameters": params}


def describe(value: Any) -> dict[str, Any]:
    """Classify one public value and read its signature when it is callable."""
    if isinstance(value, types.ModuleType):
        return {"type": "module", "parameters": None}
    if inspect.isclass(value):
        return signature_entry("class", value)
    if inspect.isroutine(value):
        return signature_entry("function", value)
    if callable(value) and type(value).__module__.startswith("streamlit"):
        # cache_data and cache_resource are API objects whose __call__ is the decorator.
        return signature_entry("callable object", value.__call__)
    return {"type": "object", "parameters": None}


def record(st: types.ModuleType) -> dict[str, Any]:
    """Every public name of Streamlit with its description, keyed by dotted name."""
    import importlib

    entries: dict[str, Any] = {}
    for name in public_names(Path(st.__file__)):
        if name in {"annotations", "TYPE_CHECKING", "streamlit"} or not hasattr(st, name):
            continue
        entries[name] = describe(getattr(st, name))
    for module_name in MEMBER_MODULES:
        module = importlib.import_module(f"streamlit.{module_name}")
        exported = getattr(module, "__all__", None)
        members = exported or [
            n
            for n, v in vars(module).items()
            if not n.startswith("_")
            and not isinstance(v, types.ModuleType)
            and (getattr(v, "__module__", "") or "").startswith("streamlit")
            and n not in {"annotations", "deprecate_func_name"}
        ]
        for member in sorted(members):
            entries[f"{module_name}.{member}"] = describe(getattr(module, member))
    for obj_name, methods in METHOD_OBJECTS.items():
        obj = getattr(st, obj_name)
        for method in methods:
            entries[f"{obj_name}.{method}"] = describe(getattr(obj, method))
    return dict(sorted(entries.items()))


def main() -> None:
    """Write the fixture for the Streamlit this interpreter imports."""
    import streamlit as st

    major, minor = st.__version__.split(".")[:2]
    out = ROOT / "tests" / "fixtures" / f"streamlit_{major}_{minor}_signatures.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {"streamlit_version": st.__version__, "commands": record(st)}
    out.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {out.relative_to(ROOT)}: {len(data['commands'])} names", file=sys.stderr)


if __name__ == "__main__":
    main()
