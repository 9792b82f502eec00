// @ts-check
/**
 * Heights of `st.iframe` frames that are not pixels: "stretch" fills the parent, and "content"
 * fits an embedded HTML document. The frame has an opaque origin, so the page cannot measure
 * its document: a small script added to the document posts its height to the page, which
 * accepts it only from that frame's window. A loaded page's "content" height is fixed by the
 * server (400 px), since a page from elsewhere cannot be asked.
 * @module elements/frameheight
 */

const REPORTER = "<script>(()=>{const post=()=>parent.postMessage({rilletFrameHeight:"
  + "Math.ceil(document.documentElement.getBoundingClientRect().height)},\"*\");"
  + "new ResizeObserver(post).observe(document.documentElement);"
  + "addEventListener(\"load\",post);})()</script>";

/** @type {Set<HTMLIFrameElement>} */
const fitted = new Set();
let listening = false;

/** @param {MessageEvent} event */
function onMessage(event) {
  const height = Number(event.data?.rilletFrameHeight);
  if (!Number.isFinite(height) || height < 0) return;
  for (const frame of fitted) {
    if (!frame.isConnected) {
      fitted.delete(frame);
    } else if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.min(height, 100000)}px`;
    }
  }
}

/**
 * Size `frame` by a non-pixel `height`; returns the document to load, which carries the
 * height reporter when the frame fits its content. Other heights leave it alone.
 * @param {HTMLIFrameElement} frame
 * @param {unknown} height
 * @param {string | undefined} srcdoc
 * @returns {string | undefined}
 */
export function fitFrame(frame, height, srcdoc) {
  if (height === "stretch") {
    frame.style.height = "100%";
    fitted.delete(frame);
    return srcdoc;
  }
  if (height !== "content" || srcdoc === undefined) {
    frame.style.removeProperty("height");
    fitted.delete(frame);
    return srcdoc;
  }
  if (!listening) {
    listening = true;
    window.addEventListener("message", onMessage);
  }
  fitted.add(frame);
  if (!frame.style.height) frame.style.height = "150px"; // until the document reports
  return srcdoc + REPORTER;
}
