// @ts-check
/**
 * camera_input (a live camera view, "Take Photo", then the photo and "Clear photo") and
 * audio_input (Record / Stop, then a player and "Clear recording").
 *
 * Both use the browser's media APIs: `getUserMedia` for the camera and the microphone, a
 * canvas for the photo (JPEG), `MediaRecorder` for the sound, which is decoded and re-encoded
 * here as 16-bit mono WAV at the widget's sample rate (what Streamlit sends). The file goes
 * through the file uploader's route (`upload` in files.js: XSRF token, size and type checks,
 * a server-minted id), and the widget's value is `[file id]`, or `[]` once cleared. A refused
 * permission, a missing device or an insecure page is said in the widget, in words.
 * @module elements/capture
 */

import { asText, labelRow, make, updateLabelRow, uniqueId } from "../dom.js";
import { widget } from "./choicebase.js";
import { upload } from "./files.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").RenderContext} RenderContext */
/** @typedef {import("./choicebase.js").WidgetState} WidgetState */

/**
 * What to tell the user when a device cannot be opened.
 * @param {unknown} err
 * @param {"camera" | "microphone"} device
 * @returns {string}
 */
export function deviceProblem(err, device) {
  const name = err instanceof Error ? err.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return `This app would like to use your ${device}, but access was denied. Allow it in `
      + "your browser's site settings, then reload the page.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") {
    return `No ${device} was found. Connect one and reload the page.`;
  }
  if (name === "NotReadableError") {
    return `The ${device} is in use by another application.`;
  }
  if (name === "NoMediaDevices") {
    return `The ${device} can only be used on a secure page (https, or localhost).`;
  }
  return `The ${device} could not be started${err instanceof Error ? `: ${err.message}` : "."}`;
}

/**
 * Open a device stream, or throw an Error naming the problem.
 * @param {MediaStreamConstraints} constraints
 * @returns {Promise<MediaStream>}
 */
export async function openStream(constraints) {
  if (!navigator.mediaDevices?.getUserMedia) {
    const err = new Error("no media devices");
    err.name = "NoMediaDevices";
    throw err;
  }
  return navigator.mediaDevices.getUserMedia(constraints);
}

/** @param {MediaStream | null} stream */
export function stopStream(stream) {
  stream?.getTracks().forEach((track) => track.stop());
}

/**
 * Stop `stream` once `dom` has left the page: the tree has no removal hook, and a camera left
 * open keeps its light on.
 * @param {HTMLElement} dom
 * @param {() => MediaStream | null} stream
 */
function releaseWhenGone(dom, stream) {
  const timer = setInterval(() => {
    if (dom.isConnected) return;
    stopStream(stream());
    clearInterval(timer);
  }, 1000);
}

/**
 * The parts both widgets share: the label, a message line, and the upload of a capture.
 * @param {HTMLElement} dom
 * @param {Element} el
 * @param {RenderContext} ctx
 * @param {string} className
 */
function shell(dom, el, ctx, className) {
  const id = uniqueId(className.replace("rillet-", ""));
  const { row, label } = labelRow(null);
  label.id = `${id}-label`;
  const box = make("div", className);
  box.setAttribute("role", "group");
  box.setAttribute("aria-labelledby", label.id);
  const message = make("p", "rillet-capture-message");
  message.setAttribute("role", "alert");
  message.hidden = true;
  dom.append(row, box, message);
  /** @param {string | null} text */
  const say = (text) => {
    message.textContent = text ?? "";
    message.hidden = !text;
  };
  /**
   * Upload `file` and make it the widget's value.
   * @param {File} file
   * @param {WidgetState} state
   */
  const send = async (file, state) => {
    say(null);
    try {
      const fileId = await upload(file, asText(el.id), new AbortController().signal);
      state.last = [fileId];
      ctx.sendValue(asText(el.id), [fileId]);
      return true;
    } catch (err) {
      say(err instanceof Error ? err.message : "The upload failed.");
      return false;
    }
  };
  /** @param {WidgetState} state */
  const clear = (state) => {
    state.last = [];
    ctx.sendValue(asText(el.id), []);
  };
  return { row, label, box, say, send, clear };
}

/**
 * The name of the file a widget holds, from the server's list.
 * @param {Record<string, any>} props
 * @returns {string | null}
 */
function heldName(props) {
  const value = Array.isArray(props.value) ? props.value : [];
  if (!value.length) return null;
  const files = Array.isArray(props.files) ? props.files : [];
  return asText(files.find((f) => f.file_id === value[0])?.name) || "file";
}

// --- camera_input ---------------------------------------------------------------------------

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildCamera(dom, el, ctx) {
  const { row, label, box, say, send, clear } = shell(dom, el, ctx, "rillet-camera");
  const video = make("video", "rillet-camera-view");
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  video.setAttribute("aria-label", "Camera preview");
  const photo = make("img", "rillet-camera-photo");
  photo.hidden = true;
  const held = make("p", "rillet-camera-held");
  held.hidden = true;
  box.append(video, photo, held);
  const take = make("button", "rillet-button", "Take Photo");
  take.type = "button";
  const clearButton = make("button", "rillet-button", "Clear photo");
  clearButton.type = "button";
  clearButton.hidden = true;
  dom.append(take, clearButton);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};
  /** @type {MediaStream | null} */
  let stream = null;
  let opening = false;
  let photoUrl = "";
  releaseWhenGone(dom, () => stream);

  const startCamera = async () => {
    if (stream || opening || props.disabled) return;
    opening = true;
    take.disabled = true;
    try {
      const height = Number(props.resolution_height);
      stream = await openStream({ video: height > 0 ? { height: { ideal: height } } : true });
      if (!dom.isConnected) {
        stopCamera(); // removed while the user was deciding: let the device go
        return;
      }
      video.srcObject = stream;
      video.hidden = false;
      say(null);
      await video.play().catch(() => {});
    } catch (err) {
      say(deviceProblem(err, "camera"));
      video.hidden = true;
    } finally {
      opening = false;
      sync();
    }
  };
  const stopCamera = () => {
    stopStream(stream);
    stream = null;
    video.srcObject = null;
  };
  /** @param {string | null} url */
  const showPhoto = (url) => {
    if (photoUrl) URL.revokeObjectURL(photoUrl);
    photoUrl = url ?? "";
    photo.hidden = !url;
    if (url) photo.src = url;
    else photo.removeAttribute("src");
  };
  const sync = () => {
    const name = heldName(props);
    const hasPhoto = name !== null;
    held.hidden = !hasPhoto || !photo.hidden;
    held.textContent = hasPhoto ? `Photo taken: ${name}` : "";
    video.hidden = hasPhoto || !stream;
    take.hidden = hasPhoto;
    take.disabled = Boolean(props.disabled) || !stream;
    clearButton.hidden = !hasPhoto;
    clearButton.disabled = Boolean(props.disabled);
    if (!hasPhoto) showPhoto(null);
  };

  take.addEventListener("click", async () => {
    if (!stream || !video.videoWidth) return;
    const canvas = make("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d")?.drawImage(video, 0, 0);
    const blob = await new Promise((resolve) => { canvas.toBlob(resolve, "image/jpeg", 1); });
    if (!(blob instanceof Blob)) {
      say("The photo could not be taken.");
      return;
    }
    const stamp = new Date().toISOString().replaceAll(":", "_");
    const file = new File([blob], `camera-input-${stamp}.jpg`, { type: "image/jpeg" });
    take.disabled = true;
    if (await send(file, state)) {
      props = { ...props, value: state.last, files: [{ file_id: state.last[0], name: file.name }] };
      showPhoto(URL.createObjectURL(blob));
      stopCamera();
    }
    sync();
  });
  clearButton.addEventListener("click", () => {
    clear(state);
    props = { ...props, value: [] };
    sync();
    void startCamera();
  });

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      photo.alt = `Photo for ${asText(props.label)}`;
      state.last = props.value ?? [];
      sync();
      if (props.disabled) stopCamera();
      else if (heldName(props) === null) void startCamera();
      sync();
    },
  };
  return state;
}

// --- audio_input ----------------------------------------------------------------------------

/**
 * Samples as a 16-bit PCM WAV file.
 * @param {Float32Array} samples one channel, -1..1
 * @param {number} rate
 * @returns {Blob}
 */
export function wavBlob(samples, rate) {
  const buffer = new ArrayBuffer(44 + samples.length * 2);
  const view = new DataView(buffer);
  /** @param {number} at @param {string} text */
  const ascii = (at, text) => { for (let i = 0; i < text.length; i += 1) view.setUint8(at + i, text.charCodeAt(i)); };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i += 1) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return new Blob([buffer], { type: "audio/wav" });
}

/**
 * A recording (any format the browser records) as mono WAV at `rate` (or its own rate).
 * @param {Blob} recorded
 * @param {number | null} rate
 * @returns {Promise<Blob>}
 */
export async function toWav(recorded, rate) {
  const context = new AudioContext();
  try {
    const decoded = await context.decodeAudioData(await recorded.arrayBuffer());
    const target = rate ?? decoded.sampleRate;
    const frames = Math.max(1, Math.ceil(decoded.duration * target));
    const offline = new OfflineAudioContext(1, frames, target);
    const source = offline.createBufferSource();
    source.buffer = decoded;
    source.connect(offline.destination); // channels are mixed down to mono
    source.start();
    const rendered = await offline.startRendering();
    return wavBlob(rendered.getChannelData(0), target);
  } finally {
    void context.close();
  }
}

/** @param {number} seconds */
function clock(seconds) {
  const s = Math.floor(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** @type {(dom: HTMLElement, el: Element, ctx: RenderContext) => WidgetState} */
function buildRecorder(dom, el, ctx) {
  const { row, label, box, say, send, clear } = shell(dom, el, ctx, "rillet-recorder");
  const record = make("button", "rillet-button rillet-recorder-record");
  record.type = "button";
  const time = make("span", "rillet-recorder-time", "00:00");
  time.setAttribute("aria-live", "off");
  const playback = make("audio", "rillet-recorder-playback");
  playback.controls = true;
  playback.hidden = true;
  const held = make("span", "rillet-recorder-held");
  const clearButton = make("button", "rillet-button", "Clear recording");
  clearButton.type = "button";
  box.append(record, time, playback, held, clearButton);
  /** @type {Record<string, any>} */
  let props = el.props ?? {};
  /** @type {MediaStream | null} */
  let stream = null;
  /** @type {MediaRecorder | null} */
  let recorder = null;
  let started = 0;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let ticker;
  let playbackUrl = "";
  releaseWhenGone(dom, () => stream);

  const sync = () => {
    const recording = recorder !== null;
    const name = heldName(props);
    record.textContent = recording ? "■ Stop" : "● Record";
    record.setAttribute("aria-label", recording ? "Stop recording" : "Record");
    record.hidden = name !== null && !recording;
    record.disabled = Boolean(props.disabled);
    time.hidden = !recording;
    clearButton.hidden = name === null || recording;
    clearButton.disabled = Boolean(props.disabled);
    held.hidden = name === null || !playback.hidden;
    held.textContent = name ? `Recorded: ${name}` : "";
    if (name === null && !recording) {
      if (playbackUrl) URL.revokeObjectURL(playbackUrl);
      playbackUrl = "";
      playback.hidden = true;
      playback.removeAttribute("src");
    }
  };

  const stop = () => {
    recorder?.stop();
    clearInterval(ticker);
  };
  const start = async () => {
    say(null);
    try {
      stream = await openStream({ audio: true });
    } catch (err) {
      say(deviceProblem(err, "microphone"));
      return;
    }
    /** @type {Blob[]} */
    const chunks = [];
    const active = new MediaRecorder(stream);
    recorder = active;
    active.addEventListener("dataavailable", (event) => { if (event.data.size) chunks.push(event.data); });
    active.addEventListener("stop", async () => {
      stopStream(stream);
      stream = null;
      recorder = null;
      sync();
      record.disabled = true;
      try {
        const rate = Number(props.sample_rate) > 0 ? Number(props.sample_rate) : null;
        const wav = await toWav(new Blob(chunks, { type: active.mimeType }), rate);
        const stamp = new Date().toISOString().slice(0, 16).replaceAll(":", "-");
        const file = new File([wav], `${stamp}_audio.wav`, { type: "audio/wav" });
        if (await send(file, state)) {
          props = { ...props, value: state.last, files: [{ file_id: state.last[0], name: file.name }] };
          playbackUrl = URL.createObjectURL(wav);
          playback.src = playbackUrl;
          playback.hidden = false;
        }
      } catch (err) {
        say(`The recording could not be read${err instanceof Error ? `: ${err.message}` : "."}`);
      }
      sync();
    });
    active.start();
    started = performance.now();
    time.textContent = "00:00";
    ticker = setInterval(() => { time.textContent = clock((performance.now() - started) / 1000); }, 250);
    sync();
  };

  record.addEventListener("click", () => {
    if (recorder) stop();
    else void start();
  });
  clearButton.addEventListener("click", () => {
    clear(state);
    props = { ...props, value: [] };
    sync();
  });

  /** @type {WidgetState} */
  const state = {
    last: null,
    update(next) {
      props = next.props ?? {};
      updateLabelRow(row, label, props);
      state.last = props.value ?? [];
      if (props.disabled && recorder) stop();
      sync();
    },
  };
  return state;
}

/** @type {import("../tree.js").Registry} */
export const renderers = {
  camera_input: widget("rillet-camera-input", buildCamera),
  audio_input: widget("rillet-audio-input", buildRecorder),
};
