// @ts-check
/**
 * Disclosure blocks: tabs, expanders (a status container is an expander with a state icon) and
 * popovers. Like a dialog, each wraps its block's DOM node: the controls the user works, and a
 * body the tree puts the children into. What the user selected or opened is browser state, as
 * in Streamlit: a rerun updates the labels in place and leaves it alone; only a changed
 * `expanded` or `default` from the script overrides it. A panel the script tracks
 * (`on_change` "rerun" or a callback) carries a `value` instead — the selected tab's label, or
 * whether it is open — which it always shows, and it sends the user's changes as its value.
 * @module elements/panels
 */

import { asText, make, syncHelp, uniqueId } from "../dom.js";
import { buildChatMessage } from "./chat.js";
import { fillIcon, fillLabel } from "./icons.js";

/** The block types this module renders. */
export const PANEL_TYPES = new Set(["tabs", "tab", "expander", "status", "popover",
  "chat_message"]);

/**
 * @typedef {object} Panel
 * @property {string} type
 * @property {HTMLElement} body where the block's children go
 * @property {(props: Record<string, any>, send: SendValue | null) => void} update `send`
 *   reports the user's change when the script tracks the panel
 * @property {() => void} unmake undo what the panel added to the block's node
 */

/** @typedef {(value: unknown) => void} SendValue */

/** @type {WeakMap<HTMLElement, Panel>} */
const panels = new WeakMap();

/**
 * The container a panel block's children go into, or null when `dom` is no panel.
 * @param {HTMLElement} dom
 * @returns {HTMLElement | null}
 */
export function panelBody(dom) {
  return panels.get(dom)?.body ?? null;
}

/**
 * Make a block's node the panel its props ask for (keeping its children), or update it.
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 * @param {SendValue | null} [send] for a tracked panel (one with a `value`): sends its new value
 */
export function renderPanel(dom, props, send = null) {
  let panel = panels.get(dom);
  if (panel && panel.type !== props.type) {
    unmakePanel(dom);
    panel = undefined;
  }
  if (!panel) {
    panel = BUILDERS[props.type](dom);
    panels.set(dom, panel);
  }
  panel.update(props, "value" in props ? send : null);
}

/**
 * Turn a panel's node back into a plain block, keeping its children.
 * @param {HTMLElement} dom
 */
export function unmakePanel(dom) {
  const panel = panels.get(dom);
  if (!panel) return;
  panels.delete(dom);
  panel.unmake();
}

/**
 * Move `dom`'s children into a new body and put `parts` (then the body) in their place.
 * @param {HTMLElement} dom
 * @param {HTMLElement} body
 * @param {HTMLElement[]} parts
 */
function wrap(dom, body, parts) {
  body.append(...dom.childNodes);
  dom.append(...parts, body);
}

/**
 * The reverse of `wrap`.
 * @param {HTMLElement} dom
 * @param {HTMLElement} body
 */
function unwrap(dom, body) {
  dom.replaceChildren(...body.childNodes);
}

// --- tabs ------------------------------------------------------------------------------------

/**
 * A tab group: a tablist built from the `labels` prop, and a body holding one "tab" block per
 * tab. The tree adds those blocks later and one by one, so an observer links each to its tab.
 * @param {HTMLElement} dom
 * @returns {Panel}
 */
function buildTabs(dom) {
  const list = make("div", "rillet-tablist");
  list.setAttribute("role", "tablist");
  const body = make("div", "rillet-tabpanels");
  wrap(dom, body, [list]);
  /** @type {string[]} */
  let labels = [];
  let selected = 0;
  /** @type {number | null | undefined} undefined until the first render */
  let appliedDefault;
  /** @type {SendValue | null} */
  let send = null;
  const tabs = () => /** @type {HTMLButtonElement[]} */ ([...list.children]);

  const sync = () => {
    const buttons = tabs();
    [...body.children].forEach((panel, i) => {
      if (!(panel instanceof HTMLElement)) return;
      if (!panel.id) panel.id = uniqueId("tabpanel");
      panel.hidden = i !== selected;
      const tab = buttons[i];
      if (tab) {
        panel.setAttribute("aria-labelledby", tab.id);
        tab.setAttribute("aria-controls", panel.id);
      }
    });
    buttons.forEach((tab, i) => {
      tab.setAttribute("aria-selected", String(i === selected));
      tab.tabIndex = i === selected ? 0 : -1;
    });
  };
  const observer = new MutationObserver(sync);
  observer.observe(body, { childList: true });

  /** @param {number} index @param {boolean} focus @param {boolean} [byUser] */
  const select = (index, focus, byUser = false) => {
    const buttons = tabs();
    if (!buttons.length) return;
    const before = selected;
    selected = Math.max(0, Math.min(index, buttons.length - 1));
    sync();
    if (focus) buttons[selected].focus();
    if (byUser && send && selected !== before) send(labels[selected]);
  };
  list.addEventListener("click", (event) => {
    const tab = event.target instanceof Element ? event.target.closest("[role=tab]") : null;
    if (tab) select(tabs().indexOf(/** @type {HTMLButtonElement} */ (tab)), false, true);
  });
  // Arrow keys move along the tabs and show them (the tablist pattern's automatic activation).
  list.addEventListener("keydown", (event) => {
    const last = tabs().length - 1;
    const moves = {
      ArrowRight: selected >= last ? 0 : selected + 1,
      ArrowLeft: selected <= 0 ? last : selected - 1,
      Home: 0,
      End: last,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    select(moves[/** @type {keyof typeof moves} */ (event.key)], true, true);
  });

  return {
    type: "tabs",
    body,
    update(props, sendValue) {
      send = sendValue;
      const next = Array.isArray(props.labels) ? props.labels.map(asText) : [];
      // The shown tab follows its label when the labels change, else keeps its place.
      const current = labels[selected];
      if (labels.length && !sameLabels(labels, next)) {
        const found = next.indexOf(current);
        if (found >= 0) selected = found;
      }
      labels = next;
      const buttons = tabs();
      next.forEach((label, i) => {
        let tab = buttons[i];
        if (!tab) {
          tab = make("button", "rillet-tab");
          tab.type = "button";
          tab.id = uniqueId("tab");
          tab.setAttribute("role", "tab");
          list.append(tab);
        }
        fillLabel(tab, label);
      });
      for (const extra of buttons.slice(next.length)) extra.remove();
      const wanted = Number.isInteger(props.default) ? props.default : null;
      const tracked = typeof props.value === "string" ? next.indexOf(props.value) : -1;
      if (tracked >= 0) {
        // The script owns the selection: it shows what the server holds.
        selected = tracked;
        appliedDefault = wanted;
      } else if (wanted !== appliedDefault) {
        // The script's default applies at first and whenever the script changes it.
        if (appliedDefault !== undefined || wanted !== null) selected = wanted ?? 0;
        appliedDefault = wanted;
      }
      select(selected, false);
    },
    unmake() {
      observer.disconnect();
      list.remove();
      unwrap(dom, body);
    },
  };
}

/**
 * @param {string[]} a
 * @param {string[]} b
 */
function sameLabels(a, b) {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

/**
 * One tab's panel: the block's own node; its group decides whether it shows.
 * @param {HTMLElement} dom
 * @returns {Panel}
 */
function buildTab(dom) {
  dom.setAttribute("role", "tabpanel");
  dom.tabIndex = 0;
  return {
    type: "tab",
    body: dom,
    update(props) {
      dom.dataset.label = asText(props.label);
    },
    unmake() {
      for (const name of ["role", "tabindex", "aria-labelledby", "hidden", "data-label"]) {
        dom.removeAttribute(name);
      }
    },
  };
}

// --- expander and status ---------------------------------------------------------------------

const STATE_TEXT = { running: "Running", complete: "Complete", error: "Error" };

/**
 * A header button that shows and hides the body below it (the disclosure pattern). A status
 * container also shows its state as an icon, and tells it to screen readers as a description.
 * @param {HTMLElement} dom
 * @param {string} type "expander" or "status"
 * @returns {Panel}
 */
function buildExpander(dom, type) {
  const header = make("button", "rillet-expander-header");
  header.type = "button";
  header.id = uniqueId("expander");
  const icon = make("span", "rillet-expander-icon");
  icon.setAttribute("aria-hidden", "true");
  const label = make("span", "rillet-expander-label");
  const chevron = make("span", "rillet-expander-chevron");
  chevron.setAttribute("aria-hidden", "true");
  header.append(icon, label, chevron);
  const state = make("span", "rillet-sr-only");
  state.id = uniqueId("expander-state");
  const body = make("div", "rillet-expander-body");
  body.id = uniqueId("expander-body");
  body.setAttribute("role", "region");
  body.setAttribute("aria-labelledby", header.id);
  header.setAttribute("aria-controls", body.id);
  wrap(dom, body, [header, state]);
  /** @type {boolean | undefined} */
  let appliedExpanded;
  /** @type {SendValue | null} */
  let send = null;

  /** @param {boolean} open */
  const setOpen = (open) => {
    header.setAttribute("aria-expanded", String(open));
    body.hidden = !open;
    dom.dataset.open = String(open);
  };
  header.addEventListener("click", () => {
    const open = body.hidden;
    setOpen(open);
    send?.(open);
  });

  return {
    type,
    body,
    update(props, sendValue) {
      send = sendValue;
      label.textContent = asText(props.label);
      if (props.variant === "compact" || props.variant === "step") {
        dom.dataset.variant = props.variant;
      } else {
        delete dom.dataset.variant;
      }
      if (type === "status") {
        const name = /** @type {keyof typeof STATE_TEXT} */ (
          props.state in STATE_TEXT ? props.state : "running");
        dom.dataset.state = name;
        icon.textContent = "";
        icon.dataset.icon = name;
        state.textContent = STATE_TEXT[name];
        header.setAttribute("aria-describedby", state.id);
      } else {
        const spinner = props.icon === "spinner";
        fillIcon(icon, spinner ? "" : props.icon);
        icon.dataset.icon = spinner ? "running" : "";
        icon.hidden = !props.icon;
      }
      const expanded = Boolean(props.expanded);
      if (typeof props.value === "boolean") {
        setOpen(props.value);
        appliedExpanded = expanded;
      } else if (expanded !== appliedExpanded) {
        appliedExpanded = expanded;
        setOpen(expanded);
      }
    },
    unmake() {
      header.remove();
      state.remove();
      unwrap(dom, body);
      delete dom.dataset.open;
      delete dom.dataset.state;
      delete dom.dataset.variant;
    },
  };
}

// --- popover ---------------------------------------------------------------------------------

/**
 * The button that opens a floating panel, and the panel, hidden (st.popover and
 * st.menu_button draw the same): icon, label and chevron in a button that names and controls
 * the panel.
 * @param {string} name "popover" or "menu": the ids' prefix and the button's extra class
 * @param {"dialog" | "menu"} role the panel's role, announced by the button
 */
export function popupButton(name, role) {
  const row = make("div", "rillet-popover-row");
  const extra = name === "popover" ? "" : ` rillet-${name}-button`;
  const button = make("button", `rillet-button rillet-popover-button${extra}`);
  button.type = "button";
  button.id = uniqueId(`${name}-button`);
  button.setAttribute("aria-haspopup", role);
  button.setAttribute("aria-expanded", "false");
  const icon = make("span", "rillet-button-icon");
  icon.setAttribute("aria-hidden", "true");
  const label = make("span", "rillet-button-label");
  const chevron = make("span", "rillet-popover-chevron");
  chevron.setAttribute("aria-hidden", "true");
  button.append(icon, label, chevron);
  row.append(button);
  const panel = make("div", `rillet-popover-panel${name === "popover" ? "" : ` rillet-${name}`}`);
  panel.id = uniqueId(`${name}-panel`);
  panel.setAttribute("role", role);
  panel.setAttribute("aria-labelledby", button.id);
  panel.hidden = true;
  button.setAttribute("aria-controls", panel.id);
  return { row, button, icon, label, panel };
}

/**
 * A button that opens a floating, non-modal panel. Escape closes it and gives focus back to
 * the button; a press outside closes it. Widgets inside rerun the script and it stays open.
 * @param {HTMLElement} dom
 * @returns {Panel}
 */
function buildPopover(dom) {
  const { row, button, icon, label, panel: body } = popupButton("popover", "dialog");
  body.tabIndex = -1;
  wrap(dom, body, [row]);
  const doc = dom.ownerDocument;
  /** @type {SendValue | null} */
  let send = null;

  /** @param {Event} event */
  const onOutside = (event) => {
    if (event.target instanceof Node && !dom.contains(event.target)) close(false, true);
  };
  /** @param {boolean} [byUser] */
  const open = (byUser = false) => {
    if (!body.hidden) return;
    body.hidden = false;
    button.setAttribute("aria-expanded", "true");
    dom.dataset.open = "true";
    doc.addEventListener("pointerdown", onOutside, true);
    // Opened near the right edge, the panel grows leftwards from the button's right end.
    delete body.dataset.align;
    const room = doc.documentElement.clientWidth;
    if (body.getBoundingClientRect().right > room - 8) body.dataset.align = "end";
    if (byUser) {
      body.focus({ preventScroll: true });
      send?.(true);
    }
  };
  /** @param {boolean} returnFocus @param {boolean} [byUser] */
  const close = (returnFocus, byUser = false) => {
    if (body.hidden) return;
    body.hidden = true;
    button.setAttribute("aria-expanded", "false");
    delete dom.dataset.open;
    doc.removeEventListener("pointerdown", onOutside, true);
    if (returnFocus) button.focus({ preventScroll: true });
    if (byUser) send?.(false);
  };
  button.addEventListener("click", () => (body.hidden ? open(true) : close(false, true)));
  dom.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || body.hidden || event.defaultPrevented) return;
    // Handled here, so a dialog around the popover does not close as well.
    event.preventDefault();
    event.stopPropagation();
    close(true, true);
  });

  return {
    type: "popover",
    body,
    update(props, sendValue) {
      send = sendValue;
      label.textContent = asText(props.label);
      fillIcon(icon, props.icon);
      button.dataset.variant = ["primary", "tertiary"].includes(props.variant)
        ? props.variant : "secondary";
      button.disabled = Boolean(props.disabled);
      if (button.disabled) close(false);
      else if (props.value === true) open();
      else if (props.value === false) close(false);
      syncHelp(row, props.help);
    },
    unmake() {
      close(false);
      row.remove();
      unwrap(dom, body);
    },
  };
}

/** @type {Record<string, (dom: HTMLElement) => Panel>} */
const BUILDERS = {
  tabs: buildTabs,
  tab: buildTab,
  expander: (dom) => buildExpander(dom, "expander"),
  status: (dom) => buildExpander(dom, "status"),
  popover: buildPopover,
  chat_message: buildChatMessage,
};
