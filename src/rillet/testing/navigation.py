"""AppTest view of ``st.page_link`` (``at.page_link``): label, target page and query."""

from __future__ import annotations

from typing import Any

from rillet.testing.elements import LEAVES, Node


class PageLink(Node):
    """A link to a page of the app (``page`` is its url path, "" for the default page) or to
    an external URL (``external``)."""

    type = "page_link"

    @property
    def value(self) -> Any:
        return self.props.get("label")

    @property
    def label(self) -> str:
        """The link's text."""
        return str(self.props.get("label") or "")

    @property
    def page(self) -> str:
        """The url path of the page it opens, or the external URL."""
        return str(self.props.get("page") or "")

    @property
    def external(self) -> bool:
        """True for a link to another site."""
        return bool(self.props.get("external"))

    @property
    def query(self) -> str:
        """The query string the opened page gets."""
        return str(self.props.get("query") or "")

    @property
    def disabled(self) -> bool:
        """True when it cannot be clicked."""
        return bool(self.props.get("disabled"))


LEAVES["page_link"] = PageLink
