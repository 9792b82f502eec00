// @ts-check
/**
 * Selections in Vega-Lite charts: what the user selects becomes the chart widget's value, in
 * the shape Streamlit's `VegaLiteState` gives the script.
 *
 * Every selection param the chart listens to is sent in one object, `{param: value, ...}`:
 * a point selection as the list of selected tuples (dicts of the fields it projects on, or
 * `_vgsid_` when it projects on none), an interval as `{field: [min, max]}`, and `{}` when
 * nothing is selected. One gesture is one rerun: while a pointer drags (an interval being
 * drawn) changes wait for the pointer to come up; a click or key sends at once; anything else
 * (a wheel, an animation) is sent after a short quiet period.
 * @module elements/charts/vegaselect
 */

/** The quiet period before a change that no gesture ended is sent, as Streamlit's. */
const QUIET_MS = 150;

/**
 * One param's value as the script sees it.
 * @param {any} value the param's Vega signal value
 * @returns {any}
 */
export function selectionValue(value) {
  if (!value || typeof value !== "object") return {};
  const points = value.vlPoint?.or;
  return Array.isArray(points) ? points : value;
}

/**
 * Send the chart's selections with `send` as the user makes them. Returns a function that
 * stops (when the chart is embedded again or removed).
 * @param {any} view the Vega view
 * @param {HTMLElement} target the element the view is drawn in
 * @param {string[]} params the selection params to watch
 * @param {(value: Record<string, any>) => void} send
 * @returns {() => void}
 */
export function watchSelections(view, target, params, send) {
  /** @type {Record<string, any>} */
  const current = Object.fromEntries(params.map((name) => [name, {}]));
  let sent = JSON.stringify(current);
  /** @type {Map<string, any>} */
  const changed = new Map();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let dragging = false;
  let inEvent = false;
  let flushQueued = false;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    flushQueued = false;
    if (!changed.size) return;
    for (const [name, value] of changed) current[name] = value;
    changed.clear();
    // Dates (temporal intervals) go as ISO text, as in Streamlit.
    const wire = JSON.stringify(current);
    if (wire === sent) return;
    sent = wire;
    send(JSON.parse(wire));
  };

  /**
   * @param {string} name
   * @param {any} value
   */
  const onSignal = (name, value) => {
    changed.set(name, selectionValue(value));
    if (dragging) return;
    if (inEvent) {
      // Every param the same click changed goes in one message.
      if (!flushQueued) {
        flushQueued = true;
        queueMicrotask(flush);
      }
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(flush, QUIET_MS);
  };

  const onUp = async () => {
    window.removeEventListener("pointerup", onUp);
    window.removeEventListener("pointercancel", onUp);
    try {
      await view.runAsync(); // let Vega finish the gesture's last update first
    } catch {
      // A view finalized meanwhile: send what was gathered.
    }
    dragging = false;
    flush();
  };

  /** @param {PointerEvent} event */
  const onDown = (event) => {
    const inside = event.target instanceof Element && event.target.closest("svg, canvas");
    if (event.button !== 0 || !event.isPrimary || !inside || dragging) return;
    dragging = true;
    window.addEventListener("pointerup", onUp);
    window.addEventListener("pointercancel", onUp);
  };

  const onEvent = () => {
    inEvent = true;
    setTimeout(() => { inEvent = false; }, 0);
  };

  const events = ["click", "dblclick", "keydown", "keyup"];
  target.addEventListener("pointerdown", onDown, { capture: true, passive: true });
  for (const type of events) target.addEventListener(type, onEvent, { capture: true, passive: true });
  /** @type {string[]} */
  const watched = [];
  for (const name of params) {
    try {
      view.addSignalListener(name, onSignal);
      watched.push(name);
    } catch {
      console.warn(`rillet: the chart has no selection parameter "${name}"`);
    }
  }

  return () => {
    clearTimeout(timer);
    window.removeEventListener("pointerup", onUp);
    window.removeEventListener("pointercancel", onUp);
    target.removeEventListener("pointerdown", onDown, { capture: true });
    for (const type of events) target.removeEventListener(type, onEvent, { capture: true });
    for (const name of watched) view.removeSignalListener(name, onSignal);
  };
}
