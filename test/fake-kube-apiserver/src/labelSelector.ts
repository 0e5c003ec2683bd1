/**
 * The label selector language of kube-apiserver's `labelSelector` query
 * parameter (k8s.io/apimachinery/pkg/labels): `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, comma meaning AND.
 */

export type Operator = 'in' | 'notin' | 'exists' | 'doesnotexist' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Labels = Record<string, string> | undefined;

export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

export interface LabelSelector {
  readonly requirements: readonly Requirement[];
  readonly isEmpty: boolean;
  matches(labels: Labels): boolean;
}

type TokenType =
  | 'identifier'
  | 'in'
  | 'notin'
  | '!'
  | '='
  | '=='
  | '!='
  | '>'
  | '<'
  | '('
  | ')'
  | ','
  | 'end';

interface Token {
  type: TokenType;
  text: string;
}

const SPECIAL = new Set(['!', '=', '(', ')', ',', '>', '<']);
const WHITESPACE = /\s/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (WHITESPACE.test(ch)) {
      i++;
    } else if (SPECIAL.has(ch)) {
      const pair = text.slice(i, i + 2);
      if (pair === '!=' || pair === '==') {
        tokens.push({ type: pair, text: pair });
        i += 2;
      } else {
        tokens.push({ type: ch as TokenType, text: ch });
        i++;
      }
    } else {
      let end = i;
      while (
        end < text.length &&
        !SPECIAL.has(text[end]) &&
        !WHITESPACE.test(text[end])
      ) {
        end++;
      }
      const word = text.slice(i, end);
      const type = word === 'in' || word === 'notin' ? word : 'identifier';
      tokens.push({ type, text: word });
      i = end;
    }
  }
  tokens.push({ type: 'end', text: '' });
  return tokens;
}

class Parser {
  private readonly tokens: Token[];
  private position = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    if (this.peek().type === 'end') {
      return requirements;
    }
    for (;;) {
      requirements.push(this.requirement());
      const next = this.take();
      if (next.type === 'end') {
        return requirements;
      }
      if (next.type !== ',') {
        this.fail(`found '${next.text}', expected: ',' or 'end of string'`);
      }
    }
  }

  private requirement(): Requirement {
    if (this.peek().type === '!') {
      this.take();
      return { key: this.key(), operator: 'doesnotexist', values: [] };
    }
    const key = this.key();
    const op = this.peek();
    switch (op.type) {
      case 'end':
      case ',':
        return { key, operator: 'exists', values: [] };
      case '=':
      case '==':
        this.take();
        return { key, operator: 'in', values: [this.singleValue()] };
      case '!=':
        this.take();
        return { key, operator: 'notin', values: [this.singleValue()] };
      case 'in':
      case 'notin':
        this.take();
        return { key, operator: op.type, values: this.valueSet(op.type) };
      case '>':
      case '<': {
        this.take();
        const bound = this.singleValue();
        if (!/^-?\d+$/.test(bound)) {
          this.fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        }
        return {
          key,
          operator: op.type === '>' ? 'gt' : 'lt',
          values: [bound],
        };
      }
      default:
        return this.fail(
          `found '${op.text}', expected: '=', '!=', '==', 'in', notin'`,
        );
    }
  }

  private key(): string {
    const token = this.take();
    if (token.type !== 'identifier') {
      this.fail(`found '${token.text}', expected: identifier`);
    }
    validateKey(token.text, this.fail);
    return token.text;
  }

  private singleValue(): string {
    const token = this.peek();
    // `a=` selects the empty value, as in kube-apiserver.
    if (token.type === 'end' || token.type === ',') {
      return '';
    }
    this.take();
    if (
      token.type !== 'identifier' &&
      token.type !== 'in' &&
      token.type !== 'notin'
    ) {
      this.fail(`found '${token.text}', expected: identifier`);
    }
    validateValue(token.text, this.fail);
    return token.text;
  }

  private valueSet(operator: string): string[] {
    const open = this.take();
    if (open.type !== '(') {
      this.fail(`found '${open.text}', expected: '('`);
    }
    const values: string[] = [];
    let expectValue = true;
    for (;;) {
      const token = this.take();
      if (token.type === ')') {
        if (expectValue && values.length > 0) {
          values.push(''); // `(a,)` ends with an empty value
        }
        break;
      }
      if (token.type === ',') {
        if (expectValue) {
          values.push('');
        }
        expectValue = true;
        continue;
      }
      if (
        !expectValue ||
        (token.type !== 'identifier' &&
          token.type !== 'in' &&
          token.type !== 'notin')
      ) {
        this.fail(`found '${token.text}', expected: ',' or ')'`);
      }
      validateValue(token.text, this.fail);
      values.push(token.text);
      expectValue = false;
    }
    if (values.length === 0) {
      this.fail(`for '${operator}' operator, values set can't be empty`);
    }
    return values;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position];
    if (token.type !== 'end') {
      this.position++;
    }
    return token;
  }

  private readonly fail = (message: string): never => {
    throw new LabelSelectorError(
      `unable to parse requirement: ${message} in "${this.text}"`,
    );
  };
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateKey(key: string, fail: (message: string) => never) {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    fail(`invalid label key "${key}": prefix part must be a DNS subdomain`);
  }
  if (name.length > 63 || !NAME.test(name)) {
    fail(`invalid label key "${key}": name part must be a valid label name`);
  }
}

function validateValue(value: string, fail: (message: string) => never) {
  if (value.length > 63 || (value !== '' && !NAME.test(value))) {
    fail(`invalid label value: "${value}"`);
  }
}

export function parseLabelSelector(text: string | undefined): LabelSelector {
  const requirements = new Parser(text ?? '').parse();
  return {
    requirements,
    isEmpty: requirements.length === 0,
    matches: labels => requirements.every(r => matchesRequirement(r, labels)),
  };
}

function matchesRequirement(requirement: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, requirement.key);
  const value = has ? labels![requirement.key] : undefined;
  switch (requirement.operator) {
    case 'in':
      return has && requirement.values.includes(value!);
    case 'notin':
      return !has || !requirement.values.includes(value!);
    case 'exists':
      return has;
    case 'doesnotexist':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(value!)) {
        return false;
      }
      const actual = Number(value);
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}
