// @ts-check
/**
 * `st.html` (HTML the server sanitized with nh3), `st.help` (an object's documentation, all
 * text), the width and alignment every text element may carry, and math in markdown.
 * @module elements/richtext
 */

import { applyWidth, asText, make, rebuilt } from "../dom.js";

/** @typedef {import("../tree.js").Registry} Registry */

const ALIGNMENTS = new Set(["left", "center", "right", "justify"]);

/**
 * Typeset the math the server's markdown marked under `root` (`.rl-math` spans holding TeX).
 * KaTeX's module, script, stylesheet and fonts load only here, the first time a page shows
 * math; until they arrive the TeX source shows as text.
 * @param {ParentNode} root
 */
export function typesetMath(root) {
  if (!root.querySelector(".rl-math:not([data-typeset])")) return;
  import("./math/katex.js").then((math) => math.typeset(root)).catch((error) => {
    console.error("rillet: math could not be typeset:", error);
  });
}

/**
 * A text element's `width` and `text_alignment`.
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 * @param {"stretch" | "content"} defaultWidth
 */
export function applyTextLayout(dom, props, defaultWidth) {
  applyWidth(dom, props.width ?? defaultWidth);
  const align = ALIGNMENTS.has(props.text_alignment) ? props.text_alignment : "";
  dom.style.textAlign = align;
}

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillHtml(dom, props) {
  applyWidth(dom, props.width ?? "stretch");
  // Only style sheets: they take no room on the page.
  dom.dataset.styleOnly = props.style_only ? "true" : "false";
  dom.innerHTML = asText(props.html); // sanitized by the server (nh3)
}

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillHelp(dom, props) {
  applyWidth(dom, props.width ?? "stretch");
  const title = make("div", "rillet-help-title");
  title.append(make("strong", undefined, asText(props.name)), asText(props.signature));
  const type = make("span", "rillet-help-type", asText(props.type));
  title.append(" ", type);
  dom.append(title);
  if (props.value != null) dom.append(make("pre", "rillet-help-value", asText(props.value)));
  dom.append(make("pre", "rillet-help-doc", asText(props.doc ?? "No docs available")));
  const members = Array.isArray(props.members) ? props.members : [];
  if (members.length) {
    const details = make("details", "rillet-help-members");
    details.append(make("summary", undefined, `Members (${members.length})`));
    const list = make("dl");
    for (const member of members) {
      if (!Array.isArray(member)) continue;
      const term = make("dt");
      term.append(make("code", undefined, asText(member[0])), " ",
        make("span", "rillet-help-type", asText(member[1])));
      list.append(term, make("dd", undefined, asText(member[2])));
    }
    details.append(list);
    dom.append(details);
  }
}

/** @type {Registry} */
export const renderers = {
  html: rebuilt("rillet-html", fillHtml),
  help: rebuilt("rillet-help-box", fillHelp),
};
