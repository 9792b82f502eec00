// @ts-check
/**
 * Third-party browser libraries (the chart renderers, KaTeX), loaded the first time a page
 * needs one.
 *
 * Each library is its npm package's own UMD/IIFE build under `vendor/` (refreshed by
 * `scripts/vendor.py`), run by plain `<script>` tags that carry its SRI hash, so the browser
 * refuses a file that is not byte for byte the one recorded; a library's stylesheet (KaTeX's)
 * comes the same way, as a `<link rel="stylesheet">` with its hash. The script URLs name the exact
 * file version (`?v=`), which lets the server have browsers cache them for good. A page that
 * shows no chart never imports the chart modules, so it never loads this module's libraries.
 * @module vendor
 */

import { LIBRARIES } from "./vendor/manifest.js";

/**
 * What `loadLibrary(name)` resolves to, for each name. The libraries carry no types here.
 * @typedef {object} Libraries
 * @property {{vega: any, vegaLite: any, vegaEmbed: any}} vega
 * @property {any} plotly `Plotly`
 * @property {any} echarts `echarts`
 * @property {any} mermaid `mermaid`
 * @property {any} deck `deck`, with the JSONConverter of the deck.gl json module merged in
 * @property {any} graphviz `Viz`, from the npm package viz-js/viz
 * @property {any} markdown `markdownit`, the markdown-it parser and renderer
 * @property {any} katex `katex`, with its stylesheet (and so its fonts) in the page
 */

/** @type {any} */
const g = globalThis;

/**
 * Read each library's value from the globals its scripts defined (undefined if they did not).
 * @type {{[N in keyof Libraries]: () => Libraries[N] | undefined}}
 */
const EXPORTS = {
  vega: () => (g.vega && g.vegaLite && g.vegaEmbed
    ? { vega: g.vega, vegaLite: g.vegaLite, vegaEmbed: g.vegaEmbed }
    : undefined),
  plotly: () => g.Plotly,
  echarts: () => g.echarts,
  mermaid: () => g.mermaid,
  // @deck.gl/json's bundle adds its exports to the `deck` global deck.gl defined.
  deck: () => (g.deck?.JSONConverter ? g.deck : undefined),
  graphviz: () => g.Viz,
  markdown: () => g.markdownit,
  katex: () => g.katex,
};

/** @type {Map<string, Promise<any>>} */
const libraries = new Map();

/** @type {Map<string, Promise<void>>} */
const scripts = new Map();

/**
 * Load a library once per page and resolve to its API: "vega" → `{vega, vegaLite, vegaEmbed}`,
 * "plotly" → `Plotly`, "echarts" → `echarts`, "mermaid" → `mermaid`, "deck" → `deck`
 * (with `JSONConverter`), "graphviz" → `Viz`. A failed load rejects with an Error naming the
 * library and is forgotten, so the next call tries again (scripts that did load are kept).
 * @template {keyof Libraries} N
 * @param {N} name
 * @returns {Promise<Libraries[N]>}
 */
export function loadLibrary(name) {
  let promise = libraries.get(name);
  if (!promise) {
    promise = load(name);
    promise.catch(() => libraries.delete(name));
    libraries.set(name, promise);
  }
  return promise;
}

/**
 * @template {keyof Libraries} N
 * @param {N} name
 * @returns {Promise<Libraries[N]>}
 */
async function load(name) {
  const files = Object.hasOwn(LIBRARIES, name) ? LIBRARIES[name] : undefined;
  if (!files || !Object.hasOwn(EXPORTS, name)) {
    throw new Error(`rillet has no browser library named "${name}"`);
  }
  // All the tags go in at once so the files download in parallel; `async = false` runs them
  // in this order (vega-lite needs vega's global, @deck.gl/json needs deck.gl's).
  const loads = files.map(({ src, integrity }) => script(src, integrity));
  for (const [i, loading] of loads.entries()) {
    try {
      await loading;
    } catch {
      const file = files[i].src.split("?")[0];
      throw new Error(
        `the browser library "${name}" did not load: ${file} could not be fetched `
        + "or did not match its integrity hash",
      );
    }
  }
  const value = EXPORTS[name]();
  if (value === undefined) {
    throw new Error(`the browser library "${name}" loaded but did not define its global`);
  }
  return value;
}

/**
 * Add one `<script>` (or, for a `.css` file, one stylesheet `<link>`) for a vendored file
 * (once per page while it succeeds).
 * @param {string} src relative to `vendor/`
 * @param {string} integrity
 * @returns {Promise<void>}
 */
function script(src, integrity) {
  let promise = scripts.get(src);
  if (!promise) {
    promise = new Promise((resolve, reject) => {
      const url = new URL(`./vendor/${src}`, import.meta.url).href;
      /** @type {HTMLScriptElement | HTMLLinkElement} */
      let tag;
      if (src.split("?")[0].endsWith(".css")) {
        tag = document.createElement("link");
        tag.rel = "stylesheet";
        tag.href = url;
      } else {
        tag = document.createElement("script");
        tag.src = url;
        tag.async = false;
      }
      tag.integrity = integrity;
      tag.crossOrigin = "anonymous";
      tag.addEventListener("load", () => resolve());
      tag.addEventListener("error", () => {
        tag.remove();
        reject(new Error(src));
      });
      document.head.append(tag);
    });
    promise.catch(() => scripts.delete(src));
    scripts.set(src, promise);
  }
  return promise;
}
