"""AppTest views of the charts drawn from media and JSON decks: ``pyplot`` (an image),
``graphviz_chart`` (DOT), ``map`` and ``pydeck_chart`` (deck.gl decks, selectable)."""

from __future__ import annotations

from typing import Any

from rillet.testing.elements import LEAVES, WIDGETS, Node, Widget


class Pyplot(Node):
    """``st.pyplot`` (``at.pyplot``): the image the figure was saved as."""

    type = "pyplot"

    @property
    def spec(self) -> dict[str, Any]:
        """What the command sent (URL, type, width, alt, pixel size)."""
        return dict(self.props)

    @property
    def url(self) -> str:
        """The relative URL the page loads the image from."""
        return str(self.props["url"])

    @property
    def media_id(self) -> str:
        """The content id the image is stored under."""
        return self.url.rsplit("/", 1)[-1]

    @property
    def mime(self) -> str:
        """The image's content type: image/png, or image/svg+xml."""
        return str(self.props["mime"])

    @property
    def alt(self) -> str | None:
        """The image's description for screen readers."""
        return self.props.get("alt")

    @property
    def image(self) -> bytes:
        """The image's bytes, as the media route serves them."""
        from rillet.elements.filestore import INLINE_MEDIA

        media = INLINE_MEDIA.get(self.media_id)
        if media is None:
            raise LookupError("the figure's image is no longer served")
        return media.data

    @property
    def value(self) -> str:
        return self.url


class GraphvizChart(Node):
    """``st.graphviz_chart`` (``at.graphviz_chart``): ``spec`` is the DOT text."""

    type = "graphviz_chart"

    @property
    def spec(self) -> str:
        """The DOT the browser lays out."""
        return str(self.props["spec"])

    @property
    def engine(self) -> str:
        """The Graphviz layout engine ("dot", "neato" ...)."""
        return str(self.props["engine"])

    @property
    def value(self) -> str:
        return self.spec


class _Deck:
    """What maps and pydeck charts share: the deck as Streamlit would send it."""

    element: Any
    props: dict[str, Any]

    @property
    def spec(self) -> dict[str, Any]:
        """The deck's JSON (a map's points put back as its layer's data, as Streamlit)."""
        if self.element.kind != "map":
            return dict(self.props["spec"])
        from rillet.elements.charts.deck import with_points

        return with_points(self.props["spec"], self.props["columns"], self.element.rows or [])

    @property
    def data(self) -> Any:
        """A map's points as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.element.rows or [], columns=self.props.get("columns") or None)

    @property
    def tooltip(self) -> dict[str, Any] | None:
        """The deck's tooltip template."""
        return self.props.get("tooltip")


class Map(_Deck, Node):
    """``st.map`` (``at.map``): ``spec`` the deck, ``data`` the points."""

    type = "map"

    @property
    def value(self) -> dict[str, Any]:
        return self.spec


class PydeckChart(_Deck, Node):
    """``st.pydeck_chart`` without selections (``at.pydeck_chart``)."""

    type = "pydeck_chart"

    @property
    def value(self) -> dict[str, Any]:
        return self.spec


class SelectablePydeckChart(_Deck, Widget):
    """``st.pydeck_chart`` with ``on_select``: ``value`` is the selection state;
    ``select({layer_id: [index, ...]})`` picks objects as a click would."""

    type = "pydeck_chart"

    @property
    def selection_mode(self) -> str:
        """ "single-object" or "multi-object"."""
        return str(self.props["selection_mode"])

    def select(self, indices: dict[str, list[int]]) -> Any:
        """Queue a selection of these objects (by index in each layer) for the next run."""
        wire = {"indices": {k: list(v) for k, v in indices.items()}, "objects": {}}
        self._at._pending[self.id] = wire
        return self

    def clear(self) -> Any:
        """Queue an empty selection, as a click beside every object does."""
        return self.select({})


LEAVES.update(
    {"pyplot": Pyplot, "graphviz_chart": GraphvizChart, "map": Map, "pydeck_chart": PydeckChart}
)
WIDGETS.update({"pydeck_chart": SelectablePydeckChart})
