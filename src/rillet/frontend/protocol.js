// @ts-check
/**
 * The wire protocol, browser side: the one module that knows message shapes.
 *
 * It mirrors `src/rillet/protocol/messages.py` field for field; a Python test parses
 * `MESSAGE_FIELDS` below and compares it with the msgspec Structs, so keep it a plain literal.
 * @module protocol
 */

export const PROTOCOL_VERSION = 1;

/** Root blocks of the page: a path's first index is one of these. */
export const ROOTS = Object.freeze({ MAIN: 0, SIDEBAR: 1, EVENT: 2, BOTTOM: 3 });

/**
 * Field names of every message, by `type` (the `type` field itself excluded).
 * @type {Readonly<Record<string, readonly string[]>>}
 */
export const MESSAGE_FIELDS = {
  hello: ["version", "session_id", "query", "page", "url", "locale", "timezone", "timezone_offset", "theme"],
  rerun: ["values", "fragment_id"],
  ping: [],
  rows: ["data_id", "start", "end", "sort", "search"],
  stop: [],
  navigate: ["page", "query"],
  clear_caches: [],
  welcome: ["version", "session_id", "resumed"],
  run_started: ["run_id", "fragment_ids"],
  delta: ["path", "element"],
  extend: ["path", "rows"],
  keep: ["path", "start", "end"],
  truncate: ["path", "length"],
  run_finished: ["run_id", "status"],
  page_config: ["title", "icon", "layout", "sidebar_state"],
  reset: [],
  notice: ["level", "text"],
  pong: [],
  rows_page: ["data_id", "start", "rows", "total", "sort", "search"],
  navigation: ["position", "expanded", "visible_items", "pages", "current"],
  location: ["page", "query", "push"],
};

// --- shared shapes ------------------------------------------------------------------------

/**
 * One node of the element tree. `kind == "block"` is a container whose children have longer
 * paths; widgets carry the `id` the browser echoes back with their values.
 * @typedef {object} Element
 * @property {string} kind
 * @property {Record<string, any>} [props]
 * @property {string | null} [id]
 * @property {unknown[]} [rows] the part that can grow (a chart's data): see `extend`
 */

/**
 * A widget's new value in its wire form (validated by the server).
 * @typedef {object} WidgetValue
 * @property {string} id
 * @property {any} value
 */

// --- browser -> server --------------------------------------------------------------------

/**
 * @typedef {object} HelloMessage
 * @property {"hello"} type
 * @property {number} version
 * @property {string | null} session_id
 * @property {string} query
 * @property {string} page
 * @property {string} url
 * @property {string} locale
 * @property {string} timezone
 * @property {number | null} timezone_offset
 * @property {string} theme
 */

/**
 * @typedef {object} NavigateMessage
 * @property {"navigate"} type
 * @property {string} page
 * @property {string} query
 */

/**
 * @typedef {object} RerunMessage
 * @property {"rerun"} type
 * @property {WidgetValue[]} values
 * @property {string | null} [fragment_id] left out for a full rerun
 */

/**
 * @typedef {object} PingMessage
 * @property {"ping"} type
 */

/**
 * Ask for rows `start` to `end` (exclusive) of a paged table, sorted by `sort`
 * ([shown column, "asc" | "desc"]) or as given. Answered with a `rows_page`.
 * @typedef {object} RowsMessage
 * @property {"rows"} type
 * @property {string} data_id
 * @property {number} start
 * @property {number} end
 * @property {[number, "asc" | "desc"] | null} sort
 * @property {string | null} [search] only the rows with a cell containing it (any case)
 */

/**
 * Stop the running script; what it wrote so far stays.
 * @typedef {object} StopMessage
 * @property {"stop"} type
 */

/**
 * Empty every cache_data and cache_resource cache (the menu's "Clear caches").
 * @typedef {object} ClearCachesMessage
 * @property {"clear_caches"} type
 */

/**
 * @typedef {HelloMessage | RerunMessage | PingMessage | RowsMessage | StopMessage
 *   | NavigateMessage | ClearCachesMessage} InboundMessage
 */

// --- server -> browser --------------------------------------------------------------------

/**
 * @typedef {object} WelcomeMessage
 * @property {"welcome"} type
 * @property {number} version
 * @property {string} session_id
 * @property {boolean} resumed
 */

/**
 * @typedef {object} RunStartedMessage
 * @property {"run_started"} type
 * @property {number} run_id
 * @property {string[]} [fragment_ids]
 */

/**
 * @typedef {object} DeltaMessage
 * @property {"delta"} type
 * @property {number[]} path
 * @property {Element} element
 */

/**
 * Append `rows` to the rows of the element at `path`; its props are unchanged.
 * @typedef {object} ExtendMessage
 * @property {"extend"} type
 * @property {number[]} path
 * @property {unknown[]} rows
 */

/**
 * @typedef {object} KeepMessage
 * @property {"keep"} type
 * @property {number[]} path
 * @property {number} start
 * @property {number} end
 */

/**
 * @typedef {object} TruncateMessage
 * @property {"truncate"} type
 * @property {number[]} path
 * @property {number} length
 */

/**
 * @typedef {object} RunFinishedMessage
 * @property {"run_finished"} type
 * @property {number} run_id
 * @property {"ok" | "error" | "stopped" | "interrupted"} status
 */

/**
 * Fields are omitted (not null) when the script did not set them.
 * @typedef {object} PageConfigMessage
 * @property {"page_config"} type
 * @property {string | null} [title]
 * @property {string | null} [icon]
 * @property {string | null} [layout]
 * @property {string | null} [sidebar_state]
 */

/**
 * @typedef {object} ResetMessage
 * @property {"reset"} type
 */

/**
 * @typedef {object} NoticeMessage
 * @property {"notice"} type
 * @property {string} level
 * @property {string} text
 */

/**
 * @typedef {object} PongMessage
 * @property {"pong"} type
 */

/**
 * Rows of a paged table, from position `start`, cells in the order of its columns.
 * @typedef {object} RowsPageMessage
 * @property {"rows_page"} type
 * @property {string} data_id
 * @property {number} start
 * @property {unknown[][]} rows
 * @property {number} total
 * @property {[number, "asc" | "desc"] | null} sort the order of the request answered
 * @property {string | null} [search] the search of the request answered (`total` counts its rows)
 */

/**
 * @typedef {WelcomeMessage | RunStartedMessage | DeltaMessage | ExtendMessage | KeepMessage
 *   | TruncateMessage
 *   | RunFinishedMessage | PageConfigMessage | ResetMessage | NoticeMessage | PongMessage
 *   | RowsPageMessage | NavigationMessage | LocationMessage
 * } OutboundMessage
 */

/**
 * One entry of the page menu.
 * @typedef {object} NavPage
 * @property {string} title
 * @property {string} url_path "" for the default page
 * @property {string} [icon]
 * @property {string} [section]
 * @property {boolean} [default]
 * @property {boolean} [hidden]
 * @property {string} [help]
 * @property {string | null} [external_url]
 */

/**
 * The page menu of a multipage app.
 * @typedef {object} NavigationMessage
 * @property {"navigation"} type
 * @property {"sidebar" | "top" | "hidden"} position
 * @property {boolean} expanded
 * @property {number} visible_items
 * @property {NavPage[]} pages
 * @property {string} current the url path of the page shown
 */

/**
 * Make the address bar show this page and query (push: a new history entry).
 * @typedef {object} LocationMessage
 * @property {"location"} type
 * @property {string} page
 * @property {string} query
 * @property {boolean} push
 */

// --- constructors for what the browser sends ---------------------------------------------

/**
 * What the tab tells the server about itself (st.context) besides its address.
 * @typedef {object} ClientFacts
 * @property {string} [page] the page path of the address ("" for the app's root)
 * @property {string} [url]
 * @property {string} [locale]
 * @property {string} [timezone]
 * @property {number | null} [timezone_offset]
 * @property {string} [theme] "light" or "dark"
 */

/**
 * The first frame on every socket.
 * @param {string | null} sessionId the id kept from an earlier socket, or null for a new session
 * @param {string} query the page's query string without the leading "?"
 * @param {ClientFacts} [facts]
 * @returns {HelloMessage}
 */
export function hello(sessionId, query, facts = {}) {
  return {
    type: "hello", version: PROTOCOL_VERSION, session_id: sessionId, query,
    page: facts.page ?? "", url: facts.url ?? "", locale: facts.locale ?? "",
    timezone: facts.timezone ?? "", timezone_offset: facts.timezone_offset ?? null,
    theme: facts.theme ?? "",
  };
}

/**
 * Open another page in this tab (the address bar already shows it).
 * @param {string} page
 * @param {string} query without the leading "?"
 * @returns {NavigateMessage}
 */
export function navigate(page, query) {
  return { type: "navigate", page, query };
}

/**
 * Ask for a rerun with the widget values that changed.
 * @param {WidgetValue[]} values
 * @param {string | null} fragmentId limits the rerun to this fragment; null reruns the app
 * @returns {RerunMessage}
 */
export function rerun(values, fragmentId) {
  // A full rerun leaves `fragment_id` out (the server's default): fewer bytes per edit.
  return fragmentId === null ? { type: "rerun", values } : { type: "rerun", values, fragment_id: fragmentId };
}

/**
 * Keep-alive.
 * @returns {PingMessage}
 */
export function ping() {
  return { type: "ping" };
}

/**
 * Stop the running script (the page's Stop button).
 * @returns {StopMessage}
 */
export function stop() {
  return { type: "stop" };
}

/**
 * Clear the app's function caches (the menu's "Clear caches", once confirmed).
 * @returns {ClearCachesMessage}
 */
export function clearCaches() {
  return { type: "clear_caches" };
}

/**
 * Ask for rows of a paged table.
 * @param {string} dataId
 * @param {number} start
 * @param {number} end exclusive
 * @param {[number, "asc" | "desc"] | null} sort
 * @param {string} [search] only the rows with a cell containing it; "" for all
 * @returns {RowsMessage}
 */
export function rowsRequest(dataId, start, end, sort, search = "") {
  return search ? { type: "rows", data_id: dataId, start, end, sort, search }
    : { type: "rows", data_id: dataId, start, end, sort };
}

const SERVER_TYPES = new Set([
  "welcome", "run_started", "delta", "extend", "keep", "truncate", "run_finished", "page_config", "reset",
  "notice", "pong", "rows_page", "navigation", "location",
]);

/**
 * Decode one server frame (a JSON array of messages). A malformed frame, or a message that is
 * not an object with a known `type`, is dropped with a console warning rather than thrown:
 * one bad message must not stop the page.
 * @param {string} text
 * @returns {OutboundMessage[]}
 */
export function decodeBatch(text) {
  /** @type {unknown} */
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    console.warn("rillet: dropped a malformed frame", err);
    return [];
  }
  const items = Array.isArray(data) ? data : [data];
  /** @type {OutboundMessage[]} */
  const messages = [];
  for (const item of items) {
    if (item && typeof item === "object" && SERVER_TYPES.has(item.type)) {
      messages.push(/** @type {OutboundMessage} */ (item));
    } else {
      console.warn("rillet: dropped an unknown message", item);
    }
  }
  return messages;
}
