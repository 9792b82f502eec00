// @ts-check
/**
 * A small syntax highlighter for code blocks: Python, JavaScript/TypeScript, SQL, JSON and
 * shell. It only splits text into typed tokens; the caller puts each token in a span through
 * `textContent`, so highlighted code never becomes HTML.
 * @module elements/highlight
 */

/**
 * @typedef {object} Token
 * @property {string} text
 * @property {string} type "" for plain text, else comment, string, number, keyword, builtin,
 *   meta, property or variable
 */

/**
 * @typedef {object} Language
 * @property {[string, string][]} rules [type, regex source without capturing groups], in order
 * @property {Set<string>} keywords
 * @property {Set<string>} [builtins]
 * @property {boolean} [caseless] keywords match in any case (SQL)
 */

const NUMBER = String.raw`\b(?:0[xX][\da-fA-F_]+|0[bBoO][0-7_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?j?)|\.\d+(?:[eE][+-]?\d+)?`;
const DQ = String.raw`"(?:[^"\\\n]|\\.)*"?`;
const SQ = String.raw`'(?:[^'\\\n]|\\.)*'?`;
const C_COMMENT = String.raw`//[^\n]*|/\*[\s\S]*?(?:\*/|$)`;
const WORD = String.raw`[A-Za-z_$][\w$]*`;
const REST = String.raw`\s+|.`;

/** @param {string} words */
const set = (words) => new Set(words.split(/\s+/).filter(Boolean));

/** @type {Record<string, Language>} */
const LANGUAGES = {
  python: {
    rules: [
      ["comment", "#[^\\n]*"],
      ["string", `[rRbBuUfF]{0,2}(?:"""[\\s\\S]*?(?:"""|$)|'''[\\s\\S]*?(?:'''|$))`],
      ["string", `[rRbBuUfF]{0,2}(?:${DQ}|${SQ})`],
      ["meta", "@[A-Za-z_][\\w.]*"],
      ["number", NUMBER],
      ["word", WORD],
    ],
    keywords: set(`False None True and as assert async await break class continue def del elif
      else except finally for from global if import in is lambda nonlocal not or pass raise
      return try while with yield match case`),
    builtins: set(`print len range int str float list dict set tuple bool type isinstance
      enumerate zip map filter sum min max abs open super self cls sorted reversed repr`),
  },
  javascript: {
    rules: [
      ["comment", C_COMMENT],
      ["string", `${DQ}|${SQ}|\`(?:[^\`\\\\]|\\\\.)*\`?`],
      ["number", NUMBER],
      ["word", WORD],
    ],
    keywords: set(`break case catch class const continue debugger default delete do else export
      extends finally for function if import in instanceof let new return super switch this
      throw try typeof var void while with yield async await of null undefined true false
      static get set interface type enum implements private public protected readonly`),
    builtins: set("console window document Math JSON Object Array String Number Promise Map Set"),
  },
  sql: {
    rules: [
      ["comment", `--[^\\n]*|/\\*[\\s\\S]*?(?:\\*/|$)`],
      ["string", `'(?:[^']|'')*'?|"(?:[^"]|"")*"?`],
      ["number", NUMBER],
      ["word", "[A-Za-z_][\\w$]*"],
    ],
    keywords: set(`select from where and or not insert into values update set delete create table
      drop alter join left right inner outer full cross on as group by order having limit offset
      union all distinct case when then else end is null in like between exists primary key
      foreign references index view with asc desc true false`),
    builtins: set("count sum avg min max coalesce cast round lower upper length now"),
    caseless: true,
  },
  json: {
    rules: [
      ["property", `${DQ}(?=\\s*:)`],
      ["string", DQ],
      ["number", "-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?"],
      ["word", "[A-Za-z_]\\w*"],
    ],
    keywords: set("true false null"),
  },
  bash: {
    rules: [
      ["comment", "(?<![^\\s])#[^\\n]*"],
      ["string", `${DQ}|'[^']*'?`],
      ["variable", "\\$\\{[^}\\n]*\\}?|\\$[\\w@#?$!*-]"],
      ["number", "\\b\\d+\\b"],
      ["word", "[A-Za-z_][\\w-]*"],
    ],
    keywords: set(`if then else elif fi for while until do done case esac function in return
      export local select`),
    builtins: set("echo cd set unset source alias read printf exit pwd ls cat grep sudo pip"),
  },
};

const ALIASES = {
  py: "python", python3: "python", js: "javascript", jsx: "javascript", ts: "javascript",
  tsx: "javascript", typescript: "javascript", mjs: "javascript", sh: "bash", shell: "bash",
  zsh: "bash", console: "bash", shellscript: "bash", postgresql: "sql", mysql: "sql",
  sqlite: "sql",
};

/** @type {Map<string, RegExp>} */
const compiled = new Map();

/**
 * The language a `language` prop names, or null when it is not highlighted here.
 * @param {unknown} name
 * @returns {string | null}
 */
export function languageOf(name) {
  if (typeof name !== "string") return null;
  const key = name.toLowerCase();
  const resolved = /** @type {Record<string, string>} */ (ALIASES)[key] ?? key;
  return Object.hasOwn(LANGUAGES, resolved) ? resolved : null;
}

/**
 * Split `code` into tokens; plain text (and any unknown language) comes back as one token.
 * @param {string} code
 * @param {unknown} language
 * @returns {Token[]}
 */
export function tokenize(code, language) {
  const name = languageOf(language);
  if (!name) return [{ text: code, type: "" }];
  const lang = LANGUAGES[name];
  let pattern = compiled.get(name);
  if (!pattern) {
    pattern = new RegExp([...lang.rules.map(([, src]) => `(${src})`), `(${REST})`].join("|"), "gy");
    compiled.set(name, pattern);
  }
  /** @type {Token[]} */
  const tokens = [];
  const push = (/** @type {string} */ text, /** @type {string} */ type) => {
    const last = tokens[tokens.length - 1];
    if (last && last.type === type) last.text += text;
    else tokens.push({ text, type });
  };
  pattern.lastIndex = 0;
  while (pattern.lastIndex < code.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(code);
    if (!match || match[0] === "") {
      push(code[at], "");
      pattern.lastIndex = at + 1;
      continue;
    }
    const group = match.findIndex((part, i) => i > 0 && part !== undefined);
    let type = group <= lang.rules.length ? lang.rules[group - 1][0] : "";
    if (type === "word") {
      const word = lang.caseless ? match[0].toLowerCase() : match[0];
      type = lang.keywords.has(word) ? "keyword" : lang.builtins?.has(word) ? "builtin" : "";
    }
    push(match[0], type);
  }
  return tokens;
}

/**
 * Tokens regrouped by line (a token spanning lines is split), for line numbers.
 * @param {Token[]} tokens
 * @returns {Token[][]}
 */
export function byLine(tokens) {
  /** @type {Token[][]} */
  const lines = [[]];
  for (const token of tokens) {
    token.text.split("\n").forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1].push({ text: part, type: token.type });
    });
  }
  return lines;
}
