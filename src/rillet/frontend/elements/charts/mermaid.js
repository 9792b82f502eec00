// @ts-check
/**
 * Mermaid diagrams: the body turned into SVG by mermaid.js (`mermaid.render`) and put in the
 * chart's box, in the page's light or dark theme (drawn again when the page switches).
 *
 * Mermaid runs with `securityLevel: "strict"` and without HTML labels: labels are SVG text, its
 * output is sanitized by its own DOMPurify, and diagrams cannot bind click callbacks. A body
 * mermaid cannot parse throws its message, which the chart box shows; the page carries on.
 * @module elements/charts/mermaid
 */

import { loadLibrary } from "../../vendor.js";
import { onSchemeChange, pageTheme } from "./theme.js";

/** @typedef {import("../../protocol.js").Element} Element */

/**
 * @typedef {object} MermaidBox
 * @property {HTMLDivElement} view
 * @property {Element} el
 * @property {number} drawn how many times it was drawn (a newer draw wins)
 */

/** @type {WeakMap<HTMLElement, MermaidBox>} */
const boxes = new WeakMap();

let renders = 0;

/** @param {HTMLElement} dom @param {HTMLDivElement} view @param {Element} el */
function size(dom, view, el) {
  const width = el.props?.width;
  view.style.width = typeof width === "number" ? `${width}px` : width === "content" ? "fit-content"
    : "100%";
  view.style.maxWidth = "100%";
  const alt = el.props?.alt;
  if (typeof alt === "string" && alt) {
    dom.setAttribute("role", "img");
    dom.setAttribute("aria-label", alt);
  } else {
    dom.removeAttribute("role");
    dom.removeAttribute("aria-label");
  }
}

/**
 * Render the element's diagram into its box. Mermaid's configuration is global, so it is set
 * before each render (the theme may have changed since the last one).
 * @param {MermaidBox} state
 */
async function draw(state) {
  const mermaid = await loadLibrary("mermaid");
  const theme = pageTheme();
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: theme.dark ? "dark" : "default",
    fontFamily: theme.font,
    htmlLabels: false,
    flowchart: { htmlLabels: false },
  });
  renders += 1;
  const id = `rillet-mermaid-${renders}`;
  const drawing = (state.drawn += 1);
  let svg;
  try {
    ({ svg } = await mermaid.render(id, String(state.el.props?.body ?? "")));
  } catch (err) {
    // Mermaid may leave its scratch element (or an error diagram) in the page.
    document.getElementById(id)?.remove();
    document.getElementById(`d${id}`)?.remove();
    throw err instanceof Error ? err : new Error(String(err));
  }
  if (drawing !== state.drawn) return;
  const box = /** @type {HTMLDivElement} */ (state.view);
  box.innerHTML = svg;
  const drawnSvg = box.querySelector("svg");
  if (drawnSvg) {
    drawnSvg.style.maxWidth = "100%";
    drawnSvg.style.height = "auto";
  }
}

/** @type {import("../charts.js").ChartRenderer} */
export const renderer = {
  async mount(dom, el, ctx) {
    // A mount that failed (a syntax error) is retried with the next element: same box.
    if (boxes.has(dom)) return renderer.update(dom, el, ctx);
    const view = document.createElement("div");
    view.className = "rillet-mermaid";
    dom.append(view);
    size(dom, view, el);
    /** @type {MermaidBox} */
    const state = { view, el, drawn: 0 };
    boxes.set(dom, state);
    const stop = onSchemeChange(() => {
      if (!view.isConnected) { stop(); return; }
      draw(state).catch((err) => console.error("rillet: a diagram could not be drawn", err));
    });
    await draw(state);
  },

  async update(dom, el) {
    const state = boxes.get(dom);
    if (!state) return;
    state.el = el;
    size(dom, state.view, el);
    await draw(state);
  },
};
