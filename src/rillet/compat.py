"""``--streamlit-compat``: ``import streamlit`` resolves to rillet.

Existing Streamlit scripts and component packages (``streamlit-option-menu``,
``streamlit-aggrid``, ...) import ``streamlit`` and ``streamlit.components.v1``. With the
aliases installed those imports hand out rillet's modules, so the packages run unchanged
wherever the commands they use are implemented. The aliases are process-wide (``sys.modules``
is), which is what a server dedicated to one app wants; they are installed before the script's
first run, so every import the script makes sees them.
"""

from __future__ import annotations

import importlib
import importlib.abc
import sys
from collections.abc import Sequence
from types import ModuleType

# Streamlit's module name -> the rillet module that stands in for it.
ALIASES = {
    "streamlit": "rillet",
    "streamlit.components": "rillet.components",
    "streamlit.components.v1": "rillet.components.v1",
    "streamlit.components.v2": "rillet.components.v2",
}

# The other Streamlit modules apps import -> the rillet module that offers what they take.
MODULES = {
    "streamlit.column_config": "rillet.elements.column_config",
    "streamlit.connections": "rillet.connections",
    "streamlit.dataframe_util": "rillet.compat_modules.dataframe_util",
    "streamlit.elements.lib.column_types": "rillet.compat_modules.column_types",
    "streamlit.errors": "rillet.errors",
    "streamlit.runtime": "rillet.runtime",
    "streamlit.runtime.scriptrunner": "rillet.runtime.scriptrunner",
    "streamlit.runtime.scriptrunner.script_run_context": "rillet.runtime.scriptrunner",
    "streamlit.runtime.scriptrunner_utils": "rillet.runtime.scriptrunner",
    "streamlit.runtime.scriptrunner_utils.script_run_context": "rillet.runtime.scriptrunner",
    "streamlit.testing": "rillet.testing",
    "streamlit.testing.v1": "rillet.testing",
    "streamlit.typing": "rillet.typing",
}

# Streamlit modules apps take a few names from, which rillet keeps elsewhere: each stands in
# as a module holding those names ("rillet module:name").
FACADES = {
    "streamlit.delta_generator": {"DeltaGenerator": "rillet.elements.base:Container"},
    "streamlit.logger": {"get_logger": "logging:getLogger"},
    "streamlit.runtime.caching": {
        "cache_data": "rillet.caching.data:cache_data",
        "cache_resource": "rillet.caching.resource:cache_resource",
    },
    "streamlit.runtime.state": {
        "SessionStateProxy": "rillet.elements.control:SessionStateProxy",
    },
    "streamlit.runtime.state.session_state_proxy": {
        "SessionStateProxy": "rillet.elements.control:SessionStateProxy",
    },
    "streamlit.runtime.uploaded_file_manager": {
        "UploadedFile": "rillet.elements.files:UploadedFile",
    },
}


class UnprovidedStreamlitModules(importlib.abc.MetaPathFinder):
    """Answers an import of any other ``streamlit.*`` module with an error naming rillet,
    instead of finding a real Streamlit or failing with a bare "No module named"."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname == "streamlit" or fullname.startswith("streamlit."):
            raise ModuleNotFoundError(
                f"No module named {fullname!r}: this app runs on rillet (--streamlit-compat), "
                f"which stands in for `streamlit` and the Streamlit modules listed in rillet's "
                f"docs/api.md (Modules), but does not provide {fullname!r}.",
                name=fullname,
            )
        return None


_FINDER = UnprovidedStreamlitModules()


def _facade(name: str, names: dict[str, str]) -> ModuleType:
    module = ModuleType(name, f"rillet's stand-in for {name}.")
    for attr, where in names.items():
        source, _, target = where.partition(":")
        setattr(module, attr, getattr(importlib.import_module(source), target))
    module.__all__ = sorted(names)  # type: ignore[attr-defined]
    return module


def install() -> None:
    """Make the Streamlit module names resolve to rillet (replacing a real streamlit)."""
    for alias, target in {**ALIASES, **MODULES}.items():
        sys.modules[alias] = importlib.import_module(target)
    for alias, names in FACADES.items():
        sys.modules[alias] = _facade(alias, names)
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    """Remove the aliases again (tests that install them clean up with this)."""
    for alias, target in {**ALIASES, **MODULES}.items():
        module: ModuleType | None = sys.modules.get(alias)
        if module is not None and module.__name__ == target:
            del sys.modules[alias]
    for alias in FACADES:
        module = sys.modules.get(alias)
        if module is not None and module.__name__ == alias and module.__doc__ == (
            f"rillet's stand-in for {alias}."
        ):
            del sys.modules[alias]
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)


def installed() -> bool:
    """True while ``import streamlit`` gives rillet."""
    module = sys.modules.get("streamlit")
    return module is not None and module.__name__ == "rillet"
