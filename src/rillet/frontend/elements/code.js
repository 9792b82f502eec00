// @ts-check
/**
 * Code elements: code blocks (highlighted, with line numbers, wrapping, a height and a copy
 * button) and LaTeX (shown as its source, marked up as math). All text goes in as text.
 * @module elements/code
 */

import { applyWidth, asText, make, rebuilt, syncHelp } from "../dom.js";
import { byLine, languageOf, tokenize } from "./highlight.js";

/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("./highlight.js").Token} Token */

/**
 * @param {HTMLElement} parent
 * @param {Token[]} tokens
 */
function appendTokens(parent, tokens) {
  for (const token of tokens) {
    if (!token.type) parent.append(token.text);
    else parent.append(make("span", `rl-tok-${token.type}`, token.text));
  }
}

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillCode(dom, props) {
  const body = asText(props.body);
  applyWidth(dom, props.width ?? "stretch");
  const pre = make("pre");
  const code = make("code");
  const language = languageOf(props.language);
  if (props.language) {
    code.dataset.language = String(props.language);
    code.className = `language-${String(props.language).replace(/[^\w-]/g, "")}`;
  }
  const tokens = tokenize(body, language);
  if (props.line_numbers) {
    // One block per line; the numbers come from CSS counters, so copying skips them.
    code.dataset.lineNumbers = "true";
    for (const line of byLine(tokens)) {
      const span = make("span", "rillet-code-line");
      appendTokens(span, line);
      code.append(span);
    }
  } else {
    appendTokens(code, tokens);
  }
  pre.dataset.wrap = props.wrap_lines ? "true" : "false";
  pre.append(code);
  const height = Number(props.height);
  if (height > 0) {
    pre.style.maxHeight = `${height}px`;
    pre.style.overflow = "auto";
    pre.tabIndex = 0; // a scrolling region keyboard users can reach
  }
  dom.dataset.height = props.height === "stretch" ? "stretch" : "content";
  const copy = make("button", "rillet-copy", "Copy");
  copy.type = "button";
  copy.setAttribute("aria-label", "Copy code");
  copy.addEventListener("click", () => {
    navigator.clipboard?.writeText(body).then(() => {
      copy.textContent = "Copied";
      setTimeout(() => { copy.textContent = "Copy"; }, 1500);
    }, () => {});
  });
  dom.append(pre, copy);
}

/**
 * Displayed math, typeset by KaTeX (loaded the first time a page shows math). Until it is,
 * the source shows as code; KaTeX's output carries MathML for screen readers.
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillLatex(dom, props) {
  applyWidth(dom, props.width ?? "stretch");
  const source = asText(props.body);
  const math = make("code", "rillet-latex-source", source);
  dom.append(math);
  syncHelp(dom, props.help);
  import("./math/katex.js").then(async (katex) => {
    if (!math.isConnected) return; // rebuilt meanwhile
    const typeset = make("div", "rillet-latex-math");
    await katex.typesetDisplay(typeset, source);
    if (math.isConnected) math.replaceWith(typeset);
  }).catch((error) => console.error("rillet: st.latex could not be typeset:", error));
}

/** @type {Registry} */
export const renderers = {
  code: rebuilt("rillet-code", fillCode),
  latex: rebuilt("rillet-latex", fillLatex),
};
