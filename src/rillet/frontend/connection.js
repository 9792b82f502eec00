// @ts-check
/**
 * The WebSocket to the server: handshake, keep-alive, reconnection, and the connection status
 * the page shows. Batches go to `onBatch` (the tree); this module only does the bookkeeping
 * that belongs to the connection itself.
 * @module connection
 */

import { effectiveScheme } from "./colorscheme.js";
import { decodeBatch, hello, ping } from "./protocol.js";

/** @typedef {import("./protocol.js").InboundMessage} InboundMessage */
/** @typedef {import("./protocol.js").OutboundMessage} OutboundMessage */
/** @typedef {import("./chrome.js").Chrome} Chrome */
/** @typedef {import("./chrome.js").ConnectionState} ConnectionState */

export const SESSION_KEY = "rillet.session";
export const PING_INTERVAL_MS = 20_000;
export const BACKOFF_MIN_MS = 250;
export const BACKOFF_MAX_MS = 5_000;
/** The server closes with this code when the protocol versions differ: retrying cannot help. */
export const CLOSE_VERSION_MISMATCH = 4000;
export const RESTART_NOTICE = "The server restarted; this is a new session.";

/**
 * What tests wait on: `state` as in the status indicator's `data-state`, the id of the latest
 * run seen, how many runs have finished, and how many `run_every` timers the page keeps.
 * @typedef {object} TestHooks
 * @property {"connecting" | "connected" | "running" | "disconnected"} state
 * @property {number | null} lastRunId
 * @property {number} runsFinished
 * @property {number} timers
 * @property {number} queued messages waiting for the connection to come back
 */

/**
 * @typedef {object} ConnectionOptions
 * @property {(messages: OutboundMessage[]) => void} onBatch
 * @property {Chrome} chrome
 * @property {string} [url] defaults to `wsUrl(document.baseURI)`
 */

/** What the user did while the socket was down, kept to be sent when it is back. */
const QUEUED_TYPES = new Set(["rerun", "navigate", "clear_caches"]);
/** More than this many messages from one outage: the oldest go (each a whole rerun request). */
export const QUEUE_LIMIT = 200;

/**
 * @typedef {object} Connection
 * @property {(message: InboundMessage) => boolean} send false when the message could neither
 *   be sent nor kept for the reconnect
 * @property {() => Map<string, any>} queuedValues the newest widget value of each widget
 *   changed while disconnected and not sent yet, so the rebuilt page shows them
 * @property {() => void} close close for good (no reconnect)
 * @property {TestHooks} hooks
 */

/**
 * The socket address, relative to the page so the app works under a mount prefix.
 * @param {string} baseURI
 * @returns {string}
 */
export function wsUrl(baseURI) {
  const url = new URL("_rillet/ws", baseURI);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.hash = "";
  url.search = "";
  return url.href;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): 250 ms doubling to 5 s, with jitter so a
 * restarted server is not hit by every tab at the same instant.
 * @param {number} attempt
 * @param {() => number} [random]
 * @returns {number}
 */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * What st.context reports about this tab, and the page its address names.
 * @returns {import("./protocol.js").ClientFacts}
 */
function tabFacts() {
  const base = new URL(".", document.baseURI).pathname;
  let page = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : "";
  try {
    page = decodeURIComponent(page);
  } catch {
    // an address with a broken escape: the server treats it as an unknown page
  }
  let timezone = "";
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    // no Intl time zone support
  }
  return {
    page,
    url: location.href,
    locale: navigator.language ?? "",
    timezone,
    timezone_offset: new Date().getTimezoneOffset(),
    theme: effectiveScheme(), // the one chosen in Settings, else the system's
  };
}

/**
 * Before the page is rebuilt on a reconnect, let the field being typed into commit what it
 * holds (text fields commit on blur), so the text goes into the queue instead of vanishing
 * with the field's old node.
 */
function commitFocusedField() {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.closest("[data-root]")) active.blur();
}

/** @returns {string | null} */
function readSessionId() {
  try {
    return sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null; // storage can be blocked (sandboxed frames, privacy modes)
  }
}

/** @param {string} id */
function storeSessionId(id) {
  try {
    sessionStorage.setItem(SESSION_KEY, id);
  } catch {
    // Without storage a reload starts a new session; the page still works.
  }
}

/**
 * Open the socket and keep it open.
 * @param {ConnectionOptions} options
 * @returns {Connection}
 */
export function connect({ onBatch, chrome, url = wsUrl(document.baseURI) }) {
  /** @type {TestHooks} */
  const hooks = { state: "connecting", lastRunId: null, runsFinished: 0, timers: 0, queued: 0 };
  /** @type {any} */ (window).__rillet = hooks;
  /** @type {WebSocket | null} */
  let socket = null;
  let attempt = 0;
  let closedForGood = false;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let pingTimer;
  /** @type {string | null} */
  let sentSessionId = null;
  /**
   * Input from while the socket was down (or before the server that came back knows the
   * page's widgets), in order.
   * @type {InboundMessage[]}
   */
  const queue = [];
  // Until the server has the page's widgets again, input waits in the queue: a resumed
  // session has them at once, a new one (the server restarted) after its first run.
  let ready = false;

  /** @param {ConnectionState} state */
  function setState(state) {
    hooks.state = state === "closed" ? "disconnected" : state; // as on the indicator's data-state
    chrome.setStatus(state);
  }

  /** @param {OutboundMessage} message */
  function track(message) {
    switch (message.type) {
      case "welcome":
        storeSessionId(message.session_id);
        attempt = 0;
        if (sentSessionId && !message.resumed) chrome.showNotice("warning", RESTART_NOTICE, "alert");
        setState("connected");
        // A new session registers its widgets in its first run: queued values wait for it.
        if (message.resumed || !queue.length) flush();
        break;
      case "run_started":
        hooks.lastRunId = message.run_id;
        setState("running");
        break;
      case "run_finished":
        hooks.lastRunId = message.run_id;
        hooks.runsFinished += 1;
        setState("connected");
        if (message.status !== "interrupted" && !ready) flush();
        break;
      default:
        break;
    }
  }

  function open() {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener("open", () => {
      sentSessionId = readSessionId();
      ws.send(JSON.stringify(hello(sentSessionId, location.search.replace(/^\?/, ""), tabFacts())));
      pingTimer = setInterval(() => send(ping()), PING_INTERVAL_MS);
    });
    ws.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      const messages = decodeBatch(event.data);
      if (messages[0]?.type === "welcome" && sentSessionId) commitFocusedField();
      // The tree first, then the state: whoever waits on `runsFinished` sees the DOM updated.
      onBatch(messages);
      messages.forEach(track);
    });
    ws.addEventListener("close", (event) => {
      clearInterval(pingTimer);
      if (socket !== ws || closedForGood) return;
      socket = null;
      ready = false;
      if (event.code === CLOSE_VERSION_MISMATCH) {
        setState("closed");
        return;
      }
      setState("disconnected");
      setTimeout(open, backoffDelay(attempt));
      attempt += 1;
    });
  }

  /**
   * @param {InboundMessage} message
   * @returns {boolean}
   */
  function send(message) {
    const queueable = QUEUED_TYPES.has(message.type);
    if (!socket || socket.readyState !== WebSocket.OPEN || (queueable && !ready)) {
      if (!queueable) {
        // Pings, Stop and row requests mean nothing later: the page asks again if need be.
        console.warn("rillet: not connected; dropped", message);
        return false;
      }
      // Kept, and shown by the rebuilt page (queuedValues) until the server has them.
      queue.push(message);
      if (queue.length > QUEUE_LIMIT) {
        console.warn("rillet: too much input while disconnected; dropped", queue.shift());
      }
      hooks.queued = queue.length;
      return true;
    }
    socket.send(JSON.stringify(message));
    return true;
  }

  /** The server knows the page's widgets again: send what waited, in order. */
  function flush() {
    ready = true;
    const ws = socket;
    while (queue.length && ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(queue.shift()));
    }
    hooks.queued = queue.length;
  }

  function queuedValues() {
    /** @type {Map<string, any>} */
    const values = new Map();
    for (const message of queue) {
      if (message.type !== "rerun") continue;
      for (const { id, value } of message.values) values.set(id, value);
    }
    return values;
  }

  setState("connecting");
  open();
  return {
    send,
    queuedValues,
    close() {
      closedForGood = true;
      clearInterval(pingTimer);
      socket?.close();
    },
    hooks,
  };
}
