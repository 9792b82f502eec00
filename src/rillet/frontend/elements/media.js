// @ts-check
/**
 * Media: image (one picture or a wrapping row, with captions), audio and video (the browser's
 * own players; start and end times, loop, autoplay, subtitles as `<track>`), pdf (the
 * browser's PDF viewer, or a link where it has none) and logo (top left of the page).
 *
 * Pictures and media the server holds come from the media route under their content id, so an
 * update that keeps the URL keeps the loaded picture, and a player keeps playing. Captions are
 * HTML the server rendered from markdown with raw HTML escaped (`caption_html`); everything
 * else goes in as text or attributes.
 * @module elements/media
 */

import { asText, make } from "../dom.js";
import { safeLink } from "./files.js";

/** @typedef {import("../protocol.js").Element} Element */
/** @typedef {import("../tree.js").Renderer} Renderer */

/**
 * Set an attribute only when it changes (a same-value `src` would reload the picture).
 * @param {HTMLElement} node
 * @param {string} name
 * @param {string | null} value null removes it
 */
function attr(node, name, value) {
  if (value === null) node.removeAttribute(name);
  else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/**
 * `width` as the CSS of a box: "stretch" fills the container, pixels are a fixed width (at
 * most the container's), "content" (anything else) is the content's own width.
 * @param {HTMLElement} dom
 * @param {unknown} width
 */
function boxWidth(dom, width) {
  if (typeof width === "number" && width > 0) {
    dom.dataset.width = "fixed";
    dom.style.width = `${width}px`;
  } else {
    dom.dataset.width = width === "stretch" ? "stretch" : "content";
    dom.style.removeProperty("width");
  }
}

// --- image ----------------------------------------------------------------------------------

/**
 * One picture with its caption, made or updated in place.
 * @param {HTMLElement | undefined} existing
 * @param {Record<string, any>} item
 * @param {Record<string, any>} props
 * @returns {HTMLElement}
 */
function figure(existing, item, props) {
  const fig = existing ?? make("figure", "rillet-image");
  let img = /** @type {HTMLImageElement | null} */ (fig.querySelector("img"));
  if (!img) {
    img = make("img", "rillet-image-img");
    img.decoding = "async";
    fig.append(img);
  }
  const href = props.link ? safeLink(props.link) : null;
  const holder = img.parentElement;
  if (href && holder === fig) {
    const anchor = make("a", "rillet-image-link");
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    fig.insertBefore(anchor, img);
    anchor.append(img);
  } else if (!href && holder instanceof HTMLAnchorElement) {
    holder.replaceWith(img);
  }
  if (href && img.parentElement instanceof HTMLAnchorElement) img.parentElement.href = href;
  attr(img, "alt", typeof item.alt === "string" ? item.alt : null);
  const pixelWidth = Number(item.pixel_width);
  const pixelHeight = Number(item.pixel_height);
  // Width and height give the picture its shape before it loads, so nothing jumps.
  attr(img, "width", pixelWidth > 0 ? String(pixelWidth) : null);
  attr(img, "height", pixelHeight > 0 ? String(pixelHeight) : null);
  const width = props.width;
  img.style.width = typeof width === "number" && width > 0 ? `${width}px`
    : width === "stretch" ? "100%" : "";
  attr(img, "src", asText(item.url));
  let caption = /** @type {HTMLElement | null} */ (fig.querySelector("figcaption"));
  if (item.caption_html != null) {
    if (!caption) {
      caption = make("figcaption", "rillet-image-caption");
      fig.append(caption);
    }
    // Rendered on the server from markdown, raw HTML escaped.
    if (caption.innerHTML !== item.caption_html) caption.innerHTML = asText(item.caption_html);
  } else {
    caption?.remove();
  }
  return fig;
}

/** @type {Renderer} */
const image = {
  create(el, ctx) {
    const dom = make("div", "rillet-images");
    image.update(dom, el, ctx);
    return dom;
  },
  update(dom, el) {
    const props = el.props ?? {};
    const items = Array.isArray(props.images) ? props.images : [];
    const figures = /** @type {HTMLElement[]} */ ([...dom.children]);
    items.forEach((item, index) => {
      const fig = figure(figures[index], item, props);
      if (!figures[index]) dom.append(fig);
    });
    figures.slice(items.length).forEach((fig) => fig.remove());
    dom.dataset.count = String(items.length);
    boxWidth(dom, props.width === "stretch" ? "stretch" : "content");
  },
};

// --- audio and video ------------------------------------------------------------------------

/**
 * Start, end and loop, which the native players do not know: a seek to `start_time` once the
 * media can seek, a stop (or a jump back, with `loop`) at `end_time`. The listeners read the
 * element's current props, so an update changes them without rebinding.
 * @param {HTMLMediaElement} media
 * @param {{props: Record<string, any>}} current
 */
function bindTimes(media, current) {
  const start = () => Number(current.props.start_time) || 0;
  media.addEventListener("loadedmetadata", () => {
    if (start() > 0 && media.currentTime < start()) media.currentTime = start();
  });
  media.addEventListener("timeupdate", () => {
    const end = Number(current.props.end_time);
    if (!(end > 0) || media.currentTime < end) return;
    if (current.props.loop) {
      media.currentTime = start();
      void media.play().catch(() => {});
    } else {
      media.pause();
    }
  });
  media.addEventListener("ended", () => {
    if (!current.props.loop || start() <= 0) return;
    media.currentTime = start();
    void media.play().catch(() => {});
  });
}

/**
 * A renderer of an `<audio>` or `<video>` with the browser's controls.
 * @param {"audio" | "video"} tag
 * @returns {Renderer}
 */
function player(tag) {
  /** @type {WeakMap<HTMLElement, {props: Record<string, any>}>} */
  const currents = new WeakMap();
  /** @type {Renderer} */
  const renderer = {
    create(el, ctx) {
      const dom = make("div", `rillet-${tag}`);
      const media = make(tag, `rillet-${tag}-player`);
      media.controls = true;
      media.preload = "metadata";
      if (media instanceof HTMLVideoElement) media.playsInline = true;
      const current = { props: el.props ?? {} };
      currents.set(dom, current);
      bindTimes(media, current);
      dom.append(media);
      renderer.update(dom, el, ctx);
      return dom;
    },
    update(dom, el) {
      const props = el.props ?? {};
      const current = currents.get(dom);
      const previous = current?.props ?? {};
      if (current) current.props = props;
      if (props.youtube) {
        youtube(dom, props);
        return;
      }
      dom.querySelector(":scope > iframe")?.remove();
      const media = /** @type {HTMLMediaElement} */ (dom.querySelector(tag));
      media.hidden = false;
      media.loop = Boolean(props.loop) && !(Number(props.end_time) > 0)
        && !(Number(props.start_time) > 0);
      media.autoplay = Boolean(props.autoplay);
      if (media instanceof HTMLVideoElement) {
        media.muted = Boolean(props.muted);
        media.defaultMuted = Boolean(props.muted);
        tracks(media, Array.isArray(props.subtitles) ? props.subtitles : []);
      }
      attr(media, "aria-label", typeof props.alt === "string" ? props.alt : null);
      const url = asText(props.url);
      if (media.getAttribute("src") !== url) {
        attr(media, "src", url || null);
      } else if (previous.start_time !== props.start_time && media.readyState > 0) {
        media.currentTime = Number(props.start_time) || 0;
      }
      if (props.autoplay && media.paused && previous.autoplay !== props.autoplay) {
        void media.play().catch(() => {}); // refused without a user gesture: the user plays
      }
      boxWidth(dom, props.width);
    },
  };
  return renderer;
}

/**
 * Subtitle tracks, the first shown by default. Tracks are replaced only when they change.
 * @param {HTMLVideoElement} video
 * @param {Array<Record<string, any>>} subtitles
 */
function tracks(video, subtitles) {
  const existing = [...video.querySelectorAll("track")];
  const same = existing.length === subtitles.length && existing.every(
    (t, i) => t.getAttribute("src") === asText(subtitles[i].url)
      && t.label === asText(subtitles[i].label),
  );
  if (same) return;
  existing.forEach((t) => t.remove());
  subtitles.forEach((sub, index) => {
    const track = make("track");
    track.kind = "subtitles";
    track.label = asText(sub.label);
    track.src = asText(sub.url);
    if (index === 0) track.default = true;
    video.append(track);
  });
}

/**
 * A YouTube video: YouTube's own player in a frame (its start, end, loop, autoplay and mute
 * as its URL parameters).
 * @param {HTMLElement} dom
 * @param {Record<string, any>} props
 */
function youtube(dom, props) {
  const media = /** @type {HTMLMediaElement | null} */ (dom.querySelector("video"));
  if (media) {
    media.pause();
    media.hidden = true;
  }
  const url = new URL(asText(props.url));
  if (url.protocol !== "https:" || url.hostname !== "www.youtube.com") return;
  const start = Number(props.start_time) || 0;
  if (start > 0) url.searchParams.set("start", String(start));
  if (Number(props.end_time) > 0) url.searchParams.set("end", String(props.end_time));
  if (props.loop) {
    url.searchParams.set("loop", "1");
    url.searchParams.set("playlist", url.pathname.split("/").pop() ?? "");
  }
  if (props.autoplay) url.searchParams.set("autoplay", "1");
  if (props.muted) url.searchParams.set("mute", "1");
  let frame = /** @type {HTMLIFrameElement | null} */ (dom.querySelector(":scope > iframe"));
  if (!frame) {
    frame = make("iframe", "rillet-video-youtube");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups");
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    dom.append(frame);
  }
  frame.title = typeof props.alt === "string" ? props.alt : "YouTube video";
  attr(frame, "src", url.href);
  boxWidth(dom, props.width);
}

// --- pdf ------------------------------------------------------------------------------------

/**
 * The link offered where the browser cannot show the document in the page.
 * @param {string} url
 * @returns {HTMLElement}
 */
function pdfLink(url) {
  const box = make("p", "rillet-pdf-fallback");
  box.append("This browser shows no PDF documents in the page. ");
  const open = make("a", "", "Open the PDF");
  open.href = url;
  open.target = "_blank";
  open.rel = "noopener";
  const save = make("a", "", "download it");
  save.href = url;
  save.download = "document.pdf";
  box.append(open, " or ", save, ".");
  return box;
}

/** @type {Renderer} */
const pdf = {
  create(el, ctx) {
    const dom = make("div", "rillet-pdf");
    pdf.update(dom, el, ctx);
    return dom;
  },
  update(dom, el) {
    const props = el.props ?? {};
    const url = asText(props.url);
    const height = props.height;
    dom.dataset.height = height === "stretch" ? "stretch" : "fixed";
    dom.style.height = typeof height === "number" ? `${height}px` : "";
    const title = typeof props.alt === "string" ? props.alt : "PDF document";
    if (navigator.pdfViewerEnabled === false) {
      // Headless and locked-down browsers have no viewer: an <object> would show nothing.
      if (dom.querySelector("a")?.getAttribute("href") !== url) dom.replaceChildren(pdfLink(url));
      dom.dataset.viewer = "none";
      return;
    }
    dom.dataset.viewer = "browser";
    let frame = /** @type {HTMLObjectElement | null} */ (dom.querySelector("object"));
    if (!frame) {
      frame = make("object", "rillet-pdf-frame");
      frame.type = "application/pdf";
      dom.replaceChildren(frame);
    }
    frame.title = title;
    frame.setAttribute("aria-label", title);
    if (frame.getAttribute("data") !== url) {
      frame.replaceChildren(pdfLink(url)); // shown when the viewer cannot load it
      frame.data = url;
    }
  },
};

// --- logo -----------------------------------------------------------------------------------

/**
 * One picture of the logo: an image, an emoji, or nothing (Material icons need a font rillet
 * does not ship).
 * @param {Record<string, any> | undefined} picture
 * @param {string} className
 * @returns {HTMLElement | null}
 */
function logoPicture(picture, className) {
  if (!picture) return null;
  if (picture.type === "emoji") {
    const emoji = make("span", `rillet-logo-emoji ${className}`, asText(picture.value));
    emoji.setAttribute("role", "img");
    emoji.setAttribute("aria-label", "Logo");
    return emoji;
  }
  if (picture.type !== "image") return null;
  const img = make("img", `rillet-logo-image ${className}`);
  img.alt = "Logo";
  img.src = asText(picture.value);
  return img;
}

/** @type {Renderer} */
const logo = {
  create(el, ctx) {
    const dom = make("div", "rillet-logo");
    logo.update(dom, el, ctx);
    return dom;
  },
  update(dom, el) {
    const props = el.props ?? {};
    const href = props.link ? safeLink(props.link) : null;
    const holder = href ? make("a", "rillet-logo-link") : make("span", "rillet-logo-link");
    if (holder instanceof HTMLAnchorElement && href) {
      holder.href = href;
      holder.target = "_blank";
      holder.rel = "noopener noreferrer";
    }
    const full = logoPicture(props.image, "rillet-logo-full");
    const icon = logoPicture(props.icon_image, "rillet-logo-icon");
    if (full) holder.append(full);
    if (icon) holder.append(icon);
    dom.dataset.size = ["small", "large"].includes(props.size) ? props.size : "medium";
    dom.dataset.icon = icon ? "true" : "false";
    dom.replaceChildren(holder);
  },
};

/** @type {import("../tree.js").Registry} */
export const renderers = {
  image,
  audio: player("audio"),
  video: player("video"),
  pdf,
  logo,
};
