// @ts-check
/**
 * Plotly charts: the figure drawn by plotly.js (`Plotly.newPlot`, then `Plotly.react` in place,
 * which keeps the user's zoom through `uirevision`), sized to its box and redrawn when the box
 * resizes or the page switches between light and dark.
 *
 * With `selection_active`, a box, lasso or point selection (`plotly_selected`) and a click in a
 * sunburst or treemap (`plotly_click`) are sent as the widget's value in Streamlit's shape
 * (`points`, `point_indices`, `box`, `lasso`); a double click clears it.
 * @module elements/charts/plotly
 */

import { loadLibrary } from "../../vendor.js";
import { onSchemeChange, pageTheme } from "./theme.js";

/** @typedef {import("../../protocol.js").Element} Element */
/** @typedef {import("../../tree.js").RenderContext} RenderContext */
/** @typedef {import("./theme.js").PageTheme} PageTheme */
/** @typedef {Record<string, any>} Json */

/**
 * @typedef {object} PlotlyBox
 * @property {any} Plotly
 * @property {HTMLDivElement} plot the div plotly.js draws in
 * @property {Element} el the element drawn
 * @property {RenderContext} ctx
 * @property {string} sent the selection last sent, as JSON
 * @property {boolean} purged the chart left the page and its plot was released
 * @property {boolean} listening its selection events are wired (plotly.js drops them on purge)
 */

/** @type {WeakMap<HTMLElement, PlotlyBox>} */
const boxes = new WeakMap();

const EMPTY = Object.freeze({ points: [], point_indices: [], box: [], lasso: [] });
const EMPTY_JSON = JSON.stringify(EMPTY);
const DEFAULT_HEIGHT = 450;

/** @param {unknown} value @returns {value is Json} */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `target` with `source` merged in (objects deeply, everything else replaced); new objects.
 * @param {Json} target
 * @param {Json} source
 * @returns {Json}
 */
function merge(target, source) {
  const out = { ...target };
  for (const [key, value] of Object.entries(source)) {
    out[key] = isObject(value) && isObject(out[key]) ? merge(out[key], value) : value;
  }
  return out;
}

/**
 * The page's look as a Plotly template layout: its fonts and text colours, muted axes and
 * grid, a transparent background (the page shows through), and, when the figure had Plotly's
 * default template, the page's palette.
 * @param {PageTheme} theme
 * @param {boolean} palette
 * @returns {Json}
 */
function pageLayout(theme, palette) {
  const { font, text, muted, grid, background } = theme;
  const axis = {
    gridcolor: grid, linecolor: grid, zerolinecolor: grid, tickcolor: grid,
    tickfont: { color: muted, size: 12 }, title: { font: { color: muted, size: 14 } },
    automargin: true,
  };
  /** @type {Json} */
  const layout = {
    font: { family: font, color: text, size: 12 },
    title: { font: { family: font, color: text, size: 16 }, x: 0, xanchor: "left" },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    legend: { font: { color: muted, size: 12 }, title: { font: { color: muted } } },
    xaxis: { ...axis, showgrid: false },
    yaxis: axis,
    hoverlabel: { bgcolor: background, bordercolor: grid, font: { color: text, family: font } },
    coloraxis: { colorbar: { outlinewidth: 0, tickfont: { color: muted } } },
    polar: { bgcolor: "rgba(0,0,0,0)", angularaxis: { gridcolor: grid, linecolor: grid },
      radialaxis: { gridcolor: grid, linecolor: grid } },
    scene: { xaxis: axis, yaxis: axis, zaxis: axis },
    geo: { bgcolor: "rgba(0,0,0,0)" },
    modebar: { bgcolor: "rgba(0,0,0,0)", color: muted, activecolor: text },
  };
  if (palette && theme.palette.length) layout.colorway = theme.palette;
  return layout;
}

/** Plotly's default colour sequence, which Plotly Express writes into the traces it makes. */
const PLOTLY_COLORWAY = ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3",
  "#ff6692", "#b6e880", "#ff97ff", "#fecb52"];

/**
 * `value` with Plotly's default colours swapped for the page's palette, at any depth. Only
 * figures that had Plotly's default template get this: their colours were Plotly's choice,
 * not the author's (Streamlit does the same with its placeholder colours).
 * @param {unknown} value
 * @param {string[]} palette
 * @returns {any}
 */
function repaint(value, palette) {
  if (typeof value === "string") {
    const i = PLOTLY_COLORWAY.indexOf(value.toLowerCase());
    return i < 0 ? value : palette[i % palette.length];
  }
  if (Array.isArray(value)) return value.map((v) => repaint(v, palette));
  if (!isObject(value)) return value;
  // Typed arrays ({dtype, bdata}) hold numbers only.
  if (typeof value.bdata === "string") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, repaint(v, palette)]));
}

/**
 * The figure plotly.js is given: the element's figure, themed, sized and with the selection
 * drag and click modes Streamlit sets.
 * @param {Element} el
 * @param {number} boxWidth
 * @returns {{data: any[], layout: Json, frames?: any[]}}
 */
function figureOf(el, boxWidth) {
  const props = el.props ?? {};
  let figure = isObject(props.figure) ? props.figure : {};
  const theme = pageTheme();
  if (props.theme === "streamlit" && props.page_template && theme.palette.length) {
    figure = repaint(figure, theme.palette);
  }
  /** @type {Json} */
  let layout = isObject(figure.layout) ? { ...figure.layout } : {};
  if (props.theme === "streamlit") {
    const template = isObject(layout.template) ? layout.template : {};
    const own = isObject(template.layout) ? template.layout : {};
    layout.template = {
      ...template, layout: merge(own, pageLayout(theme, Boolean(props.page_template))),
    };
  } else if (!isObject(layout.template) || !layout.template.layout?.paper_bgcolor) {
    // Plotly's own look; on a dark page its default black text would not be read.
    layout = merge({ paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)" }, layout);
  }
  layout.autosize = true;
  if (typeof props.width === "number") layout.width = Math.min(props.width, boxWidth || props.width);
  else if (boxWidth > 0) layout.width = boxWidth;
  else delete layout.width;
  if (typeof props.height === "number") layout.height = props.height;
  else layout.height = typeof layout.height === "number" ? layout.height : DEFAULT_HEIGHT;
  // The user's zoom, pan and legend choices survive a rerun that changes the figure.
  if (layout.uirevision === undefined) layout.uirevision = "rillet";
  if (props.selection_active) {
    const modes = selectionModes(el);
    const points = modes.includes("points");
    layout.hovermode ??= "closest";
    layout.dragmode ??= points ? "pan" : modes.includes("box") ? "select"
      : modes.includes("lasso") ? "lasso" : "pan";
    layout.clickmode ??= dragClickMode(layout.dragmode, points);
  }
  /** @type {{data: any[], layout: Json, frames?: any[]}} */
  const out = { data: Array.isArray(figure.data) ? figure.data : [], layout };
  if (Array.isArray(figure.frames)) out.frames = figure.frames;
  return out;
}

/**
 * Clicks select points only with the "points" mode and while not drawing a box or lasso.
 * @param {unknown} dragmode
 * @param {boolean} points
 */
function dragClickMode(dragmode, points) {
  if (dragmode === "select" || dragmode === "lasso") return "event";
  return points ? "event+select" : "none";
}

/** @param {Element} el @returns {string[]} */
function selectionModes(el) {
  const modes = el.props?.selection_mode;
  return el.props?.selection_active && Array.isArray(modes) ? modes : [];
}

/**
 * Streamlit's merge of the author's config: no Plotly logo, no "send to cloud", and the box
 * and lasso tools only where those selections are on.
 * @param {Element} el
 * @returns {Json}
 */
function configOf(el) {
  const config = isObject(el.props?.config) ? { ...el.props.config } : {};
  config.showSendToCloud ??= false;
  config.displaylogo ??= false;
  const remove = Array.isArray(config.modeBarButtonsToRemove)
    ? [...config.modeBarButtonsToRemove] : [];
  const drop = (/** @type {string} */ name) => { if (!remove.includes(name)) remove.push(name); };
  const modes = selectionModes(el);
  if (!modes.includes("lasso")) drop("lasso2d");
  if (!modes.includes("box")) drop("select2d");
  if (config.showSendToCloud !== true) drop("sendChartToCloud");
  config.modeBarButtonsToRemove = remove;
  return config;
}

/**
 * Streamlit's key names: camelCase to snake_case, and the first "." to "_" ("marker.size" is
 * "marker_size"), in nested objects too.
 * @param {string} key
 */
function snake(key) {
  return key.replace(/([a-z\d])([A-Z])/g, "$1_$2").toLowerCase().replace(".", "_");
}

/** @param {unknown} value @returns {unknown} */
function snakeKeys(value) {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), snakeKeys(v)]));
}

/**
 * One selected point as Streamlit reports it: its own fields (not the trace or the axes) and
 * its trace's legend group.
 * @param {Json} point
 */
function pointOf(point) {
  /** @type {Json} */
  const out = {};
  for (const [key, value] of Object.entries(point)) {
    if (["data", "fullData", "xaxis", "yaxis"].includes(key) || typeof value === "function") {
      continue;
    }
    out[key] = value;
  }
  const group = point.data?.legendgroup;
  if (group) out.legendgroup = group;
  return snakeKeys(out);
}

/** A lasso's SVG path ("Mx,yLx,y...Z") as its corner coordinates. @param {string} path */
function lassoPoints(path) {
  /** @type {{x: number[], y: number[]}} */
  const out = { x: [], y: [] };
  if (!path) return out;
  for (const part of path.replace("M", "").replace("Z", "").split("L")) {
    const [x, y] = part.split(",").map(Number);
    out.x.push(x);
    out.y.push(y);
  }
  return out;
}

/**
 * The selection a `plotly_selected` event describes, or null when it has a region of a mode
 * the chart does not allow.
 * @param {Json} event
 * @param {string[]} modes
 */
function selectionOf(event, modes) {
  const indices = new Set();
  const points = (event.points ?? []).map((/** @type {Json} */ p) => {
    if (typeof p.pointIndex === "number") indices.add(p.pointIndex);
    if (Array.isArray(p.pointIndices)) p.pointIndices.forEach((i) => indices.add(i));
    return pointOf(p);
  });
  /** @type {Json[]} */
  const box = [];
  /** @type {Json[]} */
  const lasso = [];
  for (const s of event.selections ?? []) {
    if (s.type === "rect" && "x0" in s) {
      box.push({ xref: s.xref, yref: s.yref, x: [s.x0, s.x1], y: [s.y0, s.y1] });
    } else if (s.type === "path" && s.path) {
      lasso.push({ xref: s.xref, yref: s.yref, ...lassoPoints(s.path) });
    }
  }
  if ((box.length && !modes.includes("box")) || (lasso.length && !modes.includes("lasso"))) {
    return null;
  }
  return { points, point_indices: [...indices], box, lasso };
}

/**
 * Send `selection` as the widget's value unless it is the one last sent.
 * @param {PlotlyBox} state
 * @param {Json} selection
 */
function send(state, selection) {
  const text = JSON.stringify(selection);
  if (text === state.sent || !state.el.id) return;
  state.sent = text;
  state.ctx.sendValue(state.el.id, selection);
}

/**
 * Listen to the plot's selection events; they read the box's current element and context.
 * @param {PlotlyBox} state
 */
function listen(state) {
  const plot = /** @type {any} */ (state.plot);
  const active = () => Boolean(state.el.props?.selection_active);
  plot.on("plotly_selected", (/** @type {Json | undefined} */ event) => {
    if (!event || !active()) return;
    const selection = selectionOf(event, selectionModes(state.el));
    if (selection) send(state, selection);
  });
  plot.on("plotly_deselect", () => { if (active()) send(state, EMPTY); });
  plot.on("plotly_doubleclick", () => {
    if (!active()) return;
    send(state, EMPTY);
    state.Plotly.restyle(plot, { selectedpoints: [null] });
    state.Plotly.relayout(plot, { selections: [] });
  });
  plot.on("plotly_click", (/** @type {Json | undefined} */ event) => {
    // Points of sunbursts and treemaps are reported on click (they have no box or lasso).
    const p = event?.points?.[0];
    if (!active() || !selectionModes(state.el).includes("points") || !p || p.id === undefined
      || p.parent === undefined) return;
    const fields = ["label", "id", "parent", "value", "currentPath", "percentRoot",
      "percentEntry", "percentParent", "pointNumber", "curveNumber"];
    const point = snakeKeys(Object.fromEntries(fields.map((f) => [f, p[f]])));
    send(state, {
      points: [point],
      point_indices: typeof p.pointNumber === "number" ? [p.pointNumber] : [],
      box: [],
      lasso: [],
    });
  });
  plot.on("plotly_relayout", (/** @type {Json} */ update) => {
    if (!active() || !update || !("dragmode" in update)) return;
    const clickmode = dragClickMode(update.dragmode, selectionModes(state.el).includes("points"));
    if (plot.layout?.clickmode !== clickmode) state.Plotly.relayout(plot, { clickmode });
  });
}

/** @param {unknown} err */
function logFailure(err) {
  console.error("rillet: a Plotly chart could not be redrawn", err);
}

/** @param {HTMLElement} dom @param {Element} el */
function sizeBox(dom, el) {
  const width = el.props?.width;
  dom.style.width = typeof width === "number" ? `${width}px` : "";
  dom.style.maxWidth = "100%";
  const alt = el.props?.alt;
  if (typeof alt === "string" && alt) {
    dom.setAttribute("role", "figure");
    dom.setAttribute("aria-label", alt);
  } else {
    dom.removeAttribute("role");
    dom.removeAttribute("aria-label");
  }
}

/** @param {PlotlyBox} state */
async function draw(state) {
  const { Plotly, plot, el } = state;
  await Plotly.react(plot, { ...figureOf(el, plot.clientWidth), config: configOf(el) });
  if (!state.listening) {
    state.listening = true;
    listen(state);
  }
}

/**
 * Redraw on resize, and release the plot when the chart leaves the page (drawing it again if
 * it comes back).
 * @param {PlotlyBox} state
 */
function watch(state) {
  let width = state.plot.clientWidth;
  const observer = new ResizeObserver(() => {
    if (!state.plot.isConnected) {
      if (!state.purged) {
        state.purged = true;
        state.listening = false;
        state.Plotly.purge(state.plot);
      }
      return;
    }
    if (state.purged) {
      state.purged = false;
      draw(state).catch(logFailure);
      return;
    }
    if (state.plot.clientWidth !== width) {
      width = state.plot.clientWidth;
      draw(state).catch(logFailure);
    }
  });
  observer.observe(state.plot);
  const stop = onSchemeChange(() => {
    if (!state.plot.isConnected) { stop(); return; }
    draw(state).catch(logFailure);
  });
}

/** @type {import("../charts.js").ChartRenderer} */
export const renderer = {
  async mount(dom, el, ctx) {
    // A mount that failed (a figure plotly.js refused) is retried with the next element.
    if (boxes.has(dom)) return renderer.update(dom, el, ctx);
    const Plotly = await loadLibrary("plotly");
    const plot = document.createElement("div");
    plot.className = "rillet-plotly";
    dom.append(plot);
    sizeBox(dom, el);
    /** @type {PlotlyBox} */
    const state = { Plotly, plot, el, ctx, sent: EMPTY_JSON, purged: false, listening: false };
    boxes.set(dom, state);
    watch(state);
    await draw(state);
  },

  async update(dom, el, ctx) {
    const state = boxes.get(dom);
    if (!state) return;
    state.el = el;
    state.ctx = ctx;
    sizeBox(dom, el);
    if (!el.props?.selection_active) state.sent = EMPTY_JSON;
    await draw(state);
  },
};
