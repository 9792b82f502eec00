// @ts-check
/**
 * Dialogs: a fragment block of type "dialog" in the event root, shown as a modal over the page.
 *
 * The block's own DOM node is the backdrop; the dialog panel inside it holds the title, the
 * close button and the body the tree puts the children into. While one is open the rest of
 * the page is inert, keyboard focus stays inside, and it returns to where it was when the
 * dialog closes — whether the server dropped the dialog (a run did not open it again) or the
 * user dismissed it here. A dismissal hides the dialog at once; the server only hears of it
 * when the app asked to (`dismiss_id`), and then the whole app reruns.
 * @module elements/dialog
 */

import { asText, make, uniqueId } from "../dom.js";
import { fillIcon } from "./icons.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */

const WIDTHS = new Set(["small", "medium", "large"]);
/** What the page makes inert while a dialog is open (marked in index.html). */
const BEHIND_MODAL = "[data-behind-modal]";
const FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex], "
  + "[contenteditable]";

/**
 * @typedef {object} DialogParts
 * @property {HTMLElement} panel
 * @property {HTMLElement} icon
 * @property {HTMLElement} title
 * @property {HTMLButtonElement} close
 * @property {HTMLElement} body
 * @property {Record<string, any>} props
 * @property {RenderContext} ctx
 */

/** @type {WeakMap<HTMLElement, DialogParts>} */
const dialogs = new WeakMap();

/**
 * The page's modal state: the dialog shown, where focus goes back to when it closes, and
 * whether the dialog is still settling (its content may arrive in later frames; until the
 * user does something, focus follows it to the first control).
 */
const modal = {
  /** @type {HTMLElement | null} */
  current: null,
  /** @type {HTMLElement | null} */
  restore: null,
  /** @type {HTMLElement | null} */
  autoFocused: null,
};

/** @type {WeakSet<Document>} */
const listening = new WeakSet();

/**
 * The container a dialog block's children go into, or null when `dom` is no dialog.
 * @param {HTMLElement} dom
 * @returns {HTMLElement | null}
 */
export function dialogBody(dom) {
  return dialogs.get(dom)?.body ?? null;
}

/**
 * Make a block's DOM a dialog (keeping children it already has) or update the dialog it is.
 * A run wrote the block, so the dialog is open, even if the user dismissed it before.
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 */
export function renderDialog(dom, el, ctx) {
  const parts = dialogs.get(dom) ?? build(dom, ctx);
  const props = el.props ?? {};
  parts.props = props;
  parts.ctx = ctx;
  parts.panel.dataset.width = WIDTHS.has(props.width) ? props.width : "small";
  // A width in pixels (Streamlit 1.67), still never wider than the window.
  const pixels = typeof props.width === "number" && props.width > 0 ? props.width : 0;
  if (pixels) parts.panel.style.setProperty("--rl-dialog-width", `${pixels}px`);
  else parts.panel.style.removeProperty("--rl-dialog-width");
  // `position` "left" or "right": a full-height drawer on that side the user can resize.
  const side = props.position === "left" || props.position === "right" ? props.position : "";
  if (side) dom.dataset.position = side;
  else delete dom.dataset.position;
  parts.title.textContent = asText(props.title);
  fillIcon(parts.icon, props.icon);
  parts.close.hidden = !props.dismissible;
  dom.hidden = false;
}

/**
 * A run wrote the dialog again unchanged: it is open again if the user had dismissed it.
 * @param {HTMLElement} dom
 */
export function reopenDialog(dom) {
  if (dialogs.has(dom)) dom.hidden = false;
}

/**
 * Turn a dialog's DOM back into a plain block, keeping its children.
 * @param {HTMLElement} dom
 */
export function unmakeDialog(dom) {
  const parts = dialogs.get(dom);
  if (!parts) return;
  dialogs.delete(dom);
  dom.replaceChildren(...parts.body.childNodes);
  delete dom.dataset.position;
  dom.hidden = false;
}

/**
 * Bring the page in line with the dialogs in it: call after every change (a batch applied, a
 * dismissal). Opening makes the page behind inert and moves focus in; closing undoes both
 * and puts focus back where it was.
 * @param {Document} doc
 */
export function syncModal(doc) {
  listen(doc);
  const open = openDialog(doc);
  if (open === modal.current) {
    if (open && modal.autoFocused && doc.activeElement === modal.autoFocused) focusInitial(open);
    return;
  }
  // A dialog replacing another keeps the first one's way back.
  if (open && !modal.current) {
    modal.restore = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  }
  modal.current = open;
  doc.body.classList.toggle("rillet-modal-open", open !== null);
  for (const region of doc.querySelectorAll(BEHIND_MODAL)) region.toggleAttribute("inert", !!open);
  if (open) {
    focusInitial(open);
    return;
  }
  const back = modal.restore;
  modal.restore = null;
  modal.autoFocused = null;
  if (back?.isConnected && back !== doc.body) {
    back.focus({ preventScroll: true });
  } else if (!doc.activeElement || doc.activeElement === doc.body) {
    doc.getElementById("rillet-main")?.focus({ preventScroll: true });
  }
}

// --- internals -----------------------------------------------------------------------------

/**
 * @param {HTMLElement} dom
 * @param {RenderContext} ctx
 * @returns {DialogParts}
 */
function build(dom, ctx) {
  const panel = make("div", "rillet-dialog");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "true");
  panel.tabIndex = -1;
  const header = make("div", "rillet-dialog-header");
  const heading = make("h2", "rillet-dialog-title");
  heading.id = uniqueId("dialog-title");
  panel.setAttribute("aria-labelledby", heading.id);
  const icon = make("span", "rillet-dialog-icon");
  icon.setAttribute("aria-hidden", "true"); // the dialog's name is its title
  const title = make("span");
  heading.append(icon, title);
  const close = make("button", "rillet-dialog-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "Close");
  close.addEventListener("click", () => dismiss(dom));
  header.append(heading, close);
  const body = make("div", "rillet-dialog-body");
  body.append(...dom.childNodes); // a plain block turned dialog keeps its children
  panel.append(header, body);
  dom.append(panel);
  // A click that starts and ends on the backdrop dismisses; one that starts on it never takes
  // focus out of the dialog (a drag out of a text field must not close it either).
  let pressedBackdrop = false;
  dom.addEventListener("mousedown", (event) => {
    pressedBackdrop = event.target === dom;
    if (pressedBackdrop) event.preventDefault();
  });
  dom.addEventListener("click", (event) => {
    if (pressedBackdrop && event.target === dom) dismiss(dom);
    pressedBackdrop = false;
  });
  /** @type {DialogParts} */
  const parts = { panel, icon, title, close, body, props: {}, ctx };
  dialogs.set(dom, parts);
  return parts;
}

/**
 * The user closes the dialog (X, Escape, backdrop): only a dismissible one closes.
 * @param {HTMLElement} dom
 */
function dismiss(dom) {
  const parts = dialogs.get(dom);
  if (!parts || dom.hidden || !parts.props.dismissible) return;
  dom.hidden = true;
  syncModal(dom.ownerDocument);
  const id = parts.props.dismiss_id;
  // The app reruns, not the dialog's fragment: `on_dismiss` belongs to the app.
  if (typeof id === "string" && id) parts.ctx.rerunApp([{ id, value: true }]);
}

/**
 * The dialog on top: the last one in the page that is not dismissed.
 * @param {Document} doc
 * @returns {HTMLElement | null}
 */
function openDialog(doc) {
  /** @type {HTMLElement | null} */
  let found = null;
  for (const dom of doc.querySelectorAll(".rillet-block[data-type=dialog]")) {
    if (dom instanceof HTMLElement && dialogs.has(dom) && !dom.hidden && dom.isConnected) {
      found = dom;
    }
  }
  return found;
}

/**
 * Elements of `container` that Tab reaches, in order.
 * @param {HTMLElement} container
 * @returns {HTMLElement[]}
 */
function tabbables(container) {
  return [...container.querySelectorAll(FOCUSABLE)].filter(
    (el) => el instanceof HTMLElement && el.tabIndex >= 0 && !el.matches(":disabled")
      && !el.closest("[hidden], [inert]") && el.getClientRects().length > 0,
  ).map((el) => /** @type {HTMLElement} */ (el));
}

/**
 * Focus the first control of the dialog's content (typing starts there; the close button is
 * one Shift+Tab away), else the close button, else the dialog itself.
 * @param {HTMLElement} dom
 */
function focusInitial(dom) {
  const parts = /** @type {DialogParts} */ (dialogs.get(dom));
  const target = tabbables(parts.body)[0] ?? tabbables(parts.panel)[0] ?? parts.panel;
  if (target !== dom.ownerDocument.activeElement) target.focus({ preventScroll: true });
  modal.autoFocused = target;
}

/**
 * Keyboard handling while a dialog is open: Escape dismisses, Tab cycles inside.
 * @param {Document} doc
 */
function listen(doc) {
  if (listening.has(doc)) return;
  listening.add(doc);
  // Once the user acts, focus is theirs: content arriving later no longer pulls it.
  doc.addEventListener("pointerdown", () => { modal.autoFocused = null; }, true);
  doc.addEventListener("keydown", (event) => {
    const open = modal.current;
    if (!open?.isConnected || event.defaultPrevented || event.isComposing) return;
    modal.autoFocused = null;
    const parts = /** @type {DialogParts} */ (dialogs.get(open));
    if (event.key === "Escape") {
      if (!parts.props.dismissible) return;
      event.preventDefault();
      dismiss(open);
    } else if (event.key === "Tab") {
      trapTab(event, parts.panel);
    }
  });
}

/**
 * Keep Tab and Shift+Tab inside the dialog: from its last control to its first and back.
 * @param {KeyboardEvent} event
 * @param {HTMLElement} panel
 */
function trapTab(event, panel) {
  const items = tabbables(panel);
  const active = panel.ownerDocument.activeElement;
  const inside = active instanceof HTMLElement && active !== panel && panel.contains(active);
  if (items.length === 0) {
    event.preventDefault();
    panel.focus();
    return;
  }
  const [first, last] = [items[0], items[items.length - 1]];
  if (event.shiftKey ? !inside || active === first : !inside || active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}
