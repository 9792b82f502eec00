// @ts-check
/**
 * The cell editors of `st.data_editor`, one per column type, built from native controls (so
 * the browser's own date and time pickers, number steppers and keyboard handling come with
 * them); the reading of pasted text per column type; and the marks of edited rows and
 * cells (read-only, refused, deleted, picked for deletion, open in an editor). Values leave here in the shapes
 * the server checks: numbers, booleans, strings, lists of strings, and dates and times as
 * ISO text ("2024-05-01", "13:45:00", "2024-05-01 13:45:00").
 * @module elements/grid_inputs
 */

import { make } from "../dom.js";
import { parseDate } from "./grid_cells.js";

/**
 * @param {Record<string, any>} column
 * @returns {string} what the column holds, as the cell editors know it
 */
export function editType(column) {
  if (column.type) return String(column.type);
  return { number: "number", bool: "checkbox", datetime: "datetime" }[String(column.kind)] ?? "text";
}

/** @typedef {import("./grid_edit.js").GridEditor} GridEditor */

const TRUE = /^(true|yes|y|1|x|on|✓)$/i;
const FALSE = /^(false|no|n|0|off|)$/i;
const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");

/**
 * @param {Record<string, any>} column
 * @returns {{value: unknown, label: string}[]}
 */
function options(column) {
  const given = Array.isArray(column.config?.options) ? column.config.options : [];
  return given.map((/** @type {any} */ o) => ({ value: o?.value, label: String(o?.label ?? o?.value) }));
}

/**
 * A value as the text its editor starts with, and the text a copy puts on the clipboard.
 * @param {unknown} value
 * @param {Record<string, any>} column
 * @returns {string}
 */
export function toText(value, column) {
  if (value === null || value === undefined) return "";
  const type = editType(column);
  if (Array.isArray(value)) {
    const labels = type === "multiselect" ? options(column) : [];
    return value.map((v) => labels.find((o) => o.value === v)?.label ?? String(v)).join(", ");
  }
  if (type === "selectbox") return options(column).find((o) => o.value === value)?.label ?? String(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Text (typed or pasted) as a value of the column's type. Text that does not read as one is
 * passed on as it is: the server refuses it and the cell is marked with the reason.
 * @param {string} text
 * @param {Record<string, any>} column
 * @returns {unknown}
 */
export function parseText(text, column) {
  const type = editType(column);
  const trimmed = text.trim();
  if (type === "text" || type === "link") return text;
  if (trimmed === "" && type !== "checkbox") return null;
  if (type === "number") {
    const number = Number(trimmed.replace(/[,_\s]/g, ""));
    return Number.isFinite(number) ? number : text;
  }
  if (type === "checkbox") return TRUE.test(trimmed) ? true : FALSE.test(trimmed) ? false : text;
  if (type === "selectbox") {
    const found = options(column).find((o) => String(o.value) === trimmed || o.label === trimmed);
    return found ? found.value : text;
  }
  if (type === "list" || type === "multiselect") {
    const items = trimmed.split(",").map((s) => s.trim()).filter(Boolean);
    if (type === "list") return items;
    return items.map((item) => options(column).find((o) => String(o.value) === item || o.label === item)?.value ?? item);
  }
  if (type === "date" || type === "time" || type === "datetime") return isoText(trimmed, type) ?? text;
  return text;
}

/**
 * @param {unknown} value
 * @param {string} type "date", "time" or "datetime"
 * @returns {string | null} ISO text the server reads, or null when `value` is no moment
 */
function isoText(value, type) {
  const date = parseDate(value);
  if (!date) return null;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return type === "date" ? day : type === "time" ? time : `${day} ${time}`;
}

/**
 * The editor of one cell.
 * @param {Record<string, any>} column
 * @param {unknown} value the cell's value
 * @param {string} [typed] a key typed on the cell: a text editor starts with it instead
 * @returns {{node: HTMLElement, read: () => unknown}}
 */
export function editorControl(column, value, typed) {
  const type = editType(column);
  const config = column.config ?? {};
  const label = String(column.label ?? "");
  if (type === "selectbox" || type === "multiselect") {
    const select = make("select", "rillet-grid-editor");
    select.multiple = type === "multiselect";
    const choices = options(column);
    if (!select.multiple && !column.required) select.append(make("option", undefined, ""));
    const chosen = Array.isArray(value) ? value : [value];
    choices.forEach((choice, k) => {
      const option = make("option", undefined, choice.label);
      option.value = String(k);
      option.selected = chosen.includes(choice.value);
      select.append(option);
    });
    if (select.multiple) select.size = Math.min(6, Math.max(2, choices.length));
    select.setAttribute("aria-label", label);
    const picked = () => [...select.selectedOptions].filter((o) => o.value !== "").map((o) => choices[Number(o.value)].value);
    return { node: select, read: () => (select.multiple ? picked() : picked()[0] ?? null) };
  }
  const input = make("input", "rillet-grid-editor");
  input.setAttribute("aria-label", label);
  const typing = typed !== undefined && typed.length === 1;
  if (type === "number") {
    input.type = "number";
    if (config.min_value != null) input.min = String(config.min_value);
    if (config.max_value != null) input.max = String(config.max_value);
    input.step = config.step != null ? String(config.step) : column.kind === "int" ? "1" : "any";
    input.value = typing && /[\d.-]/.test(String(typed)) ? String(typed) : value == null ? "" : String(value);
    return { node: input, read: () => (input.value === "" ? (input.validity.badInput ? "not a number" : null) : Number(input.value)) };
  }
  if (type === "date" || type === "time" || type === "datetime") {
    input.type = type === "datetime" ? "datetime-local" : type;
    if (type !== "date") input.step = "1";
    const iso = isoText(value, type);
    input.value = iso ? iso.replace(" ", "T") : "";
    return { node: input, read: () => (input.value ? isoText(input.value, type) : null) };
  }
  input.type = type === "link" ? "url" : "text";
  if (config.max_chars != null) input.maxLength = Number(config.max_chars);
  input.value = typing ? String(typed) : toText(value, column);
  if (type === "list") return { node: input, read: () => parseText(input.value, column) };
  return { node: input, read: () => (input.value === "" && value == null ? null : input.value) };
}

/**
 * Mark a drawn row: deleted (sorted view), picked for deletion, and the picker itself.
 * @param {GridEditor} editor
 * @param {HTMLElement} row
 * @param {number} position
 */
export function markRow(editor, row, position) {
  if (position < 0) return;
  if (editor.deleted.includes(position)) row.classList.add("rillet-grid-deleted");
  if (!editor.canDelete) return;
  row.setAttribute("aria-selected", String(editor.marked.has(position)));
  const first = /** @type {HTMLElement | null} */ (row.firstElementChild);
  if (!first) return;
  const pick = make("input", "rillet-grid-pick");
  pick.type = "checkbox";
  pick.tabIndex = -1;
  pick.checked = editor.marked.has(position);
  pick.setAttribute("aria-label", `Select row ${position + 1}`);
  pick.addEventListener("click", (event) => {
    event.stopPropagation();
    editor.toggleMark(position);
  });
  first.prepend(pick);
}

/**
 * Mark a drawn cell: read-only, refused (with the reason), or open in its editor.
 * @param {GridEditor} editor
 * @param {HTMLElement} cell
 * @param {number} position
 * @param {number} c
 */
export function markCell(editor, cell, position, c) {
  const name = editor.props.names?.[c];
  if (!editor.editable(c)) {
    cell.setAttribute("aria-readonly", "true");
    if (name != null) cell.classList.add("rillet-grid-readonly");
  }
  const box = cell.querySelector(".rillet-grid-check");
  if (box instanceof HTMLInputElement) box.disabled = !editor.editable(c);
  const reason = name != null ? editor.invalid.get(`${position}|${name}`) : undefined;
  if (reason) {
    cell.classList.add("rillet-grid-invalid");
    cell.setAttribute("aria-invalid", "true");
    cell.setAttribute("aria-description", reason);
    cell.title = reason;
  }
  if (editor.editing && editor.editing.position === position && editor.editing.c === c) {
    cell.replaceChildren(editor.editing.node);
    cell.classList.add("rillet-grid-editing");
  }
}
