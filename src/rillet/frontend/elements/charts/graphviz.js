// @ts-check
/**
 * `st.graphviz_chart`: DOT laid out and drawn as SVG by Graphviz compiled to WebAssembly
 * (@viz-js/viz), loaded the first time a page shows a graph.
 *
 * Graphviz draws black on white unless the graph says otherwise; those defaults are switched
 * to the page's text colour on a transparent background, so a graph stays readable in the
 * dark theme, while colours the graph sets itself are kept. A DOT error is thrown, and the
 * chart box shows it.
 * @module elements/charts/graphviz
 */

import { loadLibrary } from "../../vendor.js";

/** @typedef {import("../../protocol.js").Element} Element */
/** @typedef {import("../charts.js").ChartRenderer} ChartRenderer */

/** @type {Promise<any> | null} */
let instance = null;

/** The page's one Graphviz instance (compiling the WebAssembly module once). */
function graphviz() {
  if (!instance) {
    instance = loadLibrary("graphviz").then((Viz) => Viz.instance());
    instance.catch(() => { instance = null; });
  }
  return instance;
}

const BLACK = new Set(["black", "#000000", "#000"]);

/**
 * Give Graphviz's default colours the page's: black strokes, fills and text become the text
 * colour, the white page behind the graph becomes transparent.
 * @param {SVGSVGElement} svg
 */
function theme(svg) {
  const text = getComputedStyle(document.documentElement).getPropertyValue("--rl-text").trim()
    || "currentColor";
  const background = svg.querySelector("g.graph > polygon");
  if (background && background.getAttribute("fill") === "white") {
    background.setAttribute("fill", "transparent");
  }
  for (const node of svg.querySelectorAll("[fill], [stroke], text")) {
    for (const attr of ["fill", "stroke"]) {
      const value = node.getAttribute(attr);
      if (value && BLACK.has(value.toLowerCase())) node.setAttribute(attr, text);
    }
    if (node.tagName === "text" && !node.hasAttribute("fill")) node.setAttribute("fill", text);
  }
}

/**
 * Size the drawing as Streamlit does: "content" is the graph's own size (never wider than the
 * box), "stretch" fills the box, a number is pixels (the graph scaled to fit).
 * @param {SVGSVGElement} svg
 * @param {Record<string, any>} props
 */
function size(svg, props) {
  svg.style.display = "block";
  svg.style.maxWidth = "100%";
  const { width, height } = props;
  if (width === "stretch") {
    svg.style.width = "100%";
  } else if (typeof width === "number") {
    svg.style.width = `${width}px`;
  }
  if (width === "stretch" || typeof width === "number") {
    if (typeof height !== "number" && height !== "stretch") svg.style.height = "auto";
  }
  if (typeof height === "number") svg.style.height = `${height}px`;
  else if (height === "stretch") svg.style.height = "100%";
}

/**
 * @param {HTMLElement} dom
 * @param {Element} el
 */
async function draw(dom, el) {
  const props = el.props ?? {};
  const viz = await graphviz();
  dom.querySelector(":scope > svg")?.remove();
  /** @type {SVGSVGElement} */
  const svg = viz.renderSVGElement(String(props.spec ?? ""), {
    engine: String(props.engine || "dot"),
  });
  theme(svg);
  size(svg, props);
  if (typeof props.alt === "string" && props.alt) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", props.alt);
  }
  dom.prepend(svg);
}

/** @type {ChartRenderer} */
export const renderer = {
  mount: draw,
  update: draw,
};
