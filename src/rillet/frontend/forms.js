// @ts-check
/**
 * Forms, browser side: the values of widgets in a form wait here until one of its submit
 * buttons sends them all with one rerun (DESIGN.md §5, docs/forms.md).
 *
 * Every value the page sends passes through `Forms.send`. A value of a widget inside a form
 * block is held (the newest per widget id) and the form shows that it has unsubmitted changes;
 * a submit button's press goes out together with every value its form holds, as one rerun of
 * the button's fragment or of the app. Until then the page shows held values in place of the
 * server's, so an unrelated rerun of the app does not undo what the user entered. Which widget
 * sits in which form is read from the tree after each batch.
 * @module forms
 */

import { sameValue } from "./dom.js";
import { fragmentIdOf } from "./tree.js";

/** @typedef {import("./protocol.js").Element} Element */
/** @typedef {import("./protocol.js").WidgetValue} WidgetValue */
/** @typedef {import("./tree.js").Registry} Registry */
/** @typedef {import("./tree.js").TreeNode} TreeNode */

/**
 * The event a text input dispatches (bubbling, `detail.widgetId`) when the user presses Enter
 * in it; the form it sits in decides whether that submits.
 */
export const ENTER_EVENT = "rillet:enter";

const DIRTY_TEXT = "Unsaved changes";
const STATUS_CLASS = "rillet-form-status";

/**
 * @typedef {object} SubmitButton
 * @property {string} id
 * @property {boolean} disabled
 */

/**
 * One form as the tree shows it after the latest batch.
 * @typedef {object} FormEntry
 * @property {HTMLElement} dom the form block's node
 * @property {string | null} fragmentId the fragment a submit reruns: the nearest one around
 *   the form, which takes in all its widgets (a submit button in a fragment of its own inside
 *   the form would leave the others out); null reruns the app
 * @property {HTMLElement[]} widgets the root nodes of its widgets, submit buttons excepted
 * @property {boolean} enterToSubmit
 * @property {SubmitButton[]} submits in page order
 */

/**
 * @typedef {object} HeldValue
 * @property {string} form the form id
 * @property {any} value
 */

/**
 * @typedef {object} FormsOptions
 * @property {(values: WidgetValue[], fragmentId: string | null) => boolean} send put a rerun
 *   request on the wire; false when it could not be sent (not connected)
 * @property {Document} [doc]
 */

/**
 * Whether the widget whose root node is `dom` sits in a form, so its values wait for a submit.
 * @param {HTMLElement} dom
 * @returns {boolean}
 */
export function isInForm(dom) {
  return Boolean(dom.dataset.form);
}

/**
 * Whether Enter in the widget whose root node is `dom` submits its form.
 * @param {HTMLElement} dom
 * @returns {boolean}
 */
export function enterSubmits(dom) {
  return dom.dataset.enter === "submit";
}

export class Forms {
  /** @param {FormsOptions} options */
  constructor({ send, doc = document }) {
    this.transmit = send;
    /**
     * Values waiting for their form's submit, by widget id (one run never shows two widgets
     * with one id, so an id belongs to one form).
     * @type {Map<string, HeldValue>}
     */
    this.held = new Map();
    /** @type {Map<string, FormEntry>} by form id */
    this.forms = new Map();
    /** @type {Map<string, string>} form id of each widget in a form, submit buttons excepted */
    this.formOf = new Map();
    /** @type {Map<string, string>} form id of each submit button */
    this.formSubmittedBy = new Map();
    /** @type {Map<string, any>} the value the server last sent for each widget in a form */
    this.serverValues = new Map();
    /** @type {Set<HTMLElement>} nodes carrying form attributes, to clear them when they leave */
    this.marked = new Set();
    doc.addEventListener(ENTER_EVENT, (event) => {
      const widgetId = /** @type {CustomEvent} */ (event).detail?.widgetId;
      if (typeof widgetId === "string") this.pressEnter(widgetId);
    });
  }

  /**
   * Send widget values, holding those of form widgets. A submit button's value takes its
   * form's held values along, and reruns the form's fragment (or the app); the held values
   * are let go only once the request is on the wire.
   * @param {WidgetValue[]} values
   * @param {string | null} fragmentId the sender's fragment
   * @returns {boolean} false when something was to be sent and could not be
   */
  send(values, fragmentId) {
    /** @type {WidgetValue[]} */
    const out = [];
    /** @type {Set<string>} */
    const submitted = new Set();
    let scope = fragmentId;
    for (const item of values) {
      const submittedForm = this.formSubmittedBy.get(item.id);
      const heldForm = this.formOf.get(item.id);
      if (submittedForm !== undefined) {
        out.push(...this.heldValues(submittedForm), item);
        submitted.add(submittedForm);
        scope = this.forms.get(submittedForm)?.fragmentId ?? null;
      } else if (heldForm !== undefined) {
        this.hold(heldForm, item);
      } else {
        out.push(item);
      }
    }
    if (out.length === 0 && values.length > 0) return true; // everything was held
    if (!this.transmit(out, scope)) return false;
    for (const formId of submitted) {
      for (const [id, held] of this.held) if (held.form === formId) this.held.delete(id);
      this.showDirty(formId);
    }
    return true;
  }

  /**
   * The element as the page should show it: with the value the user holds in its form, if
   * any, in place of the server's.
   * @param {Element} element
   * @returns {Element}
   */
  shown(element) {
    const held = element.id ? this.held.get(element.id) : undefined;
    if (!held || !element.props || !("value" in element.props)) return element;
    return { ...element, props: { ...element.props, value: held.value } };
  }

  /**
   * Wrap renderers so that they show held values: a rerun that updates (or rebuilds) a
   * widget whose change waits for its form's submit keeps what the user entered, while its
   * other props (label, options, disabled) still update.
   * @param {Registry} registry
   * @returns {Registry}
   */
  showingHeldValues(registry) {
    return Object.fromEntries(Object.entries(registry).map(([kind, renderer]) => [kind, {
      ...renderer,
      create: (el, ctx) => renderer.create(this.shown(el), ctx),
      update: (dom, el, ctx) => renderer.update(dom, this.shown(el), ctx),
    }]));
  }

  /**
   * After each batch: learn the forms, their widgets and submit buttons from the tree, drop
   * held values that no longer differ from the server's or whose widget left the tree, and
   * mark the DOM.
   *
   * A widget that left counts only once a run has finished: mid-run a form may be replaced
   * for a moment (something new above it shifts its path) and come back later in the run.
   * @param {import("./protocol.js").OutboundMessage[]} messages
   * @param {Iterable<TreeNode>} blocks
   */
  sync(messages, blocks) {
    this.index(blocks);
    const settled = messages.some((m) => m.type === "run_finished" && m.status !== "interrupted");
    for (const [id, held] of this.held) {
      const present = this.formOf.get(id) === held.form;
      const matchesServer = present && this.serverValues.has(id)
        && sameValue(held.value, this.serverValues.get(id));
      if (matchesServer || (settled && !present)) this.held.delete(id);
    }
    this.mark();
  }

  // --- internals ---------------------------------------------------------------------------

  /**
   * @param {string} formId
   * @returns {WidgetValue[]}
   */
  heldValues(formId) {
    /** @type {WidgetValue[]} */
    const values = [];
    for (const [id, held] of this.held) {
      if (held.form === formId) values.push({ id, value: held.value });
    }
    return values;
  }

  /**
   * Keep a form widget's new value. A value back at the server's is no change to submit.
   * @param {string} formId
   * @param {WidgetValue} item
   */
  hold(formId, { id, value }) {
    if (this.serverValues.has(id) && sameValue(value, this.serverValues.get(id))) {
      this.held.delete(id);
    } else {
      this.held.set(id, { form: formId, value });
    }
    this.showDirty(formId);
  }

  /**
   * Enter in a text input: submit its form with the first enabled submit button, when the
   * form allows it; otherwise the value stays held.
   * @param {string} widgetId
   */
  pressEnter(widgetId) {
    const formId = this.formOf.get(widgetId);
    const entry = formId === undefined ? undefined : this.forms.get(formId);
    const button = entry?.enterToSubmit ? entry.submits.find((s) => !s.disabled) : undefined;
    if (entry && button) this.send([{ id: button.id, value: true }], entry.fragmentId);
  }

  /** @param {Iterable<TreeNode>} blocks */
  index(blocks) {
    this.forms.clear();
    this.formOf.clear();
    this.formSubmittedBy.clear();
    this.serverValues.clear();
    for (const block of blocks) {
      const props = block.element.props ?? {};
      if (props.type !== "form" || typeof props.form_id !== "string") continue;
      const formId = props.form_id;
      /** @type {FormEntry} */
      const entry = {
        dom: block.dom,
        fragmentId: fragmentIdOf(block),
        widgets: [],
        enterToSubmit: props.enter_to_submit !== false,
        submits: [],
      };
      this.forms.set(formId, entry);
      forEachWidget(block, (node) => {
        const id = /** @type {string} */ (node.element.id);
        const widgetProps = node.element.props ?? {};
        if (node.element.kind === "form_submit_button") {
          entry.submits.push({ id, disabled: Boolean(widgetProps.disabled) });
          this.formSubmittedBy.set(id, formId);
          return;
        }
        entry.widgets.push(node.dom);
        this.formOf.set(id, formId);
        if ("value" in widgetProps) this.serverValues.set(id, widgetProps.value);
      });
    }
  }

  /** Put the form attributes and dirty marks on the DOM, and take them off what left. */
  mark() {
    /** @type {Set<HTMLElement>} */
    const marked = new Set();
    for (const [formId, entry] of this.forms) {
      setData(entry.dom, "formId", formId);
      this.showDirty(formId);
      marked.add(entry.dom);
      const enter = entry.enterToSubmit && entry.submits.some((s) => !s.disabled)
        ? "submit" : "hold";
      for (const dom of entry.widgets) {
        setData(dom, "form", formId);
        setData(dom, "enter", enter);
        marked.add(dom);
      }
    }
    for (const dom of this.marked) if (!marked.has(dom)) unmark(dom);
    this.marked = marked;
  }

  /**
   * Show whether a form holds changes not yet submitted: `data-dirty` on the form, and a
   * short text in its status region, which assistive technology announces.
   * @param {string} formId
   */
  showDirty(formId) {
    const entry = this.forms.get(formId);
    if (!entry) return;
    const dirty = [...this.held.values()].some((held) => held.form === formId);
    setData(entry.dom, "dirty", dirty ? "true" : "false");
    const status = statusOf(entry.dom);
    const text = dirty ? DIRTY_TEXT : "";
    if (status.textContent !== text) status.textContent = text;
  }
}

/**
 * The status region of a form block, made when missing. It exists while the form is clean so
 * that screen readers announce the text when it appears. It is the block's first child: the
 * tree only appends, replaces and removes its own nodes, so it stays out of their way.
 * @param {HTMLElement} dom
 * @returns {HTMLElement}
 */
function statusOf(dom) {
  const existing = dom.querySelector(`:scope > .${STATUS_CLASS}`);
  if (existing instanceof HTMLElement) return existing;
  const status = document.createElement("span");
  status.className = STATUS_CLASS;
  status.setAttribute("role", "status");
  dom.prepend(status);
  return status;
}

/**
 * Set a data attribute only when it changes: this runs after every batch, over every widget
 * in a form, and an unchanged write still counts as a mutation.
 * @param {HTMLElement} dom
 * @param {string} key
 * @param {string} value
 */
function setData(dom, key, value) {
  if (dom.dataset[key] !== value) dom.dataset[key] = value;
}

/**
 * Take the form attributes off a node that is no longer a form or no longer in one.
 * @param {HTMLElement} dom
 */
function unmark(dom) {
  for (const key of ["form", "enter", "formId", "dirty"]) delete dom.dataset[key];
  dom.querySelector(`:scope > .${STATUS_CLASS}`)?.remove();
}

/**
 * Visit every widget (a leaf with an id) below `block`, in page order.
 * @param {TreeNode} block
 * @param {(node: TreeNode) => void} visit
 */
function forEachWidget(block, visit) {
  for (const child of block.children ?? []) {
    if (child.children) forEachWidget(child, visit);
    else if (child.element.id) visit(child);
  }
}
