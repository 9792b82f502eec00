// @ts-check
/**
 * A metric's sparkline (`st.metric(chart_data=...)`): a line, area or bars drawn as inline
 * SVG in the delta's colour. No chart library: a sparkline has no axes, legend or scales
 * worth loading one for.
 *
 * Like Streamlit's, the vertical scale runs from the lowest value to the highest (not from
 * zero), an area fills down to the lowest value (to zero when the values cross it), bars are
 * 5 pixels wide with round ends, and a lone value is drawn as a flat line.
 * @module elements/sparkline
 */

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 100; // viewBox units across; the SVG is stretched to the metric's width
const HEIGHT = 56; // 3.5rem, Streamlit's chart height, in pixels (viewBox units down)
const TOP = 3;
const BOTTOM = HEIGHT - 3;

/** Stroke and fill by the delta's colour (data.js's chip colours; "gray" without a delta). */
const COLORS = {
  good: ["var(--rl-good)", "var(--rl-success-bg)"],
  bad: ["var(--rl-bad)", "var(--rl-error-bg)"],
  off: ["var(--rl-muted)", "var(--rl-bg-soft)"],
  gray: ["var(--rl-muted)", "var(--rl-bg-soft)"],
  // metric's named delta colours (its delta chip uses the same pairs: theme.css).
  red: ["var(--rl-red)", "color-mix(in srgb, var(--rl-red) 14%, transparent)"],
  orange: ["var(--rl-orange)", "color-mix(in srgb, var(--rl-orange) 14%, transparent)"],
  yellow: ["var(--rl-yellow)", "color-mix(in srgb, var(--rl-yellow) 18%, transparent)"],
  green: ["var(--rl-green)", "color-mix(in srgb, var(--rl-green) 14%, transparent)"],
  blue: ["var(--rl-blue)", "color-mix(in srgb, var(--rl-blue) 14%, transparent)"],
  violet: ["var(--rl-violet)", "color-mix(in srgb, var(--rl-violet) 14%, transparent)"],
  primary: ["var(--rl-primary)", "color-mix(in srgb, var(--rl-primary) 14%, transparent)"],
};

/**
 * @param {string} name
 * @param {Record<string, string>} attributes
 * @returns {SVGElement}
 */
function svgNode(name, attributes) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

/** @param {number} n */
const fixed = (n) => String(Math.round(n * 100) / 100);

/**
 * A few words on the trend, for screen readers (the drawing itself says nothing to them).
 * @param {string} type
 * @param {number[]} values the finite values, in order
 * @returns {string}
 */
export function describeTrend(type, values) {
  const first = values[0];
  const last = values[values.length - 1];
  const trend = last > first ? "rising" : last < first ? "falling" : "flat";
  return `${type[0].toUpperCase()}${type.slice(1)} chart of ${values.length} values, ${trend} `
    + `from ${first} to ${last} (lowest ${Math.min(...values)}, highest ${Math.max(...values)})`;
}

/**
 * The sparkline of `points` (null is a gap), or null when there is nothing to draw.
 * @param {(number | null)[]} points
 * @param {string} type "line", "area" or "bar"
 * @param {string} color a key of COLORS (an unknown one draws grey)
 * @returns {SVGElement | null}
 */
export function sparkline(points, type, color) {
  const values = /** @type {number[]} */ (points.filter((p) => typeof p === "number"));
  if (values.length === 0) return null;
  // A lone value is a flat line across, as Streamlit draws it.
  const series = points.length === 1 ? [points[0], points[0]] : points;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const y = (/** @type {number} */ v) => (high === low ? BOTTOM : BOTTOM - ((v - low) / (high - low)) * (BOTTOM - TOP));
  const x = (/** @type {number} */ i) => (series.length === 1 ? 0 : (i / (series.length - 1)) * WIDTH);
  const [stroke, fill] = COLORS[/** @type {keyof typeof COLORS} */ (color)] ?? COLORS.gray;
  const kind = type === "bar" || type === "area" ? type : "line";
  const svg = svgNode("svg", {
    class: "rillet-sparkline", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: "none",
    width: "100%", height: String(HEIGHT), role: "img", overflow: "visible",
    "aria-label": describeTrend(kind, values), "data-type": kind,
  });
  svg.style.display = "block";
  svg.style.marginTop = "0.5rem";
  if (kind === "bar") {
    // Bars are inset a little, so the first and last are not cut in half at the edges.
    const barX = (/** @type {number} */ i) => 2 + (x(i) / WIDTH) * (WIDTH - 4);
    series.forEach((v, i) => {
      if (typeof v !== "number") return;
      // A line with round caps: 5 pixels wide whatever the SVG's stretch (non-scaling).
      svg.append(svgNode("line", {
        class: "rillet-sparkline-bar", x1: fixed(barX(i)), x2: fixed(barX(i)), y1: String(BOTTOM),
        y2: fixed(y(v)), stroke, "stroke-width": "5", "stroke-linecap": "round",
        "vector-effect": "non-scaling-stroke",
      }));
    });
    return svg;
  }
  /** @type {[number, number][][]} runs of drawable points between gaps */
  const runs = [];
  let run = /** @type {[number, number][]} */ ([]);
  series.forEach((v, i) => {
    if (typeof v === "number") run.push([x(i), y(v)]);
    else if (run.length) { runs.push(run); run = []; }
  });
  if (run.length) runs.push(run);
  const line = runs.map((r) => `M${r.map(([px, py]) => `${fixed(px)},${fixed(py)}`).join("L")}`).join("");
  if (kind === "area") {
    const base = fixed(low < 0 && high > 0 ? y(0) : BOTTOM);
    const area = runs.map((r) => `M${fixed(r[0][0])},${base}`
      + `L${r.map(([px, py]) => `${fixed(px)},${fixed(py)}`).join("L")}`
      + `L${fixed(r[r.length - 1][0])},${base}Z`).join("");
    svg.append(svgNode("path", { class: "rillet-sparkline-area", d: area, fill, stroke: "none" }));
  }
  svg.append(svgNode("path", {
    class: "rillet-sparkline-line", d: line, fill: "none", stroke, "stroke-width": "2",
    "stroke-linecap": "round", "stroke-linejoin": "round", "vector-effect": "non-scaling-stroke",
  }));
  return svg;
}
