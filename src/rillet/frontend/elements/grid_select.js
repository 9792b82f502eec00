// @ts-check
/**
 * Selections in a dataframe (`on_select`): rows, columns and cells, as `selection_mode`
 * allows. The selection names rows by their position in the data (each row the server sends
 * ends with it) and columns by name, so it survives sorting; every change is sent whole
 * with `ctx.sendValue`, and the server checks it.
 * @module elements/grid_select
 */

/**
 * @typedef {object} Selection
 * @property {number[]} rows
 * @property {string[]} columns
 * @property {[number, string][]} cells
 */

/** @returns {Selection} */
export function emptySelection() {
  return { rows: [], columns: [], cells: [] };
}

/**
 * @param {unknown} value the element's `value`
 * @returns {Selection}
 */
export function readSelection(value) {
  const v = /** @type {any} */ (value) ?? {};
  return {
    rows: Array.isArray(v.rows) ? v.rows.slice() : [],
    columns: Array.isArray(v.columns) ? v.columns.slice() : [],
    cells: Array.isArray(v.cells) ? v.cells.map((/** @type {any} */ c) => [c[0], c[1]]) : [],
  };
}

/**
 * @template T
 * @param {T[]} list
 * @param {T} item
 * @param {boolean} multi
 * @param {(a: T, b: T) => boolean} same
 * @returns {T[]} with `item` toggled; a single selection holds at most `item`
 */
function toggle(list, item, multi, same) {
  const present = list.some((x) => same(x, item));
  if (present) return list.filter((x) => !same(x, item));
  return multi ? list.concat([item]) : [item];
}

export class GridSelection {
  /** @param {string[]} modes */
  constructor(modes) {
    this.modes = modes;
    /** @type {Selection} */
    this.value = emptySelection();
  }

  /** @param {"row" | "column" | "cell"} kind */
  allows(kind) {
    return this.modes.includes(`single-${kind}`) || this.modes.includes(`multi-${kind}`);
  }

  /** @param {"row" | "column" | "cell"} kind */
  multi(kind) {
    return this.modes.includes(`multi-${kind}`);
  }

  /** @param {number} position */
  hasRow(position) {
    return this.value.rows.includes(position);
  }

  /** @param {string} name */
  hasColumn(name) {
    return this.value.columns.includes(name);
  }

  /**
   * @param {number} position
   * @param {string} name
   */
  hasCell(position, name) {
    return this.value.cells.some(([r, c]) => r === position && c === name);
  }

  /** @param {number} position */
  toggleRow(position) {
    this.value.rows = toggle(this.value.rows, position, this.multi("row"), (a, b) => a === b);
  }

  /** @param {string} name */
  toggleColumn(name) {
    this.value.columns = toggle(this.value.columns, name, this.multi("column"), (a, b) => a === b);
  }

  /**
   * @param {number} position
   * @param {string} name
   */
  toggleCell(position, name) {
    this.value.cells = toggle(this.value.cells, /** @type {[number, string]} */ ([position, name]),
      this.multi("cell"), (a, b) => a[0] === b[0] && a[1] === b[1]);
  }
}
