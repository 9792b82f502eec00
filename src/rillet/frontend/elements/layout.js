// @ts-check
/**
 * Layout: blocks, the containers whose children the tree places by path. The block's DOM node
 * is itself the container (the tree appends children to it), except for a dialog, whose
 * children go into its body (elements/dialog.js); all styling is in theme.css, driven by data
 * attributes, so updating a block never touches its children.
 * @module elements/layout
 */

import { applyWidth } from "../dom.js";
import { dialogBody, renderDialog, reopenDialog, unmakeDialog } from "./dialog.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("../tree.js").RenderContext} RenderContext */

const TYPES = new Set(["vertical", "horizontal", "column"]);
const GAPS = new Set(["small", "medium", "large"]);
const ALIGNMENTS = new Set(["top", "center", "bottom"]);

/**
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 */
function updateBlock(dom, el, ctx) {
  const props = el.props ?? {};
  if (props.type === "dialog") {
    renderDialog(dom, el, ctx);
    dom.dataset.type = "dialog";
  } else {
    unmakeDialog(dom);
    dom.dataset.type = TYPES.has(props.type) ? props.type : "vertical";
  }
  setOptional(dom, "border", props.border ? "true" : null);
  setOptional(dom, "gap", GAPS.has(props.gap) ? props.gap : null);
  setOptional(dom, "valign", ALIGNMENTS.has(props.vertical_alignment)
    ? props.vertical_alignment : null);
  setOptional(dom, "fragmentId", typeof props.fragment_id === "string" ? props.fragment_id : null);
  const weight = Number(props.weight);
  if (Number.isFinite(weight) && weight > 0) dom.style.setProperty("--weight", String(weight));
  else dom.style.removeProperty("--weight");
  // Forms may send a width; a dialog's width sizes its panel (dialog.js), not the backdrop.
  applyWidth(dom, props.type === "dialog" ? "stretch" : props.width ?? "stretch");
  const height = Number(props.height);
  if (props.height != null && Number.isFinite(height) && height > 0) {
    dom.style.height = `${height}px`;
    dom.dataset.scroll = "true";
    // A scrolling region must be reachable by keyboard to be scrolled without a mouse.
    dom.tabIndex = 0;
  } else {
    dom.style.removeProperty("height");
    delete dom.dataset.scroll;
    dom.removeAttribute("tabindex");
  }
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
    childContainer: (dom) => dialogBody(dom) ?? dom,
    kept: (dom) => reopenDialog(dom),
  },
};
