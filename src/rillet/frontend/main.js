// @ts-check
/**
 * Entry point: binds the page chrome, the element tree, the connection, the forms, the
 * fragment timers and the modal dialog together.
 * @module main
 */

import { createChrome } from "./chrome.js";
import { installColorScheme } from "./colorscheme.js";
import { connect } from "./connection.js";
import { deliverRows, setSender } from "./datarequests.js";
import { renderers as capture } from "./elements/capture.js";
import { renderers as charts } from "./elements/charts.js";
import { renderers as chat } from "./elements/chat.js";
import { renderers as choices } from "./elements/choices.js";
import { renderers as code } from "./elements/code.js";
import { renderers as components } from "./elements/components.js";
import { renderers as componentsV2 } from "./elements/components_v2.js";
import { renderers as data } from "./elements/data.js";
import { renderers as dates } from "./elements/dates.js";
import { renderers as datetimes } from "./elements/datetimes.js";
import { syncModal } from "./elements/dialog.js";
import { renderers as fields } from "./elements/fields.js";
import { renderers as files } from "./elements/files.js";
import { takeHeldEdits } from "./elements/grid_edit.js";
import { renderers as inputs } from "./elements/inputs.js";
import { renderers as layout } from "./elements/layout.js";
import { createNavigation, renderers as navigation } from "./elements/navigation.js";
import { renderers as pagination } from "./elements/pagination.js";
import { renderers as media } from "./elements/media.js";
import { renderers as menuButton } from "./elements/menu_button.js";
import { renderers as richtext } from "./elements/richtext.js";
import { renderers as skeleton } from "./elements/skeleton.js";
import { renderers as status } from "./elements/status.js";
import { renderers as text } from "./elements/text.js";
import { Forms } from "./forms.js";
import { FragmentTimers } from "./fragments.js";
import { HeldValues } from "./held.js";
import { installMenu } from "./menu.js";
import { clearCaches, rerun, stop as stopMessage } from "./protocol.js";
import { Tree } from "./tree.js";

/** @typedef {import("./tree.js").Registry} Registry */

/**
 * Every element kind the page can render, by kind. Two families must not claim one kind.
 * @type {Registry}
 */
export const registry = {
  ...text, ...code, ...richtext, ...data, ...inputs, ...fields, ...dates, ...files, ...layout,
  ...status, ...components, ...choices, ...charts, ...chat, ...media, ...capture, ...navigation,
  ...componentsV2, ...datetimes, ...pagination, ...menuButton, ...skeleton,
};

/**
 * The region of each root, in root order (main, sidebar, event, bottom).
 * @param {Document} doc
 * @returns {HTMLElement[]}
 */
function rootContainers(doc) {
  return [0, 1, 2, 3].map((root) => {
    const container = doc.querySelector(`[data-root="${root}"]`);
    if (!(container instanceof HTMLElement)) throw new Error(`index.html lacks root ${root}`);
    return container;
  });
}

/**
 * Run `step`, logging rather than throwing: what follows a batch must not stop the others, nor
 * the connection's bookkeeping of the batch.
 * @param {string} what
 * @param {() => void} step
 */
function guarded(what, step) {
  try {
    step();
  } catch (err) {
    console.error(`rillet: ${what} failed`, err);
  }
}

/**
 * Renderers that show a widget's value from the connection's queue (input from while the
 * socket was down) in place of the server's, until the queue has been sent: the page rebuilt
 * on reconnect must not undo what the user entered meanwhile.
 * @param {Registry} registry
 * @param {() => Map<string, any>} queued
 * @returns {Registry}
 */
function showingQueuedValues(registry, queued) {
  /** @param {import("./protocol.js").Element} el */
  const shown = (el) => {
    if (el.id == null || !("value" in (el.props ?? {}))) return el;
    // An editor queues changes, not its value: it shows them over the server's state itself.
    if (el.kind === "data_editor") return el;
    const values = queued();
    return values.has(el.id) ? { ...el, props: { ...el.props, value: values.get(el.id) } } : el;
  };
  return Object.fromEntries(Object.entries(registry).map(([kind, renderer]) => [kind, {
    ...renderer,
    create: (el, ctx) => renderer.create(shown(el), ctx),
    update: (dom, el, ctx) => renderer.update(dom, shown(el), ctx),
  }]));
}

/** Start the app in this page. */
function start() {
  installColorScheme(document);
  const chrome = createChrome(document);
  const pages = createNavigation(document, (message) => Boolean(connection?.send(message)));
  // A sidebar that shows the page menu stays open even when the app writes nothing there.
  const setRegionOccupied = chrome.setRegionOccupied;
  chrome.setRegionOccupied = (root, occupied) => {
    setRegionOccupied(root, occupied || (root === 1 && pages.inSidebar()));
  };
  /** @type {import("./connection.js").Connection | null} */
  let connection = null;
  const connected = () => connection?.hooks.state === "connected"
    || connection?.hooks.state === "running";
  // Changes of on_change="ignore" widgets, held for the next rerun of any kind (held.js).
  const held = new HeldValues();
  const timers = new FragmentTimers({
    // A tick while the socket is down is skipped: the next one after the reconnect will do.
    send: (fragmentId) => connected()
      && Boolean(connection?.send(rerun(held.take(), fragmentId))),
    onCount: (count) => { if (connection) connection.hooks.timers = count; },
  });
  const forms = new Forms({
    send: (values, fragmentId) => Boolean(
      connection?.send(rerun(held.take().concat(values), fragmentId))),
  });
  const tree = new Tree({
    roots: rootContainers(document),
    renderers: showingQueuedValues(
      forms.showingHeldValues(held.showingHeldValues(registry)),
      () => connection?.queuedValues() ?? new Map(),
    ),
    chrome,
    // Edits a data_editor holds (on_change="ignore") go out with the next rerun of the app.
    send: (values, fragmentId) => {
      const now = held.route(values);
      if (values.length > 0 && now.length === 0) return;
      forms.send(fragmentId === null ? now.concat(takeHeldEdits()) : now, fragmentId);
    },
    stopRun: () => { connection?.send(stopMessage()); },
    onApplied: (messages) => {
      guarded("forms", () => forms.sync(messages, tree.blocks()));
      guarded("held values", () => held.sync(messages, [...tree.roots, ...tree.blocks()]));
      guarded("fragment timers", () => {
        timers.track(messages);
        timers.sync(tree.blocks());
      });
      guarded("dialog focus", () => syncModal(document));
    },
  });
  // Rows for the paged tables go to their grids; everything else is the tree's.
  connection = connect({
    chrome,
    onBatch: (messages) => {
      for (const message of messages) {
        if (message.type !== "run_finished") continue;
        guarded("stop notice", () => chrome.runFinished(message.status));
      }
      const rest = deliverRows(messages).filter((message) => {
        if (message.type !== "navigation" && message.type !== "location") return true;
        guarded("navigation", () => pages.apply(message));
        return false;
      });
      if (rest.length) tree.applyBatch(rest);
    },
  });
  setSender((message) => Boolean(connection?.send(message)));
  chrome.onStop(() => { connection?.send(stopMessage()); });
  installMenu(document, {
    rerun: () => { connection?.send(rerun(held.take(), null)); },
    clearCaches: () => { connection?.send(clearCaches()); },
    version: document.querySelector("meta[name='rillet-version']")?.getAttribute("content") ?? "",
  });
}

start();
