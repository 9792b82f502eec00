// @ts-check
/**
 * How a dataframe shows its numbers: the `format` of `st.column_config.NumberColumn` (a printf
 * style pattern or one of Streamlit's named presets), else integers as they are and other
 * numbers with at most four decimals. The server sends raw values, so sorting stays by value.
 * @module elements/numberformat
 */

const PRINTF = /%([-+ 0#,]*)(\d+)?(?:\.(\d+))?([diufFeEgGxXos%])/g;

/**
 * @param {number} value
 * @param {number} digits
 * @returns {string}
 */
function grouped(value, digits) {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  });
}

/**
 * @param {number} value
 * @param {boolean} engineering exponents in multiples of three
 * @returns {string}
 */
function scientific(value, engineering) {
  if (value === 0) return "0E0";
  let exponent = Math.floor(Math.log10(Math.abs(value)));
  if (engineering) exponent -= ((exponent % 3) + 3) % 3;
  const mantissa = value / 10 ** exponent;
  return `${Number(mantissa.toPrecision(4))}E${exponent}`;
}

/** @type {Record<string, (value: number) => string>} */
const PRESETS = {
  plain: (v) => String(v),
  localized: (v) => v.toLocaleString(),
  percent: (v) => `${Number((v * 100).toFixed(2))}%`,
  dollar: (v) => `${v < 0 ? "-" : ""}$${grouped(Math.abs(v), 2)}`,
  euro: (v) => `${v < 0 ? "-" : ""}€${grouped(Math.abs(v), 2)}`,
  yen: (v) => `${v < 0 ? "-" : ""}¥${grouped(Math.abs(v), 0)}`,
  accounting: (v) => (v < 0 ? `(${grouped(-v, 2)})` : grouped(v, 2)),
  compact: (v) => new Intl.NumberFormat("en-US", { notation: "compact" }).format(v),
  scientific: (v) => scientific(v, false),
  engineering: (v) => scientific(v, true),
};

/**
 * One printf conversion, as Python's `%` would write it.
 * @param {number} value
 * @param {string} flags
 * @param {string | undefined} width
 * @param {string | undefined} precision
 * @param {string} type
 * @returns {string}
 */
function convert(value, flags, width, precision, type) {
  const digits = precision === undefined ? 6 : Number(precision);
  let text;
  switch (type) {
    case "d": case "i": case "u":
      text = flags.includes(",") ? grouped(Math.trunc(value), 0) : String(Math.trunc(value));
      break;
    case "f": case "F":
      text = flags.includes(",") ? grouped(value, digits) : value.toFixed(digits);
      break;
    case "e": case "E":
      text = value.toExponential(digits).replace(/e([+-])(\d)$/, "e$10$2");
      if (type === "E") text = text.toUpperCase();
      break;
    case "g": case "G":
      text = String(Number(value.toPrecision(Math.max(digits, 1))));
      if (type === "G") text = text.toUpperCase();
      break;
    case "x": case "X":
      text = Math.trunc(value).toString(16);
      if (type === "X") text = text.toUpperCase();
      break;
    case "o": text = Math.trunc(value).toString(8); break;
    default: text = String(value);
  }
  if (flags.includes("+") && value >= 0) text = `+${text}`;
  else if (flags.includes(" ") && value >= 0) text = ` ${text}`;
  const size = width === undefined ? 0 : Number(width);
  if (text.length < size) {
    if (flags.includes("-")) text = text.padEnd(size);
    else if (flags.includes("0")) {
      const sign = /^[+\- ]/.test(text) ? text[0] : "";
      text = sign + text.slice(sign.length).padStart(size - sign.length, "0");
    } else text = text.padStart(size);
  }
  return text;
}

/**
 * A number as a column shows it.
 * @param {number} value
 * @param {string | null | undefined} format
 * @returns {string}
 */
export function formatNumber(value, format) {
  if (format) {
    const preset = PRESETS[format];
    if (preset) return preset(value);
    if (format.includes("%")) {
      return format.replace(PRINTF, (_, flags, width, precision, type) => (
        type === "%" ? "%" : convert(value, flags, width, precision, type)
      ));
    }
  }
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(4)));
}
