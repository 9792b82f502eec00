// @ts-check
/**
 * ECharts charts: the option drawn by ECharts (`echarts.init(box, theme, {renderer})`, then
 * `setOption` in place), resized with its box, drawn again in the page's new colours when the
 * page switches between light and dark, and disposed when it leaves the page.
 *
 * A dataframe dataset arrives as the element's rows; rows appended by a rerun (`extend`) are
 * handed to the same dataset, so ECharts animates the new points instead of redrawing.
 * With `selection_active`, point selections (`selectchanged`) and brush regions
 * (`brushSelected`) are sent as the widget's value in Streamlit's shape (`selected` per series,
 * `areas`); a double click clears both.
 * @module elements/charts/echarts
 */

import { loadLibrary } from "../../vendor.js";
import { onSchemeChange, pageTheme } from "./theme.js";

/** @typedef {import("../../protocol.js").Element} Element */
/** @typedef {import("../../tree.js").RenderContext} RenderContext */
/** @typedef {import("./theme.js").PageTheme} PageTheme */
/** @typedef {Record<string, any>} Json */

/**
 * @typedef {object} EChartsBox
 * @property {any} echarts
 * @property {any} chart the ECharts instance, null once disposed
 * @property {HTMLDivElement} view the div ECharts draws in
 * @property {Element} el
 * @property {RenderContext} ctx
 * @property {string} look the theme and renderer the instance was made with
 * @property {Json[]} native point selections: [{seriesIndex, dataType, dataIndex: []}]
 * @property {Json[]} brushed brushed points, in the same shape
 * @property {Json[]} areas brush regions as ECharts reports them
 * @property {string} sent the selection last sent, as JSON
 * @property {number} timer a pending brush report
 */

/** @type {WeakMap<HTMLElement, EChartsBox>} */
const boxes = new WeakMap();

const EMPTY_JSON = JSON.stringify({ selected: [], areas: [] });
const DEFAULT_HEIGHT = 350;

/** @param {unknown} value @returns {value is Json} */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The page's look as an ECharts theme: its palette, font and text colours, muted axes, and a
 * transparent background.
 * @param {PageTheme} theme
 * @returns {Json}
 */
function pageEChartsTheme(theme) {
  const { font, text, muted, grid, background, palette } = theme;
  const axis = {
    axisLine: { lineStyle: { color: grid } },
    axisTick: { lineStyle: { color: grid } },
    axisLabel: { color: muted },
    splitLine: { lineStyle: { color: grid } },
    nameTextStyle: { color: muted },
  };
  return {
    ...(palette.length ? { color: palette } : {}),
    backgroundColor: "transparent",
    textStyle: { fontFamily: font, color: text },
    title: { textStyle: { color: text }, subtextStyle: { color: muted } },
    legend: { textStyle: { color: muted } },
    categoryAxis: { ...axis, splitLine: { show: false, lineStyle: { color: grid } } },
    valueAxis: axis,
    logAxis: axis,
    timeAxis: axis,
    tooltip: { backgroundColor: background, borderColor: grid, textStyle: { color: text } },
    toolbox: { iconStyle: { borderColor: muted } },
    dataZoom: { textStyle: { color: muted }, borderColor: grid },
    visualMap: { textStyle: { color: muted } },
  };
}

/**
 * The option ECharts is given: the element's spec with its rows put back into their dataset,
 * the accessible description, and Streamlit's default cursor for a chart that selects nothing.
 * @param {Element} el
 * @returns {Json}
 */
function optionOf(el) {
  const props = el.props ?? {};
  /** @type {Json} */
  const option = isObject(props.spec) ? { ...props.spec } : {};
  const place = props.rows_dataset;
  if (typeof place === "number" && el.rows) {
    if (place === -1 && isObject(option.dataset)) {
      option.dataset = { ...option.dataset, source: el.rows };
    } else if (Array.isArray(option.dataset) && isObject(option.dataset[place])) {
      option.dataset = option.dataset.map((d, i) => (i === place ? { ...d, source: el.rows } : d));
    }
  }
  const alt = typeof props.alt === "string" ? props.alt : "";
  if (alt) {
    const aria = isObject(option.aria) ? option.aria : {};
    option.aria = { ...aria, enabled: true, label: { ...aria.label, description: alt } };
  } else if (option.aria === undefined) {
    option.aria = { enabled: true };
  }
  if (!props.selection_active && Array.isArray(option.series)) {
    option.series = option.series.map((s) => (isObject(s) && s.cursor === undefined
      ? { ...s, cursor: "default" } : s));
  } else if (!props.selection_active && isObject(option.series)
    && option.series.cursor === undefined) {
    option.series = { ...option.series, cursor: "default" };
  }
  return option;
}

/** @param {Element} el */
function lookOf(el) {
  const theme = el.props?.theme === "streamlit" ? JSON.stringify(pageTheme()) : "none";
  return `${el.props?.renderer ?? "canvas"}|${theme}`;
}

/** @param {HTMLElement} dom @param {HTMLDivElement} view @param {Element} el */
function size(dom, view, el) {
  const { width, height } = el.props ?? {};
  view.style.width = typeof width === "number" ? `${width}px` : "100%";
  view.style.maxWidth = "100%";
  view.style.height = typeof height === "number" ? `${height}px` : "100%";
  view.style.minHeight = height === "stretch" ? `${DEFAULT_HEIGHT}px` : "";
  dom.style.height = height === "stretch" ? "100%" : "";
  const alt = el.props?.alt;
  if (typeof alt === "string" && alt) {
    dom.setAttribute("role", "figure");
    dom.setAttribute("aria-label", alt);
  } else {
    dom.removeAttribute("role");
    dom.removeAttribute("aria-label");
  }
}

/**
 * The selection as Streamlit reports it: points picked and brushed, grouped by series and data
 * type, indices sorted; the brush regions that have data coordinates.
 * @param {EChartsBox} state
 */
function selectionOf(state) {
  const spec = isObject(state.el.props?.spec) ? state.el.props.spec : {};
  const base = isObject(spec.baseOption) ? spec.baseOption : spec;
  const series = Array.isArray(base.series) ? base.series : isObject(base.series)
    ? [base.series] : [];
  /** @type {Map<string, {index: number, type: string, indices: Set<number>}>} */
  const groups = new Map();
  for (const item of [...state.native, ...state.brushed]) {
    const index = Number(item.seriesIndex);
    const type = item.dataType === "node" || item.dataType === "edge" ? item.dataType : "main";
    const key = `${index}|${type}`;
    const group = groups.get(key) ?? { index, type, indices: new Set() };
    for (const i of item.dataIndex ?? []) group.indices.add(i);
    groups.set(key, group);
  }
  const named = (/** @type {unknown} */ v) => (typeof v === "string" || typeof v === "number"
    ? v : null);
  const selected = [...groups.values()]
    .filter((g) => g.indices.size > 0)
    .sort((a, b) => a.index - b.index || a.type.localeCompare(b.type))
    .map((g) => ({
      series_index: g.index,
      series_id: named(series[g.index]?.id),
      series_name: named(series[g.index]?.name),
      data_type: g.type,
      data_indices: [...g.indices].sort((a, b) => a - b),
    }));
  const areas = state.areas.flatMap((area, i) => (Array.isArray(area.coordRange)
    ? [{ brush_index: i, brush_type: area.brushType, coord_range: area.coordRange }] : []));
  return { selected, areas };
}

/** @param {EChartsBox} state */
function report(state) {
  clearTimeout(state.timer);
  if (!state.el.props?.selection_active || !state.el.id) return;
  const selection = selectionOf(state);
  const text = JSON.stringify(selection);
  if (text === state.sent) return;
  state.sent = text;
  state.ctx.sendValue(state.el.id, selection);
}

/**
 * Listen to the chart's selection events; they read the box's current element.
 * @param {EChartsBox} state
 */
function listen(state) {
  const chart = state.chart;
  chart.on("selectchanged", (/** @type {Json} */ event) => {
    state.native = Array.isArray(event?.selected) ? event.selected : [];
    report(state);
  });
  chart.on("brushSelected", (/** @type {Json} */ event) => {
    const batch = event?.batch?.[0] ?? {};
    state.brushed = Array.isArray(batch.selected) ? batch.selected : [];
    state.areas = Array.isArray(batch.areas) ? batch.areas : [];
    // Brushing reports on every move: the value is sent when it ends (or settles).
    clearTimeout(state.timer);
    state.timer = window.setTimeout(() => report(state), 250);
  });
  chart.on("brushEnd", () => report(state));
  chart.getZr().on("dblclick", () => {
    if (!state.el.props?.selection_active) return;
    for (const item of state.native) {
      chart.dispatchAction({ type: "unselect", seriesIndex: item.seriesIndex,
        dataIndex: item.dataIndex, dataType: item.dataType });
    }
    if (state.areas.length) chart.dispatchAction({ type: "brush", areas: [] });
    state.native = [];
    state.brushed = [];
    state.areas = [];
    report(state);
  });
}

/**
 * (Re)create the ECharts instance for the element's theme and renderer.
 * @param {EChartsBox} state
 */
function create(state) {
  state.chart?.dispose();
  const { el } = state;
  const theme = el.props?.theme === "streamlit" ? pageEChartsTheme(pageTheme()) : null;
  const renderer = el.props?.renderer === "svg" ? "svg" : "canvas";
  state.chart = state.echarts.init(state.view, theme, { renderer });
  state.look = lookOf(el);
  listen(state);
  state.chart.setOption(optionOf(el));
}

/**
 * Resize with the box; dispose when the chart leaves the page (and draw again if it returns).
 * @param {EChartsBox} state
 */
function watch(state) {
  const observer = new ResizeObserver(() => {
    if (!state.view.isConnected) {
      state.chart?.dispose();
      state.chart = null;
      return;
    }
    if (!state.chart) create(state);
    else state.chart.resize();
  });
  observer.observe(state.view);
  const stop = onSchemeChange(() => {
    if (!state.view.isConnected) { stop(); return; }
    if (lookOf(state.el) !== state.look) create(state);
  });
}

/** @type {import("../charts.js").ChartRenderer} */
export const renderer = {
  async mount(dom, el, ctx) {
    // A mount that failed (an option ECharts refused) is retried with the next element.
    if (boxes.has(dom)) return renderer.update(dom, el, ctx);
    const echarts = await loadLibrary("echarts");
    const view = document.createElement("div");
    view.className = "rillet-echarts";
    dom.append(view);
    size(dom, view, el);
    /** @type {EChartsBox} */
    const state = { echarts, chart: null, view, el, ctx, look: "", native: [], brushed: [],
      areas: [], sent: EMPTY_JSON, timer: 0 };
    boxes.set(dom, state);
    watch(state);
    create(state);
  },

  update(dom, el, ctx) {
    const state = boxes.get(dom);
    if (!state) return;
    state.el = el;
    state.ctx = ctx;
    size(dom, state.view, el);
    if (!state.chart || lookOf(el) !== state.look) {
      create(state);
      return;
    }
    state.chart.resize();
    state.chart.setOption(optionOf(el), { notMerge: true });
  },

  extend(dom, el, added, ctx) {
    const state = boxes.get(dom);
    if (!state) return;
    state.el = el;
    state.ctx = ctx;
    if (!state.chart) return;
    const option = optionOf(el);
    // Only the dataset changed: merged in, the chart animates to the new rows.
    state.chart.setOption({ dataset: option.dataset });
  },
};
