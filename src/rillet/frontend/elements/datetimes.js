// @ts-check
/**
 * `datetime_input`: one text box holding a date in the widget's format and a time
 * ("2025/03/14 09:30"), with a calendar button that opens the browser's own date-and-time
 * picker (anchored to the field, offering times `step` apart within the bounds). Typed text is
 * checked as it is committed (Enter, leaving the box, a pick); text that is no date and time,
 * or lies outside the bounds, is marked invalid with a message and never sent. Values travel
 * as "YYYY-MM-DDTHH:MM", as in Streamlit.
 * @module elements/datetimes
 */

import { asText, labelRow, make, uniqueId, updateLabelRow } from "../dom.js";
import { isInForm } from "../forms.js";
import { receive, widget } from "./choicebase.js";
import { readDate, showDate } from "./dates.js";

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
  button.append(calendarClockIcon());
  const native = make("input", "rillet-date-native");
  native.type = "datetime-local";
  native.tabIndex = -1;
  native.setAttribute("aria-hidden", "true");
  box.append(input, button, native);
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
    native.value = asText(value);
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

  button.addEventListener("click", () => {
    try {
      native.showPicker();
    } catch {
      native.focus(); // a browser without showPicker opens it on focus or click
    }
  });
  native.addEventListener("change", () => {
    if (!native.value) return;
    input.value = showDateTime(native.value.slice(0, 16), props.format);
    commit(true);
    input.focus();
  });
  input.addEventListener("change", () => commit(true));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) commit(true);
  });
  input.addEventListener("input", () => { if (isInForm(dom)) commit(false); });

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
      native.min = asText(props.min);
      native.max = asText(props.max);
      native.step = String(Number(props.step) > 0 ? props.step : 900);
      input.disabled = Boolean(props.disabled);
      button.disabled = Boolean(props.disabled);
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
