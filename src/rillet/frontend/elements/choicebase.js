// @ts-check
/**
 * Widget plumbing: the renderer wrapper, taking in server values without trampling what the
 * user is doing, rebuilding a widget in place, and option helpers. Written for the choice
 * widgets (choices.js, combobox.js, buttons.js); fields.js, dates.js and files.js use it too.
 * @module elements/choicebase
 */

import {
  applyWidth, asText, hasFocus, labelRow, make, sameValue, setLabelVisibility, syncHelp, uniqueId,
} from "../dom.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("../tree.js").Renderer} Renderer */

/**
 * What a widget remembers between updates. `last` is the value last sent or received: the
 * value the server and the browser agree on.
 * @typedef {object} WidgetState
 * @property {any} last
 * @property {(el: Element) => void} update
 */

/** @typedef {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} Build */

/** @type {WeakMap<HTMLElement, WidgetState>} */
const states = new WeakMap();

/**
 * Take in a value from the server. If the user is on one of the controls and the server only
 * echoes the value they sent, leave the controls alone: they may have moved on since.
 * @param {WidgetState} state
 * @param {HTMLElement[]} controls
 * @param {any} value
 * @param {(value: any) => void} write
 */
export function receive(state, controls, value, write) {
  const userIsAhead = controls.some(hasFocus) && sameValue(value, state.last);
  state.last = value;
  if (!userIsAhead) write(value);
}

/**
 * A renderer from a `build` that fills the widget's root node and returns its state; the
 * state's `update` gets every element, the first one included.
 * @param {string} className
 * @param {Build} build
 * @returns {Renderer}
 */
export function widget(className, build) {
  return {
    create(el, ctx) {
      const dom = make("div", `rillet-widget ${className}`);
      const state = build(dom, el, ctx);
      states.set(dom, state);
      state.update(el);
      applyWidth(dom, el.props?.width);
      applyWrap(dom, el.props?.wrap);
      return dom;
    },
    update(dom, el) {
      states.get(dom)?.update(el);
      applyWidth(dom, el.props?.width);
      applyWrap(dom, el.props?.wrap);
    },
  };
}

/**
 * A widget's `wrap` (Streamlit 1.67): true or false forces wrapping (its label, chips or
 * options); absent lets the layout decide (theme.css: one line in horizontal rows and straight
 * in columns).
 * @param {HTMLElement} dom
 * @param {unknown} wrap
 */
function applyWrap(dom, wrap) {
  if (typeof wrap === "boolean") dom.dataset.wrap = String(wrap);
  else delete dom.dataset.wrap;
}

/**
 * A builder for a labelled on/off control made of a native checkbox (checkbox, toggle): the
 * box before its label, its checked state sent on every change.
 * @param {string} idPrefix
 * @param {string | undefined} className the input's class
 * @param {string | undefined} role an ARIA role for the input ("switch"), or none
 * @returns {Build}
 */
export function checkLike(idPrefix, className, role) {
  return (dom, el, ctx) => {
    const id = uniqueId(idPrefix);
    const input = make("input", className);
    input.type = "checkbox";
    if (role) input.setAttribute("role", role);
    input.id = id;
    const { row, label } = labelRow(id);
    row.prepend(input);
    dom.append(row);
    /** @type {WidgetState} */
    const state = {
      last: null,
      update(next) {
        const props = next.props ?? {};
        label.textContent = asText(props.label);
        setLabelVisibility(label, props.label_visibility);
        syncHelp(row, props.help);
        input.disabled = Boolean(props.disabled);
        receive(state, [input], Boolean(props.value), (value) => { input.checked = value; });
      },
    };
    input.addEventListener("change", () => {
      state.last = input.checked;
      ctx.sendValue(asText(el.id), input.checked);
    });
    return state;
  };
}

/**
 * Build the widget anew in the same root node: for an update that turns it into a different
 * control (a single value that became a range, a list box that now takes typed options). The
 * tree keeps the node, so the page does not jump.
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 * @param {Build} build
 */
export function rebuild(dom, el, ctx, build) {
  dom.replaceChildren();
  const state = build(dom, el, ctx);
  states.set(dom, state);
  state.update(el);
}

/**
 * A slider's parts (slider, select_slider): the label row with the value shown at its end
 * (hidden from screen readers: the thumbs carry it as aria-valuetext), and a track of one
 * range input, or of two grouped under the label for a range.
 * @typedef {object} SliderParts
 * @property {HTMLElement} row
 * @property {HTMLElement} label
 * @property {HTMLElement} shown
 * @property {HTMLElement} track
 * @property {HTMLInputElement[]} inputs
 */

/**
 * @param {string} idPrefix
 * @param {boolean} isRange
 * @returns {SliderParts}
 */
export function sliderParts(idPrefix, isRange) {
  const id = uniqueId(idPrefix);
  const { row, label } = labelRow(isRange ? null : id);
  const shown = make("span", "rillet-slider-value");
  shown.setAttribute("aria-hidden", "true");
  row.append(shown);
  const track = make("div", "rillet-range");
  const inputs = (isRange ? [0, 1] : [0]).map(() => {
    const input = make("input");
    input.type = "range";
    track.append(input);
    return input;
  });
  if (isRange) {
    label.id = `${id}-label`;
    track.dataset.dual = "true";
    track.setAttribute("role", "group");
    track.setAttribute("aria-labelledby", label.id);
  } else {
    inputs[0].id = id;
  }
  return { row, label, shown, track, inputs };
}

/**
 * Name a range's two thumbs "<label> start" and "<label> end".
 * @param {SliderParts} parts
 * @param {unknown} label
 */
export function nameThumbs({ inputs }, label) {
  if (inputs.length !== 2) return;
  inputs[0].setAttribute("aria-label", `${asText(label)} start`);
  inputs[1].setAttribute("aria-label", `${asText(label)} end`);
}

/**
 * Draw where the thumbs are (fractions of the track) and what they stand for.
 * @param {SliderParts} parts
 * @param {number[]} fractions
 * @param {string[]} texts
 * @param {boolean} stuckAtEnd Both thumbs at the far end: the lower one must be on top, as
 *   the other cannot move any further.
 */
export function showThumbs({ track, inputs, shown }, fractions, texts, stuckAtEnd) {
  const percent = (/** @type {number} */ f) => `${f * 100}%`;
  const isRange = inputs.length === 2;
  track.style.setProperty("--lo", isRange ? percent(fractions[0]) : "0%");
  track.style.setProperty("--hi", percent(fractions[fractions.length - 1]));
  shown.textContent = texts.join(" – ");
  inputs.forEach((input, i) => input.setAttribute("aria-valuetext", texts[i]));
  if (isRange) inputs[0].style.zIndex = stuckAtEnd ? "2" : "";
}

/**
 * Redraw while a thumb moves (a thumb stops at the other one), and send the value when it is
 * let go, unless it is the value already agreed.
 * @param {SliderParts} parts
 * @param {() => number[]} current The thumbs' values.
 * @param {() => void} show
 * @param {WidgetState} state
 * @param {(value: number | number[]) => void} send
 */
export function wireThumbs({ inputs }, current, show, state, send) {
  const isRange = inputs.length === 2;
  inputs.forEach((input, i) => {
    input.addEventListener("input", () => {
      if (isRange) {
        const [lo, hi] = current();
        if (lo > hi) input.value = inputs[1 - i].value;
      }
      show();
    });
    input.addEventListener("change", () => {
      const values = current();
      const value = isRange ? values : values[0];
      if (sameValue(value, state.last)) return;
      state.last = value;
      send(value);
    });
  });
}

/**
 * The option texts of an element, as strings.
 * @param {Record<string, any>} props
 * @returns {string[]}
 */
export function optionTexts(props) {
  return Array.isArray(props.options) ? props.options.map((o) => (o == null ? "" : String(o))) : [];
}

/**
 * Whether a wire value is an option index (rather than typed text or nothing).
 * @param {unknown} value
 * @returns {value is number}
 */
export function isIndex(value) {
  return typeof value === "number" && Number.isInteger(value);
}
