// @ts-check
/**
 * Attachments of the chat input (`accept_file`): an attach button opening the file picker
 * (one file, several, or a folder), files dropped onto the box, and a chip per file with a
 * remove button, and the microphone button (`accept_audio`) whose recording becomes a "Voice
 * message" chip. Each file uploads at once through the upload route (files.js's `upload`:
 * XSRF token, session key, size limit, server-minted id); the submission then carries the ids.
 * The chips are styled inline because theme.css is shared and this is the only place using them.
 * @module elements/chat_attach
 */

import { make } from "../dom.js";
import { deviceProblem, openStream, stopStream, toWav } from "./capture.js";
import { upload } from "./files.js";

/**
 * One attached file: uploading (no id yet), uploaded (an id), or refused (an error).
 * @typedef {object} Attachment
 * @property {string} name
 * @property {number} size
 * @property {string | null} id
 * @property {string | null} error
 * @property {boolean} audio a voice recording (`accept_audio`), not an attached file
 * @property {AbortController} abort
 * @property {HTMLElement} chip
 */

/**
 * @typedef {object} Attachments
 * @property {HTMLButtonElement} button the attach button (hidden unless `accept_file`)
 * @property {HTMLButtonElement} mic the record button (hidden unless `accept_audio`)
 * @property {HTMLElement} list the chips
 * @property {() => {files: string[], audio: string | null} | null} ids the uploaded ids;
 *   null while one is still uploading
 * @property {() => boolean} any true when a file is attached
 * @property {() => void} clear forget every file (after a submission)
 * @property {(props: Record<string, any>, disabled: boolean) => void} update
 */

/**
 * @param {number} size
 * @returns {string}
 */
function sizeText(size) {
  if (size < 1000) return `${size} B`;
  if (size < 1e6) return `${(size / 1000).toFixed(1)} KB`;
  return `${(size / 1e6).toFixed(1)} MB`;
}

/**
 * @param {HTMLElement} frame the box files may be dropped onto
 * @param {string} widgetId
 * @param {() => void} changed called when the attachments change
 * @returns {Attachments}
 */
export function attachments(frame, widgetId, changed) {
  const button = make("button", "rillet-chat-attach", "+");
  button.type = "button";
  button.hidden = true;
  button.style.cssText = "flex:none;width:2.25rem;height:2.25rem;border:0;border-radius:50%;"
    + "background:transparent;color:inherit;font-size:1.4rem;cursor:pointer;margin-left:-0.6rem";
  const picker = make("input");
  picker.type = "file";
  picker.hidden = true;
  const list = make("ul", "rillet-chat-files");
  list.setAttribute("aria-label", "Attached files");
  list.style.cssText = "display:flex;flex-wrap:wrap;gap:0.4rem;list-style:none;margin:0;"
    + "padding:0 0.5rem";
  /** @type {Attachment[]} */
  let files = [];
  /** @type {Record<string, any>} */
  let props = {};

  const render = () => {
    list.replaceChildren(...files.map((f) => f.chip));
    list.hidden = files.length === 0;
    changed();
  };

  /** @param {Attachment} item */
  const remove = (item) => {
    item.abort.abort();
    files = files.filter((f) => f !== item);
    render();
  };

  /**
   * @param {File} file
   * @param {boolean} [audio]
   */
  const add = (file, audio = false) => {
    const chip = make("li", "rillet-chat-file");
    chip.style.cssText = "display:flex;align-items:center;gap:0.3rem;padding:0.15rem 0.5rem;"
      + "border:1px solid var(--rl-border);border-radius:0.5rem;font-size:0.85rem";
    const name = make("span", "rillet-chat-file-name", audio ? "Voice message" : file.name);
    const status = make("small", "rillet-chat-file-status", sizeText(file.size));
    const close = make("button", "rillet-chat-file-remove", "×");
    close.type = "button";
    close.setAttribute("aria-label", `Remove ${audio ? "voice message" : file.name}`);
    close.style.cssText = "border:0;background:transparent;color:inherit;cursor:pointer";
    chip.append(name, status, close);
    /** @type {Attachment} */
    const item = {
      name: file.name, size: file.size, id: null, error: null, audio, abort: new AbortController(),
      chip,
    };
    close.addEventListener("click", () => remove(item));
    const limit = Number(props.max_upload_size);
    const fail = (/** @type {string} */ message) => {
      item.error = message;
      status.textContent = message;
      chip.dataset.error = "true";
      changed();
    };
    if (limit > 0 && file.size > limit) fail(`File must be ${sizeText(limit)} or smaller.`);
    else {
      status.textContent = "uploading…";
      upload(file, widgetId, item.abort.signal).then(
        (id) => {
          item.id = id;
          status.textContent = sizeText(file.size);
          changed();
        },
        (error) => {
          if (!item.abort.signal.aborted) fail(String(error?.message ?? error));
        },
      );
    }
    // One recording per message, and accept_file=True takes one file: a new one replaces it.
    const replaced = files.filter((f) => f.audio === audio && (audio || props.accept_file === true));
    for (const old of replaced) old.abort.abort();
    files = [...files.filter((f) => !replaced.includes(f)), item];
    render();
  };

  button.addEventListener("click", () => picker.click());
  picker.addEventListener("change", () => {
    for (const file of Array.from(picker.files ?? [])) add(file);
    picker.value = "";
  });
  frame.addEventListener("dragover", (event) => {
    if (!props.accept_file || button.disabled) return;
    event.preventDefault();
  });
  frame.addEventListener("drop", (event) => {
    if (!props.accept_file || button.disabled) return;
    event.preventDefault();
    const dropped = Array.from(event.dataTransfer?.files ?? []);
    for (const file of props.accept_file === true ? dropped.slice(0, 1) : dropped) add(file);
  });
  frame.append(picker);
  const mic = recorder(frame, (file) => add(file, true), () => props);
  render();

  return {
    button,
    mic,
    list,
    ids() {
      const sent = files.filter((f) => f.error === null);
      if (sent.some((f) => f.id === null)) return null;
      const audio = sent.find((f) => f.audio);
      return {
        files: sent.filter((f) => !f.audio).map((f) => /** @type {string} */ (f.id)),
        audio: audio ? audio.id : null,
      };
    },
    any: () => files.some((f) => f.error === null),
    clear() {
      files = [];
      render();
    },
    update(next, disabled) {
      props = next;
      const accept = next.accept_file;
      button.hidden = !accept;
      button.disabled = disabled;
      mic.hidden = !next.accept_audio;
      mic.disabled = disabled;
      const multiple = accept === "multiple" || accept === "directory";
      button.setAttribute("aria-label", multiple ? "Attach files" : "Attach file");
      picker.multiple = multiple;
      if (accept === "directory") picker.setAttribute("webkitdirectory", "");
      else picker.removeAttribute("webkitdirectory");
      const types = Array.isArray(next.file_types) ? next.file_types.map(String) : [];
      picker.accept = types.join(",");
      const kept = files.filter((f) => (f.audio ? next.accept_audio : accept));
      if (kept.length < files.length) {
        files = kept;
        render();
      }
    },
  };
}

const MIC_LABEL = "Record a voice message";

/**
 * The microphone button: press to record, press again to stop; the recording is re-encoded
 * as WAV at `audio_sample_rate` (capture.js, as st.audio_input does) and handed to `done`.
 * @param {HTMLElement} frame where a device problem is shown (as the button's title)
 * @param {(file: File) => void} done
 * @param {() => Record<string, any>} props
 * @returns {HTMLButtonElement}
 */
function recorder(frame, done, props) {
  const mic = make("button", "rillet-chat-mic", "🎤");
  mic.type = "button";
  mic.hidden = true;
  mic.setAttribute("aria-label", MIC_LABEL);
  mic.style.cssText = "flex:none;width:2.25rem;height:2.25rem;border:0;border-radius:50%;"
    + "background:transparent;color:inherit;cursor:pointer";
  /** @type {MediaRecorder | null} */
  let active = null;
  mic.addEventListener("click", async () => {
    if (active) {
      active.stop();
      return;
    }
    /** @type {MediaStream} */
    let stream;
    try {
      stream = await openStream({ audio: true });
    } catch (err) {
      mic.title = deviceProblem(err, "microphone");
      return;
    }
    mic.title = "";
    /** @type {Blob[]} */
    const chunks = [];
    const rec = new MediaRecorder(stream);
    active = rec;
    rec.addEventListener("dataavailable", (event) => { if (event.data.size) chunks.push(event.data); });
    rec.addEventListener("stop", async () => {
      stopStream(stream);
      active = null;
      mic.setAttribute("aria-label", MIC_LABEL);
      mic.textContent = "🎤";
      try {
        const rate = Number(props().audio_sample_rate) > 0 ? Number(props().audio_sample_rate) : null;
        const wav = await toWav(new Blob(chunks, { type: rec.mimeType }), rate);
        const stamp = new Date().toISOString().slice(0, 16).replaceAll(":", "-");
        done(new File([wav], `${stamp}_audio.wav`, { type: "audio/wav" }));
      } catch (err) {
        mic.title = `The recording could not be read${err instanceof Error ? `: ${err.message}` : "."}`;
      }
    });
    rec.start();
    mic.setAttribute("aria-label", "Stop recording");
    mic.textContent = "■";
  });
  return mic;
}
