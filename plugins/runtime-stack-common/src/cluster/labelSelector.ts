import { InputError } from '@backstage/errors';

/**
 * One requirement of a label selector, such as `tier!=db`.
 *
 * @public
 */
export type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string }
  /** The label's value as an integer, compared with `value`, an integer too. */
  | { op: 'gt' | 'lt'; key: string; value: string };

// The grammar is that of k8s.io/apimachinery's labels.Parse, which reads
// the Kubernetes plugin's selector in the API server: a selector it takes
// must match here what it matches there, and one it refuses must match
// nothing here rather than something.

/** What separates tokens, and nothing else: Kubernetes' whitespace, not Unicode's. */
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
/** Characters that end a word, with or without whitespace: `tier in(a,b)`. */
const SYMBOLS = new Set(['=', '!', '(', ')', ',', '>', '<']);

interface Token {
  type: 'word' | 'symbol' | 'end';
  text: string;
}

function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < selector.length) {
    const char = selector[at];
    if (WHITESPACE.has(char)) {
      at++;
    } else if (SYMBOLS.has(char)) {
      const pair = selector.slice(at, at + 2);
      const text = pair === '!=' || pair === '==' ? pair : char;
      tokens.push({ type: 'symbol', text });
      at += text.length;
    } else {
      let end = at;
      while (
        end < selector.length &&
        !WHITESPACE.has(selector[end]) &&
        !SYMBOLS.has(selector[end])
      ) {
        end++;
      }
      // `in` and `notin` are words too: an operator only where one is
      // expected, so they may also be keys and values.
      tokens.push({ type: 'word', text: selector.slice(at, end) });
      at = end;
    }
  }
  tokens.push({ type: 'end', text: '' });
  return tokens;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The integer Go's `strconv.ParseInt(text, 10, 64)` reads, if any. */
function int64Of(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX ? value : undefined;
}

const describe = (token: Token) =>
  token.type === 'end' ? 'the end' : `'${token.text}'`;

class Parser {
  private readonly tokens: Token[];
  private position = 0;

  constructor(private readonly selector: string) {
    this.tokens = tokenize(selector);
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    if (this.peek().type === 'end') return requirements;
    for (;;) {
      requirements.push(this.requirement());
      const next = this.take();
      if (next.type === 'end') return requirements;
      if (next.text !== ',') {
        this.fail(`found ${describe(next)}, expected ',' or the end`);
      }
    }
  }

  private requirement(): LabelRequirement {
    if (this.peek().text === '!') {
      this.take();
      return { op: 'notexists', key: this.key() };
    }
    const key = this.key();
    const next = this.peek();
    if (next.type === 'end' || next.text === ',') {
      return { op: 'exists', key };
    }
    const operator = this.take();
    switch (operator.text) {
      case '=':
      case '==':
        return { op: 'eq', key, value: this.value() };
      case '!=':
        return { op: 'neq', key, value: this.value() };
      case 'in':
      case 'notin':
        return { op: operator.text, key, values: this.values() };
      case '>':
      case '<': {
        const value = this.value();
        if (int64Of(value) === undefined) {
          this.fail(`'${operator.text}' needs an integer, found '${value}'`);
        }
        return { op: operator.text === '>' ? 'gt' : 'lt', key, value };
      }
      default:
        return this.fail(
          `found ${describe(
            operator,
          )} after '${key}', expected one of =, ==, !=, in, notin, >, <`,
        );
    }
  }

  /** A label key: a name, optionally behind a DNS subdomain and `/`. */
  private key(): string {
    const token = this.take();
    if (token.type !== 'word') {
      this.fail(`found ${describe(token)}, expected a label key`);
    }
    const parts = token.text.split('/');
    const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (
      parts.length > 2 ||
      (prefix !== undefined &&
        (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) ||
      name.length > 63 ||
      !NAME.test(name)
    ) {
      this.fail(`'${token.text}' is not a valid label key`);
    }
    return token.text;
  }

  /** The value after `=`, `!=`, `>` or `<`; none is the empty value. */
  private value(): string {
    const next = this.peek();
    if (next.type === 'end' || next.text === ',') return '';
    return this.word();
  }

  /** `(a, b)`: an empty place between commas, or `()`, is the empty value. */
  private values(): string[] {
    const open = this.take();
    if (open.text !== '(') {
      this.fail(`found ${describe(open)}, expected '('`);
    }
    const values = new Set<string>();
    for (;;) {
      values.add(this.peek().type === 'word' ? this.word() : '');
      const next = this.take();
      if (next.text === ')') return [...values];
      if (next.text !== ',') {
        this.fail(`found ${describe(next)}, expected ',' or ')'`);
      }
    }
  }

  private word(): string {
    const token = this.take();
    if (token.type !== 'word') {
      this.fail(`found ${describe(token)}, expected a label value`);
    }
    if (token.text.length > 63 || !NAME.test(token.text)) {
      this.fail(`'${token.text}' is not a valid label value`);
    }
    return token.text;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position];
    if (token.type !== 'end') this.position++;
    return token;
  }

  private fail(reason: string): never {
    throw new InputError(
      `Invalid label selector '${this.selector}': ${reason}`,
    );
  }
}

/**
 * Parses a label selector in Kubernetes' string form, as the
 * `backstage.io/kubernetes-label-selector` annotation holds it:
 * `app=x,tier!=db,env in (a,b),!legacy`. Throws an InputError naming what
 * it cannot read.
 *
 * @public
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return new Parser(selector).parse();
}

function matchesRequirement(
  requirement: LabelRequirement,
  labels: Record<string, string>,
): boolean {
  // Own labels only: `constructor` is a valid key, and every object has one.
  const value = Object.hasOwn(labels, requirement.key)
    ? labels[requirement.key]
    : undefined;
  switch (requirement.op) {
    case 'eq':
      return value === requirement.value;
    case 'neq':
      return value !== requirement.value;
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
    case 'exists':
      return value !== undefined;
    case 'notexists':
      return value === undefined;
    case 'gt':
    case 'lt': {
      // A value that is no integer matches neither, as in Kubernetes.
      const actual = value === undefined ? undefined : int64Of(value);
      if (actual === undefined) return false;
      const bound = BigInt(requirement.value);
      return requirement.op === 'gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/**
 * Whether labels satisfy every requirement of a parsed selector.
 *
 * @public
 */
export function matchesLabelSelector(
  requirements: LabelRequirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every(r => matchesRequirement(r, labels));
}
