// @ts-check
/**
 * Date and time widgets: date_input (a text box in the widget's format with a button that
 * opens the themed calendar of calendar.js; two boxes for a range, picked in one calendar) and
 * time_input (a combobox of times of day, see buildTimeInput).
 * Also the Moment.js-style formatter that date, time and datetime sliders label their values
 * with. Dates travel as ISO strings ("2024-05-17"), times as "HH:MM".
 * @module elements/dates
 */

import { asText, labelRow, make, updateLabelRow, uniqueId } from "../dom.js";
import { isInForm } from "../forms.js";
import { openCalendar } from "./calendar.js";
import { receive, widget } from "./choicebase.js";
import { buildCombobox } from "./combobox.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MOMENT_TOKENS =
  /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a/g;

/**
 * @param {number} n
 * @param {number} [width]
 * @returns {string}
 */
const pad = (n, width = 2) => String(n).padStart(width, "0");

/** @param {number} n */
function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

/**
 * Format wall-clock milliseconds since the epoch with Moment.js tokens ("YYYY-MM-DD",
 * "MMM D, YYYY", "hh:mm A", "[Week of] D MMM"); text in brackets is copied as is.
 * @param {number} ms
 * @param {string} pattern
 * @returns {string}
 */
export function formatMoment(ms, pattern) {
  const d = new Date(ms);
  const hour = d.getUTCHours();
  /** @type {Record<string, () => string>} */
  const parts = {
    YYYY: () => pad(d.getUTCFullYear(), 4),
    YY: () => pad(d.getUTCFullYear() % 100),
    MMMM: () => MONTHS[d.getUTCMonth()],
    MMM: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    MM: () => pad(d.getUTCMonth() + 1),
    M: () => String(d.getUTCMonth() + 1),
    Do: () => ordinal(d.getUTCDate()),
    DD: () => pad(d.getUTCDate()),
    D: () => String(d.getUTCDate()),
    dddd: () => DAYS[d.getUTCDay()],
    ddd: () => DAYS[d.getUTCDay()].slice(0, 3),
    dd: () => DAYS[d.getUTCDay()].slice(0, 2),
    d: () => String(d.getUTCDay()),
    HH: () => pad(hour),
    H: () => String(hour),
    hh: () => pad(hour % 12 || 12),
    h: () => String(hour % 12 || 12),
    mm: () => pad(d.getUTCMinutes()),
    m: () => String(d.getUTCMinutes()),
    ss: () => pad(d.getUTCSeconds()),
    s: () => String(d.getUTCSeconds()),
    SSS: () => pad(d.getUTCMilliseconds(), 3),
    A: () => (hour < 12 ? "AM" : "PM"),
    a: () => (hour < 12 ? "am" : "pm"),
  };
  return pattern.replace(MOMENT_TOKENS, (token, literal) =>
    literal !== undefined ? literal : parts[token]());
}

// --- date_input ----------------------------------------------------------------------------

/**
 * The order of the parts and the separator of a format such as "DD.MM.YYYY".
 * @param {unknown} format
 * @returns {{order: string[], sep: string}}
 */
function dateLayout(format) {
  const text = typeof format === "string" ? format : "YYYY/MM/DD";
  return { order: text.split(/[/.-]/), sep: text.match(/[/.-]/)?.[0] ?? "/" };
}

/**
 * An ISO date as the widget's format shows it.
 * @param {string | null | undefined} iso
 * @param {unknown} format
 * @returns {string}
 */
export function showDate(iso, format) {
  if (!iso) return "";
  const [year, month, day] = iso.split("-");
  /** @type {Record<string, string>} */
  const parts = { YYYY: year, MM: month, DD: day };
  const { order, sep } = dateLayout(format);
  return order.map((p) => parts[p] ?? "").join(sep);
}

/**
 * Typed text in the widget's format (any of / . - between the parts, single digits allowed)
 * as an ISO date; null for nothing, undefined for text that is no real date.
 * @param {string} text
 * @param {unknown} format
 * @returns {string | null | undefined}
 */
export function readDate(text, format) {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const pieces = trimmed.split(/\s*[/.\-]\s*/);
  const { order } = dateLayout(format);
  if (pieces.length !== 3 || !pieces.every((p) => /^\d+$/.test(p))) return undefined;
  /** @type {Record<string, number>} */
  const value = {};
  order.forEach((part, i) => { value[part] = Number(pieces[i]); });
  const { YYYY: y, MM: m, DD: d } = value;
  if (String(pieces[order.indexOf("YYYY")]).length !== 4) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** @returns {SVGSVGElement} a small calendar drawn inline (no icon font is shipped) */
function calendarIcon() {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("class", "rillet-calendar-icon");
  svg.setAttribute("aria-hidden", "true");
  for (const d of ["M4 5h12v11H4z", "M4 8.5h12", "M7 3v3.5M13 3v3.5"]) {
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}

/** One date box: the text field and the button that opens the calendar. */
function dateField() {
  const box = make("div", "rillet-field rillet-date-field");
  const input = make("input");
  input.type = "text";
  input.autocomplete = "off";
  const button = make("button", "rillet-calendar-button");
  button.type = "button";
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  button.append(calendarIcon());
  box.append(input, button);
  return { box, input, button };
}

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildDateInput(dom, el, ctx) {
  const isRange = Boolean(el.props?.is_range);
  const id = uniqueId("date");
  const { row, label } = labelRow(isRange ? null : id);
  const group = make("div", "rillet-date-group");
  const error = make("div", "rillet-field-error");
  error.id = `${id}-error`;
  error.hidden = true;
  const fields = (isRange ? ["start", "end"] : [""]).map(dateField);
  fields.forEach((f) => group.append(f.box));
  if (isRange) {
    label.id = `${id}-label`;
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", label.id);
  } else {
    fields[0].input.id = id;
  }
  dom.append(row, group, error);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};

  /** @param {any} value */
  const write = (value) => {
    const dates = Array.isArray(value) ? value : [value];
    fields.forEach((f, i) => { f.input.value = showDate(dates[i], props.format); });
    showError(false);
  };
  /** @param {boolean} shown */
  const showError = (shown) => {
    const { sep, order } = dateLayout(props.format);
    const bounds = `${showDate(props.min, props.format)} and ${showDate(props.max, props.format)}`;
    error.textContent = `Enter a date as ${order.join(sep)} between ${bounds}.`;
    error.hidden = !shown;
    for (const f of fields) {
      f.input.setAttribute("aria-invalid", shown ? "true" : "false");
      if (shown) f.input.setAttribute("aria-describedby", error.id);
      else f.input.removeAttribute("aria-describedby");
    }
  };
  /**
   * @param {boolean} settle the user is done (Enter, leaving, a pick): show the dates in the
   *   widget's format, and put the last value back when a required date was cleared
   */
  const commit = (settle) => {
    const dates = fields.map((f) => readDate(f.input.value, props.format));
    const inBounds = (/** @type {string | null | undefined} */ d) =>
      d == null || (d >= props.min && d <= props.max);
    if (dates.some((d) => d === undefined || !inBounds(d))) {
      showError(true);
      return;
    }
    showError(false);
    /** @type {any} */
    let value;
    if (isRange) {
      value = /** @type {string[]} */ (dates.filter(Boolean)).sort();
    } else if (dates[0] === null && !props.clearable) {
      if (settle) write(state.last);
      return;
    } else {
      value = dates[0];
    }
    if (settle) write(value);
    if (JSON.stringify(value) === JSON.stringify(state.last)) return;
    state.last = value;
    ctx.sendValue(asText(el.id), value);
  };

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      const name = asText(props.label);
      fields.forEach((f, i) => {
        const part = isRange ? ` ${i === 0 ? "start" : "end"}` : "";
        if (isRange) f.input.setAttribute("aria-label", `${name}${part}`);
        f.button.setAttribute("aria-label", `Choose ${name}${part} from a calendar`);
        f.input.placeholder = dateLayout(props.format).order.join(dateLayout(props.format).sep);
        f.input.disabled = Boolean(props.disabled);
        f.button.disabled = Boolean(props.disabled);
      });
      if (props.disabled) calendar?.close(false);
      receive(state, fields.map((f) => f.input), props.value ?? (isRange ? [] : null), write);
    },
  };

  /** @type {import("./calendar.js").Calendar | null} */
  let calendar = null;
  /** @returns {string[]} the days the boxes hold now, typed or received */
  const shownDates = () => /** @type {string[]} */ (fields
    .map((f) => readDate(f.input.value, props.format)).filter((d) => typeof d === "string"));
  /**
   * Open the calendar on the box's day; a range's calendar spans both boxes.
   * @param {number} at which box (0 start, 1 end)
   * @param {HTMLElement} opener
   * @param {boolean} focusGrid move focus into the grid (a button or arrow key opened it)
   */
  const open = (at, opener, focusGrid) => {
    const dates = shownDates();
    const anchor = isRange ? group : fields[at].box;
    calendar = openCalendar({
      anchor,
      opener,
      label: `${asText(props.label)} calendar`,
      min: asText(props.min),
      max: asText(props.max),
      selected: dates,
      focus: dates[Math.min(at, dates.length - 1)],
      range: isRange,
      onPick(picked) {
        fields.forEach((f, i) => { f.input.value = showDate(picked[i], props.format); });
        commit(true);
      },
      onClose() {
        calendar = null;
        fields.forEach((f) => f.button.setAttribute("aria-expanded", "false"));
      },
    });
    fields[at].button.setAttribute("aria-expanded", "true");
    if (!focusGrid) opener.focus();
  };
  fields.forEach((f, at) => {
    f.button.addEventListener("click", () => {
      if (calendar) calendar.close(false);
      else open(at, f.button, true);
    });
    // As in Streamlit a click in the box opens the calendar too; focus stays in the box.
    f.input.addEventListener("click", () => { if (!calendar && !f.input.disabled) open(at, f.input, false); });
    f.input.addEventListener("change", () => commit(true));
    f.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) {
        commit(true);
        calendar?.close(false);
      } else if (event.key === "ArrowDown" && !calendar) {
        event.preventDefault();
        open(at, f.input, true);
      } else if (event.key === "ArrowDown" && calendar) {
        event.preventDefault();
        /** @type {HTMLElement | null} */ (calendar.dialog.querySelector('[tabindex="0"]'))?.focus();
      } else if (event.key === "Escape" && calendar) {
        calendar.close(false);
      }
    });
    f.input.addEventListener("input", () => {
      calendar?.select(shownDates());
      if (isInForm(dom)) commit(false);
    });
  });
  return state;
}

// --- time_input ----------------------------------------------------------------------------

/**
 * A time of day ("HH:MM" or "HH:MM:SS") as the widget's `format` shows it: "24h" (Streamlit's
 * default) "14:05", "12h" "2:05 PM", "localized" as the browser's locale writes times.
 * @param {string} wire
 * @param {unknown} format
 * @returns {string}
 */
export function showTime(wire, format) {
  const [h, m, sec] = wire.split(":").map(Number);
  const seconds = sec ? `:${String(sec).padStart(2, "0")}` : "";
  const mm = String(m).padStart(2, "0");
  if (format === "12h") return `${h % 12 || 12}:${mm}${seconds} ${h < 12 ? "AM" : "PM"}`;
  if (format === "localized") {
    const options = /** @type {Intl.DateTimeFormatOptions} */ (
      { hour: "numeric", minute: "2-digit", ...(sec ? { second: "2-digit" } : {}) });
    return new Date(2000, 0, 1, h, m, sec || 0).toLocaleTimeString(undefined, options);
  }
  return `${String(h).padStart(2, "0")}:${mm}${seconds}`;
}

/**
 * A typed time ("9:30", "0930", "9:30 pm", "21:30:15") as "HH:MM[:SS]", or null.
 * @param {string} text
 * @returns {string | null}
 */
export function readTime(text) {
  const match = /^(\d{1,2})(?::?(\d{2}))?(?::(\d{2}))?\s*([ap])?\.?\s*m?\.?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const [minute, second] = [Number(match[2] ?? 0), Number(match[3] ?? 0)];
  const half = match[4]?.toLowerCase();
  if (half && (hour < 1 || hour > 12)) return null;
  if (half === "p" && hour < 12) hour += 12;
  if (half === "a" && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${two(hour)}:${two(minute)}${second ? `:${two(second)}` : ""}`;
}

/**
 * The time input, as Streamlit's: a combobox listing the times of day `step` apart in the
 * widget's `format` (24-hour by default), filtered by typing; any other typed time is taken
 * too. The combobox sends an option's index or the typed text: both become "HH:MM" here.
 * @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState}
 */
export function buildTimeInput(dom, el, ctx) {
  /** @type {Record<string, any>} */
  let props = el.props ?? {};
  /** @type {string[]} */
  let times = [];
  /** @type {string | null} the time last sent or received */
  let current = null;

  /** @param {Element} next */
  const asChoices = (next) => {
    props = next.props ?? {};
    const step = Math.max(60, Number(props.step) > 0 ? Number(props.step) : 900);
    times = [];
    for (let s = 0; s < 86400; s += step) {
      const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
      const sec = s % 60;
      times.push(`${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}${sec ? `:${two(sec)}` : ""}`);
    }
    const wire = props.value == null ? null : asText(props.value);
    const at = wire === null ? -1 : times.indexOf(wire);
    return {
      ...next,
      props: {
        ...props,
        options: times.map((t) => showTime(t, props.format)),
        value: wire === null ? null : at >= 0 ? at : showTime(wire, props.format),
        accept_new_options: true,
        filter_mode: "contains",
        placeholder: props.placeholder ?? "Choose a time",
      },
    };
  };

  /** @type {RenderContext} */
  const timeCtx = {
    ...ctx,
    sendValue(widgetId, value) {
      const wire = value === null ? null
        : typeof value === "number" ? times[value] ?? null : readTime(asText(value));
      if (wire === null && !(value === null && props.clearable)) {
        // Not a time: the last one comes back.
        inner.update(asChoices({ ...el, props: { ...props, value: current } }));
        return;
      }
      current = wire;
      ctx.sendValue(widgetId, wire);
    },
  };
  const inner = buildCombobox(dom, asChoices(el), timeCtx, false);
  return {
    last: null,
    update(next) {
      current = next.props?.value == null ? null : asText(next.props.value);
      inner.update(asChoices(next));
    },
  };
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  date_input: widget("rillet-date-input", buildDateInput),
  time_input: widget("rillet-time-input", buildTimeInput),
};
