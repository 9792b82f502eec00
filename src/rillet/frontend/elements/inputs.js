// @ts-check
/**
 * Input widgets: button, checkbox, slider, text_input. Each is a native control whose
 * accessible name is its label. Updates happen in place: the tree keeps a widget's DOM while
 * its id stays the same, and a value the server echoes back never overwrites what the user is
 * doing with a focused control.
 * @module elements/inputs
 */

import { dressButtonLayout } from "./files.js";
import {
  asText, hasFocus, labelRow, make, syncHelp, uniqueId, updateLabelRow,
} from "../dom.js";
import { decimalsOf, sprintf } from "../format.js";
import { formatMoment } from "./dates.js";
import { fillIcon } from "./icons.js";
import { ENTER_EVENT, enterSubmits, isInForm } from "../forms.js";
import {
  checkLike, nameThumbs, rebuild, receive, showThumbs, sliderParts, widget, wireThumbs,
} from "./choicebase.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("../tree.js").RenderContext} RenderContext */

/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

// --- button --------------------------------------------------------------------------------

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildButton(dom, el, ctx) {
  const button = make("button", "rillet-button");
  button.type = "button";
  const icon = make("span", "rillet-button-icon");
  const label = make("span", "rillet-button-label");
  button.append(icon, label);
  button.addEventListener("click", () => ctx.sendValue(asText(el.id), true));
  dom.append(button);
  return {
    last: null,
    update(next) {
      const props = next.props ?? {};
      button.dataset.variant = ["primary", "tertiary"].includes(props.type)
        ? props.type : "secondary";
      button.disabled = Boolean(props.disabled);
      label.textContent = asText(props.label);
      fillIcon(icon, props.icon);
      dressButtonLayout(dom, button, props);
      dom.dataset.fullWidth = props.use_container_width || props.width === "stretch"
        ? "true" : "false";
      syncHelp(dom, props.help);
    },
  };
}

// --- checkbox ------------------------------------------------------------------------------

const buildCheckbox = checkLike("checkbox", undefined, undefined);

// --- slider --------------------------------------------------------------------------------

/**
 * @param {Record<string, any>} props
 * @returns {{min: number, max: number, step: number, isInt: boolean}}
 */
function sliderBounds(props) {
  // Dates and times travel as whole microseconds: integers too.
  const isInt = props.dtype !== "float";
  const min = Number(props.min ?? 0);
  const max = Number(props.max ?? 100);
  const step = Number(props.step) > 0 ? Number(props.step) : isInt ? 1 : 0.01;
  return { min, max, step, isInt };
}

/**
 * A range input's value as the wire number: ints as ints, floats without binary noise.
 * @param {HTMLInputElement} input
 * @param {Record<string, any>} props
 * @returns {number}
 */
function sliderNumber(input, props) {
  const { min, step, isInt } = sliderBounds(props);
  const raw = Number(input.value);
  if (isInt) return Math.round(raw);
  return Number(raw.toFixed(Math.max(decimalsOf(step), decimalsOf(min))));
}

/**
 * @param {number} value
 * @param {Record<string, any>} props
 * @returns {string}
 */
function formatSliderValue(value, props) {
  if (["date", "time", "datetime"].includes(props.dtype)) {
    return formatMoment(value / 1000, asText(props.format) || "YYYY-MM-DD");
  }
  const { step, isInt } = sliderBounds(props);
  const pattern = typeof props.format === "string" && props.format
    ? props.format : isInt ? "%d" : `%.${Math.max(2, decimalsOf(step))}f`;
  return sprintf(pattern, value);
}

/**
 * @param {HTMLInputElement} input
 * @param {Record<string, any>} props
 */
function setSliderBounds(input, props) {
  const { min, max, step } = sliderBounds(props);
  // Bounds before the value: the browser clamps a value to the bounds it has at the time.
  input.min = String(min);
  input.max = String(max);
  input.step = String(step);
  input.disabled = Boolean(props.disabled);
}

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildSlider(dom, el, ctx) {
  const isRange = Array.isArray(el.props?.value);
  const parts = sliderParts("slider", isRange);
  const { row, label, track, inputs } = parts;
  // The bounds under the track's ends, as Streamlit shows them; the thumbs carry min and max
  // for screen readers already.
  const ends = make("div", "rillet-slider-ends");
  ends.setAttribute("aria-hidden", "true");
  const [lowest, highest] = [make("span", "rillet-slider-min"), make("span", "rillet-slider-max")];
  ends.append(lowest, highest);
  dom.append(row, track, ends);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};

  /** @returns {number[]} */
  const current = () => inputs.map((input) => sliderNumber(input, props));
  const show = () => {
    const values = current();
    const { min, max } = sliderBounds(props);
    const fraction = (/** @type {number} */ v) => (max > min ? (v - min) / (max - min) : 0);
    const texts = values.map((v) => formatSliderValue(v, props));
    showThumbs(parts, values.map(fraction), texts, values[0] === values[1] && values[0] >= max);
  };
  /** @param {number | number[]} value */
  const write = (value) => {
    const values = Array.isArray(value) ? value : [value];
    inputs.forEach((input, i) => { input.value = String(values[i] ?? values[0]); });
    show();
  };

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      if (Array.isArray(next.props?.value) !== isRange) {
        // A single value became a range or back: a different control, so build it anew.
        rebuild(dom, next, ctx, buildSlider);
        return;
      }
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      nameThumbs(parts, props.label);
      inputs.forEach((input) => setSliderBounds(input, props));
      const { min, max } = sliderBounds(props);
      lowest.textContent = formatSliderValue(min, props);
      highest.textContent = formatSliderValue(max, props);
      receive(state, inputs, props.value, write);
      show();
    },
  };
  wireThumbs(parts, current, show, state, (value) => ctx.sendValue(asText(el.id), value));
  return state;
}

// --- text_input ----------------------------------------------------------------------------

/**
 * The hint a text input shows while edited: outside a form Enter applies the text; in a form
 * it submits the form, or only keeps the text (when the form does not submit on Enter), which
 * needs no hint.
 * @param {HTMLElement} dom
 * @returns {string}
 */
function enterHint(dom) {
  if (!isInForm(dom)) return "Press Enter to apply";
  return enterSubmits(dom) ? "Press Enter to submit form" : "";
}

/**
 * Why `value` may not be applied under a text field's `required` and `validate` rules
 * (Streamlit 1.67's words), or "" when it may.
 * @param {Record<string, any>} props
 * @param {string} value
 * @returns {string}
 */
export function textProblem(props, value) {
  if (props.required && value.trim() === "") return "This field is required.";
  if (!props.validate || value === "") return "";
  let pattern;
  try {
    pattern = new RegExp(asText(props.validate));
  } catch {
    return ""; // not a JavaScript pattern: nothing to check against
  }
  if (pattern.test(value)) return "";
  return props.validate_message
    ? asText(props.validate_message) : `Invalid input. Must match pattern: ${pattern}`;
}

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildTextInput(dom, el, ctx) {
  const id = uniqueId("text");
  const { row, label } = labelRow(id);
  const input = make("input");
  input.id = id;
  const hint = make("span", "rillet-hint");
  hint.id = `${id}-hint`;
  hint.hidden = true;
  const icon = make("span", "rillet-field-icon");
  icon.setAttribute("aria-hidden", "true");
  const field = make("div", "rillet-field");
  field.append(icon, input, hint);
  // `required` and `validate`: why the text is not applied, read out when it appears.
  const problem = make("div", "rillet-field-problem");
  problem.id = `${id}-problem`;
  problem.setAttribute("role", "alert");
  problem.hidden = true;
  dom.append(row, field, problem);
  /** The text the page last got from the server (in a form, `last` follows every keystroke). */
  let received = "";
  /** @type {Record<string, any>} */
  let rules = {};
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pause;

  /** @returns {boolean} whether the text may be applied */
  const checkRules = () => {
    const why = textProblem(rules, input.value);
    problem.textContent = why;
    problem.hidden = !why;
    if (why) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-errormessage", problem.id);
    } else {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-errormessage");
    }
    return !why;
  };

  const showHint = () => {
    const text = enterHint(dom);
    const edited = isInForm(dom)
      ? hasFocus(input) && input.value !== received
      : input.value !== state.last;
    hint.hidden = !(edited && text);
    if (hint.textContent !== text) hint.textContent = text;
    if (hint.hidden) input.removeAttribute("aria-describedby");
    else input.setAttribute("aria-describedby", hint.id);
  };
  const commit = () => {
    clearTimeout(pause);
    if (!checkRules()) return; // the last applied text stays the widget's value
    if (input.value === state.last) return;
    state.last = input.value;
    showHint();
    ctx.sendValue(asText(el.id), input.value);
  };

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      const props = next.props ?? {};
      rules = props;
      updateLabelRow(row, label, props);
      input.required = Boolean(props.required);
      input.type = props.type === "password" ? "password" : "text";
      setOrRemove(input, "maxlength", Number(props.max_chars) > 0 ? props.max_chars : null);
      setOrRemove(input, "placeholder", props.placeholder);
      setOrRemove(input, "autocomplete", props.autocomplete);
      input.disabled = Boolean(props.disabled);
      field.dataset.icon = String(fillIcon(icon, props.icon));
      // A value of None shows as an empty box; it is not sent until the user types.
      received = asText(props.value);
      receive(state, [input], received, (value) => { input.value = value; });
      showHint();
    },
  };
  input.addEventListener("input", () => {
    // In a form nothing reruns before the submit, so each keystroke is held at once: the form
    // shows its unsaved changes, and a submit straight after typing carries the text.
    if (isInForm(dom)) commit();
    else if (typeof rules.live_ms === "number") {
      // `live`: apply after a pause in typing (0: at every change).
      clearTimeout(pause);
      if (rules.live_ms <= 0) commit();
      else pause = setTimeout(commit, rules.live_ms);
    }
    showHint();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      commit();
      const detail = { widgetId: asText(el.id) };
      input.dispatchEvent(new CustomEvent(ENTER_EVENT, { bubbles: true, detail }));
    }
  });
  input.addEventListener("focus", showHint);
  input.addEventListener("blur", () => {
    commit();
    showHint();
  });
  return state;
}

/**
 * @param {HTMLElement} node
 * @param {string} name
 * @param {unknown} value
 */
function setOrRemove(node, name, value) {
  if (value == null || value === "") node.removeAttribute(name);
  else node.setAttribute(name, String(value));
}

/** @type {Registry} */
export const renderers = {
  button: widget("rillet-button-widget", buildButton),
  checkbox: widget("rillet-checkbox", buildCheckbox),
  // A form's submit button looks and acts like a button; forms.js sends its form along.
  form_submit_button: widget("rillet-button-widget", buildButton),
  slider: widget("rillet-slider", buildSlider),
  text_input: widget("rillet-text-input", buildTextInput),
};
