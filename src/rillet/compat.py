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
import sys
from types import ModuleType

# Streamlit's module name -> the rillet module that stands in for it.
ALIASES = {
    "streamlit": "rillet",
    "streamlit.components": "rillet.components",
    "streamlit.components.v1": "rillet.components.v1",
    "streamlit.components.v2": "rillet.components.v2",
}


def install() -> None:
    """Make the Streamlit module names resolve to rillet (replacing a real streamlit)."""
    for alias, target in ALIASES.items():
        sys.modules[alias] = importlib.import_module(target)


def uninstall() -> None:
    """Remove the aliases again (tests that install them clean up with this)."""
    for alias, target in ALIASES.items():
        module: ModuleType | None = sys.modules.get(alias)
        if module is not None and module.__name__ == target:
            del sys.modules[alias]


def installed() -> bool:
    """True while ``import streamlit`` gives rillet."""
    module = sys.modules.get("streamlit")
    return module is not None and module.__name__ == "rillet"
