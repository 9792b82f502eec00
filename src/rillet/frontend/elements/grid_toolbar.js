// @ts-check
/**
 * The toolbar of `st.dataframe` and `st.data_editor`, shown at the grid's top right while the
 * pointer is over the table or focus is in it, as Streamlit shows it: "Show/hide columns",
 * "Download as CSV", "Search" and "Fullscreen" ("Close fullscreen"). It also owns the column
 * widths the user sets (grid_resize.js) and the columns the user hides.
 *
 * The data of a large table lives on the server: the CSV is made there from every row
 * (`GET _rillet/data/<data_id>`), and a search asks the server for the rows it finds, among
 * all of them; a table whose rows all came with the element is searched here.
 * @module elements/grid_toolbar
 */

import { SESSION_KEY } from "../connection.js";
import { make } from "../dom.js";
import { plainText } from "./grid_cells.js";
import { ColumnResize } from "./grid_resize.js";

const SVG = "http://www.w3.org/2000/svg";
const SEARCH_DELAY_MS = 250;
let gridCount = 0;

/** Line drawings on a 24-unit square, stroked in the text colour. */
const ICONS = {
  columns: "M4 5h16v14H4zM9.5 5v14M14.5 5v14",
  download: "M12 4v11M7 10.5l5 5 5-5M5 20h14",
  search: "M10.5 4.5a6 6 0 1 1 0 12 6 6 0 0 1 0-12zM15 15l5 5",
  expand: "M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5",
  collapse: "M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5",
};

/**
 * @typedef {object} ToolGrid what the toolbar needs of its grid (grid.js's `Grid`)
 * @property {HTMLElement} host
 * @property {HTMLElement} scroller
 * @property {HTMLElement} headRow
 * @property {Record<string, any>[]} columns
 * @property {Record<string, any>} props
 * @property {string} dataId
 * @property {string} search the search text ("" for none)
 * @property {number} matched the rows the search found; -1 while not known
 * @property {() => void} layout
 * @property {() => void} render
 * @property {() => void} resetRows
 * @property {() => void} researched the search changed: start over from the first row
 */

/**
 * @param {keyof typeof ICONS} name
 * @returns {SVGSVGElement}
 */
function icon(name) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

/**
 * @param {string} label the accessible name (and tooltip)
 * @param {keyof typeof ICONS} iconName
 * @param {() => void} onClick
 * @returns {HTMLButtonElement}
 */
function toolButton(label, iconName, onClick) {
  const button = make("button", "rillet-grid-tool");
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.title = label;
  button.append(icon(iconName));
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    onClick();
  });
  return button;
}

/**
 * Positions of the rows of `order` with a cell (of the first `width`) containing `text`,
 * compared without case as the cells read in the page.
 * @param {unknown[][]} rows
 * @param {number[]} order
 * @param {string} text
 * @param {number} width
 * @returns {number[]}
 */
export function matchingRows(rows, order, text, width) {
  const needle = text.toLocaleLowerCase();
  return order.filter((i) => {
    const row = rows[i] ?? [];
    for (let c = 0; c < width; c += 1) {
      const value = row[c];
      if (value != null && plainText(value, "").toLocaleLowerCase().includes(needle)) return true;
    }
    return false;
  });
}

export class GridTools {
  /** @param {ToolGrid} grid */
  constructor(grid) {
    this.grid = grid;
    this.name = `g${(gridCount += 1)}`;
    grid.scroller.dataset.grid = this.name;
    /** @type {Set<string>} labels of the columns the user hid */
    this.hidden = new Set();
    /** @type {number[]} the widths of the last layout, as the grid would have them */
    this.natural = [];
    /** @type {number[]} */
    this.widths = [];
    /** @type {(c: number) => boolean} */
    this.pinned = () => false;
    this.resize = new ColumnResize(grid, () => this.preview());
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.searchTimer = undefined;

    this.bar = make("div", "rillet-grid-toolbar");
    this.bar.setAttribute("role", "toolbar");
    this.bar.setAttribute("aria-label", "Table toolbar");
    this.columnsButton = toolButton("Show/hide columns", "columns", () => this.toggleMenu());
    this.columnsButton.setAttribute("aria-haspopup", "true");
    this.columnsButton.setAttribute("aria-expanded", "false");
    this.searchButton = toolButton("Search", "search", () => this.toggleSearch());
    this.fullscreenButton = toolButton("Fullscreen", "expand", () => this.toggleFullscreen());
    this.bar.append(this.columnsButton,
      toolButton("Download as CSV", "download", () => void this.download()),
      this.searchButton, this.fullscreenButton);

    this.menu = make("div", "rillet-grid-menu");
    this.menu.setAttribute("role", "group");
    this.menu.setAttribute("aria-label", "Columns");
    this.menu.hidden = true;

    this.searchBox = make("div", "rillet-grid-searchbox");
    this.searchBox.hidden = true;
    this.searchInput = make("input");
    this.searchInput.type = "search";
    this.searchInput.setAttribute("aria-label", "Search the table");
    this.searchInput.placeholder = "Search";
    this.searchInput.addEventListener("input", () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.applySearch(this.searchInput.value), SEARCH_DELAY_MS);
    });
    this.searchStatus = make("span", "rillet-grid-search-status");
    this.searchStatus.setAttribute("role", "status");
    this.searchBox.append(this.searchInput, this.searchStatus);

    this.style = make("style");
    grid.host.classList.add("rillet-grid-host");
    grid.host.prepend(this.bar, this.menu, this.searchBox, this.style);
    grid.host.addEventListener("keydown", (event) => this.escape(event));
    document.addEventListener("pointerdown", (event) => {
      if (!this.menu.hidden && !this.menu.contains(/** @type {Node} */ (event.target))
        && !this.columnsButton.contains(/** @type {Node} */ (event.target))) this.closeMenu();
    });
  }

  // --- widths and hidden columns (called by the grid's layout) -----------------------------

  /**
   * Whether the user hid column `c` (its cells are not shown: keyboard moves should skip it).
   * @param {number} c
   * @returns {boolean}
   */
  isHidden(c) {
    const column = this.grid.columns[c];
    return column !== undefined && this.hidden.has(String(column.label ?? ""));
  }

  /**
   * Put the user's widths in `widths` (the grid's own), and 0 for hidden columns.
   * @param {number[]} widths
   */
  fit(widths) {
    this.natural = widths.slice();
    this.grid.columns.forEach((column, c) => {
      widths[c] = this.isHidden(c) ? 0 : this.resize.widthOf(column) ?? widths[c];
    });
    this.widths = widths;
    const rules = this.grid.columns.map((column, c) => (this.hidden.has(String(column.label ?? ""))
      ? `.rillet-grid[data-grid="${this.name}"] [aria-colindex="${c + 1}"] { display: none; }` : ""));
    this.style.textContent = rules.join("\n");
  }

  /**
   * The grid's column template: hidden columns left out, pinned and resized ones at their
   * width, the others growing to share the room left.
   * @param {number[]} widths as `fit` left them
   * @param {(c: number) => boolean} pinned
   * @returns {string}
   */
  template(widths, pinned) {
    this.pinned = pinned;
    return this.grid.columns.map((column, c) => {
      if (this.hidden.has(String(column.label ?? ""))) return "";
      const fixed = pinned(c) || this.resize.widthOf(column) !== undefined;
      return fixed ? `${widths[c]}px` : `minmax(${widths[c]}px, 1fr)`;
    }).filter(Boolean).join(" ");
  }

  /** Show the widths while a column is dragged, without rebuilding the header. */
  preview() {
    const widths = this.natural.slice();
    this.fit(widths);
    const scroller = this.grid.scroller;
    scroller.style.setProperty("--rl-grid-columns", this.template(widths, this.pinned) || "1fr");
    scroller.style.setProperty("--rl-grid-min-width", `${widths.reduce((a, b) => a + b, 0)}px`);
  }

  /** The header was drawn again: give it its resize handles. */
  headerRendered() {
    this.resize.attach(this.widths);
  }

  // --- column visibility --------------------------------------------------------------------

  toggleMenu() {
    if (!this.menu.hidden) {
      this.closeMenu();
      return;
    }
    this.menu.replaceChildren();
    this.grid.columns.forEach((column, c) => {
      const label = String(column.label ?? "");
      const row = make("label", "rillet-grid-menu-item");
      const box = make("input");
      box.type = "checkbox";
      box.checked = !this.hidden.has(label);
      box.addEventListener("change", () => {
        if (box.checked) this.hidden.delete(label);
        else this.hidden.add(label);
        this.grid.layout();
        this.grid.render();
      });
      row.append(box, make("span", undefined, label || (column.index ? "(index)" : `Column ${c + 1}`)));
      this.menu.append(row);
    });
    this.menu.hidden = false;
    this.columnsButton.setAttribute("aria-expanded", "true");
    this.grid.host.classList.add("rillet-grid-tools-open");
    /** @type {HTMLInputElement | null} */ (this.menu.querySelector("input"))?.focus();
  }

  closeMenu() {
    this.menu.hidden = true;
    this.columnsButton.setAttribute("aria-expanded", "false");
    this.grid.host.classList.remove("rillet-grid-tools-open");
  }

  // --- search -------------------------------------------------------------------------------

  toggleSearch() {
    if (this.searchBox.hidden) {
      this.searchBox.hidden = false;
      this.searchButton.setAttribute("aria-pressed", "true");
      this.searchInput.focus();
    } else {
      this.closeSearch();
    }
  }

  closeSearch() {
    this.searchBox.hidden = true;
    this.searchButton.setAttribute("aria-pressed", "false");
    this.searchInput.value = "";
    clearTimeout(this.searchTimer);
    this.applySearch("");
  }

  /** @param {string} text */
  applySearch(text) {
    const search = text.trim();
    if (search === this.grid.search) return;
    this.grid.search = search;
    this.grid.researched();
    this.showCount();
  }

  /** Say how many rows the search found (once known: the server counts a paged table's). */
  showCount() {
    const found = this.grid.matched;
    this.searchStatus.textContent = !this.grid.search ? ""
      : found >= 0 ? `${found} ${found === 1 ? "row" : "rows"}` : "Searching…";
  }

  // --- fullscreen ---------------------------------------------------------------------------

  toggleFullscreen() {
    const host = this.grid.host;
    const on = !host.classList.contains("rillet-grid-fullscreen");
    host.classList.toggle("rillet-grid-fullscreen", on);
    this.fullscreenButton.replaceChildren(icon(on ? "collapse" : "expand"));
    const label = on ? "Close fullscreen" : "Fullscreen";
    this.fullscreenButton.setAttribute("aria-label", label);
    this.fullscreenButton.title = label;
    this.fullscreenButton.focus();
    this.grid.render();
  }

  /** @param {KeyboardEvent} event */
  escape(event) {
    if (event.key !== "Escape") return;
    if (!this.menu.hidden) {
      this.closeMenu();
      this.columnsButton.focus();
    } else if (!this.searchBox.hidden && this.searchBox.contains(/** @type {Node} */ (event.target))) {
      this.closeSearch();
      this.searchButton.focus();
    } else if (this.grid.host.classList.contains("rillet-grid-fullscreen")) {
      this.toggleFullscreen();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  // --- download -----------------------------------------------------------------------------

  /** Download every row, of the columns shown, as a CSV file made by the server. */
  async download() {
    const shown = this.grid.columns.map((_, c) => c)
      .filter((c) => !this.hidden.has(String(this.grid.columns[c].label ?? "")));
    const url = new URL(`_rillet/data/${encodeURIComponent(this.grid.dataId)}`, document.baseURI);
    url.searchParams.set("columns", shown.join(","));
    let session = "";
    try {
      session = sessionStorage.getItem(SESSION_KEY) ?? "";
    } catch {
      // storage blocked: the server refuses, and the console says so
    }
    const response = await fetch(url, { credentials: "same-origin", headers: { "X-Rillet-Session": session } });
    if (!response.ok) {
      console.error(`rillet: the table could not be downloaded (${response.status})`);
      return;
    }
    const disposition = response.headers.get("content-disposition") ?? "";
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "export.csv";
    const link = make("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}
