// @ts-check
/**
 * Rows of toggle buttons: pills, segmented_control and feedback. Each option is a native
 * `<button>` whose `aria-pressed` says whether it is chosen; the row is a labelled group.
 * Clicking the chosen button of a single-choice row clears the choice, as in Streamlit.
 * @module elements/buttons
 */

import { asText, labelRow, make, uniqueId, updateLabelRow } from "../dom.js";
import { isIndex, optionTexts, rebuild, receive, widget } from "./choicebase.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

/**
 * The chosen indices in a wire value: a list (multi), an index, or null.
 * @param {unknown} value
 * @returns {number[]}
 */
function chosenOf(value) {
  if (Array.isArray(value)) return value.filter(isIndex);
  return isIndex(value) ? [value] : [];
}

/**
 * What a click on option `index` makes of the value.
 * @param {any} value
 * @param {number} index
 * @param {boolean} multi
 * @returns {any}
 */
function toggled(value, index, multi) {
  if (!multi) return value === index ? null : index;
  const chosen = chosenOf(value);
  return chosen.includes(index) ? chosen.filter((i) => i !== index) : [...chosen, index];
}

/**
 * One button per option.
 * @typedef {object} Face
 * @property {string} name the accessible name (and, without `draw`, the text shown)
 * @property {() => SVGSVGElement} [draw] an icon shown instead of the name
 * @property {number} value the index the server knows it by
 */

const SVG = "http://www.w3.org/2000/svg";

/**
 * A small line icon, so the feedback row looks the same whatever emoji font the system has.
 * @param {string[]} paths
 * @param {string} [className]
 * @returns {SVGSVGElement}
 */
function icon(paths, className = "") {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `rillet-icon ${className}`.trim());
  for (const d of paths) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}

/**
 * Fill `group` with a button per face; the options only change when the element does.
 * @param {HTMLElement} group
 * @param {Face[]} faces
 * @param {(value: number) => void} onClick
 * @returns {HTMLButtonElement[]}
 */
function fillButtons(group, faces, onClick) {
  const buttons = faces.map((face) => {
    const button = make("button", "rillet-toggle-button");
    button.type = "button";
    button.dataset.value = String(face.value);
    if (face.draw) {
      button.append(face.draw());
      button.setAttribute("aria-label", face.name);
      button.title = face.name;
    } else {
      button.append(make("span", "rillet-toggle-text", face.name));
    }
    button.addEventListener("click", () => onClick(face.value));
    return button;
  });
  group.replaceChildren(...buttons);
  return buttons;
}

/**
 * pills and segmented_control.
 * @param {string} kind
 * @returns {import("./choicebase.js").Build}
 */
function buttonGroup(kind) {
  /** @type {import("./choicebase.js").Build} */
  const build = (dom, el, ctx) => {
    const multi = el.props?.selection_mode === "multi";
    const id = uniqueId(kind);
    const { row, label } = labelRow(null);
    label.id = `${id}-label`;
    const group = make("div", "rillet-button-group");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", label.id);
    group.dataset.style = kind;
    dom.append(row, group);
    /** @type {HTMLButtonElement[]} */
    let buttons = [];
    let shape = "";
    /** @type {any} */
    let value = multi ? [] : null;

    const show = () => {
      const chosen = chosenOf(value);
      buttons.forEach((button, i) => button.setAttribute("aria-pressed", String(chosen.includes(i))));
    };
    /** `required` (single mode): the chosen option cannot be unchosen. */
    let required = false;
    /** @param {number} index */
    const click = (index) => {
      if (required && !multi && value === index) return;
      value = toggled(value, index, multi);
      show();
      state.last = value;
      ctx.sendValue(asText(el.id), value);
    };

    /** @type {WidgetState} */
    const state = {
      last: null,
      update(next) {
        const props = next.props ?? {};
        if ((props.selection_mode === "multi") !== multi) {
          rebuild(dom, next, ctx, build);
          return;
        }
        updateLabelRow(row, label, props);
        required = Boolean(props.required);
        const texts = optionTexts(props);
        if (JSON.stringify(texts) !== shape) {
          shape = JSON.stringify(texts);
          const focused = buttons.findIndex((b) => b.ownerDocument.activeElement === b);
          const faces = texts.map((text, i) => ({ name: text, value: i }));
          buttons = fillButtons(group, faces, click);
          buttons[focused]?.focus();
        }
        buttons.forEach((button) => { button.disabled = Boolean(props.disabled); });
        receive(state, buttons, multi ? chosenOf(props.value) : (props.value ?? null), (v) => {
          value = v;
        });
        show();
      },
    };
    return state;
  };
  return build;
}

// --- feedback ------------------------------------------------------------------------------

const THUMB = "M2 20h3V10H2zm19-9c0-1.1-.9-2-2-2h-5.3l.8-4-.1-.4c0-.4-.2-.7-.4-1L13 2.6 "
  + "7.6 8c-.4.4-.6.9-.6 1.4V18c0 1.1.9 2 2 2h8c.8 0 1.5-.5 1.8-1.2l2.7-6.4c.1-.2.1-.5.1-.7z";
const STAR = "M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8z";
const MOUTHS = [
  "M7.8 17.2q4.2-4.6 8.4 0", "M8.4 16.3q3.6-2.8 7.2 0", "M8.4 15.2h7.2",
  "M8.4 14.2q3.6 2.8 7.2 0", "M7.8 13.4q4.2 5 8.4 0",
];
const FACE = "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M9 9.2v1.6M15 9.2v1.6";

/** @type {Record<string, Face[]>} */
const FEEDBACK = {
  // Thumbs up first, though it is the higher rating (1), as in Streamlit.
  thumbs: [
    { name: "Thumbs up", draw: () => icon([THUMB], "rillet-thumb"), value: 1 },
    { name: "Thumbs down", draw: () => icon([THUMB], "rillet-thumb rillet-thumb-down"), value: 0 },
  ],
  faces: ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]
    .map((name, value) => ({ name, draw: () => icon([FACE, MOUTHS[value]], "rillet-face"), value })),
  stars: [0, 1, 2, 3, 4].map((value) => ({
    name: `${value + 1} star${value ? "s" : ""}`, draw: () => icon([STAR], "rillet-star"), value,
  })),
};

/** @type {import("./choicebase.js").Build} */
function buildFeedback(dom, el, ctx) {
  const kind = Object.hasOwn(FEEDBACK, el.props?.options) ? el.props?.options : "thumbs";
  const faces = FEEDBACK[kind];
  const group = make("div", "rillet-button-group rillet-feedback-group");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", kind === "stars" ? "Rating" : "Feedback");
  group.dataset.style = kind;
  dom.append(group);
  /** @type {number | null} */
  let value = null;

  const show = () => {
    buttons.forEach((button, i) => {
      const face = faces[i];
      button.setAttribute("aria-pressed", String(face.value === value));
      // Stars fill up to the rating; the other kinds mark the one chosen.
      const lit = kind === "stars" ? value !== null && face.value <= value : face.value === value;
      button.dataset.lit = String(lit);
    });
  };
  const buttons = fillButtons(group, faces, (rating) => {
    value = value === rating ? null : rating;
    show();
    state.last = value;
    ctx.sendValue(asText(el.id), value);
  });

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      const props = next.props ?? {};
      if (props.options !== kind && Object.hasOwn(FEEDBACK, props.options)) {
        rebuild(dom, next, ctx, buildFeedback);
        return;
      }
      buttons.forEach((button) => { button.disabled = Boolean(props.disabled); });
      receive(state, buttons, isIndex(props.value) ? props.value : null, (v) => { value = v; });
      show();
    },
  };
  return state;
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  pills: widget("rillet-pills", buttonGroup("pills")),
  segmented_control: widget("rillet-segmented", buttonGroup("segmented_control")),
  feedback: widget("rillet-feedback", buildFeedback),
};
