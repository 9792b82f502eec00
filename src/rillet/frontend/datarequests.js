// @ts-check
/**
 * The paged tables' line to the server: a grid asks for rows with `requestRows`, and the
 * `rows_page` answers are routed back to the grids showing that `data_id`.
 *
 * One per page, set up by main.js; a module rather than a render-context hook so the element
 * tree stays unaware of it. Grids removed from the page are forgotten when another grid starts
 * listening or an answer arrives (the tree has no "removed" callback, and needs none).
 * @module datarequests
 */

import { rowsRequest } from "./protocol.js";

/** @typedef {import("./protocol.js").InboundMessage} InboundMessage */
/** @typedef {import("./protocol.js").OutboundMessage} OutboundMessage */
/** @typedef {import("./protocol.js").RowsPageMessage} RowsPageMessage */

/**
 * @typedef {object} Listener
 * @property {HTMLElement} dom the grid; once it leaves the page the listener is dropped
 * @property {(page: RowsPageMessage) => void} receive
 */

/** @type {((message: InboundMessage) => boolean) | null} */
let sender = null;
/** @type {Map<string, Set<Listener>>} */
const listeners = new Map();

/**
 * Set how requests reach the server (main.js: the connection's `send`).
 * @param {(message: InboundMessage) => boolean} send
 */
export function setSender(send) {
  sender = send;
}

/**
 * Ask for rows of a table; false when not connected (the grid asks again when it redraws).
 * @param {string} dataId
 * @param {number} start
 * @param {number} end exclusive
 * @param {[number, "asc" | "desc"] | null} sort
 * @param {string} [search] only the rows with a cell containing it; "" for all
 * @returns {boolean}
 */
export function requestRows(dataId, start, end, sort, search = "") {
  return sender ? sender(rowsRequest(dataId, start, end, sort, search)) : false;
}

/** Drop the listeners of grids no longer in the page. */
function forgetDetached() {
  for (const [dataId, set] of listeners) {
    for (const listener of set) if (!listener.dom.isConnected) set.delete(listener);
    if (set.size === 0) listeners.delete(dataId);
  }
}

/**
 * Receive the answers for `dataId` while `dom` is in the page.
 * @param {string} dataId
 * @param {Listener} listener
 * @returns {() => void} stop listening
 */
export function listen(dataId, listener) {
  // After the batch being applied: a grid is created before the tree puts it in the page.
  queueMicrotask(forgetDetached);
  let set = listeners.get(dataId);
  if (!set) listeners.set(dataId, (set = new Set()));
  set.add(listener);
  return () => {
    const current = listeners.get(dataId);
    current?.delete(listener);
    if (current && current.size === 0) listeners.delete(dataId);
  };
}

/**
 * Hand the `rows_page` messages of a batch to their grids; returns the other messages.
 * @param {OutboundMessage[]} messages
 * @returns {OutboundMessage[]}
 */
export function deliverRows(messages) {
  /** @type {OutboundMessage[]} */
  const rest = [];
  let delivered = false;
  for (const message of messages) {
    if (message.type !== "rows_page") {
      rest.push(message);
      continue;
    }
    delivered = true;
    for (const listener of listeners.get(message.data_id) ?? []) {
      if (!listener.dom.isConnected) continue;
      try {
        listener.receive(message);
      } catch (err) {
        console.error("rillet: a table could not take its rows", err);
      }
    }
  }
  if (delivered) forgetDetached();
  return rest;
}
