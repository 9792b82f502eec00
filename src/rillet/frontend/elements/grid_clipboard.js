// @ts-check
/**
 * Copy and paste in the grid, as tab-separated text (what spreadsheets put on the
 * clipboard): Ctrl/Cmd+C copies the range of cells (any grid), Ctrl/Cmd+V in
 * `st.data_editor` pastes a block with its top left at the focus cell, as one message.
 * The browser's `copy` and `paste` events carry the text; where a focused cell gets none,
 * the asynchronous clipboard is used instead.
 * @module elements/grid_clipboard
 */

import { parseText, toText } from "./grid_inputs.js";

/** @typedef {import("./grid.js").Grid} Grid */
/** @typedef {import("./grid_edit.js").GridEditor} GridEditor */

/**
 * @param {string} text
 * @returns {string} `text` quoted when a tab, newline or quote would break the TSV
 */
function quoted(text) {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * @param {string[][]} rows
 * @returns {string}
 */
export function toTsv(rows) {
  return rows.map((row) => row.map(quoted).join("\t")).join("\n");
}

/**
 * Rows of cells from TSV: quoted cells may hold tabs, newlines and doubled quotes; a final
 * line break ends the block and adds no row.
 * @param {string} text
 * @returns {string[][]}
 */
export function parseTsv(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let cell = "";
  let quotedCell = false;
  for (let k = 0; k < text.length; k += 1) {
    const ch = text[k];
    if (quotedCell) {
      if (ch === '"' && text[k + 1] === '"') { cell += '"'; k += 1; }
      else if (ch === '"') quotedCell = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") {
      quotedCell = true;
    } else if (ch === "\t") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[k + 1] === "\n") k += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * The range of cells as TSV, values as their editors show them (so a paste reads them back).
 * @param {Grid} grid
 * @returns {string}
 */
export function rangeText(grid) {
  const { top, bottom, left, right } = grid.keys.range;
  /** @type {string[][]} */
  const rows = [];
  for (let i = top; i <= bottom; i += 1) {
    const cells = grid.rowAt(i);
    const position = grid.positionOf(i, cells);
    /** @type {string[]} */
    const texts = [];
    for (let c = left; c <= right; c += 1) {
      const value = grid.editor ? grid.editor.valueAt(position, c, cells) : cells?.[c];
      texts.push(toText(value, grid.columns[c] ?? {}));
    }
    rows.push(texts);
  }
  return toTsv(rows);
}

/**
 * @param {EventTarget | null} target
 * @returns {boolean} whether the event belongs to a text control (an open cell editor)
 */
function inControl(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement
    || target instanceof HTMLTextAreaElement;
}

/**
 * Paste a block of text cells with its top left at shown row `i`, column `c`. Rows past
 * the end are added when the editor may add rows; otherwise the whole block is refused.
 * @param {GridEditor} editor
 * @param {string[][]} block
 * @param {number} i
 * @param {number} c
 */
export function pasteBlock(editor, block, i, c) {
  if (!block.length || editor.props.disabled) return;
  const width = Math.max(...block.map((r) => r.length));
  if (c + width > editor.grid.columns.length) {
    editor.say(`Not pasted: the block is ${width} columns wide and only ${editor.grid.columns.length - c} fit from here.`);
    return;
  }
  const room = editor.rowTotal - i;
  if (block.length > room && !editor.canAdd) {
    editor.say(`Not pasted: the block has ${block.length} rows and only ${room} fit from here; this table cannot grow.`);
    return;
  }
  /** @type {import("./grid_edit.js").CellEdit[]} */
  const sets = [];
  /** @type {Record<string, unknown>[]} */
  const adds = [];
  block.forEach((texts, r) => {
    const cells = r < room ? editor.grid.rowAt(i + r) : undefined;
    const position = r < room ? editor.grid.positionOf(i + r, cells) : -1;
    /** @type {Record<string, unknown>} */
    const added = {};
    texts.forEach((text, k) => {
      const name = editor.props.names?.[c + k];
      if (name == null || !editor.grid.columns[c + k]?.editable) return;
      const value = parseText(text, editor.grid.columns[c + k]);
      if (r >= room) added[name] = value;
      else if (position >= 0) sets.push([position, String(name), value]);
    });
    if (r >= room) adds.push(added);
  });
  // One message: the changed cells and the added rows together.
  if (adds.length) editor.addRows(adds, sets);
  else if (sets.length) editor.change(sets);
}


/**
 * Copy and paste for `grid`.
 * @param {Grid} grid
 */
export function attachClipboard(grid) {
  let handled = false;
  /** @param {string} text */
  const paste = (text) => {
    if (!grid.editor) return;
    const { top, left } = grid.keys.range;
    pasteBlock(grid.editor, parseTsv(text), top, left);
  };
  grid.scroller.addEventListener("copy", (event) => {
    if (inControl(event.target)) return;
    handled = true;
    event.clipboardData?.setData("text/plain", rangeText(grid));
    event.preventDefault();
  });
  grid.scroller.addEventListener("paste", (event) => {
    if (inControl(event.target) || !grid.editor) return;
    handled = true;
    paste(event.clipboardData?.getData("text/plain") ?? "");
    event.preventDefault();
  });
  grid.scroller.addEventListener("keydown", (event) => {
    const key = event.key.toLowerCase();
    if (!(event.ctrlKey || event.metaKey) || (key !== "c" && key !== "v") || inControl(event.target)) return;
    handled = false;
    // The copy or paste event, when the browser sends one, comes right after this key.
    setTimeout(() => {
      if (handled || !navigator.clipboard) return;
      if (key === "c") navigator.clipboard.writeText(rangeText(grid)).catch(() => {});
      else if (grid.editor) navigator.clipboard.readText().then(paste, () => grid.editor?.say("The clipboard could not be read."));
    }, 0);
  });
}
