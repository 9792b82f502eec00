// @ts-check
/**
 * Layout: blocks, the containers whose children the tree places by path, and `space`. A plain
 * block's DOM node is itself the container (the tree appends children to it). A dialog
 * (elements/dialog.js) and the disclosure blocks — tabs, expanders, status containers,
 * popovers (elements/panels.js) — wrap their node in controls and put the children in a body.
 * All styling is in theme.css, driven by data attributes, so updating a block never touches
 * its children.
 * @module elements/layout
 */

import { applyWidth, make } from "../dom.js";
import { dialogBody, renderDialog, reopenDialog, unmakeDialog } from "./dialog.js";
import { styleGridBlock } from "./gridlayout.js";
import { PANEL_TYPES, panelBody, renderPanel, unmakePanel } from "./panels.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("../tree.js").RenderContext} RenderContext */

const TYPES = new Set(["vertical", "horizontal", "column", "grid", "grid_cell", ...PANEL_TYPES]);
const GAPS = new Set(["none", "xxsmall", "xsmall", "small", "medium", "large", "xlarge",
  "xxlarge"]);
const ALIGNMENTS = new Set(["top", "center", "bottom", "distribute"]);
const HORIZONTAL_ALIGNMENTS = new Set(["left", "center", "right", "distribute"]);
/** `st.space` sizes, as in Streamlit: a label's height, a button's, a labelled input's. */
const SPACE_SIZES = { small: "0.75rem", medium: "2.5rem", large: "4.25rem" };

/**
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 */
function updateBlock(dom, el, ctx) {
  const props = el.props ?? {};
  if (props.type === "dialog") {
    unmakePanel(dom);
    renderDialog(dom, el, ctx);
    dom.dataset.type = "dialog";
  } else {
    unmakeDialog(dom);
    // A tracked tab group, expander or popover is a widget: its block carries an id.
    const widgetId = el.id;
    const send = widgetId ? (/** @type {unknown} */ value) => ctx.sendValue(widgetId, value) : null;
    if (PANEL_TYPES.has(props.type)) renderPanel(dom, props, send);
    else unmakePanel(dom);
    dom.dataset.type = TYPES.has(props.type) ? props.type : "vertical";
  }
  setOptional(dom, "border", props.border ? "true" : null);
  setOptional(dom, "gap", GAPS.has(props.gap) ? props.gap : null);
  const gap = Number(props.gap);
  if (typeof props.gap === "number" && gap >= 0) dom.style.gap = `${gap}px`;
  else dom.style.removeProperty("gap");
  setOptional(dom, "valign", ALIGNMENTS.has(props.vertical_alignment)
    ? props.vertical_alignment : null);
  setOptional(dom, "halign", HORIZONTAL_ALIGNMENTS.has(props.horizontal_alignment)
    ? props.horizontal_alignment : null);
  setOptional(dom, "direction", props.horizontal ? "row" : null);
  setOptional(dom, "wrap", typeof props.wrap === "boolean" ? String(props.wrap) : null);
  setOptional(dom, "fragmentId", typeof props.fragment_id === "string" ? props.fragment_id : null);
  setKeyClass(dom, typeof props.key === "string" ? props.key : null);
  const weight = Number(props.weight);
  if (Number.isFinite(weight) && weight > 0) dom.style.setProperty("--weight", String(weight));
  else dom.style.removeProperty("--weight");
  // Forms may send a width; a dialog's width sizes its panel (dialog.js), not the backdrop.
  applyWidth(dom, props.type === "dialog" ? "stretch" : props.width ?? "stretch");
  const height = Number(props.height);
  const fixed = props.height != null && Number.isFinite(height) && height > 0;
  if (fixed) {
    dom.style.height = `${height}px`;
    dom.dataset.scroll = "true";
  } else {
    dom.style.removeProperty("height");
    delete dom.dataset.scroll;
  }
  // A scrolling region must be reachable by keyboard to be scrolled without a mouse. Tabs
  // scroll inside their panels, which are focusable already.
  if (fixed && props.type === "vertical") dom.tabIndex = 0;
  else if (props.type !== "tab") dom.removeAttribute("tabindex");
  setOptional(dom, "height", props.height === "stretch" ? "stretch" : null);
  styleGridBlock(dom, props);
  syncAutoscroll(dom, fixed && props.type === "vertical" ? props.autoscroll : false);
}

/**
 * Blocks that keep their view at the bottom as content arrives, with what watches them.
 * @type {WeakMap<HTMLElement, MutationObserver>}
 */
const autoscrolls = new WeakMap();

/**
 * `autoscroll` of a fixed-height container: true always follows new content to the bottom,
 * null (the default) only when the container holds chat messages, false never.
 * @param {HTMLElement} dom
 * @param {boolean | null | undefined} autoscroll
 */
function syncAutoscroll(dom, autoscroll) {
  let observer = autoscrolls.get(dom);
  if (autoscroll === false) {
    observer?.disconnect();
    autoscrolls.delete(dom);
    delete dom.dataset.autoscroll;
    return;
  }
  dom.dataset.autoscroll = autoscroll === true ? "always" : "chat";
  if (observer) return;
  observer = new MutationObserver(() => {
    const chat = dom.querySelector("[data-type='chat_message'], [data-kind='chat_message']");
    if (dom.dataset.autoscroll === "always" || chat) dom.scrollTop = dom.scrollHeight;
  });
  observer.observe(dom, { childList: true, subtree: true, characterData: true });
  autoscrolls.set(dom, observer);
}

/**
 * @param {HTMLElement} dom
 * @param {string} key
 * @param {string | null} value
 */
function setOptional(dom, key, value) {
  if (value == null) delete dom.dataset[key];
  else dom.dataset[key] = value;
}

/**
 * A container's `key` becomes the class `st-key-<key>`, as in Streamlit, so CSS written for
 * a Streamlit app finds it.
 * @param {HTMLElement} dom
 * @param {string | null} key
 */
function setKeyClass(dom, key) {
  const wanted = key ? `st-key-${key.replace(/[^\w-]/g, "-")}` : null;
  for (const name of [...dom.classList]) {
    if (name.startsWith("st-key-") && name !== wanted) dom.classList.remove(name);
  }
  if (wanted) dom.classList.add(wanted);
}

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function sizeSpace(dom, props) {
  const size = props.size;
  if (size === "stretch") {
    dom.dataset.size = "stretch";
    dom.style.removeProperty("--rl-space");
    return;
  }
  const pixels = Number(size);
  const length = typeof size === "number" && pixels > 0
    ? `${pixels}px` : SPACE_SIZES[/** @type {keyof typeof SPACE_SIZES} */ (size)] ?? "0.75rem";
  dom.dataset.size = "fixed";
  dom.style.setProperty("--rl-space", length);
}

/** @type {Registry} */
export const renderers = {
  block: {
    create(el, ctx) {
      const dom = document.createElement("div");
      dom.className = "rillet-block";
      updateBlock(dom, el, ctx);
      return dom;
    },
    update(dom, el, ctx) {
      updateBlock(dom, el, ctx);
    },
    childContainer: (dom) => dialogBody(dom) ?? panelBody(dom) ?? dom,
    kept: (dom) => reopenDialog(dom),
  },
  space: {
    create(el) {
      const dom = make("div", "rillet-space");
      dom.setAttribute("aria-hidden", "true");
      sizeSpace(dom, el.props ?? {});
      return dom;
    },
    update(dom, el) {
      sizeSpace(dom, el.props ?? {});
    },
  },
};
