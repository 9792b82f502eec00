// @ts-check
/**
 * `skeleton`: a shimmering box that holds a place while content loads. It is announced as a
 * busy "Loading" status. A skeleton shown by a `with` block carries a delay: it stays invisible
 * that long, so quick work never flashes it. The shimmer stops for reduced motion (theme.css).
 * @module elements/skeleton
 */

import { make } from "../dom.js";

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function sizeSkeleton(dom, props) {
  const height = Number(props.height);
  if (typeof props.height === "number" && height > 0) dom.style.height = `${height}px`;
  else if (props.height === "stretch") dom.style.height = "100%";
  else dom.style.removeProperty("height");
  const width = Number(props.width);
  if (typeof props.width === "number" && width > 0) dom.style.width = `${width}px`;
  else dom.style.removeProperty("width");
  const delay = Number(props.delay);
  if (delay > 0) {
    dom.dataset.delayed = "true";
    dom.style.setProperty("--rl-skeleton-delay", `${delay}ms`);
  } else {
    delete dom.dataset.delayed;
    dom.style.removeProperty("--rl-skeleton-delay");
  }
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  skeleton: {
    create(el) {
      const dom = make("div", "rillet-skeleton");
      dom.setAttribute("role", "status");
      dom.setAttribute("aria-busy", "true");
      dom.setAttribute("aria-label", "Loading");
      sizeSkeleton(dom, el.props ?? {});
      return dom;
    },
    update(dom, el) {
      sizeSkeleton(dom, el.props ?? {});
    },
  },
};
