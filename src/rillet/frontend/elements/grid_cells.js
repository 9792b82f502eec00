// @ts-check
/**
 * How a grid cell shows its value, by the column's type (`st.column_config`): text, numbers
 * (formatted), checkboxes, links, images, chips for lists, JSON, progress bars, sparklines
 * (line, bar, area) and dates/times in a moment.js-style format. Everything is built as DOM
 * nodes from text, never as HTML, so cell values cannot inject markup.
 * @module elements/grid_cells
 */

import { make } from "../dom.js";
import { fillMediaCell, markdownText } from "./grid_media_cells.js";
import { formatNumber } from "./numberformat.js";

const SVG = "http://www.w3.org/2000/svg";
const SAFE_LINK = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^(https?:|data:image\/)/i;
const THEME_COLORS = ["red", "blue", "green", "orange", "violet", "gray", "grey", "yellow"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * A value the way Python prints it (the app's author wrote it in Python).
 * @param {unknown} value
 * @param {string} placeholder
 * @returns {string}
 */
export function plainText(value, placeholder) {
  if (value === null || value === undefined) return placeholder;
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * @param {string} color a chart colour option
 * @returns {string} a CSS colour
 */
export function cssColor(color) {
  if (!color || color === "auto" || color === "auto-inverse" || color === "primary") {
    return "var(--rl-primary)";
  }
  if (THEME_COLORS.includes(color)) return `var(--rl-${color === "grey" ? "gray" : color}, ${color})`;
  return color;
}

/**
 * Parse what the server sends for dates and times ("2024-05-01", "2024-05-01 13:45:00",
 * "13:45:00", ISO with a zone).
 * @param {unknown} value
 * @returns {Date | null}
 */
export function parseDate(value) {
  if (typeof value === "number") return new Date(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return new Date(`1970-01-01T${text}`);
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00` : text.replace(" ", "T"));
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (/** @type {number} */ n, width = 2) => String(n).padStart(width, "0");

/**
 * A date formatted with moment.js-style tokens (YYYY, YY, MMMM, MMM, MM, M, DD, D, dddd, ddd,
 * HH, H, hh, h, mm, m, ss, s, A, a); text in [brackets] is kept as is.
 * @param {Date} date
 * @param {string} pattern
 * @returns {string}
 */
export function formatPattern(date, pattern) {
  const h = date.getHours();
  /** @type {Record<string, string>} */
  const tokens = {
    YYYY: String(date.getFullYear()), YY: pad(date.getFullYear() % 100),
    MMMM: MONTHS[date.getMonth()], MMM: MONTHS[date.getMonth()].slice(0, 3),
    MM: pad(date.getMonth() + 1), M: String(date.getMonth() + 1),
    DD: pad(date.getDate()), D: String(date.getDate()),
    dddd: DAYS[date.getDay()], ddd: DAYS[date.getDay()].slice(0, 3),
    HH: pad(h), H: String(h), hh: pad(h % 12 || 12), h: String(h % 12 || 12),
    mm: pad(date.getMinutes()), m: String(date.getMinutes()),
    ss: pad(date.getSeconds()), s: String(date.getSeconds()),
    A: h < 12 ? "AM" : "PM", a: h < 12 ? "am" : "pm",
  };
  return pattern.replace(/\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a/g,
    (match, literal) => (literal !== undefined ? literal : tokens[match] ?? match));
}

/**
 * @param {Date} date
 * @returns {string} "3 days ago", "in 2 hours"
 */
function distance(date) {
  const seconds = (date.getTime() - Date.now()) / 1000;
  const units = /** @type {const} */ ([["year", 31536000], ["month", 2592000], ["day", 86400],
    ["hour", 3600], ["minute", 60], ["second", 1]]);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  }
  return "";
}

/**
 * @param {unknown} value
 * @param {string} type "date", "time" or "datetime"
 * @param {string | undefined} format
 * @returns {string}
 */
export function formatDate(value, type, format) {
  const date = parseDate(value);
  if (!date) return String(value);
  if (format === "iso8601") {
    if (type === "date") return formatPattern(date, "YYYY-MM-DD");
    if (type === "time") return formatPattern(date, "HH:mm:ss");
    return date.toISOString();
  }
  if (format === "localized") {
    if (type === "date") return date.toLocaleDateString();
    if (type === "time") return date.toLocaleTimeString();
    return date.toLocaleString();
  }
  if (format === "distance" || format === "calendar") return distance(date);
  if (format) return formatPattern(date, format);
  if (type === "date") return formatPattern(date, "YYYY-MM-DD");
  if (type === "time") return formatPattern(date, "HH:mm:ss");
  return formatPattern(date, "YYYY-MM-DD HH:mm:ss");
}

/**
 * A link's shown text: `display_text` as is, or its first capturing group's match in the URL.
 * @param {string} url
 * @param {string | undefined} display
 * @returns {string}
 */
export function linkText(url, display) {
  if (!display) return url;
  if (!display.includes("(")) return display;
  try {
    const match = new RegExp(display).exec(url);
    return match ? (match[1] ?? match[0]) : url;
  } catch {
    return display;
  }
}

/**
 * @param {unknown} value
 * @param {Record<string, any>} column
 * @returns {string} the text of a selectbox option (its label when the app gave one)
 */
export function optionLabel(value, column) {
  const options = Array.isArray(column.config?.options) ? column.config.options : [];
  const found = options.find((/** @type {any} */ o) => o && o.value === value);
  return found ? String(found.label ?? found.value) : plainText(value, "");
}

/**
 * A sparkline of `values` as inline SVG.
 * @param {number[]} values
 * @param {string} type "line_chart", "bar_chart" or "area_chart"
 * @param {Record<string, any>} config y_min, y_max, color
 * @returns {SVGSVGElement}
 */
function sparkline(values, type, config) {
  const width = 100;
  const height = 24;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("class", "rillet-grid-spark");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${type.replace("_", " ")}: ${values.join(", ")}`);
  const numbers = values.filter((v) => Number.isFinite(v));
  if (!numbers.length) return svg;
  const low = Number.isFinite(config.y_min) ? config.y_min : Math.min(...numbers, type === "bar_chart" ? 0 : Infinity);
  const high = Number.isFinite(config.y_max) ? config.y_max : Math.max(...numbers);
  const span = high - low || 1;
  const y = (/** @type {number} */ v) => height - ((Math.min(Math.max(v, low), high) - low) / span) * (height - 2) - 1;
  const color = cssColor(config.color);
  if (type === "bar_chart") {
    const step = width / values.length;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const bar = document.createElementNS(SVG, "rect");
      bar.setAttribute("x", String(i * step + step * 0.1));
      bar.setAttribute("width", String(step * 0.8));
      bar.setAttribute("y", String(y(v)));
      bar.setAttribute("height", String(Math.max(0, height - y(v))));
      bar.setAttribute("fill", color);
      svg.append(bar);
    });
    return svg;
  }
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(i * step).toFixed(2)},${y(Number.isFinite(v) ? v : low).toFixed(2)}`);
  if (type === "area_chart") {
    const area = document.createElementNS(SVG, "polygon");
    area.setAttribute("points", `0,${height} ${points.join(" ")} ${width},${height}`);
    area.setAttribute("fill", color);
    area.setAttribute("fill-opacity", "0.3");
    svg.append(area);
  }
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", points.join(" "));
  line.setAttribute("fill", "none");
  line.setAttribute("stroke", color);
  line.setAttribute("stroke-width", "1.5");
  line.setAttribute("vector-effect", "non-scaling-stroke");
  svg.append(line);
  return svg;
}

/**
 * A cell's value as text: what sizing, copying (TSV), search and CSV use.
 * @param {unknown} value
 * @param {Record<string, any>} column
 * @param {string} placeholder
 * @returns {string}
 */
export function cellText(value, column, placeholder) {
  if (value === null || value === undefined) return placeholder;
  const type = column.type;
  if (typeof value === "number" && (!type || type === "number" || type === "progress")) {
    return formatNumber(value, column.format);
  }
  if (type === "date" || type === "time" || type === "datetime") {
    return formatDate(value, type, column.format ?? column.config?.format);
  }
  if (type === "selectbox") return optionLabel(value, column);
  if (type === "markdown" && typeof value === "string") return markdownText(value);
  if (type === "link" && typeof value === "string") return linkText(value, column.config?.display_text);
  if (Array.isArray(value) && type !== "json") return value.map((v) => plainText(v, "")).join(", ");
  return plainText(value, placeholder);
}

/**
 * Fill `cell` with the shown form of `value`.
 * @param {HTMLElement} cell
 * @param {unknown} value
 * @param {Record<string, any>} column
 * @param {string} placeholder
 */
export function fillCell(cell, value, column, placeholder) {
  const type = column.type ?? (column.kind === "bool" ? "checkbox" : undefined);
  const config = column.config ?? {};
  if (value === null || value === undefined) {
    cell.textContent = placeholder;
    cell.classList.add("rillet-null");
    return;
  }
  if (fillMediaCell(cell, value, column)) return;
  if (type === "checkbox") {
    const box = make("input", "rillet-grid-check");
    box.type = "checkbox";
    box.checked = Boolean(value);
    box.tabIndex = -1;
    box.setAttribute("aria-label", String(column.label ?? ""));
    box.disabled = true;
    cell.append(box);
    return;
  }
  if (type === "link" && typeof value === "string") {
    const text = linkText(value, config.display_text);
    if (SAFE_LINK.test(value)) {
      const a = make("a", "rillet-grid-link", text);
      a.href = value;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.tabIndex = -1;
      cell.append(a);
    } else {
      cell.textContent = text;
    }
    return;
  }
  if (type === "image" && typeof value === "string") {
    if (SAFE_IMAGE.test(value)) {
      const img = make("img", "rillet-grid-image");
      img.src = value;
      img.alt = "";
      img.loading = "lazy";
      cell.append(img);
    } else {
      cell.textContent = value;
    }
    return;
  }
  if ((type === "list" || type === "multiselect") && Array.isArray(value)) {
    for (const item of value) {
      const chip = make("span", "rillet-grid-chip", type === "multiselect" ? optionLabel(item, column) : plainText(item, ""));
      cell.append(chip);
    }
    return;
  }
  if ((type === "line_chart" || type === "bar_chart" || type === "area_chart") && Array.isArray(value)) {
    cell.append(sparkline(value.map(Number), type, config));
    return;
  }
  if (type === "progress" && typeof value === "number") {
    const low = Number.isFinite(config.min_value) ? config.min_value : 0;
    const high = Number.isFinite(config.max_value) ? config.max_value : (value <= 1 && value >= 0 && low === 0 ? 1 : 100);
    const fraction = Math.min(1, Math.max(0, (value - low) / ((high - low) || 1)));
    const bar = make("div", "rillet-grid-progress");
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-valuemin", String(low));
    bar.setAttribute("aria-valuemax", String(high));
    bar.setAttribute("aria-valuenow", String(value));
    const fill = make("div", "rillet-grid-progress-fill");
    fill.style.width = `${(fraction * 100).toFixed(1)}%`;
    fill.style.background = cssColor(config.color);
    bar.append(fill);
    cell.append(bar, make("span", "rillet-grid-progress-text", formatNumber(value, column.format)));
    return;
  }
  if (type === "json") {
    cell.textContent = typeof value === "string" ? value : JSON.stringify(value);
    cell.classList.add("rillet-grid-json");
    return;
  }
  cell.textContent = cellText(value, column, placeholder);
}
