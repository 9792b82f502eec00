// @ts-check
/**
 * Typesetting with KaTeX: the math spans the server's markdown made (`.rl-math`, holding the
 * TeX source as text) and `st.latex`. Loaded by richtext.js only when a page shows math, so a
 * page without math never fetches KaTeX (its script, stylesheet and fonts).
 * @module elements/math/katex
 */

import { loadLibrary } from "../../vendor.js";

/**
 * Typeset `tex` into `target`, replacing what it holds. A TeX error is shown in place (KaTeX
 * draws the source in the error colour, its message as the tooltip), as Streamlit shows it.
 * @param {any} katex
 * @param {HTMLElement} target
 * @param {string} tex
 * @param {boolean} display
 */
function render(katex, target, tex, display) {
  katex.render(tex, target, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
}

/**
 * Typeset every not yet typeset math span under `root`.
 * @param {ParentNode} root
 * @returns {Promise<void>}
 */
export async function typeset(root) {
  const katex = await loadLibrary("katex");
  for (const node of root.querySelectorAll(".rl-math:not([data-typeset])")) {
    const span = /** @type {HTMLElement} */ (node);
    span.dataset.typeset = "true";
    render(katex, span, span.textContent ?? "", span.dataset.display === "block");
  }
}

/**
 * Typeset `tex` as displayed math into `target` (`st.latex`).
 * @param {HTMLElement} target
 * @param {string} tex
 * @returns {Promise<void>}
 */
export async function typesetDisplay(target, tex) {
  const katex = await loadLibrary("katex");
  target.dataset.typeset = "true";
  render(katex, target, tex, true);
}
