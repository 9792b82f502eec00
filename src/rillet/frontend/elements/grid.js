// @ts-check
/**
 * The scrolling grid of `st.dataframe`: only the rows in view are in the DOM, rows the element
 * did not bring are asked of the server in blocks, and clicking a column header sorts (on the
 * server, or here when every row is already here).
 *
 * ARIA: the scroller is a `grid` with `aria-rowcount` (rows + the header row); each row has its
 * `aria-rowindex`; headers are `columnheader`s holding a button, with `aria-sort`. Rows have a
 * fixed height, so position and row number convert both ways; beyond what browsers allow as
 * an element height the scroll range is scaled.
 * @module elements/grid
 */

import { listen, requestRows } from "../datarequests.js";
import { make, syncHelp } from "../dom.js";
import { cellText, fillCell } from "./grid_cells.js";
import { attachClipboard } from "./grid_clipboard.js";
import { markCell, markRow } from "./grid_inputs.js";
import { GridKeys } from "./grid_keys.js";
import { GridSelection, readSelection } from "./grid_select.js";
import { GridTools, matchingRows } from "./grid_toolbar.js";
import { sizeGrid } from "./gridheight.js";

/** @typedef {import("../protocol.js").RowsPageMessage} RowsPageMessage */
/** @typedef {[number, "asc" | "desc"]} Sort */

const ROW_HEIGHT = 35;
const AUTO_ROWS = 10;
const OVERSCAN = 8;
const BLOCK = 200;
// Where a fling stopped, the rows around are asked for in smaller blocks: the user jumped,
// and may jump again before reading on.
const FLUNG_BLOCK = 50;
const MAX_SCROLL_PX = 8_000_000;
const FETCH_DELAY_MS = 40;
// Scrolling faster than a screenful a frame asks for rows only once it settles (or slows):
// rows passed over at speed are never seen, so they are not fetched; placeholders show.
const SETTLE_MS = 150;
const RETRY_MS = 5000;
const CACHE_LIMIT = 20_000;
const SORT_NAMES = { asc: "ascending", desc: "descending" };

/**
 * @param {unknown} a
 * @param {unknown} b
 * @returns {number}
 */
function compareCells(a, b) {
  const rank = (/** @type {unknown} */ v) => (typeof v === "number" || typeof v === "boolean" ? 0 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string" || typeof b === "string") {
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

/**
 * Row positions of `rows` sorted by one column: stable, missing values last.
 * @param {unknown[][]} rows
 * @param {Sort} sort
 * @returns {number[]}
 */
export function localOrder(rows, [column, direction]) {
  const sign = direction === "desc" ? -1 : 1;
  /** @type {number[]} */
  const present = [];
  /** @type {number[]} */
  const missing = [];
  for (let i = 0; i < rows.length; i += 1) (rows[i][column] == null ? missing : present).push(i);
  present.sort((i, j) => sign * compareCells(rows[i][column], rows[j][column]) || i - j);
  return present.concat(missing);
}

export class Grid {
  /** @param {HTMLElement} host the element's own node */
  constructor(host) {
    this.host = host;
    this.scroller = make("div", "rillet-grid");
    this.scroller.setAttribute("role", "grid");
    this.scroller.setAttribute("aria-readonly", "true"); // an editor says otherwise
    this.scroller.tabIndex = 0;
    this.head = make("div", "rillet-grid-head");
    this.head.setAttribute("role", "rowgroup");
    this.headRow = make("div", "rillet-grid-row");
    this.headRow.setAttribute("role", "row");
    this.headRow.setAttribute("aria-rowindex", "1");
    this.head.append(this.headRow);
    this.body = make("div", "rillet-grid-body");
    this.body.setAttribute("role", "rowgroup");
    this.scroller.append(this.head, this.body);
    host.append(this.scroller);
    /** @type {Record<string, any>} */
    this.props = {};
    /** @type {Record<string, any>[]} */
    this.columns = [];
    this.dataId = "";
    this.total = 0;
    this.baseTotal = 0;
    /** @type {Map<Record<string, any>, number>} left offsets of pinned columns */
    this.pinLeft = new Map();
    /** @type {unknown[][]} */
    this.added = [];
    this.rowHeight = ROW_HEIGHT;
    /** @type {Sort | null} */
    this.sort = null;
    /** @type {Map<number, unknown[]>} rows by position in the current order */
    this.rows = new Map();
    /** @type {Map<string, number>} blocks asked for, by key, with when */
    this.pending = new Map();
    /** @type {Map<number, HTMLElement>} */
    this.shown = new Map();
    this.spacer = 0;
    this.frame = 0;
    this.viewportPx = -1; // the rows' visible height, measured when laid out or resized
    this.lastFirst = 0; // the first row in view at the last render
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.fetchTimer = undefined;
    /** @type {(() => void) | null} */
    this.unlisten = null;
    /** @type {GridSelection | null} */
    this.selection = null;
    /** @type {((value: unknown) => void) | null} sends the selection (set by data.js) */
    this.sendSelection = null;
    this.search = ""; // the toolbar's search: only matching rows are shown
    this.matched = -1; // how many rows it found; -1 until known
    this.tools = new GridTools(this); // toolbar, column widths and hidden columns
    /** @type {import("./grid_edit.js").GridEditor | null} editing (st.data_editor; set by data.js) */
    this.editor = null;
    this.keys = new GridKeys(this); // focus cell, range and keyboard
    attachClipboard(this);
    this.body.addEventListener("click", (event) => this.clicked(/** @type {HTMLElement} */ (event.target)));
    this.scroller.addEventListener("scroll", () => this.schedule(), { passive: true });
    const resized = new ResizeObserver(() => { this.viewportPx = -1; this.schedule(); });
    resized.observe(this.scroller);
    resized.observe(this.head);
  }

  /** @returns {boolean} true when the element brought every row */
  get complete() {
    return Array.isArray(this.props.rows) && this.props.rows.length >= this.baseTotal;
  }

  /** @returns {unknown[][]} every row the element brought (when complete), appended ones too */
  get given() {
    const rows = Array.isArray(this.props.rows) ? this.props.rows : [];
    return this.added.length ? rows.concat(this.added) : rows;
  }

  /**
   * @param {Record<string, any>} props
   * @param {unknown[][]} [added] rows appended by `add_rows` (the element's `rows`)
   */
  update(props, added = []) {
    const labels = (/** @type {any[]} */ cols) => JSON.stringify(cols.map((c) => c?.label));
    const sameColumns = labels(this.columns) === labels(props.columns ?? []);
    const newData = props.data_id !== this.dataId;
    const grown = added.length !== this.added.length;
    const modes = Array.isArray(props.selection_mode) ? props.selection_mode : null;
    if (modes) {
      if (!this.selection || JSON.stringify(this.selection.modes) !== JSON.stringify(modes)) {
        this.selection = new GridSelection(modes);
      }
      this.selection.value = readSelection(props.value);
      this.clearShown(); // redrawn below with the selection as the server has it
      this.scroller.setAttribute("aria-multiselectable", String(modes.some((m) => m.startsWith("multi-"))));
    } else {
      this.selection = null;
      this.scroller.removeAttribute("aria-multiselectable");
    }
    this.props = props;
    this.added = added;
    this.columns = Array.isArray(props.columns) ? props.columns : [];
    this.baseTotal = Math.max(0, Number(props.total) || 0);
    this.editor?.sync(props);
    this.total = this.rowCount();
    this.rowHeight = Number(props.row_height) > 0 ? Number(props.row_height) : ROW_HEIGHT;
    if (newData) {
      this.matched = -1;
      this.dataId = String(props.data_id ?? "");
      this.unlisten?.();
      this.unlisten = listen(this.dataId, { dom: this.host, receive: (page) => this.receive(page) });
      if (!sameColumns) this.sort = null;
      this.resetRows();
    } else if (grown) {
      this.resetRows();
    }
    this.layout();
    this.render();
  }

  /** Forget the rows held, and fill in what the element brings for the current order. */
  resetRows() {
    this.rows = new Map();
    this.pending = new Map();
    this.clearShown();
    const given = this.given;
    if (!this.sort && !this.search) {
      (Array.isArray(this.props.rows) ? this.props.rows : []).forEach((row, i) => this.rows.set(i, row));
      this.added.forEach((row, i) => this.rows.set(this.baseTotal + i, row));
    } else if (this.complete) {
      const order = this.sort ? localOrder(given, this.sort) : given.map((_, i) => i);
      const shown = this.search ? matchingRows(given, order, this.search, this.columns.length) : order;
      shown.forEach((at, i) => this.rows.set(i, given[at]));
      if (this.search) this.total = this.matched = shown.length;
    }
  }

  /** @returns {number} the rows shown: all, or those the search found once it is known */
  rowCount() {
    if (this.editor && !this.search) return this.editor.rowTotal;
    return this.search && this.matched >= 0 ? this.matched : this.baseTotal + this.added.length;
  }

  /** The search changed: show its rows from the first (a paged table's are asked for). */
  researched() {
    this.matched = -1;
    this.total = this.rowCount();
    this.resetRows();
    this.scroller.scrollTop = 0;
    this.layout();
    this.render();
  }

  clearShown() {
    this.body.replaceChildren();
    this.shown = new Map();
  }

  layout() {
    const columns = this.columns;
    this.scroller.setAttribute("aria-rowcount", String(this.total + 1));
    this.scroller.setAttribute("aria-colcount", String(columns.length));
    // `alt` names the grid for screen readers; without it the name says what it holds.
    this.scroller.setAttribute("aria-label", this.props.alt ? String(this.props.alt) : `Data table, ${this.total} rows`);
    const given = Array.isArray(this.props.rows) ? this.props.rows.slice(0, 50) : [];
    const widths = columns.map((column, c) => {
      if (Number(column.width) > 0) return Number(column.width);
      const longest = Math.max(String(column.label ?? "").length + 2,
        ...given.map((/** @type {unknown[]} */ row) => this.cellText(row?.[c], column).length));
      return Math.min(400, Math.max(60, longest * 8 + 24));
    });
    this.tools.fit(widths); // the widths the user set; 0 for hidden columns
    // Pinned columns (the index unless unpinned) keep their width and stay on the left while
    // scrolling sideways; the server puts them first. Other columns share what room is left.
    this.pinLeft = new Map();
    let left = 0;
    columns.forEach((column, c) => {
      if (column.pinned === true || (column.index && column.pinned !== false)) {
        this.pinLeft.set(column, left);
        left += widths[c];
      }
    });
    const template = this.tools.template(widths, (c) => this.pinLeft.has(columns[c])) || "1fr";
    const sum = widths.reduce((a, b) => a + b, 0);
    this.scroller.style.setProperty("--rl-grid-columns", template);
    this.scroller.style.setProperty("--rl-grid-min-width", `${sum}px`);
    this.scroller.style.setProperty("--rl-grid-row-height", `${this.rowHeight}px`);
    sizeGrid(this.host, this.scroller, this.props.height, this.total, this.rowHeight, AUTO_ROWS);
    this.spacer = Math.min(this.total * this.rowHeight, MAX_SCROLL_PX);
    this.body.style.height = `${this.spacer}px`;
    this.viewportPx = -1;
    this.body.classList.toggle("rillet-grid-empty", this.total === 0);
    this.renderHeader();
  }

  renderHeader() {
    this.headRow.replaceChildren();
    this.columns.forEach((column, c) => {
      const cell = make("div", "rillet-grid-header");
      cell.setAttribute("role", "columnheader");
      cell.setAttribute("aria-colindex", String(c + 1));
      const sorted = this.sort && this.sort[0] === c ? this.sort[1] : null;
      cell.setAttribute("aria-sort", sorted ? SORT_NAMES[sorted] : "none");
      this.decorate(cell, column);
      const button = make("button", "rillet-grid-sort");
      button.type = "button";
      button.append(make("span", "rillet-grid-label", String(column.label ?? "")));
      const mark = make("span", "rillet-grid-mark", sorted === "asc" ? "↑" : sorted === "desc" ? "↓" : "");
      mark.setAttribute("aria-hidden", "true");
      button.append(mark);
      const name = this.props.names?.[c];
      if (this.selection?.allows("column") && name != null) {
        cell.setAttribute("aria-selected", String(this.selection.hasColumn(name)));
        button.addEventListener("click", () => this.select(() => this.selection?.toggleColumn(name)));
      } else {
        button.addEventListener("click", () => this.toggleSort(c));
      }
      cell.append(button);
      if (column.help) syncHelp(cell, String(column.help));
      this.headRow.append(cell);
    });
    this.tools.headerRendered();
  }

  /**
   * @param {HTMLElement} cell
   * @param {Record<string, any>} column
   */
  decorate(cell, column) {
    const align = column.align ?? (column.kind === "number" && !column.type ? "right" : "left");
    cell.dataset.align = ["left", "center", "right"].includes(align) ? align : "left";
    if (column.index) cell.classList.add("rillet-grid-index");
    const left = this.pinLeft.get(column);
    if (left !== undefined) {
      cell.classList.add("rillet-grid-pinned");
      cell.style.left = `${left}px`;
    }
  }

  /**
   * Cycle a column through ascending, descending and unsorted.
   * @param {number} column
   */
  toggleSort(column) {
    const current = this.sort && this.sort[0] === column ? this.sort[1] : null;
    this.sort = current === null ? [column, "asc"] : current === "asc" ? [column, "desc"] : null;
    this.resetRows();
    this.scroller.scrollTop = 0;
    this.renderHeader();
    this.render();
  }

  /**
   * @param {unknown} value
   * @param {Record<string, any>} column
   * @returns {string}
   */
  cellText(value, column) {
    return cellText(value, column, this.placeholder);
  }

  /** @returns {string} what an empty cell shows */
  get placeholder() {
    return String(this.props.placeholder ?? "None");
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /**
   * The height the rows show in, measured once per layout or resize rather than on every
   * scroll (reading it after the rows moved would force a synchronous layout).
   * @returns {number}
   */
  viewport() {
    if (this.viewportPx < 0) {
      this.viewportPx = Math.max(0, this.scroller.clientHeight - this.head.offsetHeight);
    }
    return this.viewportPx;
  }

  /** @returns {{first: number, count: number, top: number, offset: number}} */
  visibleRange() {
    const viewport = this.viewport();
    const maxScroll = Math.max(0, this.spacer - viewport);
    const virtualMax = Math.max(0, this.total * this.rowHeight - viewport);
    const top = Math.min(this.scroller.scrollTop, maxScroll);
    const virtualTop = maxScroll > 0 ? (top * virtualMax) / maxScroll : 0;
    const first = Math.min(Math.floor(virtualTop / this.rowHeight), Math.max(0, this.total - 1));
    const offset = virtualTop - first * this.rowHeight;
    return { first, count: Math.ceil((viewport + offset) / this.rowHeight) + 1, top, offset };
  }

  render() {
    if (!this.host.isConnected) return;
    const { first, count, top, offset } = this.visibleRange();
    const from = Math.max(0, first - OVERSCAN);
    const to = Math.min(this.total, first + count + OVERSCAN);
    const fast = Math.abs(first - this.lastFirst) > count;
    this.lastFirst = first;
    /** @type {HTMLElement[]} placeholder rows out of view, drawn again for other rows */
    const spare = [];
    for (const [i, row] of this.shown) {
      if (i < from || i >= to) {
        this.shown.delete(i);
        if (row.dataset.loaded === "true") row.remove();
        else spare.push(row);
      }
    }
    let missing = false;
    for (let i = from; i < to; i += 1) {
      const cells = this.rowAt(i);
      let row = this.shown.get(i);
      if (row && cells && row.dataset.loaded !== "true") {
        spare.push(row);
        row = undefined;
      }
      if (!row) {
        row = cells ? this.buildRow(i, cells) : this.waitingRow(i, spare.pop());
        this.shown.set(i, row);
        if (row.parentNode !== this.body) this.body.append(row);
      }
      row.style.transform = `translateY(${top + (i - first) * this.rowHeight - offset}px)`;
      if (!cells) missing = true;
    }
    for (const row of spare) row.remove();
    if (missing) this.scheduleFetch(fast);
    this.keys.afterRender();
  }

  /**
   * A row whose cells are on their way: `reused` (a placeholder out of view) drawn as row `i`,
   * or a new one. Scrolling at speed shows only placeholders, so it recycles them all.
   * @param {number} i
   * @param {HTMLElement | undefined} reused
   * @returns {HTMLElement}
   */
  waitingRow(i, reused) {
    if (!reused || reused.children.length !== this.columns.length) return this.buildRow(i, undefined);
    reused.setAttribute("aria-rowindex", String(i + 2));
    reused.dataset.position = String(this.positionOf(i, undefined));
    for (let c = 0; c < reused.children.length; c += 1) {
      const cell = /** @type {HTMLElement} */ (reused.children[c]);
      cell.classList.remove("rillet-grid-focus", "rillet-grid-range");
      this.keys.decorate(cell, i, c);
    }
    return reused;
  }

  /**
   * @param {number} i a shown row
   * @returns {unknown[] | undefined} its cells, or undefined while they are on their way
   */
  rowAt(i) {
    return this.editor ? this.editor.rowAt(i) : this.rows.get(i);
  }

  /** Draw the rows in view again (a cell changed), keeping the keyboard focus where it was. */
  refresh() {
    const had = this.scroller.contains(document.activeElement);
    this.clearShown();
    this.render();
    if (had) this.keys.focus();
  }

  /**
   * Rows were added or deleted: lay out again and put the focus on row `focus` (if >= 0).
   * @param {number} focus
   */
  afterRowsChanged(focus) {
    this.total = this.rowCount();
    this.layout();
    if (focus >= 0) this.keys.moveTo(focus, this.keys.col, false);
    else this.keys.moveTo(this.keys.row, this.keys.col, false);
  }

  /**
   * Scroll just enough that shown row `i` is in view below the header.
   * @param {number} i
   */
  scrollToRow(i) {
    const viewport = this.viewport();
    const maxScroll = Math.max(0, this.spacer - viewport);
    const virtualMax = Math.max(0, this.total * this.rowHeight - viewport);
    const scale = virtualMax > 0 ? maxScroll / virtualMax : 0;
    const virtualTop = scale > 0 ? this.scroller.scrollTop / scale : 0;
    const top = i * this.rowHeight;
    const target = top < virtualTop ? top
      : top + this.rowHeight > virtualTop + viewport ? top + this.rowHeight - viewport : null;
    if (target !== null) this.scroller.scrollTop = Math.max(0, target * scale);
  }

  /**
   * @param {number} i
   * @param {unknown[] | undefined} cells
   * @returns {HTMLElement}
   */
  buildRow(i, cells) {
    const row = make("div", "rillet-grid-row");
    row.setAttribute("role", "row");
    row.setAttribute("aria-rowindex", String(i + 2));
    row.dataset.loaded = cells ? "true" : "false";
    if (!cells) row.setAttribute("aria-busy", "true");
    const position = this.positionOf(i, cells);
    row.dataset.position = String(position);
    const selection = this.selection;
    if (selection && cells) {
      if (selection.allows("row")) row.setAttribute("aria-selected", String(selection.hasRow(position)));
    }
    this.columns.forEach((column, c) => {
      const value = this.editor ? this.editor.valueAt(position, c, cells) : cells?.[c];
      const cell = make("div", "rillet-grid-cell");
      if (cells) fillCell(cell, value, column, this.placeholder);
      cell.setAttribute("role", column.index ? "rowheader" : "gridcell");
      cell.setAttribute("aria-colindex", String(c + 1));
      this.decorate(cell, column);
      const name = this.props.names?.[c];
      if (selection && cells && name != null) {
        const picked = (selection.allows("cell") && selection.hasCell(position, name))
          || (selection.allows("column") && selection.hasColumn(name));
        if (selection.allows("cell") || selection.allows("column")) cell.setAttribute("aria-selected", String(picked));
      }
      this.keys.decorate(cell, i, c);
      if (cells && this.editor) markCell(this.editor, cell, position, c);
      row.append(cell);
    });
    if (cells && this.editor) markRow(this.editor, row, position);
    return row;
  }

  /**
   * A shown row's position in the data: its trailing cell when the server sends positions
   * (selectable and editable tables), else its place in the data's own order.
   * @param {number} i
   * @param {unknown[] | undefined} cells
   * @returns {number}
   */
  positionOf(i, cells) {
    if (this.props.positions && cells && cells.length > this.columns.length) {
      return Number(cells[this.columns.length]);
    }
    return this.sort || this.search ? -1 : i;
  }

  /** @param {HTMLElement} target */
  clicked(target) {
    const selection = this.selection;
    const cell = /** @type {HTMLElement | null} */ (target.closest(".rillet-grid-cell"));
    const row = /** @type {HTMLElement | null} */ (cell?.parentElement ?? null);
    if (!selection || !cell || !row || row.dataset.loaded !== "true") return;
    const position = Number(row.dataset.position);
    const c = Number(cell.getAttribute("aria-colindex")) - 1;
    const name = this.props.names?.[c];
    if (!(position >= 0)) return;
    if (selection.allows("cell") && name != null && !(selection.allows("row") && cell.getAttribute("role") === "rowheader")) {
      this.select(() => selection.toggleCell(position, name));
    } else if (selection.allows("row")) {
      this.select(() => selection.toggleRow(position));
    }
  }

  /**
   * Change the selection, show it, and send it.
   * @param {() => void} change
   */
  select(change) {
    if (!this.selection) return;
    change();
    this.clearShown();
    this.renderHeader();
    this.render();
    this.sendSelection?.(this.selection.value);
  }

  /** @param {boolean} [fast] scrolling at speed: wait until it settles or slows */
  scheduleFetch(fast = false) {
    clearTimeout(this.fetchTimer);
    this.fetchTimer = setTimeout(() => this.fetch(fast ? FLUNG_BLOCK : BLOCK),
      fast ? SETTLE_MS : FETCH_DELAY_MS);
  }

  /**
   * Ask for the blocks of rows in view that are neither here nor on their way.
   * @param {number} [size] rows a block
   */
  fetch(size = BLOCK) {
    if (!this.host.isConnected || this.complete) return;
    const { first, count } = this.visibleRange();
    const [from, to, total] = this.orderSpan(Math.max(0, first - OVERSCAN), Math.min(this.total, first + count + OVERSCAN));
    const sortKey = JSON.stringify([this.sort, this.search]);
    const now = Date.now();
    for (let block = Math.floor(from / size); block * size < to; block += 1) {
      const start = block * size;
      const end = Math.min(total, start + size);
      let needed = false;
      for (let i = Math.max(start, from); i < Math.min(end, to); i += 1) {
        if (!this.rows.has(i)) { needed = true; break; }
      }
      const key = `${sortKey}|${start}`;
      const asked = this.pending.get(key);
      if (!needed || (asked !== undefined && now - asked < RETRY_MS)) continue;
      if (requestRows(this.dataId, start, end, this.sort, this.search)) this.pending.set(key, now);
    }
  }

  /**
   * Shown rows `from`..`to`-1 as indexes in the server's order (an editor hides deleted
   * rows and shows added ones after the data's), and how many rows the server has.
   * @param {number} from
   * @param {number} to
   * @returns {[number, number, number]}
   */
  orderSpan(from, to) {
    const editor = this.editor;
    if (!editor || this.search) return [from, to, this.total];
    const base = editor.shownBase;
    const at = (/** @type {number} */ i) => (i >= base ? this.baseTotal : editor.orderIndex(i));
    return [at(from), to > base ? this.baseTotal : at(to - 1) + 1, this.baseTotal];
  }

  /** @param {RowsPageMessage} page */
  receive(page) {
    if (page.data_id !== this.dataId) return;
    const sortKey = JSON.stringify([page.sort ?? null, page.search ?? ""]);
    this.pending.delete(`${sortKey}|${page.start}`);
    if (sortKey !== JSON.stringify([this.sort, this.search])) return; // answers a sort or search since changed
    if (this.search && page.total !== this.matched) {
      this.matched = this.total = page.total; // the server counted the rows the search found
      this.layout();
      this.tools.showCount();
    }
    if (this.rows.size > CACHE_LIMIT) {
      const { first } = this.visibleRange();
      for (const i of this.rows.keys()) if (Math.abs(i - first) > BLOCK * 2) this.rows.delete(i);
    }
    page.rows.forEach((row, k) => this.rows.set(page.start + k, row));
    this.render();
  }
}
