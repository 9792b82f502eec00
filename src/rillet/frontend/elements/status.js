// @ts-check
/**
 * Status elements: progress bars, and the events toast, balloons and snow. (Alerts, exceptions
 * and the spinner are rendered by elements/text.js.)
 *
 * An event element sits invisibly in the event root for the run that made it; what the user
 * sees lives outside the tree, so it outlasts the next run: a toast runs out its own time,
 * balloons finish floating. Each event carries an id and shows once per page: the same element
 * sent again (a reconnect, a replay) shows nothing new.
 * @module elements/status
 */

import { applyWidth, asText, make, uniqueId } from "../dom.js";
import { fillIcon } from "./icons.js";

/** @typedef {import("../tree.js").Registry} Registry */

/** Event ids this page has shown. */
const shown = new Set();

// --- progress --------------------------------------------------------------------------------

/**
 * @typedef {object} ProgressParts
 * @property {HTMLElement} text
 * @property {HTMLElement} bar
 * @property {HTMLElement} fill
 */

/** @type {WeakMap<HTMLElement, ProgressParts>} */
const progressParts = new WeakMap();

/**
 * Update a progress bar in place, so the fill slides from its old value to the new one.
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function updateProgress(dom, props) {
  const parts = /** @type {ProgressParts} */ (progressParts.get(dom));
  const value = Math.max(0, Math.min(100, Math.round(Number(props.value) || 0)));
  parts.bar.setAttribute("aria-valuenow", String(value));
  parts.fill.style.width = `${value}%`;
  if (props.html) {
    parts.text.innerHTML = asText(props.html); // rendered and sanitized by the server
    parts.text.hidden = false;
    parts.bar.setAttribute("aria-labelledby", parts.text.id);
    parts.bar.removeAttribute("aria-label");
  } else {
    parts.text.replaceChildren();
    parts.text.hidden = true;
    parts.bar.removeAttribute("aria-labelledby");
    parts.bar.setAttribute("aria-label", "Progress");
  }
  applyWidth(dom, props.width ?? "stretch");
}

// --- toast -----------------------------------------------------------------------------------

/**
 * @typedef {object} Toast
 * @property {HTMLElement} card
 * @property {(props: Record<string, any>) => void} show
 */

/** Toasts on screen, by id. @type {Map<string, Toast>} */
const toasts = new Map();

/**
 * Show the toast an element describes, or update it if it is still on screen. A toast the user
 * closed or that timed out stays gone, as in Streamlit.
 * @param {Record<string, any>} props
 */
function toast(props) {
  const id = asText(props.id);
  const existing = toasts.get(id);
  if (existing) {
    existing.show(props);
    return;
  }
  if (!id || shown.has(id)) return;
  shown.add(id);
  const made = makeToast(id);
  toasts.set(id, made);
  toastStack().append(made.card);
  made.show(props);
}

/**
 * The stack toasts go in: the page's notices, top right (index.html), else one of our own.
 * @returns {HTMLElement}
 */
function toastStack() {
  const notices = document.getElementById("rillet-notices");
  if (notices) return notices;
  const stack = make("div", "rillet-notices");
  stack.id = "rillet-notices";
  document.body.append(stack);
  return stack;
}

/**
 * @param {string} id
 * @returns {Toast}
 */
function makeToast(id) {
  const card = make("div", "rillet-toast");
  card.setAttribute("role", "status");
  const icon = make("span", "rillet-toast-icon");
  icon.setAttribute("aria-hidden", "true");
  const body = make("div", "rillet-toast-body");
  const close = make("button", "rillet-toast-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "Close");
  card.append(icon, body, close);
  /** @type {number | null} */
  let seconds = 4;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const remove = () => {
    clearTimeout(timer);
    card.remove();
    toasts.delete(id);
  };
  // The countdown starts again in full each time the pointer or focus leaves the toast, so
  // it never vanishes while it is being read.
  const countdown = () => {
    clearTimeout(timer);
    if (seconds != null && !card.matches(":hover, :focus-within")) {
      timer = setTimeout(remove, seconds * 1000);
    }
  };
  close.addEventListener("click", remove);
  card.addEventListener("pointerenter", () => clearTimeout(timer));
  card.addEventListener("focusin", () => clearTimeout(timer));
  card.addEventListener("pointerleave", countdown);
  card.addEventListener("focusout", () => setTimeout(countdown));
  return {
    card,
    show(props) {
      const spinner = props.icon === "spinner";
      fillIcon(icon, spinner ? "" : props.icon);
      icon.dataset.icon = spinner ? "running" : "";
      icon.hidden = !props.icon;
      body.innerHTML = asText(props.html); // rendered and sanitized by the server
      const duration = Number(props.duration);
      seconds = props.duration == null ? null : (duration > 0 ? duration : 4);
      countdown();
    },
  };
}

// --- balloons and snow -----------------------------------------------------------------------

const CELEBRATIONS = {
  balloons: { glyph: "🎈", count: 28, seconds: 3.2 },
  snow: { glyph: "❄", count: 40, seconds: 4.5 },
};

/**
 * Float balloons up, or let snow fall, over the page for a few seconds. The layer takes no
 * pointer events, so the page stays usable under it; with reduced motion asked for, nothing
 * moves at all.
 * @param {"balloons" | "snow"} kind
 * @param {Record<string, any>} props
 */
function celebrate(kind, props) {
  const id = asText(props.id);
  if (!id || shown.has(id)) return;
  shown.add(id);
  if (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) return;
  const { glyph, count, seconds } = CELEBRATIONS[kind];
  const layer = make("div", "rillet-celebration");
  layer.dataset.kind = kind;
  layer.setAttribute("aria-hidden", "true");
  let longest = 0;
  for (let i = 0; i < count; i += 1) {
    const piece = make("span", "rillet-celebration-piece", glyph);
    const delay = Math.random() * 1.2;
    const duration = seconds * (0.75 + Math.random() * 0.5);
    longest = Math.max(longest, delay + duration);
    piece.style.setProperty("--x", `${(Math.random() * 100).toFixed(1)}vw`);
    piece.style.setProperty("--drift", `${((Math.random() - 0.5) * 16).toFixed(1)}vw`);
    piece.style.setProperty("--size", `${(1.4 + Math.random() * 1.6).toFixed(2)}rem`);
    piece.style.setProperty("--delay", `${delay.toFixed(2)}s`);
    piece.style.setProperty("--duration", `${duration.toFixed(2)}s`);
    piece.style.setProperty("--hue", `${Math.floor(Math.random() * 360)}deg`);
    layer.append(piece);
  }
  document.body.append(layer);
  setTimeout(() => layer.remove(), (longest + 0.2) * 1000);
}

/**
 * The tree keeps an invisible anchor for an event element; what it shows lives elsewhere.
 * @param {string} className
 * @param {(props: Record<string, any>) => void} fire
 * @returns {import("../tree.js").Renderer}
 */
function event(className, fire) {
  return {
    create(el) {
      const anchor = make("div", className);
      anchor.hidden = true;
      fire(el.props ?? {});
      return anchor;
    },
    update(_dom, el) {
      fire(el.props ?? {});
    },
  };
}

/** @type {Registry} */
export const renderers = {
  progress: {
    create(el) {
      const dom = make("div", "rillet-progress");
      const text = make("div", "rillet-progress-text");
      text.id = uniqueId("progress");
      const bar = make("div", "rillet-progress-bar");
      bar.setAttribute("role", "progressbar");
      bar.setAttribute("aria-valuemin", "0");
      bar.setAttribute("aria-valuemax", "100");
      const fill = make("div", "rillet-progress-fill");
      bar.append(fill);
      dom.append(text, bar);
      progressParts.set(dom, { text, bar, fill });
      updateProgress(dom, el.props ?? {});
      return dom;
    },
    update(dom, el) {
      updateProgress(dom, el.props ?? {});
    },
  },
  toast: event("rillet-toast-anchor", toast),
  balloons: event("rillet-celebration-anchor", (props) => celebrate("balloons", props)),
  snow: event("rillet-celebration-anchor", (props) => celebrate("snow", props)),
};
