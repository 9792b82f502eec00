// @ts-check
/**
 * Files in and out: download_button (a button that saves a file the session serves, then acts
 * as a button), link_button (a link that looks like a button) and file_uploader (drag and drop
 * or browse; each file goes to `POST _rillet/upload` at once, and the widget's value is the
 * list of file ids the server minted). A folder uploader (`props.directory`) picks a folder
 * with `webkitdirectory` or takes dropped folders (walked with `webkitGetAsEntry`), and names
 * each file by its path inside the folder. File names are always inserted as text.
 * @module elements/files
 */

import { SESSION_KEY } from "../connection.js";
import { applyWidth, asText, labelRow, make, syncHelp, updateLabelRow, uniqueId } from "../dom.js";
import { receive, widget } from "./choicebase.js";
import { bindShortcut } from "../shortcuts.js";
import { fillIcon } from "./icons.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

const XSRF_COOKIE = "rillet_xsrf";
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);

/**
 * Name and size of every file this page uploaded or was told about, by file id: a widget
 * rebuilt after a rerun (or a value held by a form) still shows its files.
 * @type {Map<string, {name: string, size: number}>}
 */
const known = new Map();

/**
 * A size as Streamlit's uploader writes it (decimal units): 1234 -> "1.2KB".
 * @param {number} size
 * @param {number} [digits]
 * @returns {string}
 */
export function sizeText(size, digits = 1) {
  let value = size;
  for (const unit of ["B", "KB", "MB"]) {
    if (value <= 500) return `${value.toFixed(digits)}${unit}`;
    value /= 1000;
  }
  return `${value.toFixed(digits)}GB`;
}

/**
 * A button's `icon_position`, `wrap` and `shortcut`: the icon after the label when "right";
 * `wrap` True or False forces wrapping, absent lets the layout decide (theme.css: one line in
 * rows); a shortcut presses it from the keyboard (shortcuts.js).
 * @param {HTMLElement} dom the widget's root
 * @param {HTMLElement} control the <button> or <a>
 * @param {Record<string, any>} props
 */
export function dressButtonLayout(dom, control, props) {
  if (props.icon_position === "right") control.dataset.iconPosition = "right";
  else delete control.dataset.iconPosition;
  if (typeof props.wrap === "boolean") dom.dataset.wrap = String(props.wrap);
  else delete dom.dataset.wrap;
  // A label cut to one line still shows whole on hover.
  control.title = props.wrap === false ? asText(props.label) : "";
  bindShortcut(control, props.shortcut);
}

/**
 * The label, icon and variant of a button-like element.
 * @param {HTMLElement} dom the widget's root
 * @param {HTMLElement} control the <button> or <a>
 * @param {Record<string, any>} props
 */
function dressButton(dom, control, props) {
  control.dataset.variant = ["primary", "tertiary"].includes(props.type) ? props.type : "secondary";
  let icon = /** @type {HTMLElement | null} */ (control.querySelector(".rillet-button-icon"));
  let label = /** @type {HTMLElement | null} */ (control.querySelector(".rillet-button-label"));
  if (!icon || !label) {
    icon = make("span", "rillet-button-icon");
    icon.setAttribute("aria-hidden", "true");
    label = make("span", "rillet-button-label");
    control.append(icon, label);
  }
  label.textContent = asText(props.label);
  fillIcon(icon, props.icon);
  dressButtonLayout(dom, control, props);
  dom.dataset.fullWidth = props.use_container_width || props.width === "stretch" ? "true" : "false";
  syncHelp(dom, props.help);
}

// --- download_button -----------------------------------------------------------------------

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildDownloadButton(dom, el, ctx) {
  const button = make("button", "rillet-button");
  button.type = "button";
  dom.append(button);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};
  button.addEventListener("click", () => {
    if (button.disabled || !props.url) return;
    const link = make("a");
    link.href = new URL(asText(props.url), document.baseURI).href;
    link.download = asText(props.file_name);
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    if (props.rerun !== false) ctx.sendValue(asText(el.id), true);
  });
  return {
    last: null,
    update(next) {
      props = next.props ?? {};
      button.disabled = Boolean(props.disabled);
      dressButton(dom, button, props);
    },
  };
}

// --- link_button ---------------------------------------------------------------------------

/**
 * The URL a link may open, absolute; null for anything else (javascript:, data: ...).
 * @param {unknown} url
 * @returns {string | null}
 */
export function safeLink(url) {
  try {
    const parsed = new URL(asText(url), document.baseURI);
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The widget id of each link button whose click also reruns the app (`on_click` "rerun" or a
 * callable); a plain link has none.
 * @type {WeakMap<HTMLElement, string>}
 */
const rerunningLinks = new WeakMap();

/** @type {import("../tree.js").Renderer} */
const linkButton = {
  create(el, ctx) {
    const dom = make("div", "rillet-widget rillet-button-widget rillet-link-button");
    const link = make("a", "rillet-button");
    dom.append(link);
    // The browser opens the link as usual; the press is sent too, as a button's is.
    link.addEventListener("click", () => {
      const id = rerunningLinks.get(dom);
      if (id && link.hasAttribute("href")) ctx.sendValue(id, true);
    });
    linkButton.update(dom, el, ctx);
    return dom;
  },
  update(dom, el) {
    const props = el.props ?? {};
    if (props.rerun && el.id) rerunningLinks.set(dom, el.id);
    else rerunningLinks.delete(dom);
    const link = /** @type {HTMLAnchorElement} */ (dom.querySelector("a"));
    const href = props.disabled ? null : safeLink(props.url);
    if (href) {
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.removeAttribute("aria-disabled");
    } else {
      link.removeAttribute("href");
      link.setAttribute("role", "link");
      link.setAttribute("aria-disabled", "true");
    }
    dressButton(dom, link, props);
    applyWidth(dom, props.width);
  },
};

// --- file_uploader -------------------------------------------------------------------------

/** @returns {string} */
function xsrfToken() {
  const entry = document.cookie.split("; ").find((c) => c.startsWith(`${XSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(XSRF_COOKIE.length + 1)) : "";
}

/** @returns {string} */
function sessionId() {
  try {
    return sessionStorage.getItem(SESSION_KEY) ?? "";
  } catch {
    return "";
  }
}

/**
 * A file the user picked, with the name it is uploaded under: its path inside a picked
 * folder ("photos/2024/a.jpg"), else its own name.
 * @typedef {{file: File, name: string}} Picked
 */

/**
 * Why the uploader does not take `picked`, in Streamlit's words; null when it does.
 * @param {Picked} picked
 * @param {Record<string, any>} props
 * @returns {string | null}
 */
function rejection({ file, name: fileName }, props) {
  const limit = Number(props.max_upload_size_mb ?? 200) * 1000 * 1000;
  if (file.size > limit) return `File must be ${sizeText(limit)} or smaller.`;
  const types = Array.isArray(props.types) ? props.types.map(String) : [];
  const name = fileName.toLowerCase();
  if (types.length && !types.some((ext) => name.endsWith(ext))) {
    const dot = name.lastIndexOf(".");
    return `${file.type || (dot >= 0 ? name.slice(dot) : "Untyped")} files are not allowed.`;
  }
  return null;
}

/**
 * The files of a drop: a dropped folder is walked (subfolders included) and its files named
 * by their path inside it, the folder's name first; plain files keep their names. The
 * entries are taken at once, as a drop's items are gone once its event is over.
 * @param {DataTransfer} transfer
 * @returns {Promise<Picked[]>}
 */
export async function droppedFiles(transfer) {
  const entries = [...transfer.items]
    .map((item) => (item.kind === "file" ? item.webkitGetAsEntry?.() : null))
    .filter((entry) => entry != null);
  if (entries.length === 0) return [...transfer.files].map((file) => ({ file, name: file.name }));
  /** @type {Picked[]} */
  const found = [];
  /** @param {FileSystemEntry} entry */
  const walk = async (entry) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => {
        /** @type {FileSystemFileEntry} */ (entry).file(resolve, reject);
      });
      found.push({ file, name: entry.fullPath.replace(/^\/+/, "") || file.name });
    } else if (entry.isDirectory) {
      const reader = /** @type {FileSystemDirectoryEntry} */ (entry).createReader();
      // readEntries answers in batches (100 in Chromium) until an empty one.
      for (;;) {
        /** @type {FileSystemEntry[]} */
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return found;
}

/**
 * Send one file; resolves with its server-minted id, or throws an Error with the message the
 * user should read.
 * @param {File} file
 * @param {string} widgetId
 * @param {AbortSignal} signal
 * @param {string} [name] the name to upload it under (default: its path inside a picked
 *   folder, else its name)
 * @returns {Promise<string>}
 */
export async function upload(file, widgetId, signal, name = file.webkitRelativePath || file.name) {
  const response = await fetch(new URL("_rillet/upload", document.baseURI), {
    method: "POST",
    body: file,
    signal,
    credentials: "same-origin",
    headers: {
      "Content-Type": file.type || "application/octet-stream",
      "X-Rillet-XSRF": xsrfToken(),
      "X-Rillet-Session": sessionId(),
      "X-Rillet-Widget": widgetId,
      "X-Rillet-File-Name": encodeURIComponent(name),
    },
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || typeof answer.file_id !== "string") {
    throw new Error(asText(answer.error) || `Upload failed (${response.status}).`);
  }
  known.set(answer.file_id, { name: asText(answer.name), size: Number(answer.size) });
  return answer.file_id;
}

/**
 * A file being sent or refused; uploaded files are listed from the widget's value.
 * @typedef {object} Pending
 * @property {string} name
 * @property {number} size
 * @property {string | null} error
 * @property {AbortController} abort
 */

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildFileUploader(dom, el, ctx) {
  const id = uniqueId("upload");
  const { row, label } = labelRow(id);
  const zone = make("div", "rillet-dropzone");
  const icon = make("span", "rillet-dropzone-icon", "⇪");
  icon.setAttribute("aria-hidden", "true");
  const text = make("div", "rillet-dropzone-text");
  const lead = make("span", "rillet-dropzone-lead");
  const limits = make("small", "rillet-dropzone-limits");
  text.append(lead, limits);
  const browse = make("button", "rillet-button", "Browse files");
  browse.type = "button";
  const input = make("input", "rillet-file-input");
  input.type = "file";
  input.id = id;
  input.tabIndex = -1; // the Browse button is the keyboard's way in
  zone.append(icon, text, browse, input);
  const list = make("ul", "rillet-file-list");
  dom.append(row, zone, list);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};
  /** @type {Pending[]} */
  let pending = [];

  /** @returns {string[]} */
  const ids = () => (Array.isArray(state.last) ? state.last.map(String) : []);
  /** @param {string[]} next */
  const send = (next) => {
    state.last = next;
    ctx.sendValue(asText(el.id), next);
    render();
  };
  /**
   * @param {string} name
   * @param {string} detail
   * @param {() => void} remove
   * @param {boolean} failed
   */
  const fileRow = (name, detail, remove, failed) => {
    const item = make("li", "rillet-file");
    if (failed) item.dataset.error = "true";
    const nameNode = make("span", "rillet-file-name", name);
    const detailNode = make("span", "rillet-file-detail", detail);
    if (failed) detailNode.setAttribute("role", "alert");
    const removeButton = make("button", "rillet-file-remove", "×");
    removeButton.type = "button";
    removeButton.setAttribute("aria-label", `Remove ${name}`);
    removeButton.disabled = Boolean(props.disabled);
    removeButton.addEventListener("click", remove);
    item.append(nameNode, detailNode, removeButton);
    return item;
  };
  const render = () => {
    const rows = ids().map((fileId) => {
      const info = known.get(fileId) ?? { name: "file", size: NaN };
      const size = Number.isFinite(info.size) ? sizeText(info.size) : "";
      return fileRow(info.name, size, () => send(ids().filter((f) => f !== fileId)), false);
    });
    for (const item of pending) {
      const detail = item.error ?? "Uploading…";
      rows.push(fileRow(item.name, detail, () => {
        item.abort.abort();
        pending = pending.filter((p) => p !== item);
        render();
      }, Boolean(item.error)));
    }
    list.replaceChildren(...rows);
    list.hidden = rows.length === 0;
  };
  /** @param {Picked[]} files */
  const take = (files) => {
    if (props.disabled || files.length === 0) return;
    // Earlier refusals make way for the new attempt.
    pending = pending.filter((p) => !p.error);
    // A folder's files in path order, as a file browser lists them.
    const picked = props.directory
      ? [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      : files;
    // The files of one pick go up together and the app hears of them once, when all are in
    // (as Streamlit waits while any is uploading): one rerun for a folder, and no rerun's
    // answer can overtake a later file's value.
    /** @type {Array<{item: Pending, fileId: string, index: number}>} */
    const done = [];
    /** @type {Promise<void>[]} */
    const sends = [];
    picked.forEach((one, index) => {
      const { file, name } = one;
      /** @type {Pending} */
      const item = { name, size: file.size, error: null, abort: new AbortController() };
      pending.push(item);
      item.error = !props.multiple && index > 0 ? "Only one file is allowed." : rejection(one, props);
      if (item.error) return;
      sends.push(upload(file, asText(el.id), item.abort.signal, name).then((fileId) => {
        done.push({ item, fileId, index });
      }, (err) => {
        if (item.abort.signal.aborted) return;
        item.error = err instanceof Error ? err.message : "Upload failed.";
        render();
      }));
    });
    render();
    if (sends.length === 0) return;
    Promise.all(sends).then(() => {
      // A file removed while the others were still on their way stays out.
      const kept = done.filter((d) => pending.includes(d.item));
      pending = pending.filter((p) => !kept.some((d) => d.item === p));
      if (kept.length === 0) return;
      kept.sort((a, b) => a.index - b.index); // in the order picked, not of arrival
      const fresh = kept.map((d) => d.fileId);
      send(props.multiple ? [...ids(), ...fresh] : [fresh[fresh.length - 1]]);
    });
  };

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      for (const file of Array.isArray(props.files) ? props.files : []) {
        known.set(asText(file.file_id), { name: asText(file.name), size: Number(file.size) });
      }
      const types = Array.isArray(props.types) ? props.types.map(String) : [];
      input.accept = types.join(",");
      input.multiple = Boolean(props.multiple);
      input.webkitdirectory = Boolean(props.directory);
      browse.textContent = props.directory ? "Upload directories" : "Browse files";
      input.disabled = Boolean(props.disabled);
      browse.disabled = input.disabled;
      zone.dataset.disabled = input.disabled ? "true" : "false";
      lead.textContent = props.directory
        ? "Drag and drop directories here"
        : `Drag and drop file${props.multiple ? "s" : ""} here`;
      const limit = sizeText(Number(props.max_upload_size_mb ?? 200) * 1000 * 1000, 0);
      const kinds = types.map((t) => t.replace(/^\./, "").toUpperCase()).join(", ");
      limits.textContent = `Limit ${limit} per file${kinds ? ` • ${kinds}` : ""}`;
      receive(state, [], props.value ?? [], render);
    },
  };
  browse.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const files = [...(input.files ?? [])];
    take(files.map((file) => ({ file, name: file.webkitRelativePath || file.name })));
    input.value = ""; // the same file picked again is a new upload
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    if (!props.disabled) zone.dataset.dragging = "true";
  });
  zone.addEventListener("dragleave", () => { delete zone.dataset.dragging; });
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    delete zone.dataset.dragging;
    if (!event.dataTransfer || props.disabled) return;
    if (!props.directory) {
      take([...event.dataTransfer.files].map((file) => ({ file, name: file.name })));
      return;
    }
    droppedFiles(event.dataTransfer).then(take, () => {
      pending = pending.filter((p) => !p.error);
      const error = "The dropped folder could not be read.";
      pending.push({ name: "folder", size: 0, error, abort: new AbortController() });
      render();
    });
  });
  return state;
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  download_button: widget("rillet-button-widget", buildDownloadButton),
  link_button: linkButton,
  file_uploader: widget("rillet-file-uploader", buildFileUploader),
};
