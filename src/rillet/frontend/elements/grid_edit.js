// @ts-check
/**
 * Editing in the grid of `st.data_editor`. The page keeps the editing state the server has
 * (`edited_rows`, `added_rows`, `deleted_rows`: the element's `value`) and shows the data
 * through it; an edit changes it here at once and sends only the change
 * (`{"set": [[row, column, value]], "add": [...], "delete": [...]}`), which the server
 * checks. What it refuses comes back as `invalid` and the cell is marked with the reason.
 *
 * Rows are named by their position in the data (each row the server sends ends with it);
 * added rows follow the data's rows. Deleted rows leave the view when the grid shows the
 * data's own order; sorted, they stay in place, struck through.
 * @module elements/grid_edit
 */

import { make } from "../dom.js";
import { isInForm } from "../forms.js";
import { editType, editorControl } from "./grid_inputs.js";

/** @typedef {import("./grid.js").Grid} Grid */
/** @typedef {[number, string, unknown]} CellEdit */

// A change sent but not yet seen in the server's state is shown on top of an older state
// the server sends meanwhile, for this long at most (the server does not echo an accepted
// change, so this is how long the page trusts it without news).
const UNCONFIRMED_MS = 60_000;

/**
 * The changes each editor (by widget id) sent and has not seen in the server's state. They
 * outlive the editor: the page rebuilt after a reconnect shows the server's state from before
 * the changes queued while the socket was down, and those are shown on top of it.
 * @type {Map<string, Map<string, {value: unknown, at: number}>>}
 */
const unconfirmed = new Map();

/** Editors whose `on_change` is "ignore": their edits wait for the next rerun of the app. */
const holding = new Map();

/**
 * The held edits of every "ignore" editor, to go out with a rerun something else asks for
 * (as Streamlit does); each editor's whole state, so nothing depends on what came before.
 * @returns {{id: string, value: unknown}[]}
 */
export function takeHeldEdits() {
  const values = [...holding.entries()].map(([id, state]) => ({ id, value: state() }));
  holding.clear();
  return values;
}

/** @param {number} position @param {string} name */
const cellKey = (position, name) => `${position}|${name}`;

/**
 * @param {string} text
 * @param {() => void} action
 * @returns {HTMLButtonElement}
 */
function button(text, action) {
  const node = make("button", "rillet-grid-editbutton", text);
  node.type = "button";
  node.addEventListener("click", action);
  return node;
}

export class GridEditor {
  /** @param {Grid} grid */
  constructor(grid) {
    this.grid = grid;
    /** @type {Map<number, Record<string, unknown>>} */
    this.edited = new Map();
    /** @type {Record<string, unknown>[]} */
    this.added = [];
    /** @type {number[]} ascending */
    this.deleted = [];
    /** @type {Map<string, string>} refusals by cell */
    this.invalid = new Map();
    /** @type {Set<number>} rows picked for deletion */
    this.marked = new Set();
    /** @type {{position: number, c: number, read: () => unknown, node: HTMLElement} | null} */
    this.editing = null;
    /** @type {((value: unknown) => void) | null} set by data.js */
    this.sendValue = null;
    this.widgetId = "";
    this.bar = make("div", "rillet-grid-editbar");
    this.addButton = button("+ Add row", () => this.addRows([{}]));
    this.deleteButton = button("Delete rows", () => this.deleteMarked());
    this.notice = make("div", "rillet-grid-notice");
    this.notice.setAttribute("role", "status");
    this.bar.append(this.addButton, this.deleteButton, this.notice);
    grid.host.append(this.bar);
  }

  /** @returns {Map<string, {value: unknown, at: number}>} changes sent, by cell */
  get sent() {
    let sent = unconfirmed.get(this.widgetId);
    if (!sent) unconfirmed.set(this.widgetId, sent = new Map());
    return sent;
  }

  /** @returns {Record<string, any>} */
  get props() {
    return this.grid.props;
  }

  get canAdd() {
    return ["dynamic", "add"].includes(this.props.num_rows) && !this.props.disabled;
  }

  get canDelete() {
    return ["dynamic", "delete"].includes(this.props.num_rows) && !this.props.disabled;
  }

  /** @returns {boolean} whether deleted rows leave the view (the data's own order) */
  get hides() {
    return !this.grid.sort && !this.grid.search;
  }

  /**
   * The element changed: take the server's state, with changes it has not seen yet on top.
   * @param {Record<string, any>} props
   */
  sync(props) {
    const value = props.value ?? {};
    this.edited = new Map(Object.entries(value.edited_rows ?? {}).map(([r, row]) => [Number(r), { ...row }]));
    this.added = Array.isArray(value.added_rows) ? value.added_rows.map((/** @type {any} */ r) => ({ ...r })) : [];
    this.deleted = Array.isArray(value.deleted_rows) ? value.deleted_rows.map(Number).sort((/** @type {number} */ a, /** @type {number} */ b) => a - b) : [];
    this.invalid = new Map((Array.isArray(props.invalid) ? props.invalid : [])
      .map((/** @type {any[]} */ [r, n, reason]) => [cellKey(r, n), String(reason)]));
    const now = Date.now();
    for (const [key, change] of this.sent) {
      const [r, name] = [Number(key.split("|")[0]), key.slice(key.indexOf("|") + 1)];
      const seen = JSON.stringify(this.stored(r, name)) === JSON.stringify(change.value);
      if (this.invalid.has(key)) {
        this.store(r, name, change.value); // the refused value stays shown, to be fixed
        continue;
      }
      if (seen || now - change.at > UNCONFIRMED_MS) this.sent.delete(key);
      else this.store(r, name, change.value);
    }
    for (const r of this.marked) if (!this.exists(r)) this.marked.delete(r);
    this.grid.scroller.setAttribute("aria-readonly", String(Boolean(props.disabled)));
    this.syncBar();
  }

  syncBar() {
    this.addButton.hidden = !this.canAdd;
    this.deleteButton.hidden = !this.canDelete || this.marked.size === 0;
    this.deleteButton.textContent = this.marked.size === 1 ? "Delete row" : `Delete ${this.marked.size} rows`;
    this.bar.hidden = this.addButton.hidden && this.deleteButton.hidden && !this.notice.textContent;
  }

  /** @param {string} text what the page refused, said where the user looks */
  say(text) {
    this.notice.textContent = text;
    this.syncBar();
  }

  /** @returns {number} rows of the data shown (deleted ones leave the view unsorted) */
  get shownBase() {
    return this.grid.baseTotal - (this.hides ? this.deleted.length : 0);
  }

  /** @returns {number} how many rows the grid shows */
  get rowTotal() {
    return this.shownBase + this.added.length;
  }

  /**
   * @param {number} i a shown row
   * @returns {number} its index in the server's order, or -1 for an added row
   */
  orderIndex(i) {
    if (i >= this.shownBase) return -1;
    let at = i;
    if (this.hides) for (const d of this.deleted) if (d <= at) at += 1; else break;
    return at;
  }

  /**
   * The cells of shown row `i` (its position last), or undefined while it is on its way.
   * @param {number} i
   * @returns {unknown[] | undefined}
   */
  rowAt(i) {
    const at = this.orderIndex(i);
    if (at >= 0) return this.grid.rows.get(at);
    const k = i - this.shownBase;
    const row = this.added[k];
    const names = Array.isArray(this.props.names) ? this.props.names : [];
    return row ? names.map((n) => (n == null ? null : row[n] ?? null)).concat(this.grid.baseTotal + k) : undefined;
  }

  /** @param {number} position @returns {boolean} */
  exists(position) {
    return position >= 0 && position < this.grid.baseTotal + this.added.length && !this.deleted.includes(position);
  }

  /**
   * @param {number} position
   * @param {string} name
   * @returns {unknown} the edited value, or undefined when the cell is not edited
   */
  stored(position, name) {
    if (position >= this.grid.baseTotal) return this.added[position - this.grid.baseTotal]?.[name];
    return this.edited.get(position)?.[name];
  }

  /** @param {number} position @param {string} name @param {unknown} value */
  store(position, name, value) {
    if (position >= this.grid.baseTotal) {
      const row = this.added[position - this.grid.baseTotal];
      if (row) row[name] = value;
      return;
    }
    const row = this.edited.get(position) ?? {};
    row[name] = value;
    this.edited.set(position, row);
  }

  /**
   * What cell `c` of a row shows: the edit, else the data's value.
   * @param {number} position
   * @param {number} c
   * @param {unknown[] | undefined} cells
   * @returns {unknown}
   */
  valueAt(position, c, cells) {
    const name = this.props.names?.[c];
    if (name == null || position < 0) return cells?.[c];
    const edit = position < this.grid.baseTotal ? this.edited.get(position) : null;
    return edit && Object.hasOwn(edit, name) ? edit[name] : cells?.[c];
  }

  /** @param {number} c @returns {boolean} */
  editable(c) {
    return Boolean(this.grid.columns[c]?.editable) && !this.props.disabled && this.props.names?.[c] != null;
  }

  /** @param {number} position */
  toggleMark(position) {
    if (this.marked.has(position)) this.marked.delete(position);
    else this.marked.add(position);
    this.syncBar();
    this.grid.refresh();
  }

  /**
   * Open the editor of a cell (a checkbox toggles instead).
   * @param {number} position
   * @param {number} c
   * @param {string} [typed] a key typed on the cell: the editor starts with it
   * @returns {boolean} whether it opened
   */
  begin(position, c, typed) {
    if (!this.editable(c) || !this.exists(position)) {
      if (this.grid.columns[c] && !this.grid.columns[c].index) this.say("This cell cannot be edited.");
      return false;
    }
    const column = this.grid.columns[c];
    const name = String(this.props.names[c]);
    const current = this.shown(position, c);
    if (editType(column) === "checkbox") {
      if (typed === undefined || typed === " ") this.change([[position, name, !current]]);
      return false;
    }
    const { node, read } = editorControl(column, current, typed);
    // Leaving the cell keeps the value, as in Streamlit. A redraw moves the editor and gives
    // it the focus back at once, so the check waits for that.
    node.addEventListener("blur", () => setTimeout(() => {
      if (this.editing?.node === node && document.activeElement !== node) this.commit();
    }, 0));
    this.editing = { position, c, read, node };
    this.grid.refresh();
    node.focus();
    return true;
  }

  /**
   * @param {number} position
   * @param {number} c
   * @returns {unknown} the value a cell shows now
   */
  shown(position, c) {
    const name = this.props.names?.[c];
    const stored = name != null ? this.stored(position, name) : undefined;
    if (stored !== undefined || position >= this.grid.baseTotal) return stored ?? null;
    const width = this.grid.columns.length;
    const direct = this.grid.rows.get(position); // the data's own order: the row is at its position
    if (direct && Number(direct[width]) === position) return direct[c];
    for (const cells of this.grid.rows.values()) if (Number(cells[width]) === position) return cells[c];
    return null;
  }

  /** Close the editor, keeping what it holds. */
  commit() {
    const editing = this.editing;
    if (!editing) return;
    this.editing = null;
    const name = String(this.props.names[editing.c]);
    const value = editing.read();
    if (JSON.stringify(value) !== JSON.stringify(this.shown(editing.position, editing.c))
      || this.invalid.has(cellKey(editing.position, name))) {
      this.change([[editing.position, name, value]]);
    } else {
      this.grid.refresh();
    }
  }

  /** Close the editor, dropping what it holds. */
  cancel() {
    if (!this.editing) return;
    this.editing = null;
    this.grid.refresh();
  }

  /**
   * Apply cell changes here and send them (with rows to add) as one message.
   * @param {CellEdit[]} sets
   * @param {Record<string, unknown>[]} [adds]
   */
  change(sets, adds = []) {
    const now = Date.now();
    for (const row of adds) this.added.push(row);
    for (const [position, name, value] of sets) {
      this.store(position, name, value);
      this.sent.set(cellKey(position, name), { value, at: now });
      this.invalid.delete(cellKey(position, name));
    }
    this.say("");
    this.send({ ...(sets.length ? { set: sets } : {}), ...(adds.length ? { add: adds } : {}) });
  }

  /**
   * Add rows at the end, each with the columns' defaults under what it brings, in one
   * message with `sets` (a paste that runs past the end).
   * @param {Record<string, unknown>[]} rows
   * @param {CellEdit[]} [sets]
   */
  addRows(rows, sets = []) {
    if (!this.canAdd) return;
    /** @type {Record<string, unknown>} */
    const defaults = {};
    this.grid.columns.forEach((column, c) => {
      const name = this.props.names?.[c];
      if (name != null && column.default !== undefined) defaults[name] = column.default;
    });
    const full = rows.map((row) => ({ ...defaults, ...row }));
    this.change(sets, full);
    this.grid.afterRowsChanged(this.rowTotal - 1);
  }

  /** Delete the rows picked with their checkboxes. */
  deleteMarked() {
    if (!this.canDelete || this.marked.size === 0) return;
    const positions = [...this.marked].sort((a, b) => b - a);
    for (const p of positions) {
      if (p >= this.grid.baseTotal) this.added.splice(p - this.grid.baseTotal, 1);
      else if (!this.deleted.includes(p)) this.deleted.push(p);
    }
    this.deleted.sort((a, b) => a - b);
    for (const p of positions) this.edited.delete(p);
    for (const key of [...this.invalid.keys()]) {
      const r = Number(key.split("|")[0]);
      if (positions.includes(r) || r >= this.grid.baseTotal) this.invalid.delete(key);
    }
    this.marked.clear();
    this.say(positions.length === 1 ? "Row deleted." : `${positions.length} rows deleted.`);
    this.send({ delete: positions });
    this.grid.afterRowsChanged(-1);
  }

  /** @returns {Record<string, unknown>} the whole state, as a form or a held edit sends it */
  fullState() {
    return {
      edited_rows: Object.fromEntries(this.edited),
      added_rows: this.added,
      deleted_rows: this.deleted,
    };
  }

  /** @param {Record<string, unknown>} change */
  send(change) {
    this.grid.refresh();
    // A form holds one value per widget until submit: the whole state, not the last change.
    if (isInForm(this.grid.host)) this.sendValue?.(this.fullState());
    else if (this.props.on_change === "ignore") holding.set(this.widgetId, () => this.fullState());
    else this.sendValue?.(change);
  }
}
