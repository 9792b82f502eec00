"""``st.map`` and ``st.pydeck_chart``: Streamlit's deck JSON, column detection, colours and
sizes, the fitted view, errors, and pydeck selections checked against the deck's layers."""

from __future__ import annotations

import json

import pytest

from rillet.elements.charts.deck import is_pydeck, to_int_color, zoom_for
from rillet.testing import AppTest

pytest.importorskip("pandas")

DATA = """
import pandas as pd
import rillet as st
df = pd.DataFrame({
    "lat": [37.76, 37.78, 37.80],
    "lon": [-122.45, -122.40, -122.42],
    "people": [10, 20, 30],
    "tint": ["#ff0000", "#00ff0080", "#00f"],
})
"""


def app(body: str) -> AppTest:
    return AppTest.from_string(DATA + body).run()


# --- st.map -----------------------------------------------------------------------------------


def test_map_sends_a_scatterplot_deck_fitted_to_the_points() -> None:
    at = app("st.map(df)")

    chart = at.get("map")[0]
    view = chart.spec["initialViewState"]
    # The points span 0.05 degrees: zoom level 12 spans 0.044 to 0.088.
    assert view == {
        "latitude": pytest.approx(37.78),
        "longitude": pytest.approx(-122.425),
        "pitch": 0,
        "zoom": 12,
    }
    (layer,) = chart.spec["layers"]
    assert layer == {
        "@@type": "ScatterplotLayer",
        "getPosition": "@@=[lon, lat]",
        "getRadius": 100,
        "radiusMinPixels": 3,
        "radiusUnits": "meters",
        "getFillColor": "primary",
        "data": [
            {"lat": 37.76, "lon": -122.45},
            {"lat": 37.78, "lon": -122.4},
            {"lat": 37.8, "lon": -122.42},
        ],
    }
    assert chart.data.to_dict("list") == {
        "lat": [37.76, 37.78, 37.8],
        "lon": [-122.45, -122.4, -122.42],
    }
    assert (chart.props["width"], chart.props["height"]) == ("stretch", 500)


def test_the_points_travel_as_rows_and_the_spec_carries_none() -> None:
    at = app("st.map(df)")

    chart = at.get("map")[0]
    assert chart.element.rows == [[37.76, -122.45], [37.78, -122.4], [37.8, -122.42]]
    assert "data" not in chart.props["spec"]["layers"][0]
    assert chart.props["columns"] == ["lat", "lon"]


def test_colour_and_size_from_columns() -> None:
    at = app('st.map(df, color="tint", size="people")')

    layer = at.get("map")[0].spec["layers"][0]
    assert layer["getFillColor"] == "@@=tint" and layer["getRadius"] == "@@=people"
    assert [p["tint"] for p in layer["data"]] == [
        [255, 0, 0, 255],
        [0, 255, 0, 128],
        [0, 0, 255, 255],
    ]
    assert [p["people"] for p in layer["data"]] == [10, 20, 30]


def test_colour_and_size_as_values_and_a_given_zoom() -> None:
    at = app("st.map(df, color=(1.0, 0.5, 0), size=7, zoom=3)")

    chart = at.get("map")[0]
    layer = chart.spec["layers"][0]
    assert layer["getFillColor"] == [255, 127, 0] and layer["getRadius"] == 7
    assert chart.spec["initialViewState"]["zoom"] == 3


def test_named_columns_and_other_default_names() -> None:
    at = app(
        """
st.map(pd.DataFrame({"LATITUDE": [1.0], "LONGITUDE": [2.0]}))
st.map(pd.DataFrame({"y": [1.0], "x": [2.0]}), latitude="y", longitude="x")
st.map({"lat": [1.0, 3.0], "lon": [2.0, 2.5]})
"""
    )

    first, second, third = at.get("map")
    assert first.spec["layers"][0]["getPosition"] == "@@=[LONGITUDE, LATITUDE]"
    assert first.spec["initialViewState"]["zoom"] == 12
    assert second.spec["layers"][0]["getPosition"] == "@@=[x, y]"
    assert third.spec["initialViewState"]["zoom"] == 7


def test_no_data_is_an_empty_map() -> None:
    at = app("st.map()\nst.map(df.iloc[0:0])")

    for chart in at.get("map"):
        assert chart.spec == {
            "initialViewState": {"latitude": 0, "longitude": 0, "pitch": 0, "zoom": 1}
        }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.map(df.rename(columns={"lat": "north"}))',
            "Map data must contain a latitude column named: 'LAT', 'LATITUDE', 'lat', "
            "'latitude'. Existing columns: 'north', 'lon', 'people', 'tint'",
        ),
        (
            'st.map(df.assign(lon=["a", "b", "c"]))',
            "Column lon must contain numbers (the longitude in degrees)",
        ),
        (
            "st.map(df.assign(lat=[1.0, None, 2.0]))",
            "Column lat is not allowed to contain null values, such as NaN, NaT, or None.",
        ),
        ('st.map(df, color="people")', 'Column "people" does not appear to contain valid colors.'),
        ('st.map(df, color="#zz")', "This does not look like a valid color: '#zz'."),
        ('st.map(df, width="content")', "Invalid width value: 'content'."),
    ],
)
def test_map_errors_are_streamlits(call: str, message: str) -> None:
    at = app(call)

    assert message in at.exception[0].message
    assert len(at.get("map")) == 0


def test_zoom_levels_and_colours() -> None:
    assert [zoom_for(s) for s in (300, 1.0, 0.0001, 0)] == [0, 8, 12, 12]
    assert to_int_color("#0f08") == [0, 255, 0, 136]
    assert to_int_color([0.0, 1.0, 0.5, 0.25]) == [0, 255, 127, 63]


def test_a_map_with_points_appended_sends_only_the_new_points() -> None:
    at = AppTest.from_string(
        DATA + "n = st.number_input('n', value=2)\n"
        "st.map(pd.DataFrame({'lat': [1.0 + i for i in range(n)], 'lon': [2.0] * n}), zoom=4)\n"
    ).run()
    before = at.get("map")[0].element.rows

    at.number_input[0].set_value(3).run()

    rows = at.get("map")[0].element.rows
    assert rows is not None and before is not None and rows[:2] == before and len(rows) == 3


# --- st.pydeck_chart --------------------------------------------------------------------------

DECK = """
import pydeck as pdk
layer = pdk.Layer(
    "ScatterplotLayer", data=df, id="cities", get_position="[lon, lat]", pickable=True,
)
deck = pdk.Deck(layers=[layer], tooltip={"text": "{people} people"})
"""


def deck_app(body: str) -> AppTest:
    pytest.importorskip("pydeck")
    return app(DECK + body)


def test_pydeck_sends_the_decks_json_and_its_tooltip() -> None:
    at = deck_app("st.pydeck_chart(deck, height=300, alt='Three cities')")

    chart = at.get("pydeck_chart")[0]
    assert chart.spec["layers"][0]["id"] == "cities"
    assert chart.spec["layers"][0]["@@type"] == "ScatterplotLayer"
    assert len(chart.spec["layers"][0]["data"]) == 3
    assert chart.tooltip == {"text": "{people} people"}
    assert chart.props["height"] == 300 and chart.props["alt"] == "Three cities"
    assert "selection_active" not in chart.props


def test_pydeck_without_a_deck_is_an_empty_map() -> None:
    at = deck_app("st.pydeck_chart()")

    assert at.get("pydeck_chart")[0].spec["initialViewState"]["zoom"] == 1


def test_selections_start_empty_and_take_picked_objects_from_the_layer() -> None:
    at = deck_app('event = st.pydeck_chart(deck, on_select="rerun", key="map")\nst.write(event)')
    chart = at.get("pydeck_chart")[0]
    assert chart.value == {"selection": {"indices": {}, "objects": {}}}
    assert chart.selection_mode == "single-object"

    chart.select({"cities": [1]}).run()

    state = at.session_state["map"]
    assert state.selection.indices == {"cities": [1]}
    assert state.selection.objects["cities"][0]["people"] == 20
    assert at.get("pydeck_chart")[0].props["selection_active"] is True


def test_multi_object_selections_hold_several_objects() -> None:
    at = deck_app(
        'event = st.pydeck_chart(deck, on_select="rerun", selection_mode="multi-object")\n'
        "import json\nst.text(json.dumps(event.selection.indices))"
    )

    at.get("pydeck_chart")[0].select({"cities": [0, 2]}).run()

    assert json.loads(at.text[0].value) == {"cities": [0, 2]}


def test_a_callback_runs_on_selection() -> None:
    at = deck_app(
        "def picked():\n    st.session_state.seen = st.session_state.deck.selection.indices\n"
        "st.pydeck_chart(deck, on_select=picked, key='deck')\n"
    )

    at.get("pydeck_chart")[0].select({"cities": [2]}).run()

    assert at.session_state["seen"] == {"cities": [2]}


@pytest.mark.parametrize(
    "wire",
    [
        {"indices": {"nope": [0]}, "objects": {}},
        {"indices": {"cities": [3]}, "objects": {}},
        {"indices": {"cities": [-1]}, "objects": {}},
        {"indices": {"cities": [True]}, "objects": {}},
        {"indices": {"cities": [0, 1]}, "objects": {}},
        {"indices": [], "objects": {}},
        {"extra": 1},
        "cities",
    ],
)
def test_forged_selections_are_refused(wire: object) -> None:
    at = deck_app('event = st.pydeck_chart(deck, on_select="rerun", key="d")')
    chart = at.get("pydeck_chart")[0]

    at._pending[chart.id] = wire
    at.run()

    assert at.session_state["d"].selection == {"indices": {}, "objects": {}}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.pydeck_chart(deck, on_select="rerun", selection_mode="single-row")',
            "Invalid `selection_mode` value. Supported values: 'multi-object', 'single-object'.",
        ),
        (
            'st.pydeck_chart(deck, on_select="rerun", selection_mode=["single-object"])',
            "Invalid `selection_mode` type. Expected one of: str. Provided type: list. "
            "Selection mode must be a single value.",
        ),
        ('st.pydeck_chart(deck, on_select="always")', "You have passed always to `on_select`."),
        (
            'st.pydeck_chart({"layers": []})',
            "Invalid `pydeck_obj` type. Expected one of: pydeck.Deck. Provided type: dict.",
        ),
        ("st.pydeck_chart(deck, height=0)", "Invalid height value: 0."),
    ],
)
def test_pydeck_errors_are_streamlits(call: str, message: str) -> None:
    at = deck_app(call)

    assert message in at.exception[0].message


def test_write_draws_a_deck() -> None:
    at = deck_app("st.write(deck)")

    assert len(at.get("pydeck_chart")) == 1
    assert is_pydeck(pytest.importorskip("pydeck").Deck())
    assert not is_pydeck({"layers": []})
