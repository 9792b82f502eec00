// @ts-check
/**
 * v2 components (kind "bidi_component"): the component's HTML, CSS and ES module run in the
 * page itself, not in a frame, with Streamlit's contract (docs/components.md):
 *
 *   default export({name, data, key, parentElement, setStateValue, setTriggerValue})
 *     → optional cleanup function (or a promise of one), called on unmount
 *
 * `parentElement` is a ShadowRoot when the component isolates its styles, else a plain div.
 * The theme reaches it as Streamlit's `--st-*` CSS variables, set on the host (custom
 * properties inherit into shadow roots). `setStateValue` sends the whole state object as the
 * instance's widget value; `setTriggerValue` sends `[{event, value}]` as the value of its
 * trigger widget; both rerun the enclosing fragment, or the app.
 *
 * The JS runs again (after its cleanup) when its code or its data change; the HTML and CSS are
 * rebuilt when they change. The tree has no removal hook, so a MutationObserver notices hosts
 * that left the page and runs their cleanup.
 * @module elements/components_v2
 */

import { asText, make } from "../dom.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("../tree.js").Registry} Registry */

const ARROW_REF = "__streamlit_arrow_ref__";

/** Streamlit's theme variables, from rillet's (theme.css). */
const THEME_VARIABLES = Object.freeze({
  "--st-primary-color": "--rl-primary",
  "--st-background-color": "--rl-bg",
  "--st-secondary-background-color": "--rl-bg-soft",
  "--st-text-color": "--rl-text",
  "--st-heading-color": "--rl-text",
  "--st-link-color": "--rl-focus",
  "--st-font": "--rl-font",
  "--st-heading-font": "--rl-font",
  "--st-code-font": "--rl-mono",
  "--st-code-background-color": "--rl-code-bg",
  "--st-code-text-color": "--rl-text",
  "--st-base-radius": "--rl-radius",
  "--st-button-radius": "--rl-radius",
  "--st-border-color": "--rl-border",
  "--st-border-color-light": "--rl-border",
  "--st-widget-border-color": "--rl-border",
  "--st-dataframe-border-color": "--rl-border",
  "--st-red-color": "--rl-red",
  "--st-orange-color": "--rl-orange",
  "--st-yellow-color": "--rl-warning",
  "--st-blue-color": "--rl-blue",
  "--st-green-color": "--rl-green",
  "--st-violet-color": "--rl-violet",
  "--st-gray-color": "--rl-gray",
  "--st-red-background-color": "--rl-error-bg",
  "--st-yellow-background-color": "--rl-warning-bg",
  "--st-blue-background-color": "--rl-info-bg",
  "--st-green-background-color": "--rl-success-bg",
});

/**
 * One mounted instance.
 * @typedef {object} Instance
 * @property {HTMLElement} host the element's root node
 * @property {HTMLElement} mount the node whose shadow root (or itself) is `parentElement`
 * @property {ShadowRoot | HTMLElement} root `parentElement`
 * @property {HTMLElement | null} content the HTML and CSS, inside `root`
 * @property {HTMLElement} error
 * @property {Element} el the latest element
 * @property {RenderContext} ctx
 * @property {Record<string, unknown>} state the state values as last sent or received
 * @property {string} key the frontend key handed to the JS
 * @property {string} contentKey what the shown HTML and CSS were built from
 * @property {string} runKey what the JS last ran with
 * @property {number} generation bumped on every (re)run, so a slow import that lost the race
 *   does not run
 * @property {unknown} cleanup what the default export returned
 * @property {boolean} disposed
 */

/** @type {Map<HTMLElement, Instance>} */
const instances = new Map();
/** @type {Map<string, string>} inline module text → its blob URL */
const moduleUrls = new Map();
/** @type {MutationObserver | null} */
let observer = null;
let nextKey = 0;

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
 * The `data` the JS receives: JSON as values, bytes and Arrow IPC as Uint8Array, frames in a
 * dict in place of their references.
 * @param {any} data the element's encoded data
 * @returns {unknown}
 */
export function decodeData(data) {
  if (!data || typeof data !== "object") return null;
  if (typeof data.bytes === "string") return fromBase64(data.bytes);
  if (typeof data.arrow === "string") return fromBase64(data.arrow);
  if (typeof data.json !== "string") return null;
  const value = JSON.parse(data.json);
  const blobs = data.arrow_blobs;
  if (blobs && value && typeof value === "object" && !Array.isArray(value)) {
    for (const [name, item] of Object.entries(value)) {
      if (item && typeof item === "object" && typeof item[ARROW_REF] === "string") {
        const blob = Object.hasOwn(blobs, item[ARROW_REF]) ? blobs[item[ARROW_REF]] : null;
        value[name] = typeof blob === "string" ? fromBase64(blob) : null;
      }
    }
  }
  return value;
}

/**
 * The URL of a file in the component's asset dir, relative to the page (an app mounted under
 * a prefix works).
 * @param {string} name
 * @param {string} path
 * @returns {string}
 */
function assetUrl(name, path) {
  const segments = path.split("/").map(encodeURIComponent).join("/");
  return new URL(`./_rillet/component/v2/${encodeURIComponent(name)}/${segments}`,
    document.baseURI).href;
}

/**
 * @param {Record<string, any>} props
 * @returns {string | null} what to import: a blob URL for inline code, else the asset's URL
 */
function moduleUrl(props) {
  if (typeof props.js === "string" && props.js.trim()) {
    let url = moduleUrls.get(props.js);
    if (!url) {
      url = URL.createObjectURL(new Blob([props.js], { type: "text/javascript" }));
      moduleUrls.set(props.js, url);
    }
    return url;
  }
  if (typeof props.js_url === "string" && props.js_url) return assetUrl(props.name, props.js_url);
  return null;
}

/**
 * @param {Instance} instance
 * @param {string} text
 */
function showError(instance, text) {
  instance.error.textContent = text;
  instance.error.hidden = !text;
  if (text) console.error(`rillet: component ${asText(instance.el.props?.name)}: ${text}`);
}

/**
 * Size the host: width "stretch" | "content" | pixels, height "content" | "stretch" | pixels.
 * @param {HTMLElement} host
 * @param {Record<string, any>} props
 */
function applySize(host, props) {
  const width = props.width;
  host.style.width = typeof width === "number" ? `${width}px`
    : width === "content" ? "fit-content" : "100%";
  const height = props.height;
  host.style.height = typeof height === "number" ? `${height}px`
    : height === "stretch" ? "100%" : "";
  host.style.overflow = typeof height === "number" ? "auto" : "";
}

/**
 * (Re)build the component's HTML and CSS inside its root.
 * @param {Instance} instance
 */
function renderContent(instance) {
  const props = instance.el.props ?? {};
  instance.content?.remove();
  const content = make("div");
  if (typeof props.html === "string" && props.html.trim()) {
    // A contextual fragment runs the HTML's scripts when inserted, as in Streamlit.
    content.append(document.createRange().createContextualFragment(props.html));
  }
  if (typeof props.css === "string" && props.css.trim()) {
    const style = make("style");
    style.textContent = props.css;
    content.append(style);
  } else if (typeof props.css_url === "string" && props.css_url) {
    const link = make("link");
    link.rel = "stylesheet";
    link.href = assetUrl(props.name, props.css_url);
    link.addEventListener("error", () => {
      showError(instance, `Failed to load CSS from ${link.href}`);
    });
    content.append(link);
  }
  instance.root.append(content);
  instance.content = content;
}

/**
 * Run what the default export returned as cleanup, once.
 * @param {Instance} instance
 */
function runCleanup(instance) {
  const cleanup = instance.cleanup;
  instance.cleanup = undefined;
  if (!cleanup) return;
  Promise.resolve(cleanup)
    .then((fn) => { if (typeof fn === "function") return fn(); return undefined; })
    .catch((err) => console.error("rillet: a component's cleanup failed", err));
}

/**
 * (Re)run the component's JS: cleanup first, then the default export with the latest data.
 * @param {Instance} instance
 */
async function run(instance) {
  instance.generation += 1;
  const generation = instance.generation;
  runCleanup(instance);
  const props = instance.el.props ?? {};
  const url = moduleUrl(props);
  if (!url) return;
  let module;
  try {
    module = await import(url);
  } catch (err) {
    if (generation === instance.generation) {
      showError(instance, `Failed to load or execute script: ${err}`);
    }
    return;
  }
  if (generation !== instance.generation || instance.disposed) return;
  if (typeof module.default !== "function") {
    showError(instance, "JS module does not have a default export function.");
    return;
  }
  showError(instance, "");
  try {
    instance.cleanup = module.default({
      name: asText(props.name),
      data: decodeData(props.data),
      key: instance.key,
      parentElement: instance.root,
      setStateValue: (/** @type {string} */ name, /** @type {unknown} */ value) => {
        if (instance.disposed) return;
        instance.state = { ...instance.state, [name]: value };
        instance.ctx.sendValue(asText(instance.el.id), instance.state);
      },
      setTriggerValue: (/** @type {string} */ name, /** @type {unknown} */ value) => {
        if (instance.disposed) return;
        const current = instance.el.props ?? {};
        if (current.in_form) {
          console.warn("rillet: setTriggerValue is ignored inside st.form; use setStateValue");
          return;
        }
        instance.ctx.sendValue(asText(current.trigger_id), [{ event: name, value }]);
      },
    });
  } catch (err) {
    showError(instance, `The component's default export failed: ${err}`);
  }
}

/** Run the cleanup of every instance whose host left the page. */
function sweep() {
  for (const [host, instance] of instances) {
    if (host.isConnected) continue;
    instance.disposed = true;
    instance.generation += 1;
    instances.delete(host);
    runCleanup(instance);
  }
  if (instances.size === 0 && observer) {
    observer.disconnect();
    observer = null;
  }
}

function watchRemovals() {
  if (observer) return;
  observer = new MutationObserver(sweep);
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

/**
 * A fresh mount point (and `parentElement`) for the instance.
 * @param {Instance} instance
 */
function remount(instance) {
  const mount = make("div", "rillet-component-v2-root");
  instance.mount.replaceWith(mount);
  instance.mount = mount;
  instance.root = instance.el.props?.isolate_styles ? mount.attachShadow({ mode: "open" }) : mount;
  instance.content = null;
}

/**
 * @param {Record<string, any>} props
 * @returns {string}
 */
const contentKeyOf = (props) => JSON.stringify([props.html, props.css, props.css_url]);
/**
 * @param {Record<string, any>} props
 * @returns {string}
 */
const runKeyOf = (props) => JSON.stringify([props.name, props.js, props.js_url, props.data]);

/** @type {import("../tree.js").Renderer} */
const componentRenderer = {
  create(el, ctx) {
    const props = el.props ?? {};
    const host = make("div", "rillet-component-v2");
    for (const [name, source] of Object.entries(THEME_VARIABLES)) {
      host.style.setProperty(name, `var(${source})`);
    }
    applySize(host, props);
    const error = make("div", "rillet-component-error");
    error.setAttribute("role", "alert");
    error.hidden = true;
    const mount = make("div");
    host.append(error, mount);
    nextKey += 1;
    /** @type {Instance} */
    const instance = {
      host, mount, root: mount, content: null, error, el, ctx,
      state: { ...(props.value ?? {}) },
      key: `st-bidi-component-${nextKey}`,
      contentKey: contentKeyOf(props),
      runKey: runKeyOf(props),
      generation: 0,
      cleanup: undefined,
      disposed: false,
    };
    remount(instance);
    renderContent(instance);
    instances.set(host, instance);
    watchRemovals();
    run(instance);
    return host;
  },
  update(dom, el, ctx) {
    const instance = instances.get(dom);
    if (!instance) return;
    const before = instance.el.props ?? {};
    const props = el.props ?? {};
    instance.el = el;
    instance.ctx = ctx;
    instance.state = { ...(props.value ?? {}) };
    applySize(dom, props);
    const contentKey = contentKeyOf(props);
    const runKey = runKeyOf(props);
    if (Boolean(before.isolate_styles) !== Boolean(props.isolate_styles)) {
      runCleanup(instance);
      remount(instance);
      instance.contentKey = "";
      instance.runKey = "";
    }
    if (contentKey !== instance.contentKey) {
      instance.contentKey = contentKey;
      renderContent(instance);
    }
    if (runKey !== instance.runKey) {
      instance.runKey = runKey;
      run(instance);
    }
  },
};

/** @type {Registry} */
export const renderers = {
  bidi_component: componentRenderer,
};
