// @ts-check
/**
 * Data elements: metric, table (static) and dataframe (paged, see grid.js).
 * @module elements/data
 */

import { applyWidth, asText, make, rebuilt, setLabelVisibility, syncHelp } from "../dom.js";
import { Grid } from "./grid.js";
import { GridEditor } from "./grid_edit.js";
import { formatNumber } from "./numberformat.js";
import { sparkline } from "./sparkline.js";

/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("../tree.js").Renderer} Renderer */

/** The grid of each dataframe node. */
const grids = new WeakMap();

/** metric's delta_color values that colour the delta the same whatever its sign. */
const NAMED_DELTA_COLORS = ["red", "orange", "yellow", "green", "blue", "violet", "gray", "primary"];

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillMetric(dom, props) {
  dom.dataset.border = props.border ? "true" : "false";
  applyWidth(dom, props.width ?? "stretch");
  const height = Number(props.height);
  dom.style.height = height > 0 ? `${height}px` : "";
  dom.dataset.height = props.height === "stretch" ? "stretch" : "content";
  const label = make("div", "rillet-metric-label");
  // `icon`: an emoji before the label (a Material icon needs the icon font: left out).
  if (props.icon && !String(props.icon).startsWith(":material/")) {
    const icon = make("span", "rillet-metric-icon", asText(props.icon));
    icon.setAttribute("aria-hidden", "true");
    label.append(icon);
  }
  label.append(make("span", "rillet-metric-label-text", asText(props.label)));
  syncHelp(label, props.help);
  setLabelVisibility(label, props.label_visibility);
  // `format` shapes a numeric value and delta as a NumberColumn's (numberformat.js).
  const formatted = (/** @type {unknown} */ number, /** @type {string} */ text) => (
    props.format && typeof number === "number" ? formatNumber(number, props.format) : text
  );
  dom.append(label, make("div", "rillet-metric-value", formatted(props.value_number, asText(props.value))));
  /** @type {string} the sparkline's colour: the delta's, grey without one */
  let chartColor = "gray";
  if (props.delta != null && props.delta !== "") {
    const raw = formatted(props.delta_number, asText(props.delta));
    const delta = typeof props.delta_number === "number" && props.format && props.delta_number > 0
      ? `+${raw}` : raw;
    const sign = delta.trim().startsWith("-") ? "down" : "up";
    // A named colour holds whatever the sign; otherwise the sign picks good or bad.
    const color = NAMED_DELTA_COLORS.includes(props.delta_color) ? props.delta_color
      : props.delta_color === "off" ? "off"
      : (sign === "up") === (props.delta_color !== "inverse") ? "good" : "bad";
    // delta_arrow may point the arrow its own way, or hide it; the colour follows the sign.
    const direction = props.delta_arrow === "up" || props.delta_arrow === "down"
      ? props.delta_arrow : sign;
    const chip = make("div", "rillet-metric-delta");
    chip.dataset.direction = direction;
    chip.dataset.color = color;
    chartColor = color;
    if (props.delta_arrow !== "off") {
      const arrow = make("span", "rillet-metric-arrow", direction === "up" ? "↑" : "↓");
      arrow.setAttribute("aria-hidden", "true");
      // The arrow is decorative; say the direction in words for screen readers.
      chip.append(arrow, make("span", "rillet-sr-only", direction === "up" ? "Up " : "Down "));
    }
    chip.append(delta);
    dom.append(chip);
    if (props.delta_description) {
      chip.append(make("span", "rillet-metric-delta-description", ` ${asText(props.delta_description)}`));
    }
  }
  const chart = Array.isArray(props.chart_data)
    ? sparkline(props.chart_data, String(props.chart_type ?? "line"), chartColor) : null;
  if (chart) dom.append(chart);
}

/**
 * A cell's text. Values arrive as JSON; they are shown the way Python prints them, since the
 * app's author wrote them in Python.
 * @param {unknown} value
 * @returns {string}
 */
function cellText(value) {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}

/**
 * @param {HTMLTableRowElement} row
 * @param {unknown} value
 * @param {"td" | "th"} tag
 */
function appendCell(row, value, tag) {
  const cell = make(tag, undefined, cellText(value));
  if (tag === "th") cell.scope = "row";
  if (typeof value === "number") cell.className = "rillet-num";
  else if (value === null || value === undefined) cell.className = "rillet-null";
  row.append(cell);
}

/**
 * Append body rows; rows appended by `add_rows` carry their index cell first.
 * @param {HTMLElement} tbody
 * @param {unknown[][]} rows
 * @param {unknown[] | null} index the index cells of `rows`, or null when rows carry theirs
 * @param {boolean} indexed whether the table shows an index column
 */
function appendRows(tbody, rows, index, indexed) {
  rows.forEach((values, i) => {
    const cells = Array.isArray(values) ? values : [];
    const row = make("tr");
    if (indexed) appendCell(row, index ? index[i] : cells[0], "th");
    for (const value of index || !indexed ? cells : cells.slice(1)) appendCell(row, value, "td");
    tbody.append(row);
  });
}

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 * @param {unknown[][]} added rows appended by `add_rows` (`el.rows`)
 */
function fillTable(dom, props, added) {
  const columns = Array.isArray(props.columns) ? props.columns : [];
  const index = Array.isArray(props.index) ? props.index : null;
  const rows = Array.isArray(props.rows) ? props.rows : [];
  const table = make("table");
  if (props.alt) table.setAttribute("aria-label", asText(props.alt));
  const headRow = make("tr");
  if (index) headRow.append(make("th", "rillet-index-head"));
  for (const column of columns) {
    const th = make("th", undefined, asText(column));
    th.scope = "col";
    headRow.append(th);
  }
  const thead = make("thead");
  thead.append(headRow);
  // `hide_header`: data without column names of its own shows no header row.
  thead.hidden = Boolean(props.hide_header);
  const tbody = make("tbody");
  appendRows(tbody, rows, index, Boolean(index));
  appendRows(tbody, added, null, Boolean(index));
  // Number columns align their header with their cells.
  columns.forEach((_, c) => {
    const numeric = rows.some((r) => Array.isArray(r) && typeof r[c] === "number")
      && rows.every((r) => !Array.isArray(r) || r[c] === null || typeof r[c] === "number");
    if (numeric) headRow.children[c + (index ? 1 : 0)].classList.add("rillet-num");
  });
  table.append(thead, tbody);
  // The wrapper scrolls wide tables; it is focusable so keyboard users can scroll it too.
  const scroller = make("div", "rillet-table-scroll");
  scroller.tabIndex = 0;
  scroller.dataset.border = props.border === false ? "none"
    : props.border === "horizontal" ? "horizontal" : "all";
  // Every row shows unless `height` is pixels (or "stretch"): then the rows scroll under a
  // header that stays.
  const height = Number(props.height);
  if (props.height != null && height > 0) scroller.style.maxHeight = `${height}px`;
  if (height > 0 || props.height === "stretch") scroller.dataset.scroll = "true";
  dom.dataset.height = props.height === "stretch" ? "stretch" : "content";
  applyWidth(dom, props.width ?? "stretch");
  scroller.append(table);
  dom.append(scroller);
}

/**
 * The rows an element carries (its `rows`, each a list of cells).
 * @param {import("../protocol.js").Element} el
 * @returns {unknown[][]}
 */
function rowsOf(el) {
  return Array.isArray(el.rows) ? /** @type {unknown[][]} */ (el.rows) : [];
}

/**
 * `st.table`: rebuilt on change; rows appended by `add_rows` are added to the body.
 * @type {Renderer}
 */
const table = {
  create(el) {
    const dom = make("div", "rillet-table");
    fillTable(dom, el.props ?? {}, rowsOf(el));
    return dom;
  },
  update(dom, el) {
    dom.replaceChildren();
    fillTable(dom, el.props ?? {}, rowsOf(el));
  },
  extend(dom, el, added) {
    const tbody = dom.querySelector("tbody");
    if (tbody) appendRows(tbody, /** @type {unknown[][]} */ (added), null, Array.isArray(el.props?.index));
    else this.update(dom, el, /** @type {any} */ (null));
  },
};

/**
 * `st.dataframe`: the grid keeps its scroll position, sort and fetched rows across updates;
 * a new `data_id` (the frame changed) drops the rows, not the sort.
 * @type {Renderer}
 */
const dataframe = {
  create(el, ctx) {
    const dom = make("div", "rillet-dataframe");
    const grid = new Grid(dom);
    grids.set(dom, grid);
    sendButtonClicks(dom, ctx);
    this.update(dom, el, ctx);
    return dom;
  },
  update(dom, el, ctx) {
    const props = el.props ?? {};
    applyWidth(dom, props.width ?? "stretch");
    const grid = grids.get(dom);
    if (grid) {
      grid.sendSelection = el.id
        ? (/** @type {unknown} */ value) => ctx.sendValue(String(el.id), value) : null;
    }
    grids.get(dom)?.update(props, rowsOf(el));
  },
  extend(dom, el) {
    grids.get(dom)?.update(el.props ?? {}, rowsOf(el));
  },
};

/**
 * Send a click on a `ButtonColumn` cell (grid_media_cells.js) as its column's widget value:
 * the row's position in the data and the button's text.
 * @param {HTMLElement} dom
 * @param {import("../tree.js").RenderContext} ctx
 */
function sendButtonClicks(dom, ctx) {
  dom.addEventListener("rillet-cell-button", (event) => {
    const { label, widget } = /** @type {CustomEvent} */ (event).detail ?? {};
    const row = /** @type {HTMLElement | null} */ (event.target)?.closest?.(".rillet-grid-row");
    const position = Number(row?.getAttribute("data-position"));
    if (widget && Number.isInteger(position)) ctx.sendValue(String(widget), { row: position, label });
  });
}

/**
 * `st.data_editor`: the dataframe's grid, with editing (grid_edit.js). Each change goes out
 * as the widget's value; the server answers with its state only when it differs from what
 * the page has (a refusal, or new data).
 * @type {Renderer}
 */
const dataEditor = {
  create(el, ctx) {
    const dom = make("div", "rillet-dataframe rillet-data-editor");
    const grid = new Grid(dom);
    grid.editor = new GridEditor(grid);
    grids.set(dom, grid);
    sendButtonClicks(dom, ctx);
    this.update(dom, el, ctx);
    return dom;
  },
  update(dom, el, ctx) {
    const props = el.props ?? {};
    applyWidth(dom, props.width ?? "stretch");
    const grid = grids.get(dom);
    if (!grid?.editor) return;
    grid.editor.widgetId = String(el.id ?? "");
    grid.editor.sendValue = el.id ? (/** @type {unknown} */ value) => ctx.sendValue(String(el.id), value) : null;
    grid.update(props);
    grid.refresh(); // the cells show the server's state and refusals
  },
};

/** @type {Registry} */
export const renderers = {
  metric: rebuilt("rillet-metric", fillMetric),
  table,
  dataframe,
  data_editor: dataEditor,
};
