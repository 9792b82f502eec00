// @ts-check
/**
 * The element tree as the browser holds it, patched by batches of server messages.
 *
 * It mirrors the server's tree node for node: a path `[root, i, j, ...]` names the same node on
 * both sides. Each node keeps its element, its DOM node and, for blocks, its children. The
 * element renderers (elements/*.js) build and update the DOM; this module decides when to
 * create, update in place, replace, or drop, and tracks which leaves are stale during a run.
 * @module tree
 */

/** @typedef {import("./protocol.js").Element} Element */
/** @typedef {import("./protocol.js").OutboundMessage} OutboundMessage */
/** @typedef {import("./protocol.js").WidgetValue} WidgetValue */
/** @typedef {import("./chrome.js").Chrome} Chrome */

/**
 * What a renderer may ask of the page.
 * @typedef {object} RenderContext
 * @property {(widgetId: string, value: any) => void} sendValue send a widget's new value: a
 *   rerun of the nearest enclosing fragment, or of the app
 * @property {(values: WidgetValue[]) => void} rerunApp rerun the whole app with these values,
 *   wherever the element sits (a dialog's dismissal reruns the app, not the dialog)
 * @property {() => void} stopRun stop the running script (the protocol's `stop`), as the
 *   chat input's Stop button does
 */

/**
 * Builds and updates the DOM of one element kind. `create` returns the element's own root
 * node, which the tree marks with class `rillet-element` and `data-kind`. For blocks, the
 * children go into `childContainer(dom)` when given, else into `dom` itself.
 * @typedef {object} Renderer
 * @property {(el: Element, ctx: RenderContext) => HTMLElement} create
 * @property {(dom: HTMLElement, el: Element, ctx: RenderContext) => void} update
 * @property {(dom: HTMLElement) => HTMLElement} [childContainer]
 * @property {(dom: HTMLElement, el: Element) => void} [kept] a run confirmed this block
 *   unchanged (a `keep`): it wrote the block again, with the same props
 * @property {(dom: HTMLElement, el: Element, added: unknown[], ctx: RenderContext) => void}
 *   [extend] rows were appended to the element (`el.rows` already holds them, `added` is
 *   what is new); without this hook the element is updated as a whole
 */

/** @typedef {Record<string, Renderer>} Registry */

/**
 * @typedef {object} TreeNode
 * @property {Element} element
 * @property {HTMLElement} dom
 * @property {TreeNode[] | null} children null for a leaf
 * @property {TreeNode | null} parent
 * @property {RenderContext} ctx
 * @property {boolean} stale
 */

/**
 * @typedef {object} TreeOptions
 * @property {HTMLElement[]} roots the containers of roots 0 main, 1 sidebar, 2 event, 3 bottom
 * @property {Registry} renderers
 * @property {(values: WidgetValue[], fragmentId: string | null) => void} send
 * @property {Chrome} chrome
 * @property {() => void} [stopRun] send the protocol's `stop` (for `RenderContext.stopRun`)
 * @property {(messages: OutboundMessage[]) => void} [onApplied] called after each batch, once
 *   the DOM shows it
 */

const ROOT_ELEMENT = Object.freeze({ kind: "block", props: { type: "vertical" } });

export class Tree {
  /** @param {TreeOptions} options */
  constructor({ roots, renderers, send, chrome, onApplied, stopRun }) {
    this.renderers = renderers;
    this.send = send;
    this.stopRun = stopRun ?? (() => {});
    this.chrome = chrome;
    this.onApplied = onApplied;
    /** @type {TreeNode[]} */
    this.roots = roots.map((dom) => ({
      element: ROOT_ELEMENT, dom, children: [], parent: null, stale: false,
      ctx: {
        sendValue: () => {},
        rerunApp: (values) => this.send(values, null),
        stopRun: () => this.stopRun(),
      },
    }));
  }

  /**
   * Apply one frame's messages in order. A message that fails is logged and skipped: the rest
   * of the batch still applies.
   * @param {OutboundMessage[]} messages
   */
  applyBatch(messages) {
    for (const message of messages) {
      try {
        this.apply(message);
      } catch (err) {
        console.error("rillet: could not apply", message, err);
      }
    }
    this.roots.forEach((root, index) => {
      this.chrome.setRegionOccupied(index, /** @type {TreeNode[]} */ (root.children).length > 0);
    });
    this.onApplied?.(messages);
  }

  /** @param {OutboundMessage} message */
  apply(message) {
    switch (message.type) {
      case "delta": this.putElement(message.path, message.element); break;
      case "extend": this.extendElement(message.path, message.rows); break;
      case "keep": this.keep(message.path, message.start, message.end); break;
      case "truncate": this.truncate(message.path, message.length); break;
      case "run_started": this.markStale(message.fragment_ids ?? []); break;
      case "run_finished":
        // After an interrupted run the next run follows at once; clearing now would flash.
        if (message.status !== "interrupted") this.clearStale();
        break;
      case "reset": this.reset(); break;
      // A session the server does not resume starts from an empty tree on its side too.
      case "welcome": if (!message.resumed) this.reset(); break;
      case "page_config": this.chrome.applyPageConfig(message); break;
      case "notice": this.chrome.showNotice(message.level, message.text); break;
      default: break; // pong: nothing to show
    }
  }

  /** Drop every element of every root. */
  reset() {
    for (const root of this.roots) {
      root.children = [];
      this.containerOf(root).replaceChildren();
    }
  }

  /**
   * The node at `path`, or null when there is none.
   * @param {number[]} path
   * @returns {TreeNode | null}
   */
  nodeAt(path) {
    /** @type {TreeNode | null} */
    let node = this.roots[path[0]] ?? null;
    for (let i = 1; i < path.length && node; i += 1) {
      node = node.children?.[path[i]] ?? null;
    }
    return node;
  }

  /**
   * @param {number[]} path
   * @param {Element} element
   */
  putElement(path, element) {
    const parent = this.blockAt(path.slice(0, -1));
    const index = path[path.length - 1];
    if (!parent) return; // blockAt has warned
    if (path.length < 2 || !Number.isInteger(index) || index < 0) {
      console.warn("rillet: delta for an invalid path", path);
      return;
    }
    const siblings = /** @type {TreeNode[]} */ (parent.children);
    const existing = siblings[index];
    if (existing && updatesInPlace(existing.element, element)) {
      existing.element = element;
      this.rendererFor(element.kind).update(existing.dom, element, existing.ctx);
      decorate(existing.dom, element);
      setStale(existing, false);
      return;
    }
    if (existing) {
      const node = this.build(element, parent);
      existing.dom.replaceWith(node.dom);
      existing.parent = null;
      siblings[index] = node;
      return;
    }
    // The server appends in order; a gap would shift every later path, so fill it visibly
    // empty rather than let the two trees disagree.
    while (siblings.length < index) this.append(parent, { kind: "empty", props: {} });
    this.append(parent, element);
  }

  /**
   * Append rows to the leaf at `path`: its renderer adds them to what it shows (a chart
   * updates its view in place) or, without an `extend` hook, redraws from the whole element.
   * @param {number[]} path
   * @param {unknown[]} rows
   */
  extendElement(path, rows) {
    const node = this.nodeAt(path);
    if (!node || node.children || !Array.isArray(rows)) {
      console.warn("rillet: extend for no element at", path);
      return;
    }
    const element = { ...node.element, rows: [...(node.element.rows ?? []), ...rows] };
    node.element = element;
    const renderer = this.rendererFor(element.kind);
    if (renderer.extend) renderer.extend(node.dom, element, rows, node.ctx);
    else renderer.update(node.dom, element, node.ctx);
    setStale(node, false);
  }

  /**
   * @param {number[]} path
   * @param {number} start
   * @param {number} end
   */
  keep(path, start, end) {
    const block = this.blockAt(path);
    if (!block) return;
    for (const child of /** @type {TreeNode[]} */ (block.children).slice(start, end)) {
      if (!child.children) setStale(child, false);
      else this.rendererFor(child.element.kind).kept?.(child.dom, child.element);
    }
  }

  /**
   * @param {number[]} path
   * @param {number} length
   */
  truncate(path, length) {
    const block = this.blockAt(path);
    if (!block) return;
    const removed = /** @type {TreeNode[]} */ (block.children).splice(length);
    for (const node of removed) {
      node.dom.remove();
      node.parent = null;
    }
  }

  /**
   * Mark stale every leaf in scope: all of them for a full run, else those inside the blocks
   * of the given fragments.
   * @param {string[]} fragmentIds
   */
  markStale(fragmentIds) {
    if (fragmentIds.length === 0) {
      for (const root of this.roots) forEachLeaf(root, (leaf) => setStale(leaf, true));
      return;
    }
    const wanted = new Set(fragmentIds);
    for (const root of this.roots) {
      forEachBlock(root, (block) => {
        if (!wanted.has(block.element.props?.fragment_id)) return false;
        forEachLeaf(block, (leaf) => setStale(leaf, true));
        return true; // its inner blocks are covered already
      });
    }
  }

  /**
   * Clear every remaining stale mark. The server runs one run at a time per session, so
   * whatever is still stale when a run ends is simply what the server has: protocol.md says
   * "clear every remaining stale mark", which also heals marks left by an interrupted run.
   */
  clearStale() {
    for (const root of this.roots) forEachLeaf(root, (leaf) => setStale(leaf, false));
  }

  /**
   * Every block below the roots, depth-first.
   * @returns {TreeNode[]}
   */
  blocks() {
    /** @type {TreeNode[]} */
    const found = [];
    const collect = (/** @type {TreeNode} */ block) => { found.push(block); return false; };
    for (const root of this.roots) forEachBlock(root, collect);
    return found;
  }

  // --- internals ---------------------------------------------------------------------------

  /**
   * @param {number[]} path
   * @returns {TreeNode | null}
   */
  blockAt(path) {
    const node = this.nodeAt(path);
    if (!node?.children) {
      console.warn("rillet: no block at", path);
      return null;
    }
    return node;
  }

  /**
   * @param {TreeNode} parent
   * @param {Element} element
   */
  append(parent, element) {
    const node = this.build(element, parent);
    /** @type {TreeNode[]} */ (parent.children).push(node);
    this.containerOf(parent).append(node.dom);
  }

  /**
   * @param {Element} element
   * @param {TreeNode} parent
   * @returns {TreeNode}
   */
  build(element, parent) {
    /** @type {TreeNode} */
    const node = {
      element,
      parent,
      children: element.kind === "block" ? [] : null,
      stale: false,
      dom: /** @type {any} */ (null),
      ctx: {
        sendValue: (widgetId, value) => {
          this.send([{ id: widgetId, value }], fragmentIdOf(node));
        },
        rerunApp: (values) => this.send(values, null),
        stopRun: () => this.stopRun(),
      },
    };
    const renderer = this.rendererFor(element.kind);
    try {
      node.dom = renderer.create(element, node.ctx);
    } catch (err) {
      console.error(`rillet: could not render a ${element.kind}`, err);
      node.dom = placeholder(`could not render element kind ${element.kind}`);
    }
    decorate(node.dom, element);
    return node;
  }

  /**
   * @param {string} kind
   * @returns {Renderer}
   */
  rendererFor(kind) {
    return Object.hasOwn(this.renderers, kind) ? this.renderers[kind] : unknownKind;
  }

  /**
   * @param {TreeNode} node
   * @returns {HTMLElement}
   */
  containerOf(node) {
    if (!node.parent) return node.dom; // a root's container is its region
    return this.rendererFor(node.element.kind).childContainer?.(node.dom) ?? node.dom;
  }
}

/**
 * Whether `next` may update the node holding `current` rather than replace it: a block stays a
 * block (keeping its children), and a leaf of the same kind and widget id keeps its DOM, so a
 * focused control and what the user typed survive.
 * @param {Element} current
 * @param {Element} next
 * @returns {boolean}
 */
export function updatesInPlace(current, next) {
  if (current.kind !== next.kind) return false;
  return current.kind === "block" || (current.id ?? null) === (next.id ?? null);
}

/**
 * The fragment a widget's value reruns: the `fragment_id` of its nearest enclosing block that
 * has one; null reruns the whole app.
 * @param {TreeNode} node
 * @returns {string | null}
 */
export function fragmentIdOf(node) {
  for (let block = node.parent; block; block = block.parent) {
    const id = block.element.props?.fragment_id;
    if (typeof id === "string" && id) return id;
  }
  return null;
}

/**
 * @param {HTMLElement} dom
 * @param {Element} element
 */
function decorate(dom, element) {
  dom.classList.add("rillet-element");
  dom.dataset.kind = element.kind;
  if (element.id) dom.dataset.widgetId = element.id;
}

/**
 * @param {TreeNode} node
 * @param {boolean} stale
 */
function setStale(node, stale) {
  if (node.stale === stale) return;
  node.stale = stale;
  node.dom.classList.toggle("rillet-stale", stale);
}

/**
 * @param {TreeNode} node
 * @param {(leaf: TreeNode) => void} visit
 */
function forEachLeaf(node, visit) {
  if (!node.children) {
    visit(node);
    return;
  }
  for (const child of node.children) forEachLeaf(child, visit);
}

/**
 * Visit blocks depth-first; a visit returning true skips that block's descendants.
 * @param {TreeNode} node
 * @param {(block: TreeNode) => boolean} visit
 */
function forEachBlock(node, visit) {
  if (!node.children) return;
  if (node.parent && visit(node)) return;
  for (const child of node.children) forEachBlock(child, visit);
}

/**
 * @param {string} text
 * @returns {HTMLElement}
 */
function placeholder(text) {
  const dom = document.createElement("div");
  dom.className = "rillet-unknown";
  dom.textContent = text;
  return dom;
}

/** @type {Renderer} */
const unknownKind = {
  create: (el) => placeholder(`unknown element kind ${el.kind}`),
  update: (dom, el) => { dom.textContent = `unknown element kind ${el.kind}`; },
};
