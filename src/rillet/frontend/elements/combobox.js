// @ts-check
/**
 * A list box the user can type into (WAI-ARIA combobox pattern): the multiselect and the
 * selectbox.
 *
 * The text box has role "combobox" and the label as its name (the only control the label
 * names: the chip list and the listbox carry their own names); it filters a listbox of options
 * (role "option", the active one marked by `aria-activedescendant`) that opens below the field,
 * or above it when the window has no room below. Arrows, Home/End (while the list is open),
 * Enter and Escape work it from the keyboard. A multiselect shows its choices as chips, each
 * with a "Remove …" button that Tab reaches; Backspace in the empty box removes the last one.
 * Values sent are option indices (a list for a multiselect), with typed new options as their
 * text.
 * @module elements/combobox
 */

import { asText, labelRow, make, sameValue, uniqueId, updateLabelRow } from "../dom.js";
import { isIndex, optionTexts, receive } from "./choicebase.js";
import { matchScore, offersSelectAll } from "./matching.js";
import { fillIcon } from "./icons.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

/**
 * One row of the listbox: an option by index, typed text to add, every listed option at
 * once ("Select all"), or a note.
 * @typedef {{kind: "option", index: number, text: string}
 *   | {kind: "new", text: string} | {kind: "note", text: string}
 *   | {kind: "all", text: string, indices: number[]}} Item
 */

/** The most rows the list shows at once. */
const SHOWN = 500;

/**
 * @param {string} text
 * @returns {string}
 */
const fold = (text) => text.trim().toLowerCase();

/**
 * Build a combobox in `dom`: a multiselect when `multiple`, else a selectbox.
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 * @param {boolean} multiple
 * @returns {WidgetState}
 */
export function buildCombobox(dom, el, ctx, multiple) {
  const id = uniqueId(multiple ? "multiselect" : "combobox");
  const { row, label } = labelRow(`${id}-input`);
  label.id = `${id}-label`;
  const field = make("div", "rillet-combo");
  const chips = make("ul", "rillet-chips");
  chips.hidden = !multiple;
  const input = make("input", "rillet-combo-input");
  input.id = `${id}-input`;
  input.type = "text";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", `${id}-list`);
  // The clear button is named by its (unseen) text, not aria-label: Playwright's
  // get_by_label("Fruit") then finds the combobox alone.
  const clear = make("button", "rillet-combo-clear");
  clear.type = "button";
  clear.hidden = true;
  const clearName = make("span", "rillet-sr-only");
  const cross = make("span", "", "×");
  cross.setAttribute("aria-hidden", "true");
  clear.append(cross, clearName);
  // The dropdown affordance: a pointer opens the list with it; the keyboard has the arrows.
  const chevron = make("span", "rillet-combo-chevron");
  chevron.setAttribute("aria-hidden", "true");
  const list = make("ul", "rillet-listbox");
  list.id = `${id}-list`;
  list.setAttribute("role", "listbox");
  if (multiple) list.setAttribute("aria-multiselectable", "true");
  list.hidden = true;
  // Chips and the text box wrap inside `values`; the clear button and chevron stay at the end.
  const values = make("div", "rillet-combo-values");
  values.append(chips, input);
  // `icon` (a selectbox's): an emoji or Material icon at the start of the field.
  const icon = make("span", "rillet-combo-icon");
  field.append(icon, values, clear, chevron);
  const wrap = make("div", "rillet-combo-wrap");
  // The listbox is in the page only while open, so a closed widget has one labelled control.
  wrap.append(field);
  dom.append(row, wrap);

  /** @type {Record<string, any>} */
  let props = el.props ?? {};
  /** @type {any} the value shown: a list (multiple), else an index, typed text or null */
  let value = multiple ? [] : null;
  /** @type {Item[]} */
  let items = [];
  let active = -1;

  const texts = () => optionTexts(props);
  /** @param {any} v */
  const textOf = (v) => (isIndex(v) ? texts()[v] ?? "" : asText(v));
  const chosen = () => (multiple ? /** @type {any[]} */ (value) : []);
  const full = () => multiple && Number(props.max_selections) > 0
    && chosen().length >= Number(props.max_selections);

  /** @returns {Item[]} */
  const computeItems = () => {
    if (full()) {
      const max = Number(props.max_selections);
      return [{
        kind: "note",
        text: `You can only select up to ${max} option${max === 1 ? "" : "s"}. `
          + "Remove an option first.",
      }];
    }
    const query = fold(input.value);
    const editing = multiple || input.value !== textOf(value);
    const taken = new Set(chosen().map((v) => (isIndex(v) ? v : fold(asText(v)))));
    /** @type {{score: number, item: Item}[]} */
    const matched = [];
    texts().forEach((text, index) => {
      if (taken.has(index)) return;
      const score = !editing || !query ? 0 : matchScore(props.filter_mode, text, query);
      if (score !== null) matched.push({ score, item: { kind: "option", index, text } });
    });
    // Fuzzy matches come best first; equal scores keep the options' order (a stable sort).
    if (query && editing) matched.sort((a, b) => a.score - b.score);
    /** @type {Item[]} */
    const found = matched.map((m) => m.item);
    if (multiple && offersSelectAll(props.select_all, found.length)) {
      const indices = found.map((item) => (item.kind === "option" ? item.index : -1));
      const text = query && editing ? `Select ${indices.length} matches` : "Select all";
      found.unshift({ kind: "all", text, indices });
    }
    const exists = texts().some((t) => fold(t) === query) || taken.has(query);
    if (props.accept_new_options && editing && query && !exists) {
      found.push({ kind: "new", text: input.value.trim() });
    }
    if (found.length === 0) found.push({ kind: "note", text: "No results" });
    if (found.length > SHOWN) {
      // Thousands of rows cost more to build than anyone scrolls through: typing narrows them.
      return [...found.slice(0, SHOWN), { kind: "note", text: "Type to see more options" }];
    }
    return found;
  };

  const renderList = () => {
    items = computeItems();
    const selectable = items.filter((item) => item.kind !== "note");
    if (active >= selectable.length) active = selectable.length - 1;
    let n = -1;
    list.replaceChildren(...items.map((item) => {
      const row = make("li", `rillet-listbox-item rillet-listbox-${item.kind}`);
      row.setAttribute("role", "option");
      if (item.kind === "note") {
        row.setAttribute("aria-disabled", "true");
        row.textContent = item.text;
        return row;
      }
      n += 1;
      const position = n;
      row.id = `${id}-opt-${position}`;
      row.textContent = item.kind === "new" ? `Add “${item.text}”` : item.text;
      row.title = row.textContent; // its own text on hover, not the listbox's title
      const isChosen = !multiple && item.kind === "option" && item.index === value;
      row.setAttribute("aria-selected", String(position === active || isChosen));
      row.dataset.active = String(position === active);
      // Keep focus in the text box: the click chooses, the box stays where typing goes.
      row.addEventListener("mousedown", (event) => event.preventDefault());
      row.addEventListener("click", () => choose(item));
      return row;
    }));
    const current = active >= 0 ? list.querySelector(`#${CSS.escape(`${id}-opt-${active}`)}`) : null;
    if (current) {
      input.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView?.({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  /**
   * Open the list below the field, or above it when the window has more room there and too
   * little below for the list.
   */
  const place = () => {
    list.dataset.placement = "below";
    const box = field.getBoundingClientRect();
    const below = window.innerHeight - box.bottom;
    if (below < list.offsetHeight + 8 && box.top > below) list.dataset.placement = "above";
  };

  /** @param {boolean} open */
  const setOpen = (open) => {
    const show = open && !input.disabled;
    const opening = show && list.hidden;
    list.hidden = !show;
    if (show) wrap.append(list);
    else list.remove();
    input.setAttribute("aria-expanded", String(show));
    field.dataset.open = String(show);
    if (show) {
      renderList();
      if (opening && !multiple && active < 0 && isIndex(value)) {
        // A selectbox opens on its chosen option, as a native select does.
        active = items.filter((item) => item.kind !== "note")
          .findIndex((item) => item.kind === "option" && item.index === value);
        if (active >= 0) renderList();
      }
      if (opening) place();
    } else {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
  };

  const showValue = () => {
    if (multiple) {
      renderChips();
      input.placeholder = chosen().length ? "" : asText(props.placeholder);
    } else {
      input.value = textOf(value);
      input.placeholder = asText(props.placeholder);
    }
    clear.hidden = Boolean(props.disabled)
      || (multiple ? chosen().length === 0 : value === null || !props.clearable);
    field.dataset.empty = String(multiple ? chosen().length === 0 : value === null);
  };

  let chipsShape = "";
  const renderChips = () => {
    const name = asText(props.label);
    const shape = JSON.stringify([chosen().map(textOf), name, Boolean(props.disabled)]);
    // Rebuilding unchanged chips would drop the focus of a "Remove" button the user is on.
    if (shape === chipsShape) return;
    chipsShape = shape;
    chips.replaceChildren(...chosen().map((v, i) => {
      const chip = make("li", "rillet-chip");
      chip.title = textOf(v); // the whole text of a chip cut short (and not the list's title)
      const text = make("span", "rillet-chip-text", textOf(v));
      const remove = make("button", "rillet-chip-remove", "×");
      remove.type = "button";
      remove.disabled = Boolean(props.disabled);
      remove.setAttribute("aria-label", `Remove ${textOf(v)}`);
      remove.title = `Remove ${textOf(v)} from ${name}`;
      remove.addEventListener("click", () => removeAt(i));
      chip.append(text, remove);
      return chip;
    }));
  };

  /** @param {any} next */
  const send = (next) => {
    value = next;
    showValue();
    if (sameValue(next, state.last)) return;
    state.last = next;
    ctx.sendValue(asText(el.id), next);
  };

  /**
   * Typed text as a choice: the option it names (ignoring case), else a new option.
   * @param {string} typed
   * @returns {Item}
   */
  const typedItem = (typed) => {
    const index = texts().findIndex((text) => fold(text) === fold(typed));
    return index >= 0 ? { kind: "option", index, text: texts()[index] } : { kind: "new", text: typed };
  };

  /** @param {Item} item */
  const choose = (item) => {
    if (item.kind === "note") return;
    const taken = chosen().some((v) => (item.kind === "option"
      ? v === item.index : !isIndex(v) && fold(asText(v)) === fold(item.text)));
    if (taken) return; // the server would refuse a choice made twice
    if (item.kind === "all") {
      const room = Number(props.max_selections) > 0
        ? Number(props.max_selections) - chosen().length : item.indices.length;
      input.value = "";
      send([...chosen(), ...item.indices.slice(0, Math.max(room, 0))]);
      if (!list.hidden) renderList();
      return;
    }
    const picked = item.kind === "option" ? item.index : item.text;
    if (multiple) {
      input.value = "";
      active = Math.max(active, 0);
      send([...chosen(), picked]);
      if (!list.hidden) renderList();
    } else {
      setOpen(false); // first: a value the page refuses at once shows its replacement
      send(picked);
    }
  };

  /** @param {number} position */
  const removeAt = (position) => {
    const next = chosen().filter((_, i) => i !== position);
    send(next);
    const buttons = chips.querySelectorAll("button");
    /** @type {HTMLElement} */ (buttons[Math.min(position, buttons.length - 1)] ?? input).focus();
  };

  /** @param {number} step */
  const move = (step) => {
    if (list.hidden) {
      setOpen(true);
      if (active >= 0) return; // on the chosen option
    }
    const count = items.filter((item) => item.kind !== "note").length;
    if (count === 0) return;
    active = active < 0 && step < 0 ? count - 1 : (active + step + count) % count;
    renderList();
  };

  /** @param {boolean} last */
  const moveToEnd = (last) => {
    const count = items.filter((item) => item.kind !== "note").length;
    if (count === 0) return;
    active = last ? count - 1 : 0;
    renderList();
  };

  input.addEventListener("input", () => {
    active = 0; // Enter takes the first match (typed new text is listed last)
    setOpen(true);
  });
  field.addEventListener("click", (event) => {
    if (event.target === field || event.target === values || event.target === chips) input.focus();
    if (event.target === chevron && !input.disabled) {
      input.focus();
      setOpen(list.hidden);
    }
  });
  // The chevron's press would take the focus from the box and close the list at once.
  chevron.addEventListener("mousedown", (event) => event.preventDefault());
  input.addEventListener("click", () => {
    if (!multiple && list.hidden) input.select(); // a click after the focus undoes its select()
    setOpen(list.hidden);
  });
  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    const selectable = items.filter((item) => item.kind !== "note");
    if (event.key === "ArrowDown") {
      event.preventDefault();
      move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(-1);
    } else if ((event.key === "Home" || event.key === "End") && !list.hidden
      && !event.shiftKey) {
      // While the list is open these walk it; closed, they move the caret in the text.
      event.preventDefault();
      moveToEnd(event.key === "End");
    } else if (event.key === "Enter") {
      event.preventDefault();
      const typed = input.value.trim();
      if (!list.hidden && selectable[active]) choose(selectable[active]);
      else if (props.accept_new_options && typed && !full()) choose(typedItem(typed));
      else if (list.hidden) setOpen(true);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      setOpen(false);
      if (!multiple) input.value = textOf(value);
    } else if (event.key === "Backspace" && multiple && input.value === "" && chosen().length) {
      removeAt(chosen().length - 1);
    }
  });
  // Typing into a selectbox replaces the chosen option's text rather than adding to it.
  input.addEventListener("focus", () => { if (!multiple) input.select(); });
  input.addEventListener("blur", () => {
    setOpen(false);
    if (!multiple) input.value = textOf(value);
    else input.value = "";
  });
  clear.addEventListener("click", () => {
    send(multiple ? [] : null);
    input.focus();
  });

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      fillIcon(icon, multiple ? null : props.icon);
      const name = asText(props.label);
      // The chip list and listbox are named by title, which get_by_label("Fruits") does not
      // match, open or closed: only the combobox does.
      if (multiple) chips.title = `Selected ${name}`;
      list.title = `${name} options`;
      input.disabled = Boolean(props.disabled);
      // `filter_mode=None`: no typing; the list opens with a click, arrows or Enter.
      input.readOnly = props.filter_mode === null;
      field.dataset.disabled = String(input.disabled);
      clearName.textContent = multiple ? `Clear all ${name}` : `Clear ${name}`;
      const incoming = multiple
        ? (Array.isArray(props.value) ? props.value : [])
        : (props.value ?? null);
      receive(state, [input, ...chips.querySelectorAll("button")], incoming, (v) => {
        value = v;
      });
      // Text being typed stays; the chosen option shows again once the list is closed.
      if (multiple || list.hidden || input.ownerDocument.activeElement !== input) showValue();
      if (!list.hidden) renderList();
      if (input.disabled) setOpen(false);
    },
  };
  return state;
}
