// @ts-check
/**
 * Column widths of a grid that the user sets: drag a header's right edge, or focus the edge
 * (a `separator`, named "Resize column <label>") and press the arrow keys. A width is kept by
 * column label for as long as the element is on the page, so reruns that rewrite the same
 * table (or a new frame with the same columns) keep it.
 * @module elements/grid_resize
 */

import { make } from "../dom.js";

const MIN_WIDTH = 50;
const MAX_WIDTH = 2000;
const KEY_STEP = 10;
const SHIFT_STEP = 50;

/**
 * @typedef {object} Sizable what the resizer needs of its grid
 * @property {HTMLElement} headRow
 * @property {Record<string, any>[]} columns
 * @property {() => void} layout
 */

export class ColumnResize {
  /**
   * @param {Sizable} grid
   * @param {() => void} preview shows the widths now, without rebuilding the header
   */
  constructor(grid, preview) {
    this.grid = grid;
    this.preview = preview;
    /** @type {Map<string, number>} widths the user set, by column label */
    this.widths = new Map();
  }

  /**
   * @param {Record<string, any>} column
   * @returns {number | undefined} the width the user gave the column
   */
  widthOf(column) {
    return this.widths.get(String(column.label ?? ""));
  }

  /**
   * Give each header cell of the grid its resize handle.
   * @param {number[]} shown the widths the columns have now
   */
  attach(shown) {
    const cells = /** @type {HTMLElement[]} */ ([...this.grid.headRow.children]);
    cells.forEach((cell, c) => {
      const column = this.grid.columns[c];
      if (!column) return;
      const label = String(column.label ?? "");
      const handle = make("div", "rillet-grid-resize");
      handle.setAttribute("role", "separator");
      handle.setAttribute("aria-orientation", "vertical");
      handle.setAttribute("aria-label", `Resize column ${label || c + 1}`);
      handle.setAttribute("aria-valuemin", String(MIN_WIDTH));
      handle.setAttribute("aria-valuemax", String(MAX_WIDTH));
      handle.setAttribute("aria-valuenow", String(Math.round(shown[c] ?? 0)));
      handle.tabIndex = 0;
      handle.addEventListener("pointerdown", (event) => this.drag(event, handle, cell, label));
      handle.addEventListener("keydown", (event) => this.key(event, cell, label, c));
      // A click on the edge must not sort the column.
      handle.addEventListener("click", (event) => event.stopPropagation());
      cell.append(handle);
    });
  }

  /**
   * @param {string} label
   * @param {number} width
   */
  set(label, width) {
    this.widths.set(label, Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width))));
  }

  /**
   * Follow the pointer until it is released; the grid is laid out again at the end.
   * @param {PointerEvent} event
   * @param {HTMLElement} handle
   * @param {HTMLElement} cell
   * @param {string} label
   */
  drag(event, handle, cell, label) {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = cell.getBoundingClientRect().width;
    handle.setPointerCapture(event.pointerId);
    handle.classList.add("rillet-grid-resizing");
    const move = (/** @type {PointerEvent} */ e) => {
      this.set(label, startWidth + e.clientX - startX);
      this.preview();
    };
    const end = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", end);
      handle.removeEventListener("pointercancel", end);
      handle.classList.remove("rillet-grid-resizing");
      this.grid.layout();
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", end);
    handle.addEventListener("pointercancel", end);
  }

  /**
   * Arrow keys widen and narrow the focused column (Shift: by more); the handle keeps focus.
   * @param {KeyboardEvent} event
   * @param {HTMLElement} cell
   * @param {string} label
   * @param {number} c
   */
  key(event, cell, label, c) {
    const sign = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!sign) return;
    event.preventDefault();
    event.stopPropagation();
    const width = this.widths.get(label) ?? cell.getBoundingClientRect().width;
    this.set(label, width + sign * (event.shiftKey ? SHIFT_STEP : KEY_STEP));
    this.grid.layout();
    const again = /** @type {HTMLElement | null} */ (
      this.grid.headRow.children[c]?.querySelector(".rillet-grid-resize") ?? null);
    again?.focus();
  }
}
