// @ts-check
/**
 * `st.pyplot`: the figure the server saved, shown as an `<img>` from the media route.
 *
 * The image's URL is its content id, so the browser caches it for good and a rerun that draws
 * the same figure changes nothing here. `width`: "stretch" scales the image to the container,
 * "content" shows it at its own pixel width (at most the container's), a number is pixels.
 * The pixel size the server sends reserves the image's space before it loads.
 * @module elements/charts/pyplot
 */

import { make } from "../../dom.js";

/** @typedef {import("../../protocol.js").Element} Element */
/** @typedef {import("../charts.js").ChartRenderer} ChartRenderer */

/**
 * Show the element's image; resolves once it has loaded (or rejects if it cannot be).
 * @param {HTMLElement} dom
 * @param {Element} el
 * @returns {Promise<void>}
 */
function draw(dom, el) {
  const props = el.props ?? {};
  let img = /** @type {HTMLImageElement | null} */ (dom.querySelector(":scope > img"));
  if (!img) {
    img = make("img", "rillet-pyplot");
    img.decoding = "async";
    img.style.display = "block";
    img.style.maxWidth = "100%";
    img.style.height = "auto";
    dom.append(img);
  }
  if (typeof props.alt === "string") img.alt = props.alt;
  else img.removeAttribute("alt");
  const pixelWidth = Number(props.pixel_width);
  const pixelHeight = Number(props.pixel_height);
  if (pixelWidth > 0 && pixelHeight > 0) {
    // Width and height attributes give the image its aspect ratio before it loads.
    img.width = pixelWidth;
    img.height = pixelHeight;
  } else {
    img.removeAttribute("width");
    img.removeAttribute("height");
  }
  const width = props.width;
  if (typeof width === "number" && width > 0) img.style.width = `${width}px`;
  else img.style.width = width === "stretch" ? "100%" : "auto";
  const url = String(props.url ?? "");
  if (img.getAttribute("src") === url && img.complete) return Promise.resolve();
  const image = img;
  return new Promise((resolve, reject) => {
    const done = () => {
      image.removeEventListener("load", done);
      image.removeEventListener("error", failed);
      resolve();
    };
    const failed = () => {
      image.removeEventListener("load", done);
      image.removeEventListener("error", failed);
      reject(new Error("the figure's image could not be loaded"));
    };
    image.addEventListener("load", done);
    image.addEventListener("error", failed);
    image.setAttribute("src", url);
  });
}

/** @type {ChartRenderer} */
export const renderer = {
  mount: draw,
  update: draw,
};
