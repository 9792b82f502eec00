// @ts-check
/**
 * Custom components: frames for `components.html` and `components.iframe` (kind "iframe"), and
 * instances of declared components (kind "component") that speak Streamlit's v1 postMessage
 * protocol, so existing component frontends run unchanged:
 *
 *   frame → page  {isStreamlitMessage: true, type: "streamlit:componentReady", apiVersion: 1}
 *   page → frame  {type: "streamlit:render", args, dfs, disabled, theme}  (again on new args)
 *   frame → page  "streamlit:setComponentValue" {value, dataType: json | bytes | dataframe}
 *   frame → page  "streamlit:setFrameHeight" {height}
 *
 * Every frame is sandboxed without `allow-same-origin` (unless its declaration asks), so it runs
 * in an opaque origin and cannot reach the page. A message counts only when it comes from the
 * window of a frame this module created, and then only for that frame's instance.
 * @module elements/components
 */

import { SCHEME_EVENT } from "../colorscheme.js";
import { asText, make } from "../dom.js";
import { fitFrame } from "./frameheight.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("../tree.js").RenderContext} RenderContext */

const SANDBOX = "allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox"
  + " allow-downloads";
// Powerful features (camera, microphone, geolocation ...) are not delegated to frames.
const FEATURES = "clipboard-write; fullscreen; autoplay; encrypted-media; picture-in-picture";
const API_VERSION = 1;
const MAX_FRAME_HEIGHT = 100000;
const SAFE_PROTOCOLS = new Set(["http:", "https:", "data:"]);

const MSG_READY = "streamlit:componentReady";
const MSG_VALUE = "streamlit:setComponentValue";
const MSG_HEIGHT = "streamlit:setFrameHeight";
const MSG_RENDER = "streamlit:render";

/**
 * One component instance in the page.
 * @typedef {object} Instance
 * @property {HTMLElement} dom
 * @property {HTMLIFrameElement} frame
 * @property {HTMLElement} error
 * @property {Element} el the latest element
 * @property {RenderContext} ctx
 * @property {boolean} ready the frame announced itself since it last loaded
 * @property {string} src
 */

/** @type {Set<Instance>} */
const instances = new Set();
let listening = false;

// --- bytes ---------------------------------------------------------------------------------

/**
 * @param {string} text base64
 * @returns {Uint8Array}
 */
function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * @param {unknown} value a typed array, an ArrayBuffer or a DataView
 * @returns {string} base64
 */
function toBase64(value) {
  /** @type {Uint8Array} */
  let bytes;
  if (value instanceof ArrayBuffer) bytes = new Uint8Array(value);
  else if (ArrayBuffer.isView(value)) {
    bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else throw new TypeError("expected bytes (a typed array or an ArrayBuffer)");
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

// --- the page's theme ----------------------------------------------------------------------

/**
 * The page's theme under Streamlit's names, read from the CSS custom properties of theme.css.
 * @returns {{base: string, primaryColor: string, backgroundColor: string,
 *   secondaryBackgroundColor: string, textColor: string, font: string}}
 */
export function currentTheme() {
  const style = getComputedStyle(document.documentElement);
  const read = (/** @type {string} */ name) => style.getPropertyValue(name).trim();
  const scheme = read("color-scheme");
  const dark = scheme ? scheme.split(/\s+/)[0] === "dark"
    : matchMedia("(prefers-color-scheme: dark)").matches;
  return {
    base: dark ? "dark" : "light",
    primaryColor: read("--rl-primary"),
    backgroundColor: read("--rl-bg"),
    secondaryBackgroundColor: read("--rl-bg-soft"),
    textColor: read("--rl-text"),
    font: read("--rl-font"),
  };
}

// --- frames --------------------------------------------------------------------------------

/**
 * @param {HTMLIFrameElement} frame
 * @param {boolean} sameOrigin
 */
function sandbox(frame, sameOrigin) {
  frame.setAttribute("sandbox", sameOrigin ? `${SANDBOX} allow-same-origin` : SANDBOX);
}

/** @returns {HTMLIFrameElement} */
function newFrame() {
  const frame = make("iframe");
  frame.setAttribute("allow", FEATURES);
  // Inline, because the frame must look right whatever the stylesheet says; "normal" keeps
  // the page's dark scheme from painting an opaque backdrop behind a transparent document.
  Object.assign(frame.style, {
    border: "0", display: "block", width: "100%", maxWidth: "100%", colorScheme: "normal",
  });
  return frame;
}

/**
 * A URL that may be loaded in a frame, absolute; anything else (javascript: ...) is blank.
 * @param {unknown} src
 * @returns {string}
 */
function safeUrl(src) {
  try {
    const url = new URL(asText(src), document.baseURI);
    if (SAFE_PROTOCOLS.has(url.protocol)) return url.href;
  } catch {
    // not a URL at all
  }
  console.warn("rillet: refused to load a frame from", src);
  return "about:blank";
}

/**
 * Size, scrolling and focus order of an html/iframe frame.
 * @param {HTMLIFrameElement} frame
 * @param {Record<string, any>} props
 */
function applyFrameLayout(frame, props) {
  const width = Number(props.width);
  frame.style.width = typeof props.width === "number" && width > 0 ? `${width}px` : "100%";
  frame.height = String(Number(props.height) >= 0 ? Number(props.height) : 150);
  // st.iframe's "content" and "stretch" heights (the pixel heights are the attribute above).
  if (typeof props.height === "string") frame.removeAttribute("height");
  frame.setAttribute("scrolling", props.scrolling ? "auto" : "no");
  if (typeof props.tab_index === "number") frame.tabIndex = props.tab_index;
  else frame.removeAttribute("tabindex");
}

/**
 * Point an html/iframe frame at its document, reloading only when that changed.
 * @param {HTMLIFrameElement} frame
 * @param {Record<string, any>} props
 */
function applyFrameContent(frame, props) {
  const srcdoc = fitFrame(frame, props.height,
    typeof props.srcdoc === "string" ? props.srcdoc : undefined);
  if (srcdoc !== undefined) {
    frame.title = typeof props.alt === "string" ? props.alt : "Embedded HTML";
    if (frame.getAttribute("srcdoc") !== srcdoc) frame.srcdoc = srcdoc;
    return;
  }
  const src = safeUrl(props.src);
  frame.title = typeof props.alt === "string" ? props.alt : `Embedded page ${asText(props.src)}`;
  if (frame.dataset.src !== src) {
    frame.dataset.src = src;
    frame.src = src;
  }
}

/** @type {import("../tree.js").Renderer} */
const iframeRenderer = {
  create(el) {
    const dom = make("div", "rillet-iframe");
    const frame = newFrame();
    sandbox(frame, false);
    applyFrameLayout(frame, el.props ?? {});
    applyFrameContent(frame, el.props ?? {});
    dom.append(frame);
    return dom;
  },
  update(dom, el) {
    const frame = /** @type {HTMLIFrameElement} */ (dom.querySelector("iframe"));
    applyFrameLayout(frame, el.props ?? {});
    applyFrameContent(frame, el.props ?? {});
  },
};

// --- component instances -------------------------------------------------------------------

/**
 * Where an instance's frontend is loaded from: its dev server, or the component route (a
 * relative URL, so an app mounted under a prefix works), with Streamlit's `streamlitUrl`.
 * @param {Record<string, any>} props
 * @returns {string}
 */
function componentSrc(props) {
  const base = props.url
    ? asText(props.url)
    : `./_rillet/component/${encodeURIComponent(asText(props.name))}/index.html`;
  const safe = safeUrl(base);
  if (safe === "about:blank") return safe;
  const url = new URL(safe);
  url.searchParams.set("streamlitUrl", location.origin + location.pathname);
  return url.href;
}

/**
 * The render message's `args` (JSON args plus bytes args) and `dfs`, as the component library
 * expects them: bytes as Uint8Array, dataframes as ArrowTable protos of Uint8Arrays.
 * @param {Record<string, any>} props
 * @returns {{args: Record<string, any>, dfs: object[]}}
 */
function renderData(props) {
  const args = JSON.parse(asText(props.args) || "{}");
  for (const [key, text] of Object.entries(props.bytes_args ?? {})) {
    args[key] = fromBase64(asText(text));
  }
  const dfs = (Array.isArray(props.dfs) ? props.dfs : []).map((df) => ({
    key: df.key,
    value: {
      data: {
        data: fromBase64(df.data), index: fromBase64(df.index), columns: fromBase64(df.columns),
      },
      height: 0,
      width: 0,
    },
  }));
  return { args, dfs };
}

/**
 * @param {Instance} instance
 * @param {string} text
 */
function showError(instance, text) {
  instance.error.textContent = text;
  instance.error.hidden = !text;
}

/**
 * Send the instance's current args to its frame.
 * @param {Instance} instance
 */
function render(instance) {
  const target = instance.frame.contentWindow;
  if (!target || !instance.ready) return;
  let data;
  try {
    data = renderData(instance.el.props ?? {});
  } catch (err) {
    showError(instance, `Could not read the component's arguments: ${err}`);
    return;
  }
  showError(instance, "");
  // The frame's origin is opaque (sandboxed), so "*" is the only target origin that reaches it.
  target.postMessage({
    type: MSG_RENDER, args: data.args, dfs: data.dfs, disabled: false, theme: currentTheme(),
  }, "*");
}

/**
 * A value from the frame in its wire form, `{dataType, value}` with bytes and Arrow in base64.
 * @param {any} data the frame's message
 * @returns {{dataType: string, value: any} | null}
 */
function wireValue(data) {
  const dataType = data.dataType ?? "json";
  const value = data.value;
  if (value === undefined) return null;
  if (dataType === "json") return { dataType, value };
  if (dataType === "bytes") return { dataType, value: toBase64(value) };
  if (dataType === "dataframe") {
    return {
      dataType,
      value: {
        data: toBase64(value.data), index: toBase64(value.index), columns: toBase64(value.columns),
      },
    };
  }
  return null;
}

/**
 * @param {Instance} instance
 * @param {any} data
 */
function receive(instance, data) {
  switch (data.type) {
    case MSG_READY:
      if (data.apiVersion !== API_VERSION) {
        showError(instance, `Unrecognized component API version: '${data.apiVersion}'`);
        return;
      }
      // A reloaded frame announces itself again; it always gets the latest args.
      instance.ready = true;
      render(instance);
      return;
    case MSG_VALUE: {
      if (!instance.ready) {
        console.warn(`rillet: ${MSG_VALUE} before ${MSG_READY}; ignored`);
        return;
      }
      let wire = null;
      try {
        wire = wireValue(data);
      } catch (err) {
        console.warn("rillet: a component value could not be read", err);
      }
      if (wire === null) {
        console.warn("rillet: ignored a component value without a usable value or dataType");
        return;
      }
      instance.ctx.sendValue(asText(instance.el.id), wire);
      return;
    }
    case MSG_HEIGHT: {
      const height = Number(data.height);
      if (!instance.ready || !Number.isFinite(height) || height < 0) return;
      instance.frame.height = String(Math.min(Math.ceil(height), MAX_FRAME_HEIGHT));
      return;
    }
    default:
      console.warn("rillet: unrecognized component message", data.type);
  }
}

/**
 * The instance whose frame window sent a message; instances whose frame left the page are
 * forgotten on the way (the tree has no removal hook, and they can send nothing any more).
 * @param {MessageEventSource | null} source
 * @returns {Instance | null}
 */
function instanceFor(source) {
  let found = null;
  for (const instance of instances) {
    if (!instance.dom.isConnected) instances.delete(instance);
    else if (source && instance.frame.contentWindow === source) found = instance;
  }
  return found;
}

/** @param {MessageEvent} event */
function onMessage(event) {
  const data = event.data;
  if (!data || typeof data !== "object" || data.isStreamlitMessage !== true) return;
  const instance = instanceFor(event.source);
  if (instance) receive(instance, data);
}

function listen() {
  if (listening) return;
  listening = true;
  window.addEventListener("message", onMessage);
  // Components follow the page when the system switches between light and dark.
  const rerender = () => {
    for (const instance of instances) render(instance);
  };
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", rerender);
  window.addEventListener(SCHEME_EVENT, rerender); // the scheme chosen in the app's Settings
}

/**
 * Load the instance's frontend when its source or sandbox changed (a keyed instance may
 * switch components); the frame then announces itself again.
 * @param {Instance} instance
 */
function navigate(instance) {
  const props = instance.el.props ?? {};
  const src = componentSrc(props);
  const sameOrigin = props.same_origin === true;
  const sandboxNow = instance.frame.getAttribute("sandbox");
  sandbox(instance.frame, sameOrigin);
  if (src === instance.src && sandboxNow === instance.frame.getAttribute("sandbox")) return;
  instance.src = src;
  instance.ready = false;
  instance.frame.src = src;
}

/**
 * The frame's height before the frontend sets one: an explicit `height` arg, as in Streamlit.
 * @param {Record<string, any>} props
 * @returns {number}
 */
function initialHeight(props) {
  try {
    const height = Number(JSON.parse(asText(props.args) || "{}").height);
    return Number.isFinite(height) && height >= 0 ? height : 0;
  } catch {
    return 0;
  }
}

/** @type {import("../tree.js").Renderer} */
const componentRenderer = {
  create(el, ctx) {
    listen();
    instanceFor(null); // forget instances that left the page
    const dom = make("div", "rillet-component");
    const frame = newFrame();
    const props = el.props ?? {};
    frame.title = asText(props.name).split(".").pop() || "Component";
    frame.setAttribute("scrolling", "no");
    frame.height = String(initialHeight(props));
    const error = make("div", "rillet-component-error");
    error.setAttribute("role", "alert");
    error.hidden = true;
    dom.append(error, frame);
    /** @type {Instance} */
    const instance = { dom, frame, error, el, ctx, ready: false, src: "" };
    navigate(instance);
    instances.add(instance);
    return dom;
  },
  update(dom, el, ctx) {
    for (const instance of instances) {
      if (instance.dom !== dom) continue;
      instance.el = el;
      instance.ctx = ctx;
      navigate(instance);
      render(instance);
    }
  },
};

/** @type {Registry} */
export const renderers = {
  iframe: iframeRenderer,
  component: componentRenderer,
};
