// @ts-check
/**
 * Small DOM helpers shared by the element renderers. Text always goes in through
 * `textContent`; only fields the server has sanitized (named `html`) use `innerHTML`, and they
 * are set by the renderers themselves, never here.
 * @module dom
 */

/**
 * Create an element with an optional class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string | null} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

let nextId = 0;

/**
 * A page-unique element id, for `<label for>` and `aria-describedby`.
 * @param {string} prefix
 * @returns {string}
 */
export function uniqueId(prefix) {
  nextId += 1;
  return `rillet-${prefix}-${nextId}`;
}

/**
 * Coerce a prop to display text: null and undefined become "".
 * @param {unknown} value
 * @returns {string}
 */
export function asText(value) {
  return value == null ? "" : String(value);
}

/**
 * A small "?" that shows `text` as a tooltip. It is focusable so keyboard users can reach the
 * tooltip, and exposes the text to assistive technology.
 * @param {string} text
 * @returns {HTMLSpanElement}
 */
export function helpIcon(text) {
  const icon = make("span", "rillet-help", "?");
  icon.tabIndex = 0;
  icon.setAttribute("role", "img");
  setHelpText(icon, text);
  return icon;
}

/**
 * @param {HTMLElement} icon
 * @param {string} text
 */
function setHelpText(icon, text) {
  icon.title = text;
  icon.setAttribute("aria-label", `Help: ${text}`);
}

/**
 * Add, update or remove the help icon that is a direct child of `host`. The icon is kept
 * outside `<label>` and `<button>` elements so it never becomes part of a control's name.
 * @param {HTMLElement} host
 * @param {string | null | undefined} help
 */
export function syncHelp(host, help) {
  const existing = /** @type {HTMLElement | null} */ (host.querySelector(":scope > .rillet-help"));
  if (!help) {
    existing?.remove();
  } else if (existing) {
    setHelpText(existing, help);
  } else {
    host.append(helpIcon(help));
  }
}

/**
 * Label visibility as the CSS understands it: "hidden" keeps the label's space but shows
 * nothing, "collapsed" takes no space; both stay readable by screen readers.
 * @param {HTMLElement} labelHost
 * @param {unknown} visibility
 */
export function setLabelVisibility(labelHost, visibility) {
  labelHost.dataset.visibility =
    visibility === "hidden" || visibility === "collapsed" ? visibility : "visible";
}

/**
 * Structural equality of two JSON values (widget values are JSON).
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
export function sameValue(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return keysA.length === keysB.length
      && keysA.every((k) => sameValue(/** @type {any} */ (a)[k], /** @type {any} */ (b)[k]));
  }
  return false;
}

/**
 * Whether a control currently has keyboard focus.
 * @param {Element} control
 * @returns {boolean}
 */
export function hasFocus(control) {
  return control.ownerDocument.activeElement === control;
}

/**
 * A renderer for elements without user input: create builds the content with `fill`, and an
 * update rebuilds it from scratch.
 * @param {string} className
 * @param {(dom: HTMLElement, props: Record<string, any>) => void} fill
 * @returns {import("./tree.js").Renderer}
 */
export function rebuilt(className, fill) {
  return {
    create(el) {
      const dom = make("div", className);
      fill(dom, el.props ?? {});
      return dom;
    },
    update(dom, el) {
      dom.replaceChildren();
      fill(dom, el.props ?? {});
    },
  };
}

// --- widget parts --------------------------------------------------------------------------

/**
 * A label row: `<label for>` naming the control, plus help and visibility.
 * @param {string | null} controlId
 * @returns {{row: HTMLDivElement, label: HTMLLabelElement}}
 */
export function labelRow(controlId) {
  const row = make("div", "rillet-label-row");
  const label = make("label", "rillet-label");
  if (controlId) label.htmlFor = controlId;
  row.append(label);
  return { row, label };
}

/**
 * @param {HTMLElement} row
 * @param {HTMLElement} label
 * @param {Record<string, any>} props
 */
export function updateLabelRow(row, label, props) {
  label.textContent = asText(props.label);
  setLabelVisibility(row, props.label_visibility);
  syncHelp(row, props.help);
}

/**
 * A widget's `width`: "stretch" fills the container, a number is pixels (never wider than
 * the container), anything else ("content") is the widget's natural width.
 * @param {HTMLElement} dom
 * @param {unknown} width
 */
export function applyWidth(dom, width) {
  const pixels = Number(width);
  if (typeof width === "number" && pixels > 0) {
    dom.dataset.width = "fixed";
    dom.style.width = `${pixels}px`;
  } else {
    dom.dataset.width = width === "stretch" ? "stretch" : "content";
    dom.style.removeProperty("width");
  }
}
