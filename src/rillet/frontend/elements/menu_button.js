// @ts-check
/**
 * `menu_button`: a button that opens a menu of options (WAI-ARIA menu button pattern). The
 * button has `aria-haspopup="menu"`; the menu is a `role="menu"` list of `menuitem` buttons.
 * Arrow keys, Home and End move between entries, Enter or Space chooses one, Escape and Tab
 * close the menu. Choosing sends the option's index as a trigger, as a button click is sent.
 * @module elements/menu_button
 */

import { asText, make, syncHelp } from "../dom.js";
import { widget } from "./choicebase.js";
import { fillIcon } from "./icons.js";
import { popupButton } from "./panels.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

/** @type {import("./choicebase.js").Build} */
function buildMenuButton(dom, el, ctx) {
  const { row, button, icon, label, panel: menu } = popupButton("menu", "menu");
  dom.append(row, menu);
  const doc = dom.ownerDocument;
  /** @type {HTMLButtonElement[]} */
  let items = [];
  let shape = "";

  /** @param {number} index */
  const focusItem = (index) => {
    if (!items.length) return;
    items[(index + items.length) % items.length].focus();
  };
  /** @param {Event} event */
  const onOutside = (event) => {
    if (event.target instanceof Node && !dom.contains(event.target)) close(false);
  };
  /** @param {number} first the entry focused on opening */
  const open = (first) => {
    if (button.disabled || !menu.hidden) return;
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    dom.dataset.open = "true";
    delete menu.dataset.align;
    if (menu.getBoundingClientRect().right > doc.documentElement.clientWidth - 8) {
      menu.dataset.align = "end";
    }
    doc.addEventListener("pointerdown", onOutside, true);
    focusItem(first);
  };
  /** @param {boolean} returnFocus */
  const close = (returnFocus) => {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    delete dom.dataset.open;
    doc.removeEventListener("pointerdown", onOutside, true);
    if (returnFocus) button.focus({ preventScroll: true });
  };
  /** @param {number} index */
  const choose = (index) => {
    close(true);
    ctx.sendValue(asText(el.id), index);
  };

  button.addEventListener("click", () => (menu.hidden ? open(0) : close(false)));
  button.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowDown" ? 0 : -1);
    }
  });
  menu.addEventListener("keydown", (event) => {
    const at = items.findIndex((item) => item === doc.activeElement);
    /** @type {Record<string, () => void>} */
    const moves = {
      ArrowDown: () => focusItem(at + 1),
      ArrowUp: () => focusItem(at - 1),
      Home: () => focusItem(0),
      End: () => focusItem(-1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    const move = moves[event.key];
    if (!move) return;
    if (event.key !== "Tab") {
      event.preventDefault();
      event.stopPropagation(); // Escape must not close a dialog around the menu too
    }
    move();
  });

  /** @param {string[]} texts */
  const fillItems = (texts) => {
    items = texts.map((text, index) => {
      const item = make("button", "rillet-menu-item", text);
      item.type = "button";
      item.setAttribute("role", "menuitem");
      item.tabIndex = -1;
      item.addEventListener("click", () => choose(index));
      return item;
    });
    menu.replaceChildren(...items);
  };

  return {
    last: null,
    update(next) {
      const props = next.props ?? {};
      label.textContent = asText(props.label);
      fillIcon(icon, props.icon);
      button.dataset.variant = ["primary", "tertiary"].includes(props.type)
        ? props.type : "secondary";
      if (props.wrap === false) button.dataset.wrap = "false";
      else delete button.dataset.wrap;
      button.disabled = Boolean(props.disabled);
      if (button.disabled) close(false);
      const texts = Array.isArray(props.options) ? props.options.map(asText) : [];
      if (JSON.stringify(texts) !== shape) {
        shape = JSON.stringify(texts);
        fillItems(texts);
      }
      syncHelp(row, props.help);
    },
  };
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  menu_button: widget("rillet-menu-button-widget", buildMenuButton),
};
