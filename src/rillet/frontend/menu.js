// @ts-check
/**
 * The app's main menu (the "⋮" button, top right) and its keyboard shortcuts: Rerun (R),
 * Clear caches (C, after a confirmation), Settings (the colour scheme) and About.
 *
 * The menu follows the WAI-ARIA menu button pattern: Enter, Space or the arrow keys open it,
 * the arrows, Home and End move between items, Escape closes it and gives focus back to the
 * button. Its dialogs are native modal `<dialog>`s, which keep focus inside and close on Escape.
 * @module menu
 */

import { SCHEME_CHOICES, chooseScheme, currentChoice } from "./colorscheme.js";

/**
 * @typedef {object} MenuActions
 * @property {() => void} rerun
 * @property {() => void} clearCaches
 * @property {string} version rillet's version, for About
 */

/**
 * @typedef {object} MenuItem
 * @property {string} action
 * @property {string} label
 * @property {string} [shortcut]
 */

/** @type {MenuItem[]} */
const ITEMS = [
  { action: "rerun", label: "Rerun", shortcut: "R" },
  { action: "clear", label: "Clear caches", shortcut: "C" },
  { action: "settings", label: "Settings" },
  { action: "about", label: "About" },
];

/** @type {Record<import("./colorscheme.js").SchemeChoice, string>} */
const SCHEME_LABELS = { system: "Use system setting", light: "Light", dark: "Dark" };

/**
 * Whether a key press belongs to what has focus rather than to the page's shortcuts.
 * @param {KeyboardEvent} event
 * @returns {boolean}
 */
export function typingInto(event) {
  const target = /** @type {Element | null} */ (event.target);
  if (!(target instanceof Element)) return false;
  if (target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']")) {
    return true;
  }
  // A widget that takes letters itself (a combobox's filter, a grid's cell editor).
  return Boolean(target.closest("[role='combobox'], [role='textbox'], [role='grid'], iframe"));
}

/**
 * Put the menu button into the header and bind the shortcuts.
 * @param {Document} doc
 * @param {MenuActions} actions
 */
export function installMenu(doc, actions) {
  const header = /** @type {HTMLElement} */ (doc.querySelector(".rillet-header"));
  const wrap = doc.createElement("div");
  wrap.className = "rillet-appmenu";
  const button = doc.createElement("button");
  button.type = "button";
  button.id = "rillet-appmenu-button";
  button.className = "rillet-appmenu-button";
  button.setAttribute("aria-label", "Main menu");
  button.setAttribute("aria-haspopup", "menu");
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "rillet-appmenu");
  button.dataset.behindModal = "";
  button.innerHTML = '<span aria-hidden="true">⋮</span>';
  const list = doc.createElement("div");
  list.id = "rillet-appmenu";
  list.className = "rillet-appmenu-list";
  list.setAttribute("role", "menu");
  list.setAttribute("aria-label", "Main menu");
  list.hidden = true;
  for (const item of ITEMS) {
    if (item.action === "settings") {
      const rule = doc.createElement("div");
      rule.setAttribute("role", "separator");
      list.append(rule);
    }
    const entry = doc.createElement("button");
    entry.type = "button";
    entry.className = "rillet-appmenu-item";
    entry.setAttribute("role", "menuitem");
    entry.tabIndex = -1;
    entry.dataset.action = item.action;
    const label = doc.createElement("span");
    label.textContent = item.label;
    entry.append(label);
    if (item.shortcut) {
      entry.setAttribute("aria-keyshortcuts", item.shortcut);
      const key = doc.createElement("kbd");
      key.textContent = item.shortcut;
      key.setAttribute("aria-hidden", "true");
      entry.append(key);
    }
    list.append(entry);
  }
  wrap.append(button, list);
  header.append(wrap);

  const items = () => /** @type {HTMLButtonElement[]} */ (
    Array.from(list.querySelectorAll("[role='menuitem']")));

  /** @param {number} index */
  function focusItem(index) {
    const all = items();
    all[(index + all.length) % all.length]?.focus();
  }

  /** @param {"first" | "last"} where */
  function open(where) {
    list.hidden = false;
    button.setAttribute("aria-expanded", "true");
    focusItem(where === "first" ? 0 : -1);
  }

  /** @param {boolean} refocus */
  function close(refocus) {
    if (list.hidden) return;
    list.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (refocus) button.focus();
  }

  const dialogs = createDialogs(doc, actions);

  /** @param {string | undefined} action */
  function activate(action) {
    close(true);
    if (action === "rerun") actions.rerun();
    else if (action === "clear") dialogs.show("clear", button);
    else if (action === "settings") dialogs.show("settings", button);
    else if (action === "about") dialogs.show("about", button);
  }

  button.addEventListener("click", () => {
    if (list.hidden) open("first");
    else close(true);
  });
  button.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowDown" ? "first" : "last");
    }
  });
  list.addEventListener("click", (event) => {
    const entry = /** @type {Element} */ (event.target).closest("[role='menuitem']");
    if (entry instanceof HTMLElement) activate(entry.dataset.action);
  });
  list.addEventListener("keydown", (event) => {
    const all = items();
    const at = all.indexOf(/** @type {HTMLButtonElement} */ (doc.activeElement));
    switch (event.key) {
      case "ArrowDown": focusItem(at + 1); break;
      case "ArrowUp": focusItem(at - 1); break;
      case "Home": focusItem(0); break;
      case "End": focusItem(-1); break;
      case "Escape": close(true); break;
      case "Tab": close(false); return;
      default: return;
    }
    event.preventDefault();
  });
  doc.addEventListener("pointerdown", (event) => {
    if (!wrap.contains(/** @type {Node} */ (event.target))) close(false);
  });

  doc.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (typingInto(event) || dialogs.isOpen() || doc.querySelector("dialog[open]")) return;
    // Behind an app dialog (st.dialog) the page is inert: its shortcuts wait too.
    if (doc.querySelector(".rillet-layout[inert]")) return;
    const key = event.key.toLowerCase();
    if (key === "r") {
      event.preventDefault();
      close(false);
      actions.rerun();
    } else if (key === "c") {
      event.preventDefault();
      close(false);
      dialogs.show("clear", button);
    }
  });
}

/**
 * The menu's dialogs, built on first use.
 * @param {Document} doc
 * @param {MenuActions} actions
 */
function createDialogs(doc, actions) {
  /** @type {Map<string, HTMLDialogElement>} */
  const built = new Map();
  /** @type {HTMLElement | null} */
  let returnTo = null;

  /**
   * @param {string} name
   * @param {string} title
   * @returns {{dialog: HTMLDialogElement, body: HTMLElement, footer: HTMLElement}}
   */
  function frame(name, title) {
    const dialog = doc.createElement("dialog");
    dialog.className = "rillet-chrome-dialog";
    dialog.dataset.dialog = name;
    const heading = doc.createElement("h2");
    heading.id = `rillet-dialog-${name}`;
    heading.textContent = title;
    dialog.setAttribute("aria-labelledby", heading.id);
    const body = doc.createElement("div");
    body.className = "rillet-chrome-dialog-body";
    const footer = doc.createElement("div");
    footer.className = "rillet-chrome-dialog-actions";
    dialog.append(heading, body, footer);
    dialog.addEventListener("close", () => {
      returnTo?.focus();
      returnTo = null;
    });
    // A click on the backdrop (outside the dialog's box) closes it, as Streamlit's do.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    doc.body.append(dialog);
    return { dialog, body, footer };
  }

  /**
   * @param {string} text
   * @param {string} kind
   * @param {() => void} onClick
   * @returns {HTMLButtonElement}
   */
  function actionButton(text, kind, onClick) {
    const b = doc.createElement("button");
    b.type = "button";
    b.className = "rillet-chrome-button";
    b.dataset.kind = kind;
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  /** @returns {HTMLDialogElement} */
  function clearDialog() {
    const { dialog, body, footer } = frame("clear", "Clear caches");
    const question = doc.createElement("p");
    const strong = doc.createElement("strong");
    strong.textContent = "Are you sure you want to clear the app's function caches?";
    question.append(strong);
    const detail = doc.createElement("p");
    detail.append("This will remove all cached entries from functions using ");
    for (const [i, name] of ["@st.cache_data", "@st.cache_resource"].entries()) {
      const code = doc.createElement("code");
      code.textContent = name;
      detail.append(code, i === 0 ? " and " : ".");
    }
    body.append(question, detail);
    const cancel = actionButton("Cancel", "secondary", () => dialog.close());
    cancel.autofocus = true;
    footer.append(cancel, actionButton("Clear caches", "primary", () => {
      dialog.close();
      actions.clearCaches();
    }));
    return dialog;
  }

  /** @returns {HTMLDialogElement} */
  function settingsDialog() {
    const { dialog, body, footer } = frame("settings", "Settings");
    const group = doc.createElement("fieldset");
    const legend = doc.createElement("legend");
    legend.textContent = "Theme";
    group.append(legend);
    for (const choice of SCHEME_CHOICES) {
      const label = doc.createElement("label");
      const radio = doc.createElement("input");
      radio.type = "radio";
      radio.name = "rillet-scheme";
      radio.value = choice;
      radio.addEventListener("change", () => { if (radio.checked) chooseScheme(doc, choice); });
      label.append(radio, ` ${SCHEME_LABELS[choice]}`);
      group.append(label);
    }
    const note = doc.createElement("p");
    note.className = "rillet-chrome-dialog-note";
    note.textContent = "Kept in this browser for every rillet app it opens from this address.";
    body.append(group, note);
    footer.append(actionButton("Close", "secondary", () => dialog.close()));
    return dialog;
  }

  /** @returns {HTMLDialogElement} */
  function aboutDialog() {
    const { dialog, body, footer } = frame("about", "About");
    const made = doc.createElement("p");
    made.textContent = `Made with rillet ${actions.version}`;
    const what = doc.createElement("p");
    what.className = "rillet-chrome-dialog-note";
    what.textContent = "rillet runs Streamlit scripts: import rillet as st.";
    body.append(made, what);
    footer.append(actionButton("Close", "secondary", () => dialog.close()));
    return dialog;
  }

  const builders = { clear: clearDialog, settings: settingsDialog, about: aboutDialog };

  return {
    /**
     * @param {"clear" | "settings" | "about"} name
     * @param {HTMLElement} fallbackFocus where focus goes when the dialog closes
     */
    show(name, fallbackFocus) {
      let dialog = built.get(name);
      if (!dialog) {
        dialog = builders[name]();
        built.set(name, dialog);
      }
      if (dialog.open) return;
      if (name === "settings") {
        for (const radio of dialog.querySelectorAll("input[type='radio']")) {
          const input = /** @type {HTMLInputElement} */ (radio);
          input.checked = input.value === currentChoice();
        }
      }
      const active = doc.activeElement;
      returnTo = active instanceof HTMLElement && active !== doc.body ? active : fallbackFocus;
      dialog.showModal();
    },
    isOpen() {
      return Array.from(built.values()).some((dialog) => dialog.open);
    },
  };
}
