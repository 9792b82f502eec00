// @ts-check
/**
 * Entry point: binds the page chrome, the element tree and the connection together.
 * @module main
 */

import { createChrome } from "./chrome.js";
import { connect } from "./connection.js";
import { renderers as data } from "./elements/data.js";
import { renderers as inputs } from "./elements/inputs.js";
import { renderers as layout } from "./elements/layout.js";
import { renderers as text } from "./elements/text.js";
import { rerun } from "./protocol.js";
import { Tree } from "./tree.js";

/** @typedef {import("./tree.js").Registry} Registry */

/**
 * Every element kind the page can render, by kind. Two families must not claim one kind.
 * @type {Registry}
 */
export const registry = { ...text, ...data, ...inputs, ...layout };

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

/** Start the app in this page. */
function start() {
  const chrome = createChrome(document);
  /** @type {import("./connection.js").Connection | null} */
  let connection = null;
  const tree = new Tree({
    roots: rootContainers(document),
    renderers: registry,
    chrome,
    send: (values, fragmentId) => { connection?.send(rerun(values, fragmentId)); },
  });
  connection = connect({ chrome, onBatch: (messages) => tree.applyBatch(messages) });
}

start();
