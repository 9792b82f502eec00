// @ts-check
/**
 * Grid cells for the newest column types: audio (a small player), video (a play button that
 * opens the video with its controls), markdown (inline markdown: emphasis, code, strikethrough
 * and links, built as DOM nodes from the text, so a cell can never inject markup) and buttons
 * (each cell's text, or each text of a list, as a real button; a click bubbles up as a
 * `rillet-cell-button` event the table sends to the server).
 * @module elements/grid_media_cells
 */

import { make } from "../dom.js";
import { fillLabel } from "./icons.js";

const SAFE_AUDIO = /^(https?:|data:audio\/|\/|\.{0,2}\/?[\w-]+[\w./-]*$)/i;
const SAFE_VIDEO = /^(https?:|data:video\/|\/|\.{0,2}\/?[\w-]+[\w./-]*$)/i;
const SAFE_LINK = /^(https?:|mailto:)/i;
// One inline piece: **strong**, __strong__, *em*, _em_, ~~del~~, `code`, [text](url).
const INLINE = /(\*\*|__)(.+?)\1|(\*|_)(.+?)\3|~~(.+?)~~|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/;

/**
 * Inline markdown of `text` as nodes (headings' and quotes' leading marks dropped: a cell is
 * one line).
 * @param {string} text
 * @returns {(Node | string)[]}
 */
export function inlineMarkdown(text) {
  /** @type {(Node | string)[]} */
  const out = [];
  let rest = text.replace(/^\s{0,3}(#{1,6}|>)\s+/gm, "").replace(/\s*\n+\s*/g, " ");
  for (let match = INLINE.exec(rest); match; match = INLINE.exec(rest)) {
    if (match.index > 0) out.push(rest.slice(0, match.index));
    if (match[2] !== undefined) out.push(wrap("strong", match[2]));
    else if (match[4] !== undefined) out.push(wrap("em", match[4]));
    else if (match[5] !== undefined) out.push(wrap("del", match[5]));
    else if (match[6] !== undefined) out.push(make("code", undefined, match[6]));
    else if (SAFE_LINK.test(match[8])) {
      const a = /** @type {HTMLAnchorElement} */ (wrap("a", match[7]));
      a.href = match[8];
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.tabIndex = -1;
      out.push(a);
    } else out.push(match[7]);
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * @param {"strong" | "em" | "del" | "a"} tag
 * @param {string} inner markdown inside the tag
 * @returns {HTMLElement}
 */
function wrap(tag, inner) {
  const node = make(tag);
  node.append(...inlineMarkdown(inner));
  return node;
}

/**
 * Markdown's text without its marks (what copying, searching and sizing use).
 * @param {string} text
 * @returns {string}
 */
export function markdownText(text) {
  const holder = document.createElement("span");
  holder.append(...inlineMarkdown(text));
  return holder.textContent ?? "";
}

/**
 * @param {string} label
 * @param {Record<string, any>} column
 * @returns {HTMLButtonElement}
 */
function cellButton(label, column) {
  const button = make("button", "rillet-button rillet-grid-button");
  button.type = "button";
  button.dataset.variant = column.config?.button_type ?? "secondary";
  button.style.padding = "0 0.5rem";
  button.style.minHeight = "0";
  button.style.lineHeight = "1.5";
  fillLabel(button, label);
  if (!column.config?.widget) button.disabled = true; // no key: Streamlit's buttons do nothing
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    button.dispatchEvent(new CustomEvent("rillet-cell-button", {
      bubbles: true, detail: { label, widget: column.config?.widget },
    }));
  });
  return button;
}

/**
 * @param {HTMLElement} cell
 * @param {string} url
 * @param {string} label the column's label, naming the control
 */
function videoCell(cell, url, label) {
  const play = make("button", "rillet-button rillet-grid-button", "▶");
  play.type = "button";
  play.dataset.variant = "tertiary";
  play.style.padding = "0 0.25rem";
  play.style.minHeight = "0";
  play.setAttribute("aria-label", `Play video${label ? `: ${label}` : ""}`);
  play.addEventListener("click", (event) => {
    event.stopPropagation();
    const dialog = /** @type {HTMLDialogElement} */ (make("dialog", "rillet-grid-video"));
    dialog.setAttribute("aria-label", label || "Video");
    const video = make("video");
    video.src = url;
    video.controls = true;
    video.autoplay = true;
    video.style.maxWidth = "min(80vw, 720px)";
    const close = make("button", "rillet-button", "Close");
    close.type = "button";
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => dialog.remove());
    dialog.append(video, make("br"), close);
    document.body.append(dialog);
    dialog.showModal();
  });
  cell.append(play);
}

/**
 * Fill `cell` for the audio, video, markdown and button types; false for any other type.
 * @param {HTMLElement} cell
 * @param {unknown} value not null
 * @param {Record<string, any>} column
 * @returns {boolean}
 */
export function fillMediaCell(cell, value, column) {
  const type = column.type;
  const label = String(column.label ?? "");
  if (type === "button") {
    const labels = Array.isArray(value) ? value.map(String) : [String(value)];
    for (const text of labels) cell.append(cellButton(text, column));
    return true;
  }
  if (type === "markdown") {
    cell.append(...inlineMarkdown(String(value)));
    cell.classList.add("rillet-grid-markdown");
    return true;
  }
  if ((type === "audio" || type === "video") && typeof value === "string") {
    if (!(type === "audio" ? SAFE_AUDIO : SAFE_VIDEO).test(value)) {
      cell.textContent = value;
    } else if (type === "audio") {
      const audio = make("audio", "rillet-grid-audio");
      audio.src = value;
      audio.controls = true;
      audio.preload = "none";
      audio.style.height = "100%";
      audio.style.maxWidth = "100%";
      audio.setAttribute("aria-label", label || "Audio");
      cell.append(audio);
    } else {
      videoCell(cell, value, label);
    }
    return true;
  }
  return false;
}
