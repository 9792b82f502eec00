// @ts-check
/**
 * Widgets with `on_change="ignore"` (Streamlit 1.67's mode), browser side: a change does not
 * rerun. The page holds the widget's newest value and sends it with the next rerun something
 * else asks for — a widget, a fragment's timer, the menu's Rerun — of the app or of a
 * fragment, as Streamlit sends every widget's state with every rerun. Until then the page
 * shows the held value in place of the server's, so a run already under way does not undo it.
 * A reload loses held values, as in Streamlit.
 *
 * Which widgets hold is read from the tree after each batch: a leaf with an id whose props say
 * `on_change: "ignore"`, outside any form (a form holds every value until submit anyway).
 * @module held
 */

import { isInForm } from "./forms.js";

/** @typedef {import("./protocol.js").Element} Element */
/** @typedef {import("./protocol.js").WidgetValue} WidgetValue */
/** @typedef {import("./tree.js").Registry} Registry */
/** @typedef {import("./tree.js").TreeNode} TreeNode */

export class HeldValues {
  constructor() {
    /** @type {Map<string, unknown>} the newest held value of each widget, by id */
    this.held = new Map();
    /** @type {Set<string>} ids of the widgets whose changes are held */
    this.holding = new Set();
  }

  /**
   * Keep the values of holding widgets; return the others, to send now.
   * @param {WidgetValue[]} values
   * @returns {WidgetValue[]}
   */
  route(values) {
    return values.filter((item) => {
      if (!this.holding.has(item.id)) return true;
      this.held.set(item.id, item.value);
      return false;
    });
  }

  /**
   * Every held value, oldest first, to go out with a rerun; they are no longer held.
   * @returns {WidgetValue[]}
   */
  take() {
    const values = [...this.held].map(([id, value]) => ({ id, value }));
    this.held.clear();
    return values;
  }

  /** @returns {number} how many widgets hold a change (for tests) */
  get size() {
    return this.held.size;
  }

  /**
   * After each batch: learn which widgets hold their changes. A held value whose widget has
   * left the page goes only once a run has finished (mid-run it may come back).
   * @param {import("./protocol.js").OutboundMessage[]} messages
   * @param {Iterable<TreeNode>} blocks every block, the roots included
   */
  sync(messages, blocks) {
    this.holding.clear();
    for (const block of blocks) {
      for (const child of block.children ?? []) {
        const { id, props } = child.element;
        if (child.children || !id || props?.on_change !== "ignore") continue;
        if (!isInForm(child.dom)) this.holding.add(id);
      }
    }
    const settled = messages.some((m) => m.type === "run_finished" && m.status !== "interrupted");
    if (!settled) return;
    for (const id of this.held.keys()) if (!this.holding.has(id)) this.held.delete(id);
  }

  /**
   * Wrap renderers so that a widget holding a change shows it, whatever the server sends
   * meanwhile; its other props still update.
   * @param {Registry} registry
   * @returns {Registry}
   */
  showingHeldValues(registry) {
    /** @param {Element} el */
    const shown = (el) => {
      if (el.id == null || !this.held.has(el.id) || !("value" in (el.props ?? {}))) return el;
      return { ...el, props: { ...el.props, value: this.held.get(el.id) } };
    };
    return Object.fromEntries(Object.entries(registry).map(([kind, renderer]) => [kind, {
      ...renderer,
      create: (el, ctx) => renderer.create(shown(el), ctx),
      update: (dom, el, ctx) => renderer.update(dom, shown(el), ctx),
    }]));
  }
}
