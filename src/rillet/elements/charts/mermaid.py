"""``mermaid_chart``: a Mermaid diagram (flowchart, sequence, class, state, gantt ...) drawn in
the browser by mermaid.js.

The body travels as text and mermaid.js turns it into SVG in the page, with its strict security
level: labels are text (no HTML), and diagrams cannot attach click callbacks or links to
scripts. A body with a syntax error shows mermaid's message in the diagram's box; the rest of
the app keeps running.
"""

from __future__ import annotations

from typing import Any

from rillet.elements.base import Container, command, emit
from rillet.elements.validate import alt_text, check_width

__all__ = ["mermaid_chart"]


@command
def mermaid_chart(body: str, *, width: int | str = "stretch", alt: str | None = None) -> Container:
    """Show a Mermaid diagram from its text definition.

    Mermaid draws diagrams from text (https://mermaid.js.org/): the page loads mermaid.js only
    when it first shows one, and follows the page's light or dark theme.

    Parameters:
        body: The diagram in Mermaid's syntax, e.g. ``"graph LR\\n  A --> B"``.
        width: "stretch" (default, the container's width), "content" (the diagram's own
            width, at most the container's), or pixels.
        alt: A short description of the diagram for screen readers (its accessible name);
            None keeps the diagram's own ``accTitle``/``accDescr``, if any.
    """
    props: dict[str, Any] = {"body": str(body), "width": check_width(width, allow_content=True)}
    shown_alt = alt_text(alt)
    if shown_alt is not None:
        props["alt"] = shown_alt
    return emit("mermaid_chart", props)
