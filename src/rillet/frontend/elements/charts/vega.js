// @ts-check
/**
 * Vega-Lite charts: line, area, bar and scatter charts, `altair_chart` and `vega_lite_chart`,
 * drawn by Vega through vega-embed.
 *
 * The element's rows are the chart's main dataset (`{"name": "data"}` in the spec), other
 * named datasets travel in props. A chart is embedded once and then changed in place: rows
 * replaced on a rerun go in as one changeset, rows appended (an `extend`) are inserted, so the
 * same SVG stays on screen, a zoom the user made stays, and an unzoomed chart follows the new
 * data. Only a change of the spec or the other props embeds the chart again.
 *
 * SVG is the renderer: marks are real nodes (crisp at any zoom, found by tests and assistive
 * technology, exported as SVG), and Vega's SVG renderer patches only what changed, which
 * keeps a growing line cheap. Charts with thousands of per-datum marks (points, bars) switch
 * to canvas, where a node per mark would cost more than it gives; `usermeta.embedOptions
 * .renderer` in the spec chooses explicitly.
 * @module elements/charts/vega
 */

import { make } from "../../dom.js";
import { loadLibrary } from "../../vendor.js";
import { DEFAULT_WIDTH, onSchemeChange, pageTheme, vegaConfig } from "./theme.js";
import { watchSelections } from "./vegaselect.js";

/** @typedef {import("../../protocol.js").Element} Element */
/** @typedef {import("../../tree.js").RenderContext} RenderContext */
/** @typedef {import("../charts.js").ChartRenderer} ChartRenderer */
/** @typedef {{vega: any, vegaLite: any, vegaEmbed: any}} VegaLibrary */

/**
 * One embedded chart.
 * @typedef {object} Chart
 * @property {any} view the Vega view
 * @property {Element} el the element it shows now (rows included)
 * @property {RenderContext} ctx
 * @property {string} key what, when it changes, needs a new embed
 * @property {string} datasetsKey the other datasets, replaced in place when they change
 * @property {string[]} columns the names of the cells of each row
 * @property {boolean} hasMainData whether the view has the dataset "data"
 * @property {boolean} dark the scheme it was drawn for
 * @property {number} width the width last given to the view (stretched charts)
 * @property {number} height the height last given to the view (charts stretched in height)
 * @property {ResizeObserver | null} resize
 * @property {(() => void) | null} unwatch stops sending selections
 */

/** Above this many rows, charts with a mark per row draw on canvas. */
const CANVAS_ROWS = 2000;
/** Above this many rows, marks get no ARIA attributes (one per mark costs time). */
const NO_ARIA_ROWS = 5000;
/** Marks drawn as one shape per series, whatever the number of rows. */
const PATH_MARKS = new Set(["line", "area", "trail"]);
/** Composition operators: the top-level width and height do not apply to them. */
const COMPOSED = ["concat", "hconcat", "vconcat", "facet", "repeat"];

/** @type {VegaLibrary | null} */
let library = null;

/** @type {WeakMap<HTMLElement, Chart>} */
const charts = new WeakMap();

/** @returns {Promise<VegaLibrary>} */
async function loadVega() {
  library ??= /** @type {VegaLibrary} */ (await loadLibrary("vega"));
  return library;
}

/**
 * Rows (arrays) as the objects Vega reads, keyed by column name.
 * @param {unknown} columns
 * @param {unknown} rows
 * @returns {Record<string, unknown>[]}
 */
function objects(columns, rows) {
  if (!Array.isArray(columns) || !Array.isArray(rows)) return [];
  const names = /** @type {string[]} */ (columns);
  return rows.map((row) => {
    /** @type {Record<string, unknown>} */
    const item = {};
    const cells = /** @type {unknown[]} */ (row);
    for (let i = 0; i < names.length; i += 1) item[names[i]] = cells[i];
    return item;
  });
}

/**
 * Every mark type in the spec, through layers and compositions.
 * @param {any} spec
 * @param {Set<string>} [found]
 * @returns {Set<string>}
 */
function markTypes(spec, found = new Set()) {
  if (!spec || typeof spec !== "object") return found;
  const mark = spec.mark;
  if (typeof mark === "string") found.add(mark);
  else if (mark && typeof mark.type === "string") found.add(mark.type);
  for (const key of ["layer", "concat", "hconcat", "vconcat"]) {
    if (Array.isArray(spec[key])) for (const part of spec[key]) markTypes(part, found);
  }
  if (spec.spec) markTypes(spec.spec, found);
  return found;
}

/**
 * SVG, or canvas for many per-row marks, unless the spec asks.
 * @param {any} spec
 * @param {number} rowCount
 * @returns {"svg" | "canvas"}
 */
function chooseRenderer(spec, rowCount) {
  const asked = spec?.usermeta?.embedOptions?.renderer;
  if (asked === "svg" || asked === "canvas") return asked;
  const perRow = [...markTypes(spec)].some((type) => !PATH_MARKS.has(type));
  return perRow && rowCount > CANVAS_ROWS ? "canvas" : "svg";
}

/**
 * "stretch", "content" or a number of pixels.
 * @param {unknown} value
 * @param {"stretch" | "content"} fallback
 * @returns {"stretch" | "content" | number}
 */
function sizeMode(value, fallback) {
  const pixels = Number(value);
  if (typeof value === "number" && pixels > 0) return pixels;
  return value === "stretch" || value === "content" ? value : fallback;
}

/**
 * What must be the same for a chart to be changed in place rather than embedded again: every
 * prop but the datasets, the caption and the alt text, and the widget id.
 * @param {Element} el
 * @returns {string}
 */
function identity(el) {
  const { datasets: _d, notice: _n, alt: _a, ...rest } = el.props ?? {};
  return JSON.stringify([el.id ?? null, rest]);
}

/**
 * A point selection that names no fields selects on the chart's encoded fields, so the script
 * gets the selected rows' values rather than Vega's internal ids (as in Streamlit).
 * @param {any} spec changed in place (its params are copied first)
 */
function projectPoints(spec) {
  if (!Array.isArray(spec.params) || !spec.encoding || typeof spec.encoding !== "object") return;
  const encodings = Object.keys(spec.encoding);
  spec.params = spec.params.map((/** @type {any} */ param) => {
    let select = param?.select;
    if (select === "point" || select === "interval") select = { type: select };
    if (!select || typeof select !== "object") return param;
    if (select.type === "point" && select.encodings == null && select.fields == null) {
      select = { ...select, encodings };
    }
    return { ...param, select };
  });
}

/**
 * The spec Vega-Lite compiles: the user's, with the data filled in and the size set.
 * @param {Element} el
 * @param {number} width the box's width, for stretched charts
 * @param {number} height the box's height, for charts stretched in height (0: not known yet)
 * @returns {any}
 */
function buildSpec(el, width, height) {
  const props = el.props ?? {};
  const spec = { ...(props.spec ?? {}) };
  /** @type {Record<string, unknown>} */
  const datasets = { ...(spec.datasets ?? {}) };
  for (const [name, set] of Object.entries(props.datasets ?? {})) {
    datasets[name] = objects(set?.columns, set?.rows);
  }
  if (Array.isArray(el.rows)) datasets.data = objects(props.columns, el.rows);
  if (Object.keys(datasets).length) spec.datasets = datasets;
  if (typeof props.alt === "string" && props.alt && spec.description == null) {
    spec.description = props.alt;
  }
  // A size of 0 (Altair's and the built-in charts' "not set") means the chart's default.
  for (const key of ["width", "height"]) {
    if (typeof spec[key] === "number" && spec[key] <= 0) delete spec[key];
  }
  if (props.selection_active) projectPoints(spec);
  const single = !COMPOSED.some((key) => key in spec);
  const widthMode = sizeMode(props.width, "stretch");
  const heightMode = sizeMode(props.height, "content");
  if (!single && Array.isArray(spec.vconcat) && widthMode !== "content") {
    // Stacked charts each take the width, as Streamlit's do.
    const each = widthMode === "stretch" ? width : widthMode;
    spec.vconcat = spec.vconcat.map((/** @type {any} */ part) => (
      part && typeof part === "object" && !COMPOSED.some((key) => key in part)
        ? { ...part, width: each } : part));
  }
  if (single) {
    if (widthMode === "stretch") spec.width = width;
    else if (typeof widthMode === "number") spec.width = widthMode;
    if (typeof heightMode === "number") spec.height = heightMode;
    else if (heightMode === "stretch" && height > 0) spec.height = height;
    // The given size is the whole chart's, axes and legend included, as in Streamlit.
    if (widthMode !== "content" || heightMode !== "content") {
      spec.autosize ??= { type: "fit", contains: "padding" };
    }
  }
  const rowCount = Array.isArray(el.rows) ? el.rows.length : 0;
  if (rowCount > NO_ARIA_ROWS && spec.config?.aria === undefined
      && spec.config?.mark?.aria === undefined) {
    spec.config = { ...spec.config, mark: { ...spec.config?.mark, aria: false } };
  }
  return spec;
}

/**
 * The "…" menu: save the chart as SVG or PNG. A `<details>`, so it needs no listener on the
 * document (a chart removed from the page leaves nothing behind).
 * @param {() => any} view
 * @returns {HTMLDetailsElement}
 */
function actionsMenu(view) {
  const menu = make("details", "rillet-vega-actions");
  const summary = make("summary", "", "⋯");
  summary.setAttribute("aria-label", "Chart actions");
  summary.title = "Chart actions";
  const list = make("div", "rillet-vega-menu");
  for (const [format, label] of [["svg", "Save as SVG"], ["png", "Save as PNG"]]) {
    const button = make("button", "", label);
    button.type = "button";
    button.addEventListener("click", async () => {
      menu.open = false;
      const url = await view().toImageURL(format, format === "png" ? 2 : 1);
      const link = make("a");
      link.href = url;
      link.download = `chart.${format}`;
      link.click();
    });
    list.append(button);
  }
  menu.append(summary, list);
  menu.addEventListener("focusout", (event) => {
    const next = /** @type {Node | null} */ (event.relatedTarget);
    if (!next || !menu.contains(next)) menu.open = false;
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      summary.focus();
    }
  });
  return menu;
}

/**
 * Show or hide the caption under the chart, and keep the alt text on the view.
 * @param {HTMLElement} dom
 * @param {Element} el
 */
function syncText(dom, el) {
  const props = el.props ?? {};
  const alt = typeof props.alt === "string" && props.alt ? props.alt : null;
  // Vega names its own container (role graphics-document) after the spec's description; the
  // frame around it is an image named by the alt text, which no redraw of Vega's touches.
  const frame = dom.querySelector(".rillet-vega-frame");
  if (alt) {
    dom.setAttribute("aria-label", alt);
    frame?.setAttribute("role", "img");
    frame?.setAttribute("aria-label", alt);
  } else {
    dom.removeAttribute("aria-label");
    frame?.removeAttribute("role");
    frame?.removeAttribute("aria-label");
  }
  let caption = dom.querySelector(":scope > .rillet-chart-notice");
  const notice = typeof props.notice === "string" ? props.notice : "";
  if (!notice) {
    caption?.remove();
    return;
  }
  if (!caption) {
    caption = make("p", "rillet-chart-notice");
    dom.append(caption);
  }
  caption.textContent = notice;
}

/** @param {Chart} chart */
function teardown(chart) {
  chart.unwatch?.();
  chart.resize?.disconnect();
  chart.view.finalize();
}

/**
 * Embed the element's chart in `dom`, replacing any chart there.
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 */
async function embed(dom, el, ctx) {
  const lib = await loadVega();
  const props = el.props ?? {};
  const old = charts.get(dom);
  if (old) {
    charts.delete(dom);
    teardown(old);
  }
  const widthMode = sizeMode(props.width, "stretch");
  dom.dataset.width = typeof widthMode === "number" ? "fixed" : widthMode;
  dom.style.width = typeof widthMode === "number" ? `${widthMode}px` : "";
  const heightMode = sizeMode(props.height, "content");
  dom.dataset.height = typeof heightMode === "number" ? "fixed" : heightMode;
  let host = /** @type {HTMLElement | null} */ (dom.querySelector(":scope > .rillet-vega"));
  if (!host) {
    host = make("div", "rillet-vega");
    dom.prepend(host);
  }
  host.dataset.width = widthMode === "content" ? "content" : "stretch";
  const viewBox = make("div", "rillet-vega-view");
  const frame = make("div", "rillet-vega-frame");
  frame.append(viewBox);
  /** @type {any} */
  let view = null;
  host.replaceChildren(frame, actionsMenu(() => view));
  syncText(dom, el);

  const theme = pageTheme();
  const width = Math.floor(host.clientWidth) || DEFAULT_WIDTH;
  // A chart stretched in height takes what its container gives it; in a container that gives
  // nothing it has Streamlit's default height, which the container then follows.
  const height = heightMode === "stretch" ? Math.floor(host.clientHeight) : 0;
  const spec = buildSpec(el, width, height);
  const rowCount = Array.isArray(el.rows) ? el.rows.length : 0;
  const result = await lib.vegaEmbed(viewBox, spec, {
    mode: "vega-lite",
    renderer: chooseRenderer(spec, rowCount),
    actions: false,
    defaultStyle: false,
    config: vegaConfig(props.theme ?? null, theme),
    tooltip: { theme: theme.dark ? "dark" : "light" },
  });
  view = result.view;
  let hasMainData = false;
  try {
    view.data("data");
    hasMainData = Array.isArray(el.rows);
  } catch {
    // The spec draws no dataset called "data" (all its data is inline): rows cannot apply.
  }
  /** @type {Chart} */
  const chart = {
    view, el, ctx, key: identity(el), datasetsKey: JSON.stringify(props.datasets ?? null),
    columns: Array.isArray(props.columns) ? props.columns : [], hasMainData,
    dark: theme.dark, width, height, resize: null, unwatch: null,
  };
  const followsWidth = widthMode === "stretch" && typeof spec.width === "number";
  const followsHeight = heightMode === "stretch" && !COMPOSED.some((key) => key in spec);
  if (followsWidth || followsHeight) {
    chart.resize = new ResizeObserver(() => follow(chart, host, followsWidth, followsHeight));
    chart.resize.observe(host);
  }
  if (props.selection_active && el.id && Array.isArray(props.selection_modes)) {
    chart.unwatch = watchSelections(view, viewBox, props.selection_modes,
      (value) => chart.ctx.sendValue(/** @type {string} */ (chart.el.id), value));
  }
  charts.set(dom, chart);
  watchScheme();
}

/**
 * A stretched chart takes its box's new size without being embedded again.
 * @param {Chart} chart
 * @param {HTMLElement} host the chart's part of its box (the box less its caption)
 * @param {boolean} width whether it follows the width
 * @param {boolean} height whether it follows the height
 */
function follow(chart, host, width, height) {
  let changed = false;
  const newWidth = Math.floor(host.clientWidth);
  if (width && newWidth > 0 && newWidth !== chart.width) {
    chart.width = newWidth;
    chart.view.width(newWidth);
    changed = true;
  }
  const newHeight = Math.floor(host.clientHeight);
  if (height && newHeight > 0 && newHeight !== chart.height) {
    chart.height = newHeight;
    chart.view.height(newHeight);
    changed = true;
  }
  if (changed) chart.view.runAsync();
}

let watchingScheme = false;

/** Charts follow the page into dark or light: each is embedded again in the new colours. */
function watchScheme() {
  if (watchingScheme) return;
  watchingScheme = true;
  onSchemeChange(() => {
    const dark = pageTheme().dark;
    for (const dom of /** @type {NodeListOf<HTMLElement>} */ (
      document.querySelectorAll(".rillet-chart"))) {
      const chart = charts.get(dom);
      if (chart && chart.dark !== dark) {
        serial(dom, () => (charts.get(dom) === chart ? embed(dom, chart.el, chart.ctx) : undefined))
          .catch((err) => console.error("rillet: a chart could not be redrawn", err));
      }
    }
  });
}

/** Work on each box outside charts.js's queue (a scheme change), in order with its own. */
/** @type {WeakMap<HTMLElement, Promise<void>>} */
const pending = new WeakMap();

/**
 * @param {HTMLElement} dom
 * @param {() => Promise<void> | void} step
 * @returns {Promise<void>}
 */
function serial(dom, step) {
  const run = (pending.get(dom) ?? Promise.resolve()).then(step);
  pending.set(dom, run.catch(() => {})); // the caller sees the failure; later work still runs
  return run;
}

/**
 * Replace the rows of a dataset in the view with one changeset.
 * @param {any} view
 * @param {string} name
 * @param {Record<string, unknown>[]} items
 */
function replaceData(view, name, items) {
  const { vega } = /** @type {VegaLibrary} */ (library);
  view.change(name, vega.changeset().remove(vega.truthy).insert(items));
}

/** @type {ChartRenderer} */
export const renderer = {
  async mount(dom, el, ctx) {
    await serial(dom, () => embed(dom, el, ctx));
  },

  async update(dom, el, ctx) {
    await pending.get(dom);
    const chart = charts.get(dom);
    if (!chart || chart.key !== identity(el) || chart.dark !== pageTheme().dark
        || (Array.isArray(el.rows) && !chart.hasMainData)) {
      await serial(dom, () => embed(dom, el, ctx));
      return;
    }
    chart.el = el;
    chart.ctx = ctx;
    syncText(dom, el);
    const props = el.props ?? {};
    const datasetsKey = JSON.stringify(props.datasets ?? null);
    if (datasetsKey !== chart.datasetsKey) {
      chart.datasetsKey = datasetsKey;
      for (const [name, set] of Object.entries(props.datasets ?? {})) {
        replaceData(chart.view, name, objects(set?.columns, set?.rows));
      }
    }
    if (chart.hasMainData) replaceData(chart.view, "data", objects(chart.columns, el.rows));
    await chart.view.runAsync();
  },

  async extend(dom, el, added, ctx) {
    await pending.get(dom);
    const chart = charts.get(dom);
    if (!chart || !chart.hasMainData || chart.dark !== pageTheme().dark) {
      await renderer.update(dom, el, ctx);
      return;
    }
    chart.el = el;
    chart.ctx = ctx;
    const { vega } = /** @type {VegaLibrary} */ (library);
    chart.view.change("data", vega.changeset().insert(objects(chart.columns, added)));
    await chart.view.runAsync();
  },
};
