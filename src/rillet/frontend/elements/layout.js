// @ts-check
/**
 * Layout: blocks, the containers whose children the tree places by path. The block's DOM node
 * is itself the container (the tree appends children to it); all styling is in theme.css,
 * driven by data attributes, so updating a block never touches its children.
 * @module elements/layout
 */

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */

const TYPES = new Set(["vertical", "horizontal", "column"]);
const GAPS = new Set(["small", "medium", "large"]);
const ALIGNMENTS = new Set(["top", "center", "bottom"]);

/**
 * @param {HTMLElement} dom
 * @param {Element} el
 */
function updateBlock(dom, el) {
  const props = el.props ?? {};
  dom.dataset.type = TYPES.has(props.type) ? props.type : "vertical";
  setOptional(dom, "border", props.border ? "true" : null);
  setOptional(dom, "gap", GAPS.has(props.gap) ? props.gap : null);
  setOptional(dom, "valign", ALIGNMENTS.has(props.vertical_alignment)
    ? props.vertical_alignment : null);
  setOptional(dom, "fragmentId", typeof props.fragment_id === "string" ? props.fragment_id : null);
  const weight = Number(props.weight);
  if (Number.isFinite(weight) && weight > 0) dom.style.setProperty("--weight", String(weight));
  else dom.style.removeProperty("--weight");
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
    create(el) {
      const dom = document.createElement("div");
      dom.className = "rillet-block";
      updateBlock(dom, el);
      return dom;
    },
    update(dom, el) {
      updateBlock(dom, el);
    },
  },
};
