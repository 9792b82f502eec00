// @ts-check
/**
 * The colour scheme chosen in Settings: the system's, light or dark, kept in localStorage.
 *
 * theme.css (and the style the server writes from `theme.*` options) gives its dark colours
 * under `@media (prefers-color-scheme: dark)`. A chosen scheme rewrites the condition of those
 * rules in place, so every stylesheet keeps one set of colours per scheme and nothing else in
 * the page needs to know: "dark" makes the dark rules apply always, "light" never, "system"
 * puts their own condition back.
 * @module colorscheme
 */

/** @typedef {"system" | "light" | "dark"} SchemeChoice */

export const SCHEME_KEY = "rillet.theme";
/** Dispatched on window after the scheme changed, for what draws its own colours (charts). */
export const SCHEME_EVENT = "rillet:scheme";
export const SCHEME_CHOICES = /** @type {const} */ (["system", "light", "dark"]);

const FEATURE = /\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)/gi;

/** @type {WeakMap<CSSMediaRule, string>} each rewritten rule's own condition */
const original = new WeakMap();
/** @type {SchemeChoice} */
let current = "system";

/**
 * The stored choice; "system" when there is none or storage is blocked.
 * @returns {SchemeChoice}
 */
export function storedChoice() {
  let value = null;
  try {
    value = localStorage.getItem(SCHEME_KEY);
  } catch {
    // storage blocked (privacy modes, sandboxed frames): the system's scheme
  }
  return value === "light" || value === "dark" ? value : "system";
}

/** @returns {SchemeChoice} */
export function currentChoice() {
  return current;
}

/**
 * The scheme the page shows now.
 * @returns {"light" | "dark"}
 */
export function effectiveScheme() {
  if (current !== "system") return current;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/**
 * Show `choice`, remember it, and tell whoever draws its own colours.
 * @param {Document} doc
 * @param {SchemeChoice} choice
 */
export function chooseScheme(doc, choice) {
  current = choice;
  try {
    if (choice === "system") localStorage.removeItem(SCHEME_KEY);
    else localStorage.setItem(SCHEME_KEY, choice);
  } catch {
    // not kept across reloads; shown all the same
  }
  applyScheme(doc);
  doc.defaultView?.dispatchEvent(new CustomEvent(SCHEME_EVENT, { detail: effectiveScheme() }));
}

/**
 * Apply the stored choice now and to every stylesheet added later (a lazily loaded library's).
 * @param {Document} doc
 */
export function installColorScheme(doc) {
  current = storedChoice();
  applyScheme(doc);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLLinkElement) node.addEventListener("load", () => applyScheme(doc));
        else if (node instanceof HTMLStyleElement) applyScheme(doc);
      }
    }
  }).observe(doc.head, { childList: true });
}

/** @param {Document} doc */
function applyScheme(doc) {
  const root = doc.documentElement;
  if (current === "system") delete root.dataset.scheme;
  else root.dataset.scheme = current;
  for (const sheet of Array.from(doc.styleSheets)) {
    let rules;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a cross-origin sheet cannot be read; ours never are
    }
    rewrite(rules);
  }
}

/** @param {CSSRuleList} rules */
function rewrite(rules) {
  for (const rule of Array.from(rules)) {
    if (!(rule instanceof CSSMediaRule)) {
      if (rule instanceof CSSGroupingRule) rewrite(rule.cssRules);
      continue;
    }
    const own = original.get(rule) ?? rule.media.mediaText;
    FEATURE.lastIndex = 0;
    if (FEATURE.test(own)) {
      original.set(rule, own);
      rule.media.mediaText = conditionFor(own);
    }
    rewrite(rule.cssRules);
  }
}

/**
 * A media condition for the current choice: the rule's own under "system", else the
 * colour-scheme feature replaced by one that always or never holds.
 * @param {string} own
 * @returns {string}
 */
function conditionFor(own) {
  if (current === "system") return own;
  FEATURE.lastIndex = 0;
  if (own.replace(FEATURE, "").trim() === "") {
    FEATURE.lastIndex = 0;
    const wanted = /** @type {RegExpExecArray} */ (FEATURE.exec(own))[1].toLowerCase();
    return wanted === current ? "all" : "not all";
  }
  return own.replace(FEATURE, (_, wanted) => (
    wanted.toLowerCase() === current ? "(min-width: 0px)" : "(max-width: -1px)"
  ));
}
