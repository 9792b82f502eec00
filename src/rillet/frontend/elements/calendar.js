// @ts-check
/**
 * The calendar popover of date_input and datetime_input: a dialog anchored below its field
 * (above it when the window has no room below), built on the WAI-ARIA APG "Date Picker Dialog"
 * pattern. A month and a year list and previous/next month buttons head a grid of days, weeks
 * starting on Sunday as in Streamlit; the day that has focus is the grid's one tab stop.
 * Keys: arrows move by a day or a week, Home/End to the week's start or end, PageUp/PageDown
 * by a month (with Shift by a year), Enter or Space picks, Escape closes and gives focus back
 * to what opened it; Tab stays inside the dialog. In a range the first pick is the start and
 * the second the end, as Streamlit does it; days between them are shaded. Dates are ISO
 * strings ("2024-05-17") and all arithmetic is in UTC, so no time zone moves a day.
 * @module elements/calendar
 */

import { make, uniqueId } from "../dom.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * @typedef {object} CalendarOptions
 * @property {HTMLElement} anchor the box the dialog opens under; it is appended inside it
 * @property {HTMLElement} opener what gets focus back when the dialog closes
 * @property {string} label the dialog's accessible name
 * @property {string} min the earliest day that can be picked
 * @property {string} max the latest day that can be picked
 * @property {string[]} selected the days chosen now (a range has 0 to 2)
 * @property {boolean} [range] pick a start, then an end
 * @property {string} [focus] the day to start on (default: the first selected, else today)
 * @property {boolean} [stayOpen] keep the dialog open after a pick (datetime_input)
 * @property {HTMLElement} [footer] shown under the grid (datetime_input's time)
 * @property {(dates: string[]) => void} onPick a day was picked: [day], or for a range
 *   [start] and then [start, end]
 * @property {() => void} [onClose]
 */

/**
 * @typedef {object} Calendar
 * @property {HTMLElement} dialog
 * @property {(refocus: boolean) => void} close
 * @property {(dates: string[]) => void} select show other days as chosen (typed text)
 */

/** @type {Calendar | null} the one calendar open on the page */
let current = null;

/**
 * @param {number} n
 * @param {number} [width]
 */
const pad = (n, width = 2) => String(n).padStart(width, "0");

/** @param {string} iso */
const toDate = (iso) => new Date(Date.UTC(
  Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));

/** @param {Date} d */
const toIso = (d) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * @param {string} iso
 * @param {number} days
 */
export function addDays(iso, days) {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/**
 * The same day `months` later, or the month's last day when it is shorter (Jan 31 → Feb 29).
 * @param {string} iso
 * @param {number} months
 */
export function addMonths(iso, months) {
  const d = toDate(iso);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d.getUTCDate(), last));
  return toIso(first);
}

/** @returns {string} today in the browser's own time zone, as the user reads a calendar */
function today() {
  const now = new Date();
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A day's full name, as the grid cell announces it: "Friday, May 17, 2024".
 * @param {string} iso
 */
export function dayName(iso) {
  const d = toDate(iso);
  return `${DAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/**
 * @param {string} label
 * @param {string} text
 */
function navButton(label, text) {
  const button = make("button", "rillet-cal-nav", text);
  button.type = "button";
  button.setAttribute("aria-label", label);
  return button;
}

/**
 * Open a calendar under `options.anchor`, closing any other one first.
 * @param {CalendarOptions} options
 * @returns {Calendar}
 */
export function openCalendar(options) {
  current?.close(false);
  const { anchor, opener, min, max } = options;
  const range = Boolean(options.range);
  let selected = [...options.selected];
  const clamp = (/** @type {string} */ iso) => (iso < min ? min : iso > max ? max : iso);
  let focusDay = clamp(options.focus ?? selected[0] ?? today());
  /** @type {string | null} the day under the pointer, for a half-picked range's shading */
  let hovered = null;

  const id = uniqueId("calendar");
  const dialog = make("div", "rillet-calendar");
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-modal", "true");
  dialog.setAttribute("aria-label", options.label);
  const header = make("div", "rillet-cal-header");
  const prev = navButton("Previous month", "‹");
  const next = navButton("Next month", "›");
  const month = make("select", "rillet-cal-select");
  month.setAttribute("aria-label", "Month");
  MONTHS.forEach((name, i) => month.append(new Option(name, String(i))));
  const year = make("select", "rillet-cal-select");
  year.setAttribute("aria-label", "Year");
  for (let y = Number(min.slice(0, 4)); y <= Number(max.slice(0, 4)); y += 1) {
    year.append(new Option(String(y), String(y)));
  }
  const heading = make("h2", "rillet-sr-only");
  heading.id = `${id}-heading`;
  heading.setAttribute("aria-live", "polite");
  header.append(prev, month, year, next, heading);
  const grid = make("table", "rillet-cal-grid");
  grid.setAttribute("role", "grid");
  grid.setAttribute("aria-labelledby", heading.id);
  const head = make("thead");
  const names = make("tr");
  for (const day of DAYS) {
    const th = make("th", "", day.slice(0, 1));
    th.scope = "col";
    th.abbr = day;
    names.append(th);
  }
  head.append(names);
  const body = make("tbody");
  grid.append(head, body);
  dialog.append(header, grid);
  if (options.footer) dialog.append(options.footer);

  /** Mark the days between a range's ends, or between a lone start and the pointer. */
  const shade = () => {
    const [start, end] = selected.length === 1 ? [selected[0], hovered ?? selected[0]] : selected;
    const [lo, hi] = start && end ? [start, end].sort() : ["", ""];
    for (const cell of body.querySelectorAll("td")) {
      const day = /** @type {HTMLElement} */ (cell).dataset.date ?? "";
      cell.classList.toggle("rillet-cal-in-range", range && day > lo && day < hi);
    }
  };

  const render = () => {
    const first = `${focusDay.slice(0, 8)}01`;
    const shown = toDate(first);
    month.value = String(shown.getUTCMonth());
    year.value = String(shown.getUTCFullYear());
    heading.textContent = `${MONTHS[shown.getUTCMonth()]} ${shown.getUTCFullYear()}`;
    prev.disabled = addDays(first, -1) < min;
    next.disabled = addMonths(first, 1) > max;
    const lastDay = addDays(addMonths(first, 1), -1);
    let day = addDays(first, -shown.getUTCDay());
    const stamp = today();
    body.replaceChildren();
    while (day <= lastDay) {
      const row = make("tr");
      for (let i = 0; i < 7; i += 1) {
        const cell = make("td", "rillet-cal-day", String(toDate(day).getUTCDate()));
        cell.setAttribute("role", "gridcell");
        cell.dataset.date = day;
        cell.setAttribute("aria-label", dayName(day));
        cell.tabIndex = day === focusDay ? 0 : -1;
        if (day.slice(0, 7) !== first.slice(0, 7)) cell.classList.add("rillet-cal-outside");
        if (day === stamp) cell.setAttribute("aria-current", "date");
        if (selected.includes(day)) cell.setAttribute("aria-selected", "true");
        if (day < min || day > max) cell.setAttribute("aria-disabled", "true");
        row.append(cell);
        day = addDays(day, 1);
      }
      body.append(row);
    }
    shade();
  };

  /** @param {string} day */
  const moveTo = (day) => {
    focusDay = clamp(day);
    render();
    /** @type {HTMLElement | null} */ (body.querySelector('[tabindex="0"]'))?.focus();
  };

  /** @param {string} day */
  const pick = (day) => {
    if (day < min || day > max) return;
    focusDay = day;
    if (range && selected.length === 1) {
      selected = [selected[0], day].sort();
    } else {
      selected = [day];
    }
    options.onPick([...selected]);
    if (range ? selected.length === 2 : !options.stayOpen) {
      calendar.close(true);
    } else {
      moveTo(day);
    }
  };

  grid.addEventListener("keydown", (event) => {
    const steps = /** @type {Record<string, () => string>} */ ({
      ArrowLeft: () => addDays(focusDay, -1),
      ArrowRight: () => addDays(focusDay, 1),
      ArrowUp: () => addDays(focusDay, -7),
      ArrowDown: () => addDays(focusDay, 7),
      Home: () => addDays(focusDay, -toDate(focusDay).getUTCDay()),
      End: () => addDays(focusDay, 6 - toDate(focusDay).getUTCDay()),
      PageUp: () => addMonths(focusDay, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focusDay, event.shiftKey ? 12 : 1),
    });
    if (steps[event.key]) {
      event.preventDefault();
      moveTo(steps[event.key]());
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pick(focusDay);
    }
  });
  body.addEventListener("click", (event) => {
    const cell = /** @type {HTMLElement} */ (event.target).closest?.("td");
    if (cell?.dataset.date) pick(cell.dataset.date);
  });
  body.addEventListener("mouseover", (event) => {
    const cell = /** @type {HTMLElement} */ (event.target).closest?.("td");
    if (range && selected.length === 1 && cell?.dataset.date) {
      hovered = cell.dataset.date;
      shade();
    }
  });
  prev.addEventListener("click", () => { focusDay = clamp(addMonths(focusDay, -1)); render(); });
  next.addEventListener("click", () => { focusDay = clamp(addMonths(focusDay, 1)); render(); });
  const jump = () => {
    const first = `${pad(Number(year.value), 4)}-${pad(Number(month.value) + 1)}-01`;
    const day = addDays(first, Number(focusDay.slice(8)) - 1);
    // The same day of the chosen month, or its last day when it is shorter.
    focusDay = clamp(day.slice(0, 7) === first.slice(0, 7) ? day : addDays(addMonths(first, 1), -1));
    render();
  };
  month.addEventListener("change", jump);
  year.addEventListener("change", jump);

  dialog.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return; // an open time list closes first
    if (event.key === "Escape") {
      event.preventDefault();
      calendar.close(true);
    } else if (event.key === "Tab") {
      const stops = /** @type {HTMLElement[]} */ ([...dialog.querySelectorAll(
        "button:not(:disabled), select, input:not(:disabled), [tabindex='0']")])
        .filter((el) => el.offsetParent !== null);
      const at = stops.indexOf(/** @type {HTMLElement} */ (document.activeElement));
      const to = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1)
        : (at === stops.length - 1 ? 0 : at + 1);
      event.preventDefault();
      stops[to]?.focus();
    }
  });
  /** @param {Event} event */
  const outside = (event) => {
    if (!anchor.contains(/** @type {Node} */ (event.target))) calendar.close(false);
  };
  document.addEventListener("mousedown", outside, true);

  /** @type {Calendar} */
  const calendar = {
    dialog,
    close(refocus) {
      if (current !== calendar) return;
      current = null;
      document.removeEventListener("mousedown", outside, true);
      dialog.remove();
      anchor.dataset.open = "false";
      if (refocus) opener.focus();
      options.onClose?.();
    },
    select(dates) {
      selected = [...dates];
      if (dates[0]) focusDay = clamp(dates[dates.length - 1]);
      render();
    },
  };
  current = calendar;
  render();
  dialog.dataset.placement = "below";
  anchor.append(dialog);
  anchor.dataset.open = "true";
  const box = anchor.getBoundingClientRect();
  const below = window.innerHeight - box.bottom;
  if (below < dialog.offsetHeight + 8 && box.top > below) dialog.dataset.placement = "above";
  /** @type {HTMLElement | null} */ (body.querySelector('[tabindex="0"]'))?.focus();
  return calendar;
}
