// @ts-check
/**
 * `st.map` and `st.pydeck_chart`: a deck in pydeck's JSON form, turned into deck.gl layers by
 * deck.gl's JSON converter and drawn with WebGL.
 *
 * No base map is drawn: its tiles would come from the network (Carto or Mapbox), which many
 * intranets and this page's tests do not reach, so the layers are drawn on a plain background
 * in the theme's colours. A map's points arrive as the element's rows (column names in
 * `columns`); appended points are added to the layer without resetting the view.
 * With `selection_active`, a click selects an object (or toggles it in "multi-object" mode)
 * and a click beside every object clears the selection; the selection is sent as the chart's
 * widget value `{indices: {layerId: [...]}, objects: {layerId: [...]}}`.
 * @module elements/charts/deck
 */

import { make } from "../../dom.js";
import { loadLibrary } from "../../vendor.js";

/** @typedef {import("../../protocol.js").Element} Element */
/** @typedef {import("../../tree.js").RenderContext} RenderContext */
/** @typedef {import("../charts.js").ChartRenderer} ChartRenderer */

/**
 * @typedef {object} Selection
 * @property {Record<string, number[]>} indices
 * @property {Record<string, unknown[]>} objects
 */

/**
 * One drawn deck: the deck.gl instance, what it was built from, and the current selection.
 * @typedef {object} DeckState
 * @property {any} deck
 * @property {any} lib
 * @property {Element} el
 * @property {RenderContext} ctx
 * @property {string} viewJson the initial view it was built with (a change resets the view)
 * @property {Selection} selection
 */

/** @type {WeakMap<HTMLElement, DeckState>} */
const decks = new WeakMap();

/** Streamlit draws `st.map`'s default points in the primary colour at this opacity. */
const PRIMARY_ALPHA = 160;

/** @param {string} name */
function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * A CSS hex colour as deck.gl's [r, g, b].
 * @param {string} colour
 * @param {number[]} fallback
 * @returns {number[]}
 */
function rgb(colour, fallback) {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) return fallback;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
}

/**
 * Every layer and view class of the deck.gl bundle, by name, for the JSON converter.
 * @param {any} lib
 * @returns {Record<string, any>}
 */
function classesOf(lib) {
  /** @type {Record<string, any>} */
  const classes = {};
  for (const [name, value] of Object.entries(lib)) {
    if (typeof value === "function" && /^[A-Z]\w*(Layer|View)$/.test(name)) classes[name] = value;
  }
  return classes;
}

/** @type {WeakMap<object, any>} */
const converters = new WeakMap();

/** @param {any} lib */
function converterOf(lib) {
  let converter = converters.get(lib);
  if (!converter) {
    converter = new lib.JSONConverter({
      configuration: {
        classes: classesOf(lib),
        enumerations: { COORDINATE_SYSTEM: lib.COORDINATE_SYSTEM },
      },
    });
    converters.set(lib, converter);
  }
  return converter;
}

/**
 * The deck's JSON as this page draws it: a map's points put into its layer, "primary" in the
 * theme's colour, every layer pickable when the chart is selectable, no base map.
 * @param {Element} el
 * @returns {Record<string, any>}
 */
function deckJson(el) {
  const props = el.props ?? {};
  const spec = structuredClone(props.spec ?? {});
  delete spec.mapStyle;
  delete spec.mapProvider;
  delete spec.google_maps_key;
  const layers = Array.isArray(spec.layers) ? spec.layers : [];
  if (el.kind === "map" && layers.length > 0) {
    const columns = /** @type {string[]} */ (props.columns ?? []);
    layers[0].data = (el.rows ?? []).map((row) => Object.fromEntries(
      columns.map((name, i) => [name, /** @type {unknown[]} */ (row)[i]]),
    ));
  }
  const primary = [...rgb(cssVar("--rl-primary"), [255, 75, 75]), PRIMARY_ALPHA];
  for (const layer of layers) {
    if (layer.getFillColor === "primary") layer.getFillColor = primary;
    if (props.selection_active) layer.pickable = true;
  }
  spec.layers = layers;
  return spec;
}

/**
 * pydeck's tooltip: `{html}` or `{text}` with `{field}` filled from the hovered object.
 * Values are escaped in HTML; the template itself is the app's own.
 * @param {Record<string, any> | undefined} template
 * @returns {(info: any) => any}
 */
function tooltipOf(template) {
  if (!template || typeof template !== "object") return () => null;
  /**
   * @param {string} text
   * @param {Record<string, any>} object
   * @param {boolean} escape
   */
  const fill = (text, object, escape) => text.replace(/\{([^{}]+)\}/g, (whole, name) => {
    const value = object[name] ?? object.properties?.[name];
    if (value === undefined) return whole;
    const shown = String(value);
    return escape ? shown.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) : shown;
  });
  return (info) => {
    const object = info?.object;
    if (!object || typeof object !== "object") return null;
    /** @type {Record<string, any>} */
    const tip = {};
    if (typeof template.html === "string") tip.html = fill(template.html, object, true);
    else if (typeof template.text === "string") tip.text = fill(template.text, object, false);
    else return null;
    if (template.style && typeof template.style === "object") tip.style = template.style;
    return tip;
  };
}

/**
 * A click's new selection: the object alone ("single-object", a second click clears it), or
 * the object toggled in ("multi-object"); a click beside every object clears all.
 * @param {Selection} current
 * @param {any} info
 * @param {string} mode
 * @returns {Selection}
 */
export function nextSelection(current, info, mode) {
  const layerId = info?.layer?.id;
  const index = info?.index;
  if (!info?.object || typeof layerId !== "string" || !(index >= 0)) {
    return { indices: {}, objects: {} };
  }
  const had = current.indices[layerId] ?? [];
  if (mode !== "multi-object") {
    if (had.length === 1 && had[0] === index) return { indices: {}, objects: {} };
    return { indices: { [layerId]: [index] }, objects: { [layerId]: [info.object] } };
  }
  const indices = { ...current.indices };
  const objects = { ...current.objects };
  const position = had.indexOf(index);
  if (position >= 0) {
    indices[layerId] = had.filter((i) => i !== index);
    objects[layerId] = (objects[layerId] ?? []).filter((_, i) => i !== position);
  } else {
    indices[layerId] = [...had, index];
    objects[layerId] = [...(objects[layerId] ?? []), info.object];
  }
  if (indices[layerId].length === 0) {
    delete indices[layerId];
    delete objects[layerId];
  }
  return { indices, objects };
}

/**
 * The size of the canvas' box: `width` "stretch" or pixels, `height` pixels or "stretch".
 * @param {HTMLElement} box
 * @param {Record<string, any>} props
 */
function sizeBox(box, props) {
  box.style.width = typeof props.width === "number" ? `${props.width}px` : "100%";
  box.style.maxWidth = "100%";
  box.style.height = typeof props.height === "number" ? `${props.height}px` : "100%";
  if (props.height === "stretch") box.style.minHeight = "500px";
}

/**
 * The deck's layers and view from the element.
 * @param {DeckState} state
 * @param {Element} el
 */
function deckProps(state, el) {
  const converted = converterOf(state.lib).convert(deckJson(el));
  const selectable = Boolean(el.props?.selection_active);
  return {
    layers: converted.layers ?? [],
    views: converted.views,
    getTooltip: tooltipOf(el.props?.tooltip),
    getCursor: (/** @type {any} */ { isDragging, isHovering }) => {
      if (isDragging) return "grabbing";
      return selectable && isHovering ? "pointer" : "grab";
    },
    initialViewState: converted.initialViewState,
    ...(converted.parameters ? { parameters: converted.parameters } : {}),
  };
}

/**
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 */
async function mount(dom, el, ctx) {
  const lib = await loadLibrary("deck");
  const box = make("div", "rillet-deck");
  box.style.position = "relative";
  box.style.overflow = "hidden";
  box.style.borderRadius = "var(--rl-radius)";
  box.style.background = "var(--rl-bg-soft)";
  sizeBox(box, el.props ?? {});
  dom.prepend(box);
  /** @type {DeckState} */
  const state = {
    deck: null, lib, el, ctx, selection: { indices: {}, objects: {} },
    viewJson: JSON.stringify(el.props?.spec?.initialViewState ?? null),
  };
  state.deck = new lib.Deck({
    parent: box,
    controller: true,
    ...deckProps(state, el),
    onAfterRender: () => count(dom, state),
    onClick: (/** @type {any} */ info) => select(state, info),
  });
  decks.set(dom, state);
}

/**
 * Report what is drawn, for tests and tools: the number of layers and of their objects.
 * @param {HTMLElement} dom
 * @param {DeckState} state
 */
function count(dom, state) {
  const layers = state.deck?.props?.layers ?? [];
  let objects = 0;
  for (const layer of layers) {
    const data = layer?.props?.data;
    if (Array.isArray(data)) objects += data.length;
  }
  dom.dataset.layers = String(layers.length);
  dom.dataset.objects = String(objects);
}

/**
 * @param {DeckState} state
 * @param {any} info
 */
function select(state, info) {
  const { el, ctx } = state;
  if (!el.props?.selection_active || !el.id) return;
  state.selection = nextSelection(state.selection, info, String(el.props.selection_mode));
  ctx.sendValue(el.id, state.selection);
}

/**
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 */
function update(dom, el, ctx) {
  const state = decks.get(dom);
  if (!state) return mount(dom, el, ctx);
  const viewJson = JSON.stringify(el.props?.spec?.initialViewState ?? null);
  const props = deckProps(state, el);
  // deck.gl resets the view when `initialViewState` changes: keep the user's pan and zoom
  // unless the app moved the view.
  if (viewJson === state.viewJson) delete props.initialViewState;
  if (el.id !== state.el.id) state.selection = { indices: {}, objects: {} };
  state.el = el;
  state.ctx = ctx;
  state.viewJson = viewJson;
  const box = /** @type {HTMLElement | null} */ (dom.querySelector(":scope > .rillet-deck"));
  if (box) sizeBox(box, el.props ?? {});
  state.deck.setProps(props);
  return undefined;
}

/** @type {ChartRenderer} */
export const renderer = {
  mount,
  update,
  // Appended points: the same redraw keeps the view, and deck.gl only uploads the data.
  extend: (dom, el, _added, ctx) => update(dom, el, ctx),
};
