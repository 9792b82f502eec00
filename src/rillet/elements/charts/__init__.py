"""Charts: Streamlit's chart commands, drawn in the browser by the real chart libraries.

One module per library or family of commands: `builtin` (line, area, bar and scatter charts
as Vega-Lite specs), `vega` (Altair and Vega-Lite), `plotly`, `pyplot`, `graphviz`, `deck`
(map and pydeck), `echarts`, `mermaid`; `selection` holds what their selections share. Each
chart's data travels as the element's ``rows`` where it can grow, so a chart redrawn with
rows appended sends only the new rows (`rillet.protocol.messages.Extend`).
"""
