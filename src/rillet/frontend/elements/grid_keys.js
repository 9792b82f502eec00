// @ts-check
/**
 * The grid's keyboard: one focus cell that arrow keys, Home/End and PageUp/PageDown move
 * (a roving tabindex: the focus cell is the grid's one tab stop, so Tab leaves the grid),
 * a range of cells that Shift extends (what Ctrl/Cmd+C copies), and in `st.data_editor`
 * the editing keys: Enter, F2, a double click or typing opens the cell's editor; Enter
 * commits and moves down, Tab commits and moves right, Escape cancels; Space toggles a
 * checkbox (Shift+Space picks the row for deletion), Delete clears a cell or deletes the
 * picked rows.
 * @module elements/grid_keys
 */

import { editType } from "./grid_inputs.js";

/** @typedef {import("./grid.js").Grid} Grid */

export class GridKeys {
  /** @param {Grid} grid */
  constructor(grid) {
    this.grid = grid;
    this.row = 0;
    this.col = 0;
    /** @type {{row: number, col: number} | null} the other corner of the range */
    this.anchor = null;
    grid.scroller.addEventListener("keydown", (event) => this.keydown(event));
    grid.body.addEventListener("click", (event) => this.clicked(event));
    grid.body.addEventListener("dblclick", (event) => {
      const at = this.cellOf(event.target);
      const column = at ? this.grid.columns[at.col] : null;
      // A checkbox toggles on click; a double click is two of those.
      if (column && this.grid.editor && editType(column) !== "checkbox") this.edit();
    });
    // Tabbing in lands on the focus cell when it is drawn; else the grid keeps the focus (a
    // click on its scrollbar must not scroll back) until a key moves it.
    grid.scroller.addEventListener("focus", (event) => {
      if (event.target === grid.scroller) this.cell()?.focus();
    });
  }

  /** @returns {{top: number, bottom: number, left: number, right: number}} the range */
  get range() {
    const a = this.anchor ?? { row: this.row, col: this.col };
    return {
      top: Math.min(a.row, this.row), bottom: Math.max(a.row, this.row),
      left: Math.min(a.col, this.col), right: Math.max(a.col, this.col),
    };
  }

  /**
   * @param {EventTarget | null} target
   * @returns {{row: number, col: number} | null} the body cell an event happened in
   */
  cellOf(target) {
    const cell = /** @type {HTMLElement | null} */ (target instanceof Element ? target.closest(".rillet-grid-cell") : null);
    const row = cell?.parentElement;
    if (!cell || !row || !this.grid.body.contains(row)) return null;
    return { row: Number(row.getAttribute("aria-rowindex")) - 2, col: Number(cell.getAttribute("aria-colindex")) - 1 };
  }

  /**
   * Give a drawn cell its place in the roving tabindex and the range.
   * @param {HTMLElement} cell
   * @param {number} i
   * @param {number} c
   */
  decorate(cell, i, c) {
    const focused = i === this.row && c === this.col;
    cell.tabIndex = focused ? 0 : -1;
    if (focused) cell.classList.add("rillet-grid-focus");
    const { top, bottom, left, right } = this.range;
    if (this.anchor && i >= top && i <= bottom && c >= left && c <= right) cell.classList.add("rillet-grid-range");
  }

  /** @returns {HTMLElement | null} the focus cell, when it is drawn */
  cell() {
    const row = this.grid.shown.get(this.row);
    return row?.dataset.loaded === "true" ? /** @type {HTMLElement | null} */ (row.children[this.col] ?? null) : null;
  }

  /** The grid's tab stop: the focus cell while it is drawn, else the grid itself. */
  afterRender() {
    const cell = this.cell();
    this.grid.scroller.tabIndex = cell ? -1 : 0;
    // The grid held the focus while the focus row was on its way from the server.
    if (cell && document.activeElement === this.grid.scroller) cell.focus();
  }

  /** Put the keyboard focus on the focus cell (or the open editor), or on the grid while
   * the focus row is still on its way. */
  focus() {
    const editing = this.grid.editor?.editing;
    if (editing) editing.node.focus();
    else (this.cell() ?? this.grid.scroller).focus();
  }

  /**
   * @param {number} row
   * @param {number} col
   * @param {boolean} extend keep the range's other corner (Shift)
   */
  moveTo(row, col, extend) {
    const last = this.grid.total - 1;
    if (extend && !this.anchor) this.anchor = { row: this.row, col: this.col };
    if (!extend) this.anchor = null;
    this.row = Math.max(0, Math.min(last, row));
    this.col = this.shownColumn(col, col < this.col ? -1 : 1);
    this.grid.scrollToRow(this.row);
    this.grid.render();
    this.restyle();
    this.focus();
  }

  /** Move the tab stop and the range marks among the drawn cells (no redraw, so a double
   * click lands on the cell its first click focused). */
  restyle() {
    for (const [i, row] of this.grid.shown) {
      [...row.children].forEach((node, c) => {
        const cell = /** @type {HTMLElement} */ (node);
        cell.classList.remove("rillet-grid-focus", "rillet-grid-range");
        this.decorate(cell, i, c);
      });
    }
    this.afterRender();
  }

  /**
   * The nearest column to `col` the user has not hidden (the toolbar's column menu), looking
   * in direction `step` first.
   * @param {number} col
   * @param {number} step
   * @returns {number}
   */
  shownColumn(col, step) {
    const count = this.grid.columns.length;
    const hidden = (/** @type {number} */ c) => this.grid.tools?.hidden?.has(String(this.grid.columns[c]?.label ?? ""));
    const start = Math.max(0, Math.min(count - 1, col));
    for (const dir of [step, -step]) {
      for (let c = start; c >= 0 && c < count; c += dir) if (!hidden(c)) return c;
    }
    return start;
  }

  /** @returns {number} the position in the data of the focus row */
  position() {
    return this.grid.positionOf(this.row, this.grid.rowAt(this.row));
  }

  /** @param {string} [typed] */
  edit(typed) {
    this.grid.editor?.begin(this.position(), this.col, typed);
  }

  /** @param {MouseEvent} event */
  clicked(event) {
    const at = this.cellOf(event.target);
    if (!at || (event.target instanceof HTMLInputElement && event.target.classList.contains("rillet-grid-pick"))) return;
    if (this.grid.editor?.editing) this.grid.editor.commit();
    const again = at.row === this.row && at.col === this.col && !this.anchor;
    // A click on the box itself toggles at once; on the cell, once it has the focus.
    const box = event.target instanceof HTMLInputElement && event.target.classList.contains("rillet-grid-check");
    if (box) event.preventDefault(); // the editor toggles it, and the server may refuse
    this.moveTo(at.row, at.col, event.shiftKey);
    const column = this.grid.columns[at.col];
    if ((again || box) && this.grid.editor && column && editType(column) === "checkbox") this.edit(" ");
  }

  /** @param {KeyboardEvent} event */
  keydown(event) {
    const editor = this.grid.editor;
    if (editor?.editing) {
      if (event.key === "Enter" && !event.altKey) {
        event.preventDefault();
        editor.commit();
        this.moveTo(this.row + (event.shiftKey ? -1 : 1), this.col, false);
      } else if (event.key === "Tab") {
        event.preventDefault();
        editor.commit();
        this.moveTo(this.row, this.col + (event.shiftKey ? -1 : 1), false);
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        editor.cancel();
        this.focus();
      }
      return; // every other key belongs to the editor
    }
    if (!this.cellOf(event.target) && event.target !== this.grid.scroller) return;
    const mod = event.ctrlKey || event.metaKey;
    const page = Math.max(1, Math.floor((this.grid.scroller.clientHeight - this.grid.head.offsetHeight) / this.grid.rowHeight) - 1);
    /** @type {Record<string, () => void>} */
    const moves = {
      ArrowUp: () => this.moveTo(this.row - 1, this.col, event.shiftKey),
      ArrowDown: () => this.moveTo(this.row + 1, this.col, event.shiftKey),
      ArrowLeft: () => this.moveTo(this.row, this.col - 1, event.shiftKey),
      ArrowRight: () => this.moveTo(this.row, this.col + 1, event.shiftKey),
      Home: () => this.moveTo(mod ? 0 : this.row, 0, event.shiftKey),
      End: () => this.moveTo(mod ? this.grid.total - 1 : this.row, this.grid.columns.length - 1, event.shiftKey),
      PageUp: () => this.moveTo(this.row - page, this.col, event.shiftKey),
      PageDown: () => this.moveTo(this.row + page, this.col, event.shiftKey),
    };
    if (moves[event.key]) {
      event.preventDefault();
      moves[event.key]();
      return;
    }
    if (!editor || mod || event.altKey) return;
    if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      this.edit();
    } else if (event.key === " " && event.shiftKey) {
      event.preventDefault();
      if (editor.canDelete) editor.toggleMark(this.position());
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      if (editor.marked.size) editor.deleteMarked();
      else this.clear();
    } else if (event.key.length === 1) {
      event.preventDefault();
      this.edit(event.key);
    }
  }

  /** Empty the editable cells of the range. */
  clear() {
    const editor = this.grid.editor;
    if (!editor) return;
    const { top, bottom, left, right } = this.range;
    /** @type {import("./grid_edit.js").CellEdit[]} */
    const sets = [];
    for (let i = top; i <= bottom; i += 1) {
      const position = this.grid.positionOf(i, this.grid.rowAt(i));
      for (let c = left; c <= right; c += 1) {
        const name = this.grid.props.names?.[c];
        if (position >= 0 && name != null && editor.editable(c)) sets.push([position, String(name), null]);
      }
    }
    if (sets.length) editor.change(sets);
  }
}
