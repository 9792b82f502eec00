// @ts-check
/**
 * `datetime_input`: one text box holding a date in the widget's format and a time
 * ("2025/03/14 09:30"), with a button (or a click in the box) that opens the themed calendar
 * of calendar.js with time_input's list of times `step` apart under it, as Streamlit shows
 * them: a picked day keeps the time and the calendar open, a picked time closes it. Typed text is
 * checked as it is committed (Enter, leaving the box, a pick); text that is no date and time,
 * or lies outside the bounds, is marked invalid with a message and never sent. Values travel
 * as "YYYY-MM-DDTHH:MM", as in Streamlit.
 * @module elements/datetimes
 */

import { asText, labelRow, make, uniqueId, updateLabelRow } from "../dom.js";
import { isInForm } from "../forms.js";
import { openCalendar } from "./calendar.js";
import { receive, widget } from "./choicebase.js";
import { buildTimeInput, readDate, showDate } from "./dates.js";

/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

/**
 * A wire value ("2025-03-14T09:30") as the box shows it ("2025/03/14 09:30").
 * @param {string | null | undefined} wire
 * @param {unknown} format
 * @returns {string}
 */
export function showDateTime(wire, format) {
  if (!wire) return "";
  const [day, clock] = wire.split("T");
  return `${showDate(day, format)} ${clock ?? "00:00"}`;
}

/**
 * Typed text as a wire value: null for nothing, undefined for text that is no date and time.
 * The time may be left out (midnight) and may have one hour digit.
 * @param {string} text
 * @param {unknown} format
 * @returns {string | null | undefined}
 */
export function readDateTime(text, format) {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = trimmed.match(/^(\S+?)(?:[\sT,]+(\d{1,2}):(\d{2}))?$/);
  if (!match) return undefined;
  const day = readDate(match[1], format);
  if (!day) return undefined;
  const hours = Number(match[2] ?? 0);
  const minutes = Number(match[3] ?? 0);
  if (hours > 23 || minutes > 59) return undefined;
  return `${day}T${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** @returns {SVGSVGElement} a calendar with a clock hand, drawn inline (no icon font) */
function calendarClockIcon() {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("class", "rillet-calendar-icon");
  svg.setAttribute("aria-hidden", "true");
  for (const d of ["M4 5h12v4.5M4 5v11h5", "M4 8.5h12", "M7 3v3.5M13 3v3.5",
    "M14 10.5a3.75 3.75 0 1 0 0.01 0M14 12.5v2l1.3 0.9"]) {
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}

/** @type {import("./choicebase.js").Build} */
function buildDateTimeInput(dom, el, ctx) {
  const id = uniqueId("datetime");
  const { row, label } = labelRow(id);
  const box = make("div", "rillet-field rillet-date-field");
  const input = make("input");
  input.type = "text";
  input.id = id;
  input.autocomplete = "off";
  const button = make("button", "rillet-calendar-button");
  button.type = "button";
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  button.append(calendarClockIcon());
  box.append(input, button);
  const error = make("div", "rillet-field-error");
  error.id = `${id}-error`;
  error.hidden = true;
  dom.append(row, box, error);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};

  /** @param {boolean} shown */
  const showError = (shown) => {
    const bounds = `${showDateTime(props.min, props.format)} and `
      + `${showDateTime(props.max, props.format)}`;
    error.textContent = `Enter a date and time as ${asText(props.format)} HH:MM between ${bounds}.`;
    error.hidden = !shown;
    input.setAttribute("aria-invalid", shown ? "true" : "false");
    if (shown) input.setAttribute("aria-describedby", error.id);
    else input.removeAttribute("aria-describedby");
  };
  /** @param {any} value */
  const write = (value) => {
    input.value = showDateTime(value, props.format);
    showError(false);
  };
  /**
   * @param {boolean} settle the user is done (Enter, leaving, a pick): show the value in the
   *   widget's format, and put the last value back when a value that may not be empty was
   *   cleared
   */
  const commit = (settle) => {
    const value = readDateTime(input.value, props.format);
    if (value === undefined || (value !== null && (value < props.min || value > props.max))) {
      showError(true);
      return;
    }
    showError(false);
    if (value === null && !props.clearable) {
      if (settle) write(state.last);
      return;
    }
    if (settle) write(value);
    if (value === state.last) return;
    state.last = value;
    ctx.sendValue(asText(el.id), value);
  };

  /** @type {import("./calendar.js").Calendar | null} */
  let calendar = null;
  /**
   * Show a new date and time in the box and commit it, kept within the bounds (a day picked
   * at the edge of the range may have a time outside it).
   * @param {string} day
   * @param {string} clock
   */
  const pickValue = (day, clock) => {
    const wanted = `${day}T${clock.slice(0, 5)}`;
    const min = asText(props.min);
    const max = asText(props.max);
    input.value = showDateTime(wanted < min ? min : wanted > max ? max : wanted, props.format);
    commit(true);
  };
  /** @returns {string | null} the box's value now, typed or received */
  const shown = () => readDateTime(input.value, props.format) ?? null;
  /**
   * @param {HTMLElement} opener
   * @param {boolean} focusGrid move focus into the grid (a button or arrow key opened it)
   */
  const open = (opener, focusGrid) => {
    const value = shown();
    const footer = make("div", "rillet-cal-time rillet-time-input");
    const timeEl = {
      kind: "time_input",
      id: `${id}-time`,
      props: { label: "Time", value: value ? value.slice(11, 16) : null, step: props.step,
        format: "24h", clearable: false },
    };
    const time = buildTimeInput(footer, timeEl, {
      ...ctx,
      sendValue(_id, clock) {
        const day = shown()?.slice(0, 10) ?? asText(props.min).slice(0, 10);
        pickValue(day, asText(clock));
        calendar?.close(true);
      },
    });
    time.update(timeEl);
    calendar = openCalendar({
      anchor: box,
      opener,
      label: `${asText(props.label)} calendar`,
      min: asText(props.min).slice(0, 10),
      max: asText(props.max).slice(0, 10),
      selected: value ? [value.slice(0, 10)] : [],
      stayOpen: true,
      footer,
      onPick([day]) { pickValue(day, shown()?.slice(11, 16) ?? "00:00"); },
      onClose() {
        calendar = null;
        button.setAttribute("aria-expanded", "false");
      },
    });
    button.setAttribute("aria-expanded", "true");
    if (!focusGrid) opener.focus();
  };
  button.addEventListener("click", () => {
    if (calendar) calendar.close(false);
    else open(button, true);
  });
  // As in Streamlit a click in the box opens the calendar too; focus stays in the box.
  input.addEventListener("click", () => { if (!calendar && !input.disabled) open(input, false); });
  input.addEventListener("change", () => commit(true));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      commit(true);
      calendar?.close(false);
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!calendar) open(input, true);
      else /** @type {HTMLElement | null} */ (calendar.dialog.querySelector('[tabindex="0"]'))?.focus();
    } else if (event.key === "Escape" && calendar) {
      calendar.close(false);
    }
  });
  input.addEventListener("input", () => {
    const value = shown();
    if (value) calendar?.select([value.slice(0, 10)]);
    if (isInForm(dom)) commit(false);
  });

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      const name = asText(props.label);
      button.setAttribute("aria-label", `Choose ${name} from a calendar`);
      input.placeholder = `${asText(props.format)} HH:MM`;
      input.required = Boolean(props.required);
      input.disabled = Boolean(props.disabled);
      button.disabled = Boolean(props.disabled);
      if (props.disabled) calendar?.close(false);
      receive(state, [input], props.value ?? null, write);
    },
  };
  return state;
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  // Styled as date_input's field (theme.css), which it extends with a time.
  datetime_input: widget("rillet-date-input rillet-datetime-input", buildDateTimeInput),
};
