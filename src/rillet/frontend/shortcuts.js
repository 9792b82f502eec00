// @ts-check
/**
 * Keyboard shortcuts of buttons (`shortcut=`, Streamlit 1.67): one listener on the document
 * matches each key press against the shortcuts of the buttons on the page and clicks the
 * button, as if the user had. The server sends a shortcut normalized ("ctrl+shift+k", see
 * elements/shortcuts.py). A shortcut without Ctrl, Cmd or Alt does nothing while the user
 * types in a text field, so typing a "k" never presses a button.
 * @module shortcuts
 */

/** @type {Map<HTMLElement, string>} each button's shortcut */
const bound = new Map();
let listening = false;

/** @type {Record<string, string>} event.key names, lower-cased, to the server's names */
const KEY_NAMES = {
  " ": "space",
  arrowleft: "left",
  arrowright: "right",
  arrowup: "up",
  arrowdown: "down",
  esc: "escape",
  del: "delete",
};

/**
 * The shortcut a key press makes, in the server's form.
 * @param {KeyboardEvent} event
 * @returns {string}
 */
export function shortcutOf(event) {
  const raw = event.key.toLowerCase();
  // Shift changes event.key ("K", "!"): the key's code gives the plain letter or digit.
  const fromCode = /^Key([A-Z])$/.exec(event.code)?.[1] ?? /^Digit(\d)$/.exec(event.code)?.[1];
  const key = fromCode ? fromCode.toLowerCase() : KEY_NAMES[raw] ?? raw;
  const parts = [];
  if (event.ctrlKey) parts.push("ctrl");
  if (event.metaKey) parts.push("cmd");
  if (event.altKey) parts.push("alt");
  if (event.shiftKey) parts.push("shift");
  return [...parts, key].join("+");
}

/** @param {EventTarget | null} target */
function typingIn(target) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches("input, textarea, select");
}

/** @param {KeyboardEvent} event */
function onKey(event) {
  if (event.defaultPrevented || event.repeat || event.isComposing) return;
  const pressed = shortcutOf(event);
  for (const [control, shortcut] of bound) {
    if (!control.isConnected) {
      bound.delete(control);
      continue;
    }
    if (shortcut !== pressed) continue;
    if (!/(^|\+)(ctrl|cmd|alt)\+/.test(shortcut) && typingIn(event.target)) return;
    if (control.matches(":disabled, [aria-disabled='true']")) return;
    event.preventDefault();
    control.click();
    return;
  }
}

/**
 * Give `control` (a button or a link) the shortcut `shortcut`, or take it away (null).
 * @param {HTMLElement} control
 * @param {unknown} shortcut
 */
export function bindShortcut(control, shortcut) {
  if (typeof shortcut === "string" && shortcut) {
    bound.set(control, shortcut);
    control.setAttribute("aria-keyshortcuts", shortcut.split("+").map(ariaName).join("+"));
    if (!listening) {
      listening = true;
      control.ownerDocument.addEventListener("keydown", onKey);
    }
  } else {
    bound.delete(control);
    control.removeAttribute("aria-keyshortcuts");
  }
}

/**
 * A key in the form `aria-keyshortcuts` uses ("Control+Shift+K").
 * @param {string} part
 * @returns {string}
 */
function ariaName(part) {
  /** @type {Record<string, string>} */
  const names = { ctrl: "Control", cmd: "Meta", alt: "Alt", shift: "Shift", space: "Space",
    enter: "Enter", escape: "Escape", left: "ArrowLeft", right: "ArrowRight", up: "ArrowUp",
    down: "ArrowDown" };
  return names[part] ?? (part.length === 1 ? part.toUpperCase() : part);
}
