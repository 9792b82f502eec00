// @ts-check
/**
 * The page chrome around the app: connection status, notices, page config (title, favicon,
 * layout, sidebar state) and which regions are shown. Nothing here is part of the app tree.
 * @module chrome
 */

import { ROOTS } from "./protocol.js";

/** @typedef {import("./protocol.js").PageConfigMessage} PageConfigMessage */

/** @typedef {"connecting" | "connected" | "running" | "disconnected" | "closed"} ConnectionState */

/**
 * @typedef {object} Chrome
 * @property {(state: ConnectionState) => void} setStatus
 * @property {(level: string, text: string, role?: "alert" | "status") => HTMLElement} showNotice
 * @property {(config: Partial<PageConfigMessage>) => void} applyPageConfig
 * @property {(root: number, occupied: boolean) => void} setRegionOccupied
 * @property {(handler: () => void) => void} onStop the Stop button (shown while a run runs)
 * @property {(status: string) => void} runFinished says so when the user's Stop ended a run
 */

/** @type {Record<ConnectionState, string>} */
const STATUS_TEXT = {
  connecting: "Connecting…",
  connected: "Connected",
  running: "Running…",
  disconnected: "Reconnecting…",
  closed: "Disconnected",
};

const NARROW = "(max-width: 640px)";

export const OFFLINE_TEXT = "Connection lost. Reconnecting… What you enter meanwhile is kept "
  + "and sent when the connection is back.";
export const CLOSED_TEXT = "Disconnected from the server. Reload the page to reconnect.";
export const BACK_TEXT = "Connected again.";
export const STOPPED_TEXT = "Stopped: the script ended at its next rillet call; the page keeps "
  + "what it wrote until then.";
/** How long "Connected again." stays before the banner clears. */
const BACK_MS = 4000;

/**
 * Bind the chrome to the regions of index.html.
 * @param {Document} doc
 * @returns {Chrome}
 */
export function createChrome(doc) {
  const body = doc.body;
  const status = /** @type {HTMLElement} */ (doc.getElementById("rillet-status"));
  const notices = /** @type {HTMLElement} */ (doc.getElementById("rillet-notices"));
  const sidebar = /** @type {HTMLElement} */ (doc.getElementById("rillet-sidebar"));
  const toggle = /** @type {HTMLButtonElement} */ (doc.getElementById("rillet-sidebar-toggle"));
  const narrow = doc.defaultView?.matchMedia(NARROW);
  /** @type {Record<number, HTMLElement | null>} */
  const regions = {
    [ROOTS.SIDEBAR]: sidebar,
    [ROOTS.EVENT]: doc.getElementById("rillet-event"),
    [ROOTS.BOTTOM]: doc.getElementById("rillet-bottom"),
  };
  const stop = /** @type {HTMLButtonElement} */ (doc.getElementById("rillet-stop"));
  const offline = /** @type {HTMLElement} */ (doc.getElementById("rillet-offline"));
  /** @type {string | null} */
  let lastSidebarState = null;
  /** @type {ConnectionState} */
  let lastState = "connecting";
  let stopAsked = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let backTimer;

  /** @param {ConnectionState} state */
  function showConnection(state) {
    const down = state === "disconnected" || state === "closed";
    body.dataset.connection = down ? "disconnected" : "connected";
    clearTimeout(backTimer);
    if (down) {
      offline.dataset.state = state;
      offline.textContent = state === "closed" ? CLOSED_TEXT : OFFLINE_TEXT;
    } else if (offline.dataset.state === "disconnected" && state !== "connecting") {
      // Announce the way back too, then get out of the way.
      offline.dataset.state = "back";
      offline.textContent = BACK_TEXT;
      backTimer = setTimeout(() => {
        delete offline.dataset.state;
        offline.textContent = "";
      }, BACK_MS);
    }
  }

  /** @param {boolean} expanded */
  function setSidebarExpanded(expanded) {
    body.dataset.sidebar = expanded ? "expanded" : "collapsed";
    toggle.setAttribute("aria-expanded", String(expanded));
  }
  setSidebarExpanded(!narrow?.matches);
  toggle.addEventListener("click", () => {
    setSidebarExpanded(body.dataset.sidebar !== "expanded");
  });
  // On a narrow screen the sidebar overlays the page; Escape closes it like any overlay.
  sidebar.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && narrow?.matches) {
      setSidebarExpanded(false);
      toggle.focus();
    }
  });

  return {
    setStatus(state) {
      status.dataset.state = state === "closed" ? "disconnected" : state;
      status.textContent = stopAsked && state === "running" ? "Stopping…" : STATUS_TEXT[state];
      stop.hidden = state !== "running";
      if (state !== "running") {
        stop.disabled = false;
        stop.textContent = "Stop";
      }
      if (state !== lastState) showConnection(state);
      lastState = state;
    },

    onStop(handler) {
      stop.addEventListener("click", () => {
        stopAsked = true;
        stop.disabled = true;
        stop.textContent = "Stopping…";
        status.textContent = "Stopping…";
        handler();
      });
    },

    runFinished(runStatus) {
      if (runStatus === "interrupted") return; // the next run follows at once
      if (stopAsked && runStatus === "stopped") this.showNotice("info", STOPPED_TEXT, "status");
      stopAsked = false;
    },

    showNotice(level, text, role) {
      for (const existing of notices.querySelectorAll(".rillet-notice")) {
        if (existing.querySelector(".rillet-notice-text")?.textContent === text) {
          existing.remove(); // shown again below, so it is announced again
        }
      }
      const notice = doc.createElement("div");
      notice.className = "rillet-notice";
      notice.dataset.level = level;
      notice.setAttribute("role", role ?? (level === "info" ? "status" : "alert"));
      const message = doc.createElement("span");
      message.className = "rillet-notice-text";
      message.textContent = text;
      const dismiss = doc.createElement("button");
      dismiss.type = "button";
      dismiss.className = "rillet-notice-dismiss";
      dismiss.setAttribute("aria-label", "Dismiss");
      dismiss.textContent = "×";
      dismiss.addEventListener("click", () => notice.remove());
      notice.append(message, dismiss);
      notices.append(notice);
      return notice;
    },

    applyPageConfig(config) {
      if (config.title != null) doc.title = config.title;
      if (config.icon != null) setFavicon(doc, config.icon);
      if (config.layout != null) body.classList.toggle("rillet-wide", config.layout === "wide");
      // Only a changed sidebar_state applies, so a rerun that repeats set_page_config does
      // not undo the user's own toggling.
      const state = config.sidebar_state;
      if (state != null && state !== lastSidebarState) {
        lastSidebarState = state;
        setSidebarExpanded(state === "expanded" || (state === "auto" && !narrow?.matches));
      }
    },

    setRegionOccupied(root, occupied) {
      const region = regions[root];
      if (!region || region.hidden === !occupied) return;
      region.hidden = !occupied;
      if (root === ROOTS.SIDEBAR) toggle.hidden = !occupied;
    },
  };
}

/**
 * Point the favicon at a URL, or draw an emoji as an SVG favicon.
 * @param {Document} doc
 * @param {string} icon
 */
function setFavicon(doc, icon) {
  let link = /** @type {HTMLLinkElement | null} */ (doc.getElementById("rillet-favicon"));
  if (!link) {
    link = doc.createElement("link");
    link.id = "rillet-favicon";
    link.rel = "icon";
    doc.head.append(link);
  }
  if (/^(https?:|data:image\/|\/|\.\.?\/)/i.test(icon)) {
    link.href = icon;
  } else if (!icon.startsWith(":material/") && !/[/.:]/.test(icon)) {
    link.href = emojiFavicon(icon);
  }
}

/**
 * @param {string} emoji
 * @returns {string}
 */
export function emojiFavicon(emoji) {
  const escaped = emoji.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 100'>"
    + `<text x='50' y='.9em' font-size='90' text-anchor='middle'>${escaped}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
