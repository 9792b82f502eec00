// @ts-check
/**
 * `grid` blocks and their `grid.cell()` blocks: the layout of a CSS grid whose direct children
 * are the cells. layout.js renders the blocks; this module sets what is particular to grids:
 * the column tracks (as many as fit `min_column_width`, at most `columns`), the gaps, fixed row
 * heights, and cell spans. A span wider than the columns shown shrinks to them, as the grid
 * wraps, so no cell ever adds a column of its own. The rest of the look is in theme.css.
 * @module elements/gridlayout
 */

/** Gap names in rem, as Streamlit's. */
const GAPS = /** @type {Record<string, number>} */ ({
  none: 0, xxsmall: 0.25, xsmall: 0.5, small: 1, medium: 2, large: 4, xlarge: 6, xxlarge: 8,
});
const MAX_COLUMNS = 24;
const DEFAULT_MIN_WIDTH = "200px";

/**
 * @param {unknown} gap
 * @returns {string}
 */
function gapLength(gap) {
  if (typeof gap === "number" && gap >= 0) return `${gap}px`;
  return `${GAPS[asKey(gap)] ?? 1}rem`;
}

/** @param {unknown} value */
const asKey = (value) => (typeof value === "string" ? value : "small");

/**
 * @param {HTMLElement} dom
 * @param {string} name
 * @param {string | null} value
 */
function setVar(dom, name, value) {
  if (value === null) dom.style.removeProperty(name);
  else dom.style.setProperty(name, value);
}

/** @type {WeakMap<HTMLElement, ResizeObserver>} */
const watchers = new WeakMap();

/**
 * Shrink every cell's column span to the number of columns the grid shows now.
 * @param {HTMLElement} grid
 */
function clampSpans(grid) {
  const tracks = getComputedStyle(grid).gridTemplateColumns.split(" ").filter(Boolean).length;
  for (const cell of grid.children) {
    if (!(cell instanceof HTMLElement)) continue;
    const span = Number(cell.dataset.columnSpan);
    if (cell.dataset.columnSpan === "all") cell.style.gridColumn = "1 / -1";
    else if (span > 1) cell.style.gridColumn = `span ${Math.max(1, Math.min(span, tracks))}`;
    else cell.style.removeProperty("grid-column");
  }
}

/**
 * Lay out a grid block, or a grid cell block, from its props; undo it for any other block
 * (a block can change type in place).
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
export function styleGridBlock(dom, props) {
  if (props.type === "grid_cell") {
    dom.dataset.columnSpan = props.column_span === "all" ? "all" : String(props.column_span ?? 1);
    const rows = Number(props.row_span);
    if (rows > 1) dom.style.gridRow = `span ${rows}`;
    else dom.style.removeProperty("grid-row");
    // Until the grid measures its columns (it may not be in the page yet), the span as asked.
    const span = Number(props.column_span);
    if (props.column_span === "all") dom.style.gridColumn = "1 / -1";
    else if (span > 1) dom.style.gridColumn = `span ${span}`;
    else dom.style.removeProperty("grid-column");
    const grid = dom.parentElement;
    if (grid?.dataset.type === "grid") clampSpans(grid);
    return;
  }
  if (props.type !== "grid") {
    if (dom.dataset.columnSpan) {
      delete dom.dataset.columnSpan;
      dom.style.removeProperty("grid-row");
      dom.style.removeProperty("grid-column");
    }
    watchers.get(dom)?.disconnect();
    watchers.delete(dom);
    for (const name of ["--rl-grid-columns", "--rl-grid-min", "--rl-grid-row-gap",
      "--rl-grid-column-gap", "--rl-grid-row-height"]) dom.style.removeProperty(name);
    for (const key of ["cellBorder", "cellAlign", "dense", "fixedRows"]) delete dom.dataset[key];
    return;
  }
  const columns = Number(props.columns) > 0 ? Number(props.columns) : MAX_COLUMNS;
  setVar(dom, "--rl-grid-columns", String(columns));
  setVar(dom, "--rl-grid-min", Number(props.min_column_width) > 0
    ? `${Number(props.min_column_width)}px` : DEFAULT_MIN_WIDTH);
  setVar(dom, "--rl-grid-row-gap", gapLength(props.row_gap));
  setVar(dom, "--rl-grid-column-gap", gapLength(props.column_gap));
  const rowHeight = Number(props.row_height);
  setVar(dom, "--rl-grid-row-height", rowHeight > 0 ? `${rowHeight}px` : null);
  setFlag(dom, "fixedRows", rowHeight > 0 ? "true" : null);
  setFlag(dom, "cellBorder", props.cell_border ? "true" : null);
  setFlag(dom, "cellAlign", ["center", "bottom"].includes(props.cell_alignment)
    ? props.cell_alignment : null);
  setFlag(dom, "dense", props.dense ? "true" : null);
  if (!watchers.has(dom)) {
    // Spans depend on how many columns fit, which changes with the width and the cells.
    const observer = new ResizeObserver(() => clampSpans(dom));
    observer.observe(dom);
    watchers.set(dom, observer);
  }
  clampSpans(dom);
}

/**
 * @param {HTMLElement} dom
 * @param {string} key
 * @param {string | null} value
 */
function setFlag(dom, key, value) {
  if (value === null) delete dom.dataset[key];
  else dom.dataset[key] = value;
}
