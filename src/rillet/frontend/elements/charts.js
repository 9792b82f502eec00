// @ts-check
/**
 * Charts: one renderer for every chart kind, which loads the kind's module (and through it
 * the chart library) the first time the page shows such a chart.
 *
 * The chart modules live in `elements/charts/` and are not preloaded with the page: a page
 * without charts never fetches them, nor any library under `vendor/`. Each exports `renderer`,
 * a `ChartRenderer`. Until its module has loaded a chart's box waits empty (at its height, so
 * nothing jumps); updates that arrive meanwhile are folded into the element it will mount with.
 * Once mounted, updates and extensions are applied in the order they came, one at a time, so
 * an asynchronous library (Vega's `runAsync`, Plotly's `react`) never sees two at once.
 * @module elements/charts
 */

import { make } from "../dom.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("../tree.js").Renderer} Renderer */
/** @typedef {import("../tree.js").RenderContext} RenderContext */

/**
 * What a chart module exports as `renderer`. `mount` builds the chart inside its (empty) box;
 * `update` takes a new element of the same kind (new props, or rows changed other than by an
 * append); `extend` takes rows appended to `el.rows` (which already holds them) and should add
 * them to the view in place. Each may be asynchronous; the next call waits for it.
 * @typedef {object} ChartRenderer
 * @property {(dom: HTMLElement, el: Element, ctx: RenderContext) => Promise<void> | void} mount
 * @property {(dom: HTMLElement, el: Element, ctx: RenderContext) => Promise<void> | void} update
 * @property {(dom: HTMLElement, el: Element, added: unknown[], ctx: RenderContext)
 *   => Promise<void> | void} [extend]
 */

/** @typedef {{ renderer: ChartRenderer }} ChartModule */

/**
 * Each chart module, loaded on first use. Static `import()` calls, so the type checker sees
 * every module the page can load.
 * @type {Record<string, () => Promise<ChartModule>>}
 */
const LOADERS = {
  vega: () => import("./charts/vega.js"),
  plotly: () => import("./charts/plotly.js"),
  echarts: () => import("./charts/echarts.js"),
  mermaid: () => import("./charts/mermaid.js"),
  graphviz: () => import("./charts/graphviz.js"),
  deck: () => import("./charts/deck.js"),
  pyplot: () => import("./charts/pyplot.js"),
};

/** The module that draws each element kind. */
export const CHART_KINDS = Object.freeze({
  line_chart: "vega",
  area_chart: "vega",
  bar_chart: "vega",
  scatter_chart: "vega",
  vega_lite_chart: "vega",
  altair_chart: "vega",
  plotly_chart: "plotly",
  echarts_chart: "echarts",
  mermaid_chart: "mermaid",
  graphviz_chart: "graphviz",
  map: "deck",
  pydeck_chart: "deck",
  pyplot: "pyplot",
});

/** @type {Map<string, Promise<ChartModule>>} */
const loading = new Map();

/**
 * The module `name`, loaded once per page.
 * @param {string} name
 * @returns {Promise<ChartModule>}
 */
function loadModule(name) {
  let promise = loading.get(name);
  if (!promise) {
    promise = LOADERS[name]();
    // A failed load (the server went away mid-fetch) may be retried by the next chart.
    promise.catch(() => loading.delete(name));
    loading.set(name, promise);
  }
  return promise;
}

/**
 * One chart box's state: the element it will mount with, and the chain of work on it.
 * @typedef {object} ChartState
 * @property {Element} latest
 * @property {RenderContext} ctx
 * @property {ChartRenderer | null} renderer set once its module has loaded
 * @property {boolean} mounted
 * @property {Promise<void>} chain
 */

/** @type {WeakMap<HTMLElement, ChartState>} */
const states = new WeakMap();

/**
 * Queue `step` after the box's earlier work; a step that fails is shown in the box and
 * logged, and later steps still run.
 * @param {HTMLElement} dom
 * @param {ChartState} state
 * @param {(renderer: ChartRenderer) => Promise<void> | void} step
 */
function queue(dom, state, step) {
  state.chain = state.chain.then(async () => {
    const renderer = state.renderer;
    if (!renderer) return; // still loading: the mount will use `latest`
    if (!state.mounted) {
      await mount(dom, state, renderer); // an earlier mount failed: try with this element
      return;
    }
    try {
      await step(renderer);
      clearError(dom);
    } catch (err) {
      showError(dom, err);
    }
  });
}

/**
 * Draw the chart from the box's latest element.
 * @param {HTMLElement} dom
 * @param {ChartState} state
 * @param {ChartRenderer} renderer
 */
async function mount(dom, state, renderer) {
  try {
    dom.querySelector(":scope > .rillet-chart-error")?.remove();
    await renderer.mount(dom, state.latest, state.ctx);
    state.mounted = true;
  } catch (err) {
    showError(dom, err);
  }
}

/**
 * @param {HTMLElement} dom
 * @param {unknown} err
 */
function showError(dom, err) {
  console.error("rillet: a chart could not be drawn", err);
  let box = dom.querySelector(":scope > .rillet-chart-error");
  if (!box) {
    box = make("div", "rillet-chart-error");
    box.setAttribute("role", "alert");
    dom.append(box);
  }
  box.textContent = `This chart could not be drawn: ${err instanceof Error ? err.message : err}`;
}

/** @param {HTMLElement} dom */
function clearError(dom) {
  dom.querySelector(":scope > .rillet-chart-error")?.remove();
}

/**
 * The renderer of one chart kind.
 * @param {string} moduleName
 * @returns {Renderer}
 */
function chart(moduleName) {
  return {
    create(el, ctx) {
      const dom = make("div", "rillet-chart");
      dom.dataset.loading = "true";
      const alt = el.props?.alt;
      if (typeof alt === "string" && alt) dom.setAttribute("aria-label", alt);
      const height = Number(el.props?.height);
      if (height > 0) dom.style.minHeight = `${height}px`;
      /** @type {ChartState} */
      const state = {
        latest: el, ctx, renderer: null, mounted: false, chain: Promise.resolve(),
      };
      states.set(dom, state);
      state.chain = loadModule(moduleName).then(
        async (module) => {
          state.renderer = module.renderer;
          await mount(dom, state, module.renderer);
          delete dom.dataset.loading;
          dom.style.minHeight = "";
        },
        (err) => {
          delete dom.dataset.loading;
          showError(dom, new Error(`its library did not load (${err?.message ?? err})`));
        },
      );
      return dom;
    },
    update(dom, el, ctx) {
      const state = states.get(dom);
      if (!state) return;
      state.latest = el;
      state.ctx = ctx;
      queue(dom, state, (renderer) => renderer.update(dom, el, ctx));
    },
    extend(dom, el, added, ctx) {
      const state = states.get(dom);
      if (!state) return;
      state.latest = el;
      state.ctx = ctx;
      queue(dom, state, (renderer) => (renderer.extend
        ? renderer.extend(dom, el, added, ctx)
        : renderer.update(dom, el, ctx)));
    },
  };
}

/**
 * Wait until every chart in the page has applied what it was given (tests and screenshots).
 * @returns {Promise<void>}
 */
export async function settled() {
  const boxes = /** @type {HTMLElement[]} */ ([...document.querySelectorAll(".rillet-chart")]);
  await Promise.all(boxes.map((dom) => states.get(dom)?.chain));
}

/** @type {Registry} */
export const renderers = Object.fromEntries(
  Object.entries(CHART_KINDS).map(([kind, moduleName]) => [kind, chart(moduleName)]),
);
