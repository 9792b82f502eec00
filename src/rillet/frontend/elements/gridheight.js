// @ts-check
/**
 * The height of a dataframe's grid: "auto" (up to ten rows), "content" (every row), pixels,
 * or "stretch" (filling what a fixed-height container leaves).
 *
 * "stretch" keeps the "auto" height as its flex basis, so outside a fixed-height container
 * (where nothing constrains it) it looks exactly like "auto", as in Streamlit; inside one it
 * grows or shrinks to the room left, down to three rows when the container is too small for
 * even those (then the container scrolls).
 * @module elements/gridheight
 */

/** Streamlit caps a "content" grid here, so a huge frame does not make a huge page. */
const CONTENT_MAX_PX = 10000;
const STRETCH_MIN_ROWS = 3;

/**
 * Size the grid's scroller (and, for "stretch", its host) for `height`.
 * @param {HTMLElement} host the element's node, holding the toolbar and the scroller
 * @param {HTMLElement} scroller
 * @param {unknown} height the element's `height` prop
 * @param {number} total rows in the frame
 * @param {number} rowHeight pixels per row
 * @param {number} autoRows rows the "auto" height shows
 */
export function sizeGrid(host, scroller, height, total, rowHeight, autoRows) {
  const rowsPx = (/** @type {number} */ rows) => (Math.max(1, rows) + 1) * rowHeight + 2; // + header, borders
  const pixels = Number(height);
  scroller.style.height = pixels > 0 ? `${pixels}px`
    : height === "content" ? `${Math.min(rowsPx(total), CONTENT_MAX_PX)}px`
      : `${rowsPx(Math.min(total, autoRows))}px`;
  const stretch = height === "stretch";
  if (stretch) host.dataset.height = "stretch";
  else delete host.dataset.height;
  host.style.display = stretch ? "flex" : "";
  host.style.flexDirection = stretch ? "column" : "";
  host.style.flex = stretch ? "1 1 auto" : "";
  // No minimum while the container has room for three rows (the grid takes what is left,
  // however small); three rows once it has not. A percentage here is of the container's
  // height, and resolves only where that height is fixed, which is where it matters.
  const least = rowsPx(Math.min(total, STRETCH_MIN_ROWS));
  host.style.minHeight = stretch ? `clamp(0px, (${least}px - 100%) * 1000, ${least}px)` : "";
  scroller.style.flex = stretch ? "1 1 auto" : "";
  scroller.style.minHeight = stretch ? "0" : "";
}
