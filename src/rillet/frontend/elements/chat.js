// @ts-check
/**
 * Chat: the chat message block (an avatar beside the messages' elements), the chat input (a
 * text box that grows, Enter to send, Shift+Enter for a new line), and streamed markdown (the
 * text `write_stream` sends chunk by chunk, rendered as it grows).
 *
 * A chat message is a panel (see panels.js): its block's children go into a body beside the
 * avatar. Names and texts from the app reach the page as text only; the streamed markdown is
 * rendered by markdown-it (the npm package, loaded on first use) with raw HTML escaped and
 * `javascript:` links refused, as the server renders markdown. When the stream ends the
 * server replaces it with the markdown it rendered itself.
 * @module elements/chat
 */

import { applyWidth, asText, make } from "../dom.js";
import { attachments } from "./chat_attach.js";
import { iconElement, materialName } from "./icons.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Registry} Registry */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./panels.js").Panel} Panel */

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * The preset avatars, drawn as inline SVG (no request, no icon font): a person for the user,
 * a robot's head for the assistant. Path data only: nothing from the app goes in here.
 * @type {Record<string, string[]>}
 */
const PRESET_PATHS = {
  user: [
    "M12 12.2a4.1 4.1 0 1 0 0-8.2 4.1 4.1 0 0 0 0 8.2Z",
    "M4.5 20.2c.6-3.6 3.7-6 7.5-6s6.9 2.4 7.5 6a.8.8 0 0 1-.8.9H5.3a.8.8 0 0 1-.8-.9Z",
  ],
  assistant: [
    "M11.2 2.8a.8.8 0 0 1 1.6 0V5h4.4A2.8 2.8 0 0 1 20 7.8v8.4a2.8 2.8 0 0 1-2.8 2.8H6.8A2.8 "
      + "2.8 0 0 1 4 16.2V7.8A2.8 2.8 0 0 1 6.8 5h4.4V2.8Z",
    "M9 10.2a1.4 1.4 0 1 0 0 2.8 1.4 1.4 0 0 0 0-2.8Zm6 0a1.4 1.4 0 1 0 0 2.8 1.4 1.4 0 0 0 "
      + "0-2.8ZM9.2 15.2h5.6",
    "M2 10.5h1.2v3H2zm18.8 0H22v3h-1.2z",
  ],
};

// --- chat_message ----------------------------------------------------------------------------

/**
 * @param {string} preset "user" or "assistant"
 * @returns {SVGSVGElement}
 */
function presetIcon(preset) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("focusable", "false");
  for (const d of PRESET_PATHS[preset]) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    // The assistant's mouth is a stroke; everything else is filled.
    if (d.startsWith("M9 10.2")) {
      path.setAttribute("fill", "var(--rl-chat-avatar-face)");
      path.setAttribute("stroke", "var(--rl-chat-avatar-face)");
      path.setAttribute("stroke-width", "1.4");
      path.setAttribute("stroke-linecap", "round");
    } else {
      path.setAttribute("fill", "currentColor");
    }
    svg.append(path);
  }
  return svg;
}

/**
 * Whether an avatar image URL may be shown: http(s), a data: image, or relative to the app.
 * The server checks the same; this keeps a forged element from loading anything else.
 * @param {string} url
 * @returns {boolean}
 */
function safeImageUrl(url) {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\s\u0000-\u001f]/g, ""));
  if (!scheme) return true;
  const name = scheme[1].toLowerCase();
  return name === "http" || name === "https" || /^data:image\//i.test(url.trim());
}

/**
 * Fill the avatar box: a preset icon, an emoji, an image, a spinner, or the name's initial.
 * @param {HTMLElement} box
 * @param {Record<string, any>} props
 */
function fillAvatar(box, props) {
  box.replaceChildren();
  const type = asText(props.avatar_type);
  const avatar = asText(props.avatar);
  const name = asText(props.name);
  box.dataset.avatar = type === "icon" && (avatar === "user" || avatar === "assistant")
    ? avatar : type;
  if (type === "icon" && (avatar === "user" || avatar === "assistant")) {
    box.append(presetIcon(avatar));
  } else if (type === "icon" && avatar === "spinner") {
    box.append(make("span", "rillet-spinner-icon"));
  } else if (type === "emoji") {
    box.textContent = avatar;
  } else if (type === "icon" && materialName(avatar)) {
    box.dataset.avatar = "material";
    box.append(/** @type {HTMLElement} */ (iconElement(avatar, "rillet-chat-avatar-icon")));
  } else if (type === "image" && safeImageUrl(avatar)) {
    const img = make("img", "rillet-chat-avatar-image");
    img.alt = "";
    img.src = avatar;
    box.append(img);
  } else {
    // No avatar of its own: the first letter of the name, as Streamlit shows.
    box.dataset.avatar = "initial";
    box.textContent = ([...name.trim()][0] ?? "").toUpperCase();
  }
}

/**
 * Make a block's node a chat message: the avatar, then a body that holds its children.
 * Registered as a panel type in panels.js.
 * @param {HTMLElement} dom
 * @returns {Panel}
 */
export function buildChatMessage(dom) {
  const avatar = make("div", "rillet-chat-avatar");
  avatar.setAttribute("aria-hidden", "true");
  const body = make("div", "rillet-chat-content");
  body.append(...dom.childNodes);
  dom.append(avatar, body);
  dom.setAttribute("role", "article");
  return {
    type: "chat_message",
    body,
    update(props) {
      // The name is not shown; it names the message for screen readers, as in Streamlit.
      dom.setAttribute("aria-label", `Chat message from ${asText(props.name)}`);
      fillAvatar(avatar, props);
      const preset = avatar.dataset.avatar;
      dom.dataset.author = preset === "user" || preset === "assistant" ? preset : "other";
    },
    unmake() {
      avatar.remove();
      dom.replaceChildren(...body.childNodes);
      dom.removeAttribute("role");
      dom.removeAttribute("aria-label");
      delete dom.dataset.author;
    },
  };
}

// --- chat_input ------------------------------------------------------------------------------

/** The send button's arrow (path data only). */
const SEND_PATH = "M3.4 20.4 21 12 3.4 3.6l-.1 6.6L15 12l-11.7 1.8z";
/** The Stop button's square. */
const STOP_PATH = "M6 6h12v12H6z";

/**
 * @typedef {object} ChatBox
 * @property {HTMLTextAreaElement} text
 * @property {HTMLButtonElement} send
 * @property {HTMLElement} counter
 * @property {import("./chat_attach.js").Attachments} files attached files (`accept_file`)
 * @property {Record<string, any>} props the latest props
 * @property {boolean} waiting disabled by `submit_mode="disable"` until the run ends
 * @property {boolean} stoppable `submit_mode="stop"`: the send button is a Stop button until
 *   the run a submission caused ends
 */

/** @type {WeakMap<HTMLElement, ChatBox>} */
const boxes = new WeakMap();

/**
 * The textarea grows with its text up to a limit, then scrolls.
 * @param {HTMLTextAreaElement} text
 */
function autosize(text) {
  text.style.height = "auto";
  text.style.height = `${Math.min(text.scrollHeight, 240)}px`;
}

/**
 * @param {HTMLElement} dom
 * @param {ChatBox} box
 */
function syncControls(dom, box) {
  const { props, text, send, counter, files } = box;
  const disabled = Boolean(props.disabled) || box.waiting;
  text.disabled = disabled;
  send.setAttribute("aria-label", box.stoppable ? "Stop" : "Send message");
  send.dataset.mode = box.stoppable ? "stop" : "send";
  const icon = send.querySelector("path");
  if (icon) icon.setAttribute("d", box.stoppable ? STOP_PATH : SEND_PATH);
  if (box.stoppable) {
    send.disabled = false;
    dom.dataset.disabled = "false";
    return;
  }
  // With attachments a message may be files alone, but not while one is still uploading.
  const empty = text.value.trim() === "" && !files.any();
  send.disabled = disabled || empty || files.ids() === null;
  files.update(props, disabled);
  const max = Number(props.max_chars);
  if (Number.isInteger(max) && max > 0) {
    text.maxLength = max;
    counter.textContent = `${text.value.length}/${max}`;
    counter.hidden = false;
  } else {
    text.removeAttribute("maxlength");
    counter.hidden = true;
  }
  dom.dataset.disabled = String(disabled);
}

/**
 * `submit_mode="disable"`: the box stays disabled from a submission until the run it caused
 * has finished, which the page's status line shows (chrome.js sets its `data-state`).
 * @param {HTMLElement} dom
 * @param {ChatBox} box
 */
function waitForRun(dom, box) {
  box.waiting = true;
  untilRunEnds(dom, box, () => { box.waiting = false; });
}

/**
 * Keep `box` as it is until the run that has just been asked for ends, then call `ended`.
 * @param {HTMLElement} dom
 * @param {ChatBox} box
 * @param {() => void} ended
 */
function untilRunEnds(dom, box, ended) {
  const status = document.getElementById("rillet-status");
  syncControls(dom, box);
  if (!status) {
    ended();
    return;
  }
  let seenRunning = false;
  const observer = new MutationObserver(() => {
    const state = status.dataset.state;
    if (state === "running") seenRunning = true;
    else if (seenRunning || state === "disconnected") {
      observer.disconnect();
      ended();
      syncControls(dom, box);
      if (dom.isConnected) box.text.focus();
    }
  });
  observer.observe(status, { attributes: true, attributeFilter: ["data-state"] });
}

/**
 * @param {Element} el
 * @param {RenderContext} ctx
 * @returns {HTMLElement}
 */
function createChatInput(el, ctx) {
  const dom = make("div", "rillet-chat-input");
  const frame = make("div", "rillet-chat-frame");
  const text = make("textarea", "rillet-chat-text");
  text.rows = 1;
  const send = make("button", "rillet-chat-send");
  send.type = "button";
  send.setAttribute("aria-label", "Send message");
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const arrow = document.createElementNS(SVG_NS, "path");
  arrow.setAttribute("d", SEND_PATH);
  arrow.setAttribute("fill", "currentColor");
  svg.append(arrow);
  send.append(svg);
  const counter = make("span", "rillet-chat-counter");
  counter.setAttribute("aria-hidden", "true");
  /** @type {ChatBox | null} */
  let ready = null;
  const files = attachments(frame, /** @type {string} */ (el.id), () => {
    if (ready) syncControls(dom, ready);
  });
  frame.append(files.button, text, files.mic, send);
  dom.append(files.list, frame, counter);
  /** @type {ChatBox} */
  const box = {
    text, send, counter, files, props: el.props ?? {}, waiting: false, stoppable: false,
  };
  ready = box;
  boxes.set(dom, box);

  const submit = () => {
    const message = text.value;
    if (send.disabled || box.stoppable) return;
    const ids = files.ids();
    if ((box.props.accept_file || box.props.accept_audio) && ids !== null) {
      /** @type {Record<string, any>} */
      const value = { text: message, files: ids.files };
      if (ids.audio) value.audio = ids.audio;
      ctx.sendValue(/** @type {string} */ (el.id), value);
      files.clear();
    } else ctx.sendValue(/** @type {string} */ (el.id), message);
    text.value = "";
    autosize(text);
    if (box.props.submit_mode === "disable") waitForRun(dom, box);
    else if (box.props.submit_mode === "stop") {
      box.stoppable = true;
      untilRunEnds(dom, box, () => { box.stoppable = false; });
    } else syncControls(dom, box);
  };
  text.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter is a new line; an IME composing a character keeps its Enter.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    submit();
  });
  text.addEventListener("input", () => {
    autosize(text);
    syncControls(dom, box);
  });
  send.addEventListener("click", () => {
    if (box.stoppable) {
      ctx.stopRun();
      return;
    }
    submit();
    text.focus();
  });
  updateChatInput(dom, el);
  return dom;
}

/**
 * Update in place: what the user is typing stays, unless the script set new text
 * (`session_state[key] = ...`, sent once as `set_value`).
 * @param {HTMLElement} dom
 * @param {Element} el
 */
function updateChatInput(dom, el) {
  const box = boxes.get(dom);
  if (!box) return;
  const props = el.props ?? {};
  box.props = props;
  const placeholder = asText(props.placeholder);
  box.text.placeholder = placeholder;
  box.text.setAttribute("aria-label", placeholder || "Your message");
  if (typeof props.set_value === "string") {
    box.text.value = props.set_value;
    requestAnimationFrame(() => autosize(box.text));
  }
  dom.dataset.position = props.position === "bottom" ? "bottom" : "inline";
  applyWidth(dom, props.width ?? "stretch");
  const height = Number(props.height);
  if (typeof props.height === "number" && height > 0) box.text.style.minHeight = `${height}px`;
  else box.text.style.removeProperty("min-height");
  dom.dataset.height = props.height === "stretch" ? "stretch" : "content";
  syncControls(dom, box);
}

// --- streamed markdown -----------------------------------------------------------------------

/**
 * The state of one streaming text. The text is split where markdown blocks are known to be
 * complete: everything before `doneChars` is rendered once and left alone; only the rest (the
 * block still growing) is parsed and rendered again when chunks arrive, once per frame, so a
 * long answer costs the browser what it adds, not what it has accumulated.
 * @typedef {object} Stream
 * @property {string} text all the text so far
 * @property {number} doneChars where the part still rendered again begins
 * @property {HTMLElement} body where the rendered HTML goes
 * @property {ChildNode[]} tail the nodes showing the part still rendered again
 * @property {string} cursor markdown shown after the text while it streams
 * @property {Record<string, any>} references the link references the settled text defines
 * @property {boolean} scheduled a render is due at the next frame
 */

/** @type {WeakMap<HTMLElement, Stream>} */
const streams = new WeakMap();

/** @type {any} markdown-it, configured as the server's renderer, once loaded */
let markdown = null;
/** @type {Promise<any> | null} */
let loadingMarkdown = null;

/**
 * markdown-it as the server configures markdown-it-py: CommonMark, GitHub tables and
 * strikethrough, raw HTML escaped, no typographer or linkify.
 * @returns {Promise<any>}
 */
function markdownRenderer() {
  if (loadingMarkdown) return loadingMarkdown;
  // vendor.js is imported here, not up front: a page that streams no text never loads it.
  const loading = import("../vendor.js")
    .then(({ loadLibrary }) => loadLibrary("markdown"))
    .then((markdownit) => {
      markdown = markdownit("commonmark", {
        html: false, breaks: false, typographer: false, linkify: false,
      }).enable(["table", "strikethrough"]);
      return markdown;
    });
  loadingMarkdown = loading;
  // A failed load is forgotten, so the next stream tries again.
  loading.catch(() => { if (loadingMarkdown === loading) loadingMarkdown = null; });
  return loading;
}

/**
 * The text of an element's rows: one chunk per row.
 * @param {unknown[] | undefined} rows
 * @returns {string}
 */
function joinRows(rows) {
  return (rows ?? []).map((row) => asText(Array.isArray(row) ? row[0] : row)).join("");
}

/**
 * The offset in `text` where line `line` (0-based) starts. Line breaks are counted as
 * markdown-it counts them (`\r\n`, `\r` and `\n`).
 * @param {string} text
 * @param {number} line
 * @returns {number}
 */
function lineOffset(text, line) {
  let offset = 0;
  for (let seen = 0; seen < line && offset < text.length; offset += 1) {
    const char = text[offset];
    if (char === "\n" || (char === "\r" && text[offset + 1] !== "\n")) seen += 1;
  }
  return offset;
}

/**
 * Insert `html` before `before` (or at the end of `body`); returns the nodes inserted.
 * @param {HTMLElement} body
 * @param {string} html rendered by markdown-it with raw HTML escaped
 * @param {ChildNode | null} before
 * @returns {ChildNode[]}
 */
function insertHtml(body, html, before) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const nodes = [...template.content.childNodes];
  if (before) before.before(...nodes);
  else body.append(...nodes);
  return nodes;
}

/**
 * Render what changed since the last render: complete blocks move to the settled part, and
 * the block still growing is rendered again.
 * @param {Stream} stream
 */
function renderStream(stream) {
  stream.scheduled = false;
  for (const node of stream.tail) node.remove();
  let source = stream.text.slice(stream.doneChars);
  if (!markdown) {
    // Until markdown-it has loaded (or if it cannot), the text shows as it is.
    const plain = make("p", "rillet-stream-plain", source + stream.cursor);
    stream.body.append(plain);
    stream.tail = [plain];
    return;
  }
  // Link references defined in the settled text count; those in the growing part may be
  // incomplete ("[a]: ht"), so they are read afresh each time and kept only once settled.
  const env = { references: { ...stream.references } };
  let tokens = markdown.parse(source, env);
  /** @type {number[]} */
  const starts = [];
  tokens.forEach((/** @type {any} */ token, /** @type {number} */ i) => {
    if (token.level === 0 && token.nesting >= 0 && token.map) starts.push(i);
  });
  if (starts.length > 1) {
    // Every block before the last is complete: a later block has begun after it.
    const last = starts[starts.length - 1];
    const offset = lineOffset(source, tokens[last].map[0]);
    const settledEnv = { references: { ...stream.references } };
    const settled = markdown.parse(source.slice(0, offset), settledEnv);
    insertHtml(stream.body, markdown.renderer.render(settled, markdown.options, settledEnv), null);
    stream.references = settledEnv.references ?? {};
    stream.doneChars += offset;
    source = source.slice(offset);
    tokens = tokens.slice(last);
  }
  const html = stream.cursor
    ? markdown.render(source + stream.cursor, { references: { ...stream.references } })
    : markdown.renderer.render(tokens, markdown.options, env);
  stream.tail = insertHtml(stream.body, html, null);
}

/**
 * Render at the next frame (chunks arriving within one frame are rendered together).
 * @param {HTMLElement} dom
 * @param {Stream} stream
 */
function schedule(dom, stream) {
  if (stream.scheduled) return;
  stream.scheduled = true;
  requestAnimationFrame(() => {
    if (dom.isConnected) renderStream(stream);
    else stream.scheduled = false;
  });
}

/**
 * Start (or restart) showing a stream from its whole element.
 * @param {HTMLElement} dom
 * @param {Element} el
 */
function resetStream(dom, el) {
  const body = make("div", "rillet-markdown-body");
  dom.replaceChildren(body);
  /** @type {Stream} */
  const stream = {
    text: joinRows(el.rows),
    doneChars: 0,
    body,
    tail: [],
    cursor: asText(el.props?.cursor),
    references: {},
    scheduled: false,
  };
  streams.set(dom, stream);
  renderStream(stream);
  if (!markdown) {
    markdownRenderer().then(() => {
      if (streams.get(dom) === stream) schedule(dom, stream);
    }, (err) => console.error("rillet: streamed text stays plain:", err));
  }
}

// --- registry --------------------------------------------------------------------------------

/** @type {Registry} */
export const renderers = {
  chat_input: {
    create: createChatInput,
    update: updateChatInput,
  },
  markdown_stream: {
    create(el) {
      const dom = make("div", "rillet-markdown");
      dom.dataset.streaming = "true";
      resetStream(dom, el);
      return dom;
    },
    update(dom, el) {
      resetStream(dom, el);
    },
    extend(dom, el, added) {
      const stream = streams.get(dom);
      if (!stream) {
        resetStream(dom, el);
        return;
      }
      stream.text += joinRows(added);
      schedule(dom, stream);
    },
  },
};
