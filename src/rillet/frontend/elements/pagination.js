// @ts-check
/**
 * `pagination`: a `<nav>` of page-number buttons between previous/next arrows. The current
 * page's button has `aria-current="page"`; each page button is named "Page N". Long ranges keep
 * the first and last pages and a window around the current one, with ellipses between.
 * @module elements/pagination
 */

import { asText, make } from "../dom.js";
import { receive, widget } from "./choicebase.js";

/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

/**
 * The page buttons to show: page numbers, and null where an ellipsis stands for a gap. As in
 * Streamlit, the ellipses count towards `max` and the first and last pages always show once
 * there are five slots or more: 1 2 3 4 5 … 20, 1 … 5 6 7 … 20, 1 … 16 17 18 19 20.
 * @param {number} current
 * @param {number} count
 * @param {number | null} max the most slots (null: every page)
 * @returns {(number | null)[]}
 */
export function visiblePages(current, count, max) {
  /** @param {number} from @param {number} to */
  const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (max === null || count <= max) return range(1, count);
  if (max <= 0) return [];
  if (max < 5) {
    const start = Math.min(Math.max(current - Math.floor((max - 1) / 2), 1), count - max + 1);
    return range(start, start + max - 1);
  }
  if (current <= max - 3) return [...range(1, max - 2), null, count];
  if (current >= count - (max - 4)) return [1, null, ...range(count - max + 3, count)];
  const side = Math.floor((max - 5) / 2);
  const start = current - side;
  return [1, null, ...range(start, start + max - 5), null, count];
}

/**
 * @param {string} className
 * @param {string} name
 * @param {string} text
 * @returns {HTMLButtonElement}
 */
function pageButton(className, name, text) {
  const button = make("button", className, text);
  button.type = "button";
  button.setAttribute("aria-label", name);
  return button;
}

/** @type {import("./choicebase.js").Build} */
function buildPagination(dom, el, ctx) {
  const nav = make("nav", "rillet-pagination");
  nav.setAttribute("aria-label", "Pagination");
  const prev = pageButton("rillet-page-arrow", "Previous page", "\u2039");
  const next = pageButton("rillet-page-arrow", "Next page", "\u203a");
  const pages = make("div", "rillet-page-list");
  nav.append(prev, pages, next);
  dom.append(nav);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};
  let current = 1;

  const count = () => Math.max(1, Number(props.num_pages) || 1);
  const show = () => {
    const disabled = Boolean(props.disabled);
    const max = props.max_visible_pages == null ? null : Number(props.max_visible_pages);
    const focused = pages.querySelector(":focus");
    const focusedPage = focused instanceof HTMLElement ? focused.dataset.page : undefined;
    const buttons = visiblePages(current, count(), max).map((page) => {
      if (page === null) {
        const gap = make("span", "rillet-page-gap", "\u2026");
        gap.setAttribute("aria-hidden", "true");
        return gap;
      }
      const button = pageButton("rillet-page-button", `Page ${page}`, String(page));
      button.dataset.page = String(page);
      button.disabled = disabled;
      if (page === current) button.setAttribute("aria-current", "page");
      button.addEventListener("click", () => choose(page));
      return button;
    });
    pages.replaceChildren(...buttons);
    // Rebuilding the list must not lose the keyboard's place.
    const again = pages.querySelector(`[data-page="${focusedPage}"]`)
      ?? pages.querySelector("[aria-current]");
    if (focusedPage !== undefined && again instanceof HTMLElement) again.focus();
    prev.disabled = disabled || current <= 1;
    next.disabled = disabled || current >= count();
  };
  /** @param {number} page */
  const choose = (page) => {
    if (page < 1 || page > count() || page === current) return;
    current = page;
    show();
    state.last = page;
    ctx.sendValue(asText(el.id), page);
  };
  prev.addEventListener("click", () => choose(current - 1));
  next.addEventListener("click", () => choose(current + 1));

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(nextEl) {
      props = nextEl.props ?? {};
      const value = Number.isInteger(props.value) ? props.value : 1;
      receive(state, [prev, next, ...pages.querySelectorAll("button")].map((b) =>
        /** @type {HTMLElement} */ (b)), value, (v) => { current = v; });
      show();
    },
  };
  return state;
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  pagination: widget("rillet-pagination-widget", buildPagination),
};
