// @ts-check
/**
 * Icons given as `icon=` or written in markdown: an emoji is text; `:material/name:` is the
 * name, drawn as its glyph by the Material Symbols Rounded font (a ligature), as in Streamlit.
 * The font comes from theme.css's `@font-face`, so the browser fetches it only once a page
 * shows an icon.
 * @module elements/icons
 */

import { make } from "../dom.js";

const MATERIAL = /^:material\/([a-z0-9_]+):$/;

/**
 * The Material icon's name in `icon` (":material/thumb_up:" → "thumb_up"), or "".
 * @param {unknown} icon
 * @returns {string}
 */
export function materialName(icon) {
  const match = MATERIAL.exec(String(icon ?? ""));
  return match ? match[1] : "";
}

/**
 * A span showing `icon` (an emoji or a `:material/name:` icon) with `className`, hidden from
 * screen readers (the text beside it names the thing); null when there is no icon.
 * @param {unknown} icon
 * @param {string} className
 * @returns {HTMLElement | null}
 */
export function iconElement(icon, className) {
  if (!icon) return null;
  const name = materialName(icon);
  const span = make("span", className, name || String(icon));
  if (name) {
    span.classList.add("rl-icon");
    span.translate = false;
  }
  span.setAttribute("aria-hidden", "true");
  return span;
}

/**
 * Show `icon` (an emoji or a `:material/name:` icon) in an existing `span`, kept in place so
 * an update does not rebuild its control; hides the span when there is no icon.
 * @param {HTMLElement} span
 * @param {unknown} icon
 * @returns {boolean} whether an icon is shown
 */
export function fillIcon(span, icon) {
  const name = materialName(icon);
  span.textContent = icon ? name || String(icon) : "";
  span.classList.toggle("rl-icon", Boolean(name));
  span.translate = !name;
  span.setAttribute("aria-hidden", "true");
  span.hidden = !icon;
  return Boolean(icon);
}

const MATERIAL_IN_TEXT = /:material\/([a-z0-9_]+):/g;

/**
 * Show `text` in `el`, with each `:material/name:` in it drawn as its icon (a label such as a
 * tab's, which Streamlit renders as markdown); a plain text stays one text node. Rebuilt only
 * when the text changed, so an update that changes nothing touches no node.
 * @param {HTMLElement} el
 * @param {string} text
 */
export function fillLabel(el, text) {
  if (el.dataset.text === text && el.childNodes.length) return;
  el.dataset.text = text;
  /** @type {(Node | string)[]} */
  const parts = [];
  let at = 0;
  for (const match of text.matchAll(MATERIAL_IN_TEXT)) {
    if (match.index > at) parts.push(text.slice(at, match.index));
    parts.push(/** @type {HTMLElement} */ (iconElement(match[0], "rl-label-icon")));
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  el.replaceChildren(...parts);
}
