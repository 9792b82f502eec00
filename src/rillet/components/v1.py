"""Version 1 of the component API, as ``streamlit.components.v1`` offers it.

``import rillet.components.v1 as components``, then ``components.html(...)``,
``components.iframe(...)`` and ``components.declare_component(...)``.
"""

from rillet.elements.components import (
    CustomComponent,
    MarshallComponentException,
    declare_component,
    html,
    iframe,
)

__all__ = [
    "CustomComponent",
    "MarshallComponentException",
    "declare_component",
    "html",
    "iframe",
]
