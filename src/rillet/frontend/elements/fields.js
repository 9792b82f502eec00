// @ts-check
/**
 * Typed fields: number_input (a native spinbutton with − and + steppers) and text_area. Both
 * apply their value when the user says so (Enter, Ctrl/⌘+Enter in a text area, leaving the
 * field, or a stepper), never on each keystroke, except in a form, where every change is held
 * at once so the form shows its unsaved changes.
 * @module elements/fields
 */

import { asText, hasFocus, labelRow, make, updateLabelRow, uniqueId } from "../dom.js";
import { decimalsOf, sprintf } from "../format.js";
import { ENTER_EVENT, enterSubmits, isInForm } from "../forms.js";
import { receive, widget } from "./choicebase.js";
import { textProblem } from "./inputs.js";
import { fillIcon } from "./icons.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * @param {HTMLElement} node
 * @param {string} name
 * @param {unknown} value
 */
function setOrRemove(node, name, value) {
  if (value == null || value === "") node.removeAttribute(name);
  else node.setAttribute(name, String(value));
}

/**
 * The hint a field shows while it holds an edit not yet applied.
 * @param {HTMLElement} dom
 * @param {string} keys "Enter" or "Ctrl+Enter"
 * @returns {string}
 */
function applyHint(dom, keys) {
  if (!isInForm(dom)) return `Press ${keys} to apply`;
  return enterSubmits(dom) ? `Press ${keys} to submit form` : "";
}

/**
 * Show or hide a hint node and point the control's description at it.
 * @param {HTMLElement} control
 * @param {HTMLElement} hint
 * @param {string} text
 * @param {boolean} show
 */
function showHint(control, hint, text, show) {
  hint.hidden = !(show && text);
  if (hint.textContent !== text) hint.textContent = text;
  if (hint.hidden) control.removeAttribute("aria-describedby");
  else control.setAttribute("aria-describedby", hint.id);
}

/**
 * Tell the page's form (if any) that Enter was pressed in this widget.
 * @param {HTMLElement} control
 * @param {Element} el
 */
function announceEnter(control, el) {
  const detail = { widgetId: asText(el.id) };
  control.dispatchEvent(new CustomEvent(ENTER_EVENT, { bubbles: true, detail }));
}

// --- number_input --------------------------------------------------------------------------

/**
 * A number as the field shows it: the widget's printf format when it yields a number the
 * spinbutton accepts, else plain.
 * @param {number | null} value
 * @param {Record<string, any>} props
 * @returns {string}
 */
function formatNumber(value, props) {
  if (value == null) return "";
  const text = typeof props.format === "string" ? sprintf(props.format, value) : String(value);
  return Number.isFinite(Number(text)) && text.trim() !== "" ? text.trim() : String(value);
}

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildNumberInput(dom, el, ctx) {
  const id = uniqueId("number");
  const { row, label } = labelRow(id);
  const input = make("input");
  input.type = "number";
  input.id = id;
  input.inputMode = "decimal";
  const icon = make("span", "rillet-field-icon");
  icon.setAttribute("aria-hidden", "true");
  const down = make("button", "rillet-stepper", "−");
  const up = make("button", "rillet-stepper", "+");
  for (const button of [down, up]) {
    button.type = "button";
    button.tabIndex = -1; // the spinbutton's arrow keys do the same from the keyboard
  }
  const hint = make("span", "rillet-hint");
  hint.id = `${id}-hint`;
  hint.hidden = true;
  const field = make("div", "rillet-field rillet-number-field");
  field.append(icon, input, hint, down, up);
  dom.append(row, field);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};

  const isInt = () => props.dtype === "int";
  /** @param {number} value */
  const tidy = (value) => {
    if (isInt()) return Math.round(value);
    const places = Math.max(decimalsOf(Number(props.step) || 0.01), decimalsOf(Number(props.min) || 0));
    return Number(value.toFixed(Math.min(places + 2, 15)));
  };
  /**
   * The field's number, or undefined when it holds something the widget does not take.
   * @returns {number | null | undefined}
   */
  const parsed = () => {
    const text = input.value.trim();
    if (text === "") return props.clearable ? null : undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || (isInt() && !Number.isInteger(value))) return undefined;
    if (props.min != null && value < props.min) return undefined;
    if (props.max != null && value > props.max) return undefined;
    return value;
  };
  const refreshHint = () => {
    const edited = input.value !== formatNumber(state.last, props) && hasFocus(input);
    showHint(input, hint, applyHint(dom, "Enter"), edited && !isInForm(dom));
    input.setAttribute("aria-invalid", parsed() === undefined ? "true" : "false");
  };
  /** @param {number | null} value */
  const send = (value) => {
    if (value === state.last) return;
    state.last = value;
    ctx.sendValue(asText(el.id), value);
  };
  /**
   * @param {boolean} settle the user is done (Enter, leaving): show the number in the
   *   widget's format, or put the last value back over one the widget does not take
   */
  const commit = (settle) => {
    const value = parsed();
    if (value !== undefined) send(value);
    if (settle) input.value = formatNumber(value === undefined ? state.last : value, props);
    refreshHint();
  };
  /** @param {number} direction */
  const step = (direction) => {
    const current = parsed();
    const base = current ?? state.last ?? props.min ?? 0;
    let next = tidy(Number(base) + direction * Number(props.step || 1));
    if (props.max != null) next = Math.min(next, props.max);
    if (props.min != null) next = Math.max(next, props.min);
    input.value = formatNumber(next, props);
    send(next);
    refreshHint();
  };

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      setOrRemove(input, "min", props.min);
      setOrRemove(input, "max", props.max);
      input.step = isInt() ? String(props.step ?? 1) : "any";
      setOrRemove(input, "placeholder", props.placeholder);
      input.disabled = Boolean(props.disabled);
      down.disabled = input.disabled;
      up.disabled = input.disabled;
      const name = asText(props.label);
      down.setAttribute("aria-label", `Decrease ${name}`);
      up.setAttribute("aria-label", `Increase ${name}`);
      field.dataset.icon = String(fillIcon(icon, props.icon));
      const value = props.value ?? null;
      receive(state, [input], value, (v) => { input.value = formatNumber(v, props); });
      refreshHint();
    },
  };
  down.addEventListener("click", () => step(-1));
  up.addEventListener("click", () => step(1));
  input.addEventListener("input", () => {
    if (isInForm(dom)) commit(false);
    refreshHint();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      commit(true);
      announceEnter(input, el);
    } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      // The widget's step, not the browser's (which is 1 for a float field), applied at once
      // as the steppers do.
      event.preventDefault();
      step(event.key === "ArrowUp" ? 1 : -1);
    }
  });
  input.addEventListener("focus", refreshHint);
  input.addEventListener("blur", () => commit(true));
  // A wheel over a focused number field would change it unseen; scroll the page instead.
  input.addEventListener("wheel", () => input.blur(), { passive: true });
  return state;
}

// --- text_area -----------------------------------------------------------------------------

/**
 * @param {HTMLTextAreaElement} area
 * @param {unknown} height
 */
function applyHeight(area, height) {
  area.dataset.height = height === "content" || height === "stretch" ? height : "fixed";
  if (typeof height === "number") area.style.height = `${height}px`;
  else area.style.removeProperty("height");
  if (height === "content") fitContent(area);
}

/** @param {HTMLTextAreaElement} area */
function fitContent(area) {
  area.style.height = "auto";
  area.style.height = `${area.scrollHeight + 2}px`;
}

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildTextArea(dom, el, ctx) {
  const id = uniqueId("textarea");
  const { row, label } = labelRow(id);
  const area = make("textarea");
  area.id = id;
  area.rows = 3;
  const footer = make("div", "rillet-textarea-footer");
  const hint = make("span", "rillet-textarea-hint");
  hint.id = `${id}-hint`;
  hint.hidden = true;
  const count = make("span", "rillet-textarea-count");
  count.setAttribute("aria-hidden", "true");
  footer.append(hint, count);
  // `required`: why an empty text is not applied, read out when it appears.
  const problem = make("div", "rillet-field-problem");
  problem.id = `${id}-problem`;
  problem.setAttribute("role", "alert");
  problem.hidden = true;
  dom.append(row, area, footer, problem);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};
  const keys = IS_MAC ? "⌘+Enter" : "Ctrl+Enter";

  const refresh = () => {
    const edited = isInForm(dom) ? false : area.value !== asText(state.last) && hasFocus(area);
    showHint(area, hint, applyHint(dom, keys), edited);
    const max = Number(props.max_chars);
    count.textContent = max > 0 ? `${area.value.length}/${max}` : "";
    if (props.height === "content") fitContent(area);
  };
  const commit = () => {
    const why = textProblem(props, area.value);
    problem.textContent = why;
    problem.hidden = !why;
    if (why) area.setAttribute("aria-invalid", "true");
    else area.removeAttribute("aria-invalid");
    if (why) return; // the last applied text stays the widget's value
    // An empty text is sent as ""; a widget made with value=None reads it as None.
    if (area.value !== asText(state.last)) {
      state.last = area.value;
      ctx.sendValue(asText(el.id), area.value);
    }
    refresh();
  };

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      setOrRemove(area, "maxlength", Number(props.max_chars) > 0 ? props.max_chars : null);
      setOrRemove(area, "placeholder", props.placeholder);
      area.disabled = Boolean(props.disabled);
      area.required = Boolean(props.required);
      applyHeight(area, props.height);
      receive(state, [area], props.value ?? null, (v) => { area.value = asText(v); });
      refresh();
    },
  };
  area.addEventListener("input", () => {
    if (isInForm(dom)) commit();
    refresh();
  });
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.isComposing) {
      event.preventDefault();
      commit();
      announceEnter(area, el);
    }
  });
  area.addEventListener("focus", refresh);
  area.addEventListener("blur", commit);
  return state;
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  number_input: widget("rillet-number-input", buildNumberInput),
  text_area: widget("rillet-text-area", buildTextArea),
};
