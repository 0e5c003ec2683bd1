// Annotation values can be megabytes long, and a regular expression's
// backtracking stack can run out on such input (seen in CI as "Maximum call
// stack size exceeded" from RegExp.test). These checks walk the text once
// instead, so their cost and memory do not depend on the regex engine.

const DASH = 0x2d;

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isLowerAlphanumeric = (code: number) =>
  (code >= 0x61 && code <= 0x7a) || isDigit(code);
const isWordOrDotOrDash = (code: number) =>
  isLowerAlphanumeric(code) ||
  (code >= 0x41 && code <= 0x5a) ||
  code === 0x5f ||
  code === 0x2e ||
  code === DASH;

/** Whether `text` is not empty and every character passes `allowed`. */
function consistsOf(text: string, allowed: (code: number) => boolean) {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    if (!allowed(text.charCodeAt(i))) return false;
  }
  return true;
}

/** A capability or tool id: lower case letters, digits and dashes. */
export const isIdText = (text: string): boolean =>
  consistsOf(text, code => isLowerAlphanumeric(code) || code === DASH);

/** Decimal digits only, as in the N of `layer-N`. */
export const isDigitsText = (text: string): boolean =>
  consistsOf(text, isDigit);

/** Letters, digits, `_`, `.` and `-`: a user or host of an scp-like address. */
export const isScpNameText = (text: string): boolean =>
  consistsOf(text, isWordOrDotOrDash);

/** Kebab case: lower-case alphanumeric words joined by single dashes. */
export function isKebabCaseText(text: string): boolean {
  return (
    isIdText(text) &&
    text.charCodeAt(0) !== DASH &&
    text.charCodeAt(text.length - 1) !== DASH &&
    !text.includes('--')
  );
}

/**
 * The parts of `text` between single quotes, each given to `replace`; the
 * rest is kept as it is. A quote left unpaired is kept as text.
 */
export function replaceQuoted(
  text: string,
  replace: (quoted: string) => string,
): string {
  let result = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf("'", from);
    const close = open < 0 ? -1 : text.indexOf("'", open + 1);
    if (close < 0) return result + text.slice(from);
    result += `${text.slice(from, open)}'${replace(
      text.slice(open + 1, close),
    )}'`;
    from = close + 1;
  }
}
