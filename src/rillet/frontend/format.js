// @ts-check
/**
 * A small printf-style number formatter for slider labels ("%.1f%%", "$%d", "%e").
 * Supported: conversions d i u f F e E g G x X s and "%%", with the flags "-" (left-justify),
 * "+" and " " (sign), "0" (zero-pad), "," (thousands separator), a width and a precision.
 * Anything else in the pattern is copied as text.
 * @module format
 */

const SPEC = /%([-+ 0,]*)(\d+)?(?:\.(\d+))?([diufFeEgGxXs%])/g;

/**
 * Format `value` with a printf-style pattern.
 * @param {string} pattern
 * @param {number | string} value
 * @returns {string}
 */
export function sprintf(pattern, value) {
  return pattern.replace(SPEC, (_match, flags, width, precision, conversion) =>
    formatOne(value, conversion, flags, width ? Number(width) : 0,
      precision === undefined ? null : Number(precision)));
}

/**
 * The number of decimals written in a step like 0.05 (used for default float formats).
 * @param {number} step
 * @returns {number}
 */
export function decimalsOf(step) {
  const text = String(step);
  const exp = text.match(/e-(\d+)$/);
  if (exp) return Number(exp[1]);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * @param {number | string} value
 * @param {string} conversion
 * @param {string} flags
 * @param {number} width
 * @param {number | null} precision
 * @returns {string}
 */
function formatOne(value, conversion, flags, width, precision) {
  if (conversion === "%") return "%";
  if (conversion === "s") {
    const text = String(value);
    return pad(precision === null ? text : text.slice(0, precision), width, flags, "");
  }
  const number = Number(value);
  if (!Number.isFinite(number)) return pad(String(number), width, flags, "");
  const magnitude = Math.abs(number);
  let body;
  switch (conversion) {
    case "d": case "i": case "u":
      body = String(Math.trunc(magnitude));
      break;
    case "f": case "F":
      body = magnitude.toFixed(precision ?? 6);
      break;
    case "e": case "E":
      body = exponential(magnitude, precision ?? 6);
      break;
    case "g": case "G":
      body = String(Number(magnitude.toPrecision(Math.max(precision ?? 6, 1))));
      break;
    default: // x, X
      body = Math.trunc(magnitude).toString(16);
  }
  if (flags.includes(",")) body = groupThousands(body);
  if (conversion === "E" || conversion === "G" || conversion === "X") body = body.toUpperCase();
  // C prints "-0.0" for -0.01 with "%.1f"; a sign on a zero reads as a bug in a label.
  const isNegative = number < 0 && /[1-9a-f]/i.test(body.replace(/e[+-]\d+$/i, ""));
  const sign = isNegative ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  return pad(body, width, flags, sign);
}

/**
 * C-style exponent with at least two digits: 1.5e+00.
 * @param {number} magnitude
 * @param {number} precision
 * @returns {string}
 */
function exponential(magnitude, precision) {
  const [mantissa, exponent] = magnitude.toExponential(precision).split("e");
  const expSign = exponent.startsWith("-") ? "-" : "+";
  const expDigits = exponent.replace(/^[+-]/, "").padStart(2, "0");
  return `${mantissa}e${expSign}${expDigits}`;
}

/**
 * @param {string} digits
 * @returns {string}
 */
function groupThousands(digits) {
  const [whole, fraction] = digits.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * @param {string} body
 * @param {number} width
 * @param {string} flags
 * @param {string} sign
 * @returns {string}
 */
function pad(body, width, flags, sign) {
  const length = sign.length + body.length;
  if (length >= width) return sign + body;
  if (flags.includes("-")) return (sign + body).padEnd(width, " ");
  if (flags.includes("0")) return sign + body.padStart(width - sign.length, "0");
  return (sign + body).padStart(width, " ");
}
