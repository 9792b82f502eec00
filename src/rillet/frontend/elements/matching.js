// @ts-check
/**
 * How typing filters the options of a selectbox or multiselect (`filter_mode`, Streamlit 1.67),
 * and when a multiselect offers "Select all" (`select_all`).
 * @module elements/matching
 */

/**
 * How well `text` matches the typed `query` (already trimmed and lower-cased): a score, lower
 * is better, or null when it does not match. "contains" and "prefix" ignore case and keep the
 * options' order (every match scores 0); "fuzzy" (the default) takes the typed letters in
 * order anywhere in the text, an unbroken run first, earlier first, fewer gaps first.
 * @param {unknown} mode
 * @param {string} text
 * @param {string} query
 * @returns {number | null}
 */
export function matchScore(mode, text, query) {
  const folded = text.trim().toLowerCase();
  if (mode === "prefix") return folded.startsWith(query) ? 0 : null;
  if (mode === "contains") return folded.includes(query) ? 0 : null;
  const run = folded.indexOf(query);
  if (run >= 0) return run;
  let score = folded.length;
  let position = -1;
  for (const letter of query) {
    const next = folded.indexOf(letter, position + 1);
    if (next < 0) return null;
    score += position < 0 ? next : next - position - 1;
    position = next;
  }
  return score;
}

/**
 * Whether a multiselect offers "Select all" for `count` selectable options: `select_all` True
 * always, False never, a number when `count` is at most that many (1000 when absent); never
 * for fewer than two.
 * @param {unknown} selectAll
 * @param {number} count
 * @returns {boolean}
 */
export function offersSelectAll(selectAll, count) {
  if (count < 2 || selectAll === false) return false;
  if (selectAll === true) return true;
  const limit = typeof selectAll === "number" ? selectAll : 1000;
  return count <= limit;
}
