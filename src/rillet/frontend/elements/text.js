// @ts-check
/**
 * Text elements: heading, markdown, text, json, exception, alert, empty (code and latex are in
 * code.js; html and help in richtext.js).
 * These hold no user input, so an update simply rebuilds their content.
 * @module elements/text
 */

import { applyWidth, asText, make, rebuilt, syncHelp } from "../dom.js";
import { iconElement } from "./icons.js";
import { applyTextLayout, typesetMath } from "./richtext.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */

const HEADING_TAGS = new Set(["h1", "h2", "h3"]);
const DIVIDER_COLORS = new Set(["blue", "green", "orange", "red", "violet", "gray", "grey",
  "rainbow"]);
const ALERT_LEVELS = new Set(["success", "info", "warning", "error"]);

/**
 * `wrap=False`: the text keeps one line, cut with an ellipsis (theme.css), and shows whole on
 * hover through the element's title.
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 * @param {HTMLElement} text the node holding the text
 */
function applyWrap(dom, props, text) {
  if (props.wrap === false) {
    dom.dataset.wrap = "false";
    text.title = (text.textContent ?? "").trim();
  } else {
    delete dom.dataset.wrap;
  }
}

/** The page was opened at #anchor before its heading existed: scroll once it appears. */
let pendingHash = typeof location === "undefined" ? "" : decodeURIComponent(location.hash.slice(1));


/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillHeading(dom, props) {
  applyTextLayout(dom, props, "stretch");
  const tag = HEADING_TAGS.has(props.tag) ? props.tag : "h2";
  const row = make("div", "rillet-heading-row");
  const heading = make(/** @type {"h1" | "h2" | "h3"} */ (tag), "rillet-heading");
  heading.innerHTML = asText(props.html); // sanitized by the server
  typesetMath(heading);
  // `icon`: an emoji or a Material icon before the text.
  const icon = iconElement(props.icon, "rillet-heading-icon");
  if (icon) heading.prepend(icon);
  if (props.anchor) {
    heading.id = String(props.anchor);
    if (pendingHash && pendingHash === heading.id) {
      pendingHash = "";
      requestAnimationFrame(() => heading.scrollIntoView());
    }
  }
  row.append(heading);
  applyWrap(dom, props, heading);
  syncHelp(row, props.help);
  dom.append(row);
  if (props.divider) {
    const rule = make("hr", "rillet-divider");
    rule.dataset.color = DIVIDER_COLORS.has(props.divider) ? props.divider : "primary";
    dom.append(rule);
  }
}

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillMarkdown(dom, props) {
  // st.caption and st.divider are markdown with a flag, so they share this renderer.
  if (props.caption) dom.dataset.caption = "true";
  else delete dom.dataset.caption;
  applyTextLayout(dom, props, props.badge ? "content" : "stretch");
  const body = make("div", "rillet-markdown-body");
  body.innerHTML = asText(props.html); // sanitized by the server
  typesetMath(body);
  dom.append(body);
  applyWrap(dom, props, body);
  syncHelp(dom, props.help);
}

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillException(dom, props) {
  dom.setAttribute("role", "alert");
  applyWidth(dom, props.width ?? "stretch");
  const title = make("p", "rillet-exception-title");
  title.append(make("strong", undefined, asText(props.type)), `: ${asText(props.message)}`);
  dom.append(title);
  const traceback = Array.isArray(props.traceback) ? props.traceback : [];
  if (traceback.length) {
    const details = make("details");
    details.open = true;
    // Frames may come as single lines or as multi-line strings ending in "\n"; both read well.
    const text = traceback.map((line) => asText(line).replace(/\n$/, "")).join("\n");
    details.append(make("summary", undefined, "Traceback"), make("pre", undefined, text));
    dom.append(details);
  }
}

/**
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillAlert(dom, props) {
  const level = ALERT_LEVELS.has(props.level) ? props.level : "info";
  dom.dataset.level = level;
  if (level === "error" || level === "warning") dom.setAttribute("role", "alert");
  else dom.removeAttribute("role");
  if (props.icon === "spinner") {
    const icon = make("span", "rillet-alert-icon rillet-spinner-icon");
    icon.setAttribute("aria-hidden", "true");
    dom.append(icon);
  } else {
    const icon = iconElement(props.icon, "rillet-alert-icon");
    if (icon) dom.append(icon);
  }
  const body = make("div", "rillet-alert-body");
  body.innerHTML = asText(props.html); // sanitized by the server
  typesetMath(body);
  if (props.title_html) {
    const title = make("p", "rillet-alert-title");
    title.innerHTML = asText(props.title_html); // sanitized by the server
    body.prepend(title);
  }
  dom.append(body);
  applyWidth(dom, props.width ?? "stretch");
}

// --- json ----------------------------------------------------------------------------------

/**
 * One key/value of a JSON tree. Collapsed containers build their children on first open, so a
 * large value costs little until it is explored.
 * @param {string | null} key
 * @param {unknown} value
 * @param {number} depth how many levels, from this one, start expanded
 * @returns {HTMLElement}
 */
function jsonNode(key, value, depth) {
  const isContainer = value !== null && typeof value === "object";
  const entries = isContainer ? Object.entries(/** @type {object} */ (value)) : [];
  if (!isContainer || entries.length === 0) {
    const leaf = make("div", "rillet-json-leaf");
    if (key !== null) leaf.append(make("span", "rillet-json-key", `${key}: `));
    leaf.append(jsonScalar(value));
    return leaf;
  }
  const isArray = Array.isArray(value);
  const details = make("details", "rillet-json-node");
  const summary = make("summary");
  if (key !== null) summary.append(make("span", "rillet-json-key", `${key}: `));
  const count = `${entries.length} ${isArray ? "item" : "key"}${entries.length === 1 ? "" : "s"}`;
  summary.append(make("span", "rillet-json-brace", isArray ? "[…]" : "{…}"),
    make("span", "rillet-json-count", ` ${count}`));
  details.append(summary);
  const children = make("div", "rillet-json-children");
  details.append(children);
  const fillChildren = () => {
    if (children.childElementCount) return;
    for (const [childKey, childValue] of entries) {
      children.append(jsonNode(isArray ? childKey : JSON.stringify(childKey), childValue, depth - 1));
    }
  };
  if (depth > 0) {
    details.open = true;
    fillChildren();
  } else {
    details.addEventListener("toggle", fillChildren);
  }
  return details;
}

/**
 * @param {unknown} value
 * @returns {HTMLElement}
 */
function jsonScalar(value) {
  if (Array.isArray(value)) return make("span", "rillet-json-brace", "[]");
  if (value !== null && typeof value === "object") return make("span", "rillet-json-brace", "{}");
  const type = value === null ? "null" : typeof value;
  const text = type === "string" ? JSON.stringify(value) : String(value);
  return make("span", `rillet-json-${type}`, text);
}

/** @type {Registry} */
/**
 * A computation in progress: a spinning mark and its (server-rendered) text; with `show_time`
 * a clock counts the seconds since it appeared, so a long wait shows that it is alive.
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function fillSpinner(dom, props) {
  dom.setAttribute("role", "status");
  applyWidth(dom, props.width ?? "content");
  const text = make("span", "rillet-spinner-text");
  text.innerHTML = asText(props.html);
  dom.append(make("span", "rillet-spinner-icon"), text);
  if (props.show_time) {
    const clock = make("span", "rillet-spinner-time");
    const started = performance.now();
    const tick = () => {
      if (!clock.isConnected && clock.dataset.started) return;
      clock.dataset.started = "1";
      clock.textContent = ` (${((performance.now() - started) / 1000).toFixed(1)} s)`;
      setTimeout(tick, 100);
    };
    dom.append(clock);
    tick();
  }
}

export const renderers = {
  heading: rebuilt("rillet-heading-block", fillHeading),
  markdown: rebuilt("rillet-markdown", fillMarkdown),
  text: rebuilt("rillet-text", (dom, props) => {
    applyTextLayout(dom, props, "content");
    const pre = make("pre", undefined, asText(props.body));
    dom.append(pre);
    applyWrap(dom, props, pre);
    syncHelp(dom, props.help);
  }),
  json: rebuilt("rillet-json", (dom, props) => {
    applyWidth(dom, props.width ?? "stretch");
    // `depth`: expanded to that many levels; otherwise all of it, or none.
    const depth = Number(props.depth) > 0 ? Number(props.depth) : props.expanded ? Infinity : 0;
    dom.append(jsonNode(null, props.body, depth));
  }),
  exception: rebuilt("rillet-exception", fillException),
  alert: rebuilt("rillet-alert", fillAlert),
  empty: rebuilt("rillet-empty", () => {}),
  spinner: rebuilt("rillet-spinner", fillSpinner),
};
