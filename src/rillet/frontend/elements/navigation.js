// @ts-check
/**
 * Multipage apps in the browser: the page menu (sidebar or header), `page_link` elements,
 * and the address bar. Opening a page pushes its address onto the history and tells the
 * server (`navigate`); Back and Forward do the same for the address they restore. The server
 * moves the address itself with `location` messages (query params, switch_page).
 * @module elements/navigation
 */

import { navigate } from "../protocol.js";
import { iconElement } from "./icons.js";

/** @typedef {import("../protocol.js").NavigationMessage} NavigationMessage */
/** @typedef {import("../protocol.js").LocationMessage} LocationMessage */
/** @typedef {import("../protocol.js").NavPage} NavPage */
/** @typedef {import("../protocol.js").InboundMessage} InboundMessage */
/** @typedef {import("../tree.js").Registry} Registry */

/** @type {(page: string, query: string) => void} */
let openPage = () => {};

/**
 * The app's root address: every page path is relative to it (the page sets `<base>`).
 * @returns {URL}
 */
export function appBase() {
  return new URL(".", document.baseURI);
}

/**
 * The page path of the current address ("" at the app's root).
 * @returns {string}
 */
export function currentPage() {
  const base = appBase().pathname;
  const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : "";
  try {
    return decodeURIComponent(path).replace(/\/+$/, "");
  } catch {
    return path;
  }
}

/**
 * The address of a page of the app.
 * @param {string} page
 * @param {string} query without "?"
 * @returns {string}
 */
export function pageHref(page, query) {
  const url = new URL(encodeURIComponent(page).replace(/%2F/g, "/"), appBase());
  url.search = query ? `?${query}` : "";
  return url.href;
}

/**
 * A plain left click without modifier keys: the page opens in this tab (others keep the
 * browser's own behaviour, such as opening a new tab).
 * @param {MouseEvent} event
 */
function inPlace(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * A link to a page of the app, or to another site.
 * @param {{label?: string, icon?: string, page: string, query?: string, external?: boolean,
 *   help?: string, disabled?: boolean, current?: boolean}} spec
 * @returns {HTMLAnchorElement}
 */
function pageAnchor(spec) {
  const a = document.createElement("a");
  a.className = "rillet-page-link";
  const icon = iconElement(spec.icon, "rillet-page-link-icon");
  if (icon) a.append(icon);
  const label = document.createElement("span");
  label.className = "rillet-page-link-label";
  label.textContent = spec.label ?? "";
  a.append(label);
  if (spec.help) a.title = spec.help;
  if (spec.disabled) {
    a.setAttribute("aria-disabled", "true");
    a.setAttribute("role", "link");
    return a;
  }
  if (spec.external) {
    a.href = spec.page;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  a.href = pageHref(spec.page, spec.query ?? "");
  if (spec.current) a.setAttribute("aria-current", "page");
  a.addEventListener("click", (event) => {
    if (!inPlace(event)) return;
    event.preventDefault();
    openPage(spec.page, spec.query ?? "");
  });
  return a;
}

/** @type {Registry} */
export const renderers = {
  page_link: {
    create(el) {
      const p = el.props ?? {};
      const dom = document.createElement("div");
      dom.className = "rillet-page-link-box";
      if (p.width === "stretch") dom.classList.add("rillet-stretch");
      dom.append(pageAnchor({
        label: p.label, icon: p.icon, page: p.page, query: p.query, external: p.external,
        help: p.help, disabled: p.disabled, current: !p.external && p.page === currentPage(),
      }));
      return dom;
    },
    update(dom, el, ctx) {
      dom.replaceWith(renderers.page_link.create(el, ctx));
    },
  },
};

/**
 * @typedef {object} NavigationController
 * @property {(message: NavigationMessage | LocationMessage) => void} apply
 * @property {() => boolean} inSidebar whether the sidebar shows a menu (so it is shown)
 */

/**
 * Bind the menu, the history and page links to the connection.
 * @param {Document} doc
 * @param {(message: InboundMessage) => boolean} send
 * @returns {NavigationController}
 */
export function createNavigation(doc, send) {
  /** @type {NavigationMessage | null} */
  let menu = null;
  /** @type {HTMLElement | null} */
  let nav = null;

  openPage = (page, query) => {
    const href = pageHref(page, query);
    if (href !== location.href) history.pushState(null, "", href);
    send(navigate(page, query));
    highlight(page);
  };
  window.addEventListener("popstate", () => {
    send(navigate(currentPage(), location.search.replace(/^\?/, "")));
    highlight(currentPage());
  });

  /** @param {string} page */
  function highlight(page) {
    for (const a of nav?.querySelectorAll("a[data-page]") ?? []) {
      if (/** @type {HTMLElement} */ (a).dataset.page === page) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
  }

  /** @param {NavigationMessage} message */
  function render(message) {
    nav?.remove();
    nav = null;
    menu = message;
    if (message.position === "hidden") return;
    const visible = message.pages.filter((p) => !p.hidden);
    if (visible.length < 2 && !visible.some((p) => p.section)) return; // one page: no menu
    nav = doc.createElement("nav");
    nav.className = `rillet-nav rillet-nav-${message.position}`;
    nav.setAttribute("aria-label", "Pages");
    const limit = message.position === "sidebar" && !message.expanded
      ? (message.visible_items || 10) : Infinity;
    /** @type {HTMLElement[]} */
    const items = [];
    /** @type {string | null} */
    let section = null;
    let list = doc.createElement("ul");
    for (const page of visible) {
      if ((page.section ?? "") !== section) {
        section = page.section ?? "";
        if (list.childElementCount) nav.append(list);
        if (section) {
          const head = doc.createElement("div");
          head.className = "rillet-nav-section";
          head.textContent = section;
          nav.append(head);
        }
        list = doc.createElement("ul");
      }
      const item = doc.createElement("li");
      const a = pageAnchor({
        label: page.title, icon: page.icon, page: page.external_url ?? page.url_path,
        external: Boolean(page.external_url), help: page.help,
        current: !page.external_url && page.url_path === message.current,
      });
      if (!page.external_url) a.dataset.page = page.url_path;
      item.append(a);
      list.append(item);
      items.push(item);
    }
    nav.append(list);
    if (items.length > limit) {
      for (const item of items.slice(limit)) item.hidden = true;
      const more = doc.createElement("button");
      more.type = "button";
      more.className = "rillet-nav-more";
      more.textContent = `View ${items.length - limit} more`;
      more.addEventListener("click", () => {
        for (const item of items) item.hidden = false;
        more.remove();
      });
      nav.append(more);
    }
    if (message.position === "top") {
      doc.querySelector(".rillet-header")?.append(nav);
    } else {
      doc.getElementById("rillet-sidebar")?.prepend(nav);
    }
  }

  return {
    apply(message) {
      if (message.type === "navigation") {
        render(message);
        return;
      }
      const href = pageHref(message.page, message.query);
      if (href === location.href) return;
      if (message.push) history.pushState(null, "", href);
      else history.replaceState(null, "", href);
      highlight(message.page);
    },
    inSidebar() {
      return Boolean(nav && menu?.position === "sidebar");
    },
  };
}
