// @ts-check
/**
 * `run_every` timers: the browser side of fragments that rerun on their own.
 *
 * Timers live here rather than on the server so a hidden tab costs nothing (DESIGN.md §6):
 * one timer per fragment id (a fragment's slots carry no `run_every`), started when a block
 * with `fragment_id` and `run_every > 0` is in the tree and stopped when it leaves or its
 * interval changes. Ticks pause while the tab is hidden, and a tick whose previous request
 * has not finished running is skipped, so a slow fragment never piles up requests.
 * @module fragments
 */

/** @typedef {import("./protocol.js").OutboundMessage} OutboundMessage */
/** @typedef {import("./tree.js").TreeNode} TreeNode */

/**
 * @typedef {object} FragmentTimer
 * @property {number} intervalMs
 * @property {number} lastFire `performance.now()` of the last tick (or of the start)
 * @property {ReturnType<typeof setTimeout> | undefined} handle
 * @property {boolean} requested a tick was sent and no run covering it has started yet
 * @property {boolean} running a run covering that tick is in progress
 */

/**
 * @typedef {object} TimerOptions
 * @property {(fragmentId: string) => boolean} send ask for a rerun of the fragment; false when
 *   nothing was sent (not connected)
 * @property {(count: number) => void} [onCount] told the number of timers when it changes
 * @property {Document} [doc]
 */

/**
 * The run_every interval of each fragment block, by fragment id.
 * @param {Iterable<TreeNode>} blocks
 * @returns {Map<string, number>} milliseconds
 */
export function wantedIntervals(blocks) {
  /** @type {Map<string, number>} */
  const wanted = new Map();
  for (const block of blocks) {
    const id = block.element.props?.fragment_id;
    const seconds = Number(block.element.props?.run_every);
    if (typeof id === "string" && id && seconds > 0 && !wanted.has(id)) {
      wanted.set(id, seconds * 1000);
    }
  }
  return wanted;
}

export class FragmentTimers {
  /** @param {TimerOptions} options */
  constructor({ send, onCount = () => {}, doc = document }) {
    this.send = send;
    this.onCount = onCount;
    this.doc = doc;
    /** @type {Map<string, FragmentTimer>} */
    this.timers = new Map();
    /** Whether a run is in progress on the server, as far as the messages tell. */
    this.busy = false;
    doc.addEventListener("visibilitychange", () => {
      if (this.doc.hidden) this.timers.forEach(pause);
      else this.timers.forEach((timer, id) => this.resume(id, timer));
    });
  }

  /**
   * Bring the timers in line with the fragment blocks now in the tree.
   * @param {Iterable<TreeNode>} blocks
   */
  sync(blocks) {
    const wanted = wantedIntervals(blocks);
    for (const [id, timer] of this.timers) {
      if (wanted.get(id) !== timer.intervalMs) {
        pause(timer);
        this.timers.delete(id);
      }
    }
    for (const [id, intervalMs] of wanted) {
      if (this.timers.has(id)) continue;
      /** @type {FragmentTimer} */
      const timer = {
        intervalMs, lastFire: performance.now(), handle: undefined, requested: false,
        running: false,
      };
      this.timers.set(id, timer);
      if (!this.doc.hidden) this.schedule(id, timer, intervalMs);
    }
    this.onCount(this.timers.size);
  }

  /**
   * Follow the runs, to know which ticks are still being served.
   * @param {OutboundMessage[]} messages
   */
  track(messages) {
    for (const message of messages) {
      if (message.type === "run_started") {
        this.busy = true;
        const scope = message.fragment_ids ?? [];
        for (const [id, timer] of this.timers) {
          // A full run reruns every fragment, and takes in a fragment request still pending.
          if (timer.requested && (scope.length === 0 || scope.includes(id))) {
            timer.requested = false;
            timer.running = true;
          }
        }
      } else if (message.type === "run_finished") {
        this.busy = false;
        for (const timer of this.timers.values()) timer.running = false;
      } else if (message.type === "welcome") {
        // A new socket: whatever was in flight on the old one is gone.
        this.busy = false;
        for (const timer of this.timers.values()) {
          timer.requested = false;
          timer.running = false;
        }
      }
    }
  }

  // --- internals ---------------------------------------------------------------------------

  /**
   * @param {string} id
   * @param {FragmentTimer} timer
   * @param {number} delay
   */
  schedule(id, timer, delay) {
    clearTimeout(timer.handle);
    timer.handle = setTimeout(() => this.fire(id, timer), Math.max(0, delay));
  }

  /**
   * @param {string} id
   * @param {FragmentTimer} timer
   */
  fire(id, timer) {
    if (this.timers.get(id) !== timer) return; // stopped meanwhile
    timer.lastFire = performance.now();
    this.schedule(id, timer, timer.intervalMs);
    // A request no run has taken up while the server was idle was dropped (the server ignores
    // ids it no longer knows): ask again. While it is busy the request is still queued there.
    const pending = timer.running || (timer.requested && this.busy);
    if (!pending && this.send(id)) timer.requested = true;
  }

  /**
   * Back on a visible tab: tick at once if a whole interval passed while hidden.
   * @param {string} id
   * @param {FragmentTimer} timer
   */
  resume(id, timer) {
    const elapsed = performance.now() - timer.lastFire;
    if (elapsed >= timer.intervalMs) this.fire(id, timer);
    else this.schedule(id, timer, timer.intervalMs - elapsed);
  }
}

/** @param {FragmentTimer} timer */
function pause(timer) {
  clearTimeout(timer.handle);
  timer.handle = undefined;
}
