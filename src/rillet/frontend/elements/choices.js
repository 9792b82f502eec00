// @ts-check
/**
 * Choice widgets: toggle, radio, select_slider and color_picker here; selectbox and
 * multiselect in combobox.js; pills, segmented_control and
 * feedback in buttons.js.
 *
 * The server sends each option's label as text and the chosen option as its index; the page
 * sends indices back. Controls are native where the platform has a good one (switch, radio
 * group, range, colour input), so its label is its accessible name; the selectbox is a
 * combobox (combobox.js) because a native `<select>` cannot filter by typing.
 * @module elements/choices
 */

import {
  asText, labelRow, make, uniqueId, updateLabelRow,
} from "../dom.js";
import { renderers as buttons } from "./buttons.js";
import {
  checkLike, isIndex, nameThumbs, optionTexts, rebuild, receive, showThumbs, sliderParts, widget,
  wireThumbs,
} from "./choicebase.js";
import { buildCombobox } from "./combobox.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

// --- toggle --------------------------------------------------------------------------------

const buildToggle = checkLike("toggle", "rillet-switch", "switch");

// --- radio ---------------------------------------------------------------------------------

/** @type {import("./choicebase.js").Build} */
function buildRadio(dom, el, ctx) {
  const id = uniqueId("radio");
  const { row, label } = labelRow(null);
  label.id = `${id}-label`;
  const group = make("div", "rillet-radio-group");
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-labelledby", label.id);
  dom.append(row, group);
  /** @type {HTMLInputElement[]} */
  let inputs = [];
  let shape = "";

  /** @param {Record<string, any>} props */
  const renderOptions = (props) => {
    const texts = optionTexts(props);
    const captions = Array.isArray(props.captions) ? props.captions : [];
    const key = JSON.stringify([texts, captions]);
    if (key === shape) return;
    shape = key;
    const focused = inputs.findIndex((input) => input.ownerDocument.activeElement === input);
    group.replaceChildren();
    inputs = texts.map((text, i) => {
      const optionId = `${id}-${i}`;
      const item = make("div", "rillet-radio-option");
      const input = make("input");
      input.type = "radio";
      input.name = id;
      input.id = optionId;
      input.value = String(i);
      const body = make("div", "rillet-radio-body");
      const optionLabel = make("label", "rillet-radio-label", text);
      optionLabel.htmlFor = optionId;
      body.append(optionLabel);
      if (captions[i]) {
        const caption = make("span", "rillet-radio-caption", asText(captions[i]));
        caption.id = `${optionId}-caption`;
        input.setAttribute("aria-describedby", caption.id);
        body.append(caption);
      }
      item.append(input, body);
      input.addEventListener("change", () => {
        if (!input.checked) return;
        state.last = i;
        ctx.sendValue(asText(el.id), i);
      });
      group.append(item);
      return input;
    });
    inputs[focused]?.focus();
  };

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      const props = next.props ?? {};
      updateLabelRow(row, label, props);
      renderOptions(props);
      group.dataset.horizontal = props.horizontal ? "true" : "false";
      inputs.forEach((input) => { input.disabled = Boolean(props.disabled); });
      receive(state, inputs, isIndex(props.value) ? props.value : null, (value) => {
        inputs.forEach((input, i) => { input.checked = i === value; });
      });
    },
  };
  return state;
}

// --- selectbox -----------------------------------------------------------------------------

/**
 * The selectbox is a combobox, as Streamlit's: typing filters its options.
 * @type {import("./choicebase.js").Build}
 */
function buildSelectbox(dom, el, ctx) {
  return buildCombobox(dom, el, ctx, false);
}

// --- select_slider -------------------------------------------------------------------------

/** @type {import("./choicebase.js").Build} */
function buildSelectSlider(dom, el, ctx) {
  const isRange = Array.isArray(el.props?.value);
  const parts = sliderParts("select-slider", isRange);
  const { row, label, track, inputs } = parts;
  for (const input of inputs) {
    input.min = "0";
    input.step = "1";
  }
  const ends = make("div", "rillet-slider-ends");
  ends.setAttribute("aria-hidden", "true");
  const [first, last] = [make("span"), make("span")];
  ends.append(first, last);
  dom.append(row, track, ends);
  /** @type {string[]} */
  let texts = [];

  const current = () => inputs.map((input) => Math.round(Number(input.value)));
  const show = () => {
    const values = current();
    const top = Math.max(texts.length - 1, 0);
    const fractions = values.map((v) => (top > 0 ? v / top : 0));
    const words = values.map((v) => texts[v] ?? "");
    showThumbs(parts, fractions, words, values[0] === values[1] && values[0] >= top);
  };

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      const props = next.props ?? {};
      if (Array.isArray(props.value) !== isRange) {
        rebuild(dom, next, ctx, buildSelectSlider);
        return;
      }
      updateLabelRow(row, label, props);
      texts = optionTexts(props);
      first.textContent = texts[0] ?? "";
      last.textContent = texts.length > 1 ? texts[texts.length - 1] : "";
      nameThumbs(parts, props.label);
      inputs.forEach((input) => {
        input.max = String(Math.max(texts.length - 1, 0));
        input.disabled = Boolean(props.disabled);
      });
      receive(state, inputs, props.value, (value) => {
        const values = Array.isArray(value) ? value : [value];
        inputs.forEach((input, i) => { input.value = String(values[i] ?? values[0] ?? 0); });
      });
      show();
    },
  };
  wireThumbs(parts, current, show, state, (value) => ctx.sendValue(asText(el.id), value));
  return state;
}

// --- color_picker --------------------------------------------------------------------------

/**
 * A colour input only takes "#rrggbb": "#abc" becomes "#aabbcc".
 * @param {unknown} value
 * @returns {string}
 */
function sixDigits(value) {
  const text = asText(value).toLowerCase();
  if (/^#[0-9a-f]{3}$/.test(text)) return `#${[...text.slice(1)].map((c) => c + c).join("")}`;
  return /^#[0-9a-f]{6}$/.test(text) ? text : "#000000";
}

/** @type {import("./choicebase.js").Build} */
function buildColorPicker(dom, el, ctx) {
  const id = uniqueId("color");
  const { row, label } = labelRow(id);
  const input = make("input", "rillet-color");
  input.type = "color";
  input.id = id;
  const hex = make("span", "rillet-color-hex");
  hex.setAttribute("aria-hidden", "true"); // the input announces its own value
  const field = make("div", "rillet-color-field");
  field.append(input, hex);
  dom.append(row, field);

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      const props = next.props ?? {};
      updateLabelRow(row, label, props);
      input.disabled = Boolean(props.disabled);
      receive(state, [input], asText(props.value), (value) => {
        input.value = sixDigits(value);
        hex.textContent = value;
      });
    },
  };
  // "input" fires while the user drags in the picker; only the final pick reruns the app.
  input.addEventListener("input", () => { hex.textContent = input.value; });
  input.addEventListener("change", () => {
    hex.textContent = input.value;
    if (sixDigits(state.last) === input.value) return;
    state.last = input.value;
    ctx.sendValue(asText(el.id), input.value);
  });
  return state;
}

/** @type {Registry} */
export const renderers = {
  toggle: widget("rillet-toggle", buildToggle),
  radio: widget("rillet-radio", buildRadio),
  selectbox: widget("rillet-selectbox", buildSelectbox),
  multiselect: widget("rillet-multiselect", (dom, el, ctx) => buildCombobox(dom, el, ctx, true)),
  select_slider: widget("rillet-slider rillet-select-slider", buildSelectSlider),
  color_picker: widget("rillet-color-picker", buildColorPicker),
  ...buttons,
};
