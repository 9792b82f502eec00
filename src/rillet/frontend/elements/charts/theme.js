// @ts-check
/**
 * Chart themes: the page's colours and font, read from theme.css, for any chart library.
 *
 * The page follows the system's light or dark scheme (theme.css switches its custom
 * properties under `prefers-color-scheme`), so a chart reads the properties when it is drawn
 * and draws again when the scheme changes. `theme="streamlit"` gets a look like Streamlit's
 * (its palette, muted axes, no frame); `theme=None` keeps the library's own look but its text,
 * grid and background still come from the page, so it stays readable on a dark page.
 * @module elements/charts/theme
 */

import { SCHEME_EVENT } from "../../colorscheme.js";

/**
 * The page's chart colours and font, as theme.css defines them now.
 * @typedef {object} PageTheme
 * @property {boolean} dark
 * @property {string} font
 * @property {string} text headings and values
 * @property {string} muted axis and legend labels
 * @property {string} background
 * @property {string} grid grid lines and the view's outline
 * @property {string[]} palette the categorical colours, in order
 */

const PALETTE_SIZE = 10;

/** @returns {PageTheme} */
export function pageTheme() {
  const style = getComputedStyle(document.documentElement);
  const read = (/** @type {string} */ name) => style.getPropertyValue(name).trim();
  const scheme = read("color-scheme");
  const dark = scheme ? scheme.split(/\s+/)[0] === "dark"
    : matchMedia("(prefers-color-scheme: dark)").matches;
  const palette = [];
  for (let i = 1; i <= PALETTE_SIZE; i += 1) {
    const colour = read(`--rl-chart-${i}`);
    if (colour) palette.push(colour);
  }
  return {
    dark,
    font: read("--rl-font") || "sans-serif",
    text: read("--rl-text") || (dark ? "#e7e9ec" : "#1c2024"),
    muted: read("--rl-chart-label") || read("--rl-muted") || (dark ? "#9aa4af" : "#5c6670"),
    background: read("--rl-bg") || (dark ? "#0f1115" : "#ffffff"),
    grid: read("--rl-chart-grid") || read("--rl-border") || (dark ? "#2d323b" : "#d9dde3"),
    palette,
  };
}

/**
 * Call `onChange` whenever the system switches between light and dark. Returns a function
 * that stops listening.
 * @param {() => void} onChange
 * @returns {() => void}
 */
export function onSchemeChange(onChange) {
  const query = matchMedia("(prefers-color-scheme: dark)");
  query.addEventListener("change", onChange);
  // The scheme chosen in the app's Settings (colorscheme.js) changes the colours too.
  window.addEventListener(SCHEME_EVENT, onChange);
  return () => {
    query.removeEventListener("change", onChange);
    window.removeEventListener(SCHEME_EVENT, onChange);
  };
}

/** Streamlit's default chart size (350 px high, 400 px wide when the chart sets none). */
export const DEFAULT_HEIGHT = 350;
export const DEFAULT_WIDTH = 400;

/**
 * A Vega-Lite config for the page's theme. `name` is the chart's `theme` prop: "streamlit"
 * for rillet's chart look, null for Vega's own look in the page's colours. The spec's own
 * `config` is merged over it by Vega-Lite, so a chart's explicit settings win.
 * @param {string | null | undefined} name
 * @param {PageTheme} theme
 * @returns {Record<string, any>}
 */
export function vegaConfig(name, theme) {
  const { font, text, muted, grid, palette } = theme;
  if (name !== "streamlit") {
    const fonts = { labelFont: font, titleFont: font, labelFontSize: 12, titleFontSize: 12 };
    return {
      background: "transparent",
      axis: { labelColor: text, titleColor: text, gridColor: grid, domainColor: grid,
        tickColor: grid, ...fonts },
      legend: { labelColor: text, titleColor: text, ...fonts },
      title: { color: text, subtitleColor: text, font, subtitleFont: font },
      header: { labelColor: text, titleColor: text, ...fonts },
      view: { stroke: grid, continuousHeight: DEFAULT_HEIGHT, continuousWidth: DEFAULT_WIDTH },
      mark: { tooltip: true },
    };
  }
  const normal = "normal";
  return {
    font,
    background: "transparent",
    fieldTitle: "verbal",
    autosize: { type: "fit", contains: "padding" },
    title: { align: "left", anchor: "start", color: text, fontWeight: 600, fontSize: 16,
      orient: "top", offset: 26 },
    header: { titleFontWeight: normal, titleFontSize: 16, titleColor: muted, labelFontSize: 12,
      labelFontWeight: normal, labelColor: muted },
    axis: {
      labelFontSize: 12, labelFontWeight: normal, labelColor: muted,
      titleFontSize: 14, titleFontWeight: normal, titleColor: muted,
      ticks: false, gridColor: grid, domain: false, domainColor: grid,
      labelFlush: true, labelFlushOffset: 1, labelBound: false, labelLimit: 100,
      titlePadding: 16, labelPadding: 16, labelSeparation: 4, labelOverlap: true,
    },
    legend: {
      labelFontSize: 14, labelFontWeight: normal, labelColor: muted,
      titleFontSize: 14, titleFontWeight: normal, titleColor: muted,
      titlePadding: 8, labelPadding: 16, columnPadding: 8, rowPadding: 4, padding: 8,
      symbolStrokeWidth: 4,
    },
    ...(palette.length ? { range: { category: palette } } : {}),
    view: { columns: 1, strokeWidth: 0, stroke: "transparent",
      continuousHeight: DEFAULT_HEIGHT, continuousWidth: DEFAULT_WIDTH },
    concat: { columns: 1 },
    facet: { columns: 1 },
    mark: { tooltip: { content: "encoding" }, ...(palette.length ? { color: palette[0] } : {}) },
    bar: { binSpacing: 4, discreteBandSize: { band: 0.85 } },
    axisDiscrete: { grid: false },
    axisXPoint: { grid: false },
    axisTemporal: { grid: false },
    axisXBand: { grid: false },
  };
}
