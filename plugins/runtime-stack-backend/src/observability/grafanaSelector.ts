import { InputError } from '@backstage/errors';

/**
 * The `grafana/dashboard-selector` annotation of the Backstage Grafana
 * plugin: a small expression over a dashboard's fields, e.g.
 *
 *   tags @> 'payments'
 *   (tags @> 'backend' || tags @> 'payments') && url != ''
 *   folderTitle == 'Payments'
 *
 * or, as the plugin's older plain form, a single word that names a tag.
 * The plugin evaluates it with a general expression library (jsep); this
 * is the subset annotations use, parsed here so a bad annotation is a clear
 * error at a position instead of a surprise.
 */

export type SelectorField = 'title' | 'tags' | 'url' | 'folderTitle';

export type SelectorOperand =
  | { kind: 'field'; field: Exclude<SelectorField, 'tags'> }
  | { kind: 'string'; value: string };

export type SelectorNode =
  | { kind: 'and' | 'or'; operands: SelectorNode[] }
  | {
      kind: 'compare';
      op: '==' | '!=';
      left: SelectorOperand;
      right: SelectorOperand;
    }
  /** `tags @> 'x'`: the dashboard has the tag. */
  | { kind: 'hasTag'; tag: string };

/** The fields a selector reads; `GrafanaDashboard` has them all. */
export interface SelectableDashboard {
  title: string;
  tags: string[];
  url: string;
  folderTitle?: string;
}

const FIELDS: readonly SelectorField[] = [
  'title',
  'tags',
  'url',
  'folderTitle',
];
/** The plugin's test for its plain form: one word, nothing else. */
const BARE_TAG = /^[\w-]+$/;

type Token =
  | { type: '(' | ')' | '&&' | '||' | '==' | '!=' | '@>' | 'end'; at: number }
  | { type: 'identifier'; name: string; at: number }
  | { type: 'string'; value: string; at: number };

const describeToken = (token: Token): string => {
  switch (token.type) {
    case 'end':
      return 'the end';
    case 'identifier':
      return `'${token.name}'`;
    case 'string':
      return `the string '${token.value}'`;
    default:
      return `'${token.type}'`;
  }
};

/** Internal: turned into an InputError that quotes the whole expression. */
class SelectorSyntaxError extends Error {
  constructor(readonly reason: string, readonly at: number) {
    super(reason);
  }
}

const OPERATORS = ['&&', '||', '==', '!=', '@>'] as const;
/** Mistakes worth a hint: a single character of a two-character operator. */
const HINTS: Record<string, string> = {
  '=': "'==' compares",
  '&': "'&&' means and",
  '|': "'||' means or",
  '@': "'@>' tests for a tag",
  '!': "only '!=' negates",
  ':': "a tag with other characters than letters, digits, _ and - is written tags @> '…'",
};

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const char = expression[i];
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === '(' || char === ')') {
      tokens.push({ type: char, at: i });
      i++;
      continue;
    }
    const at = i;
    const operator = OPERATORS.find(op => expression.startsWith(op, at));
    if (operator) {
      tokens.push({ type: operator, at });
      i += 2;
      continue;
    }
    if (char === "'" || char === '"') {
      const start = i;
      let value = '';
      i++;
      while (i < expression.length && expression[i] !== char) {
        // A backslash keeps the next character, so 'it\'s' reads as it's.
        if (expression[i] === '\\' && i + 1 < expression.length) i++;
        value += expression[i];
        i++;
      }
      if (i >= expression.length) {
        throw new SelectorSyntaxError('the string is not closed', start);
      }
      i++;
      tokens.push({ type: 'string', value, at: start });
      continue;
    }
    const identifier = /^[A-Za-z_][\w]*/.exec(expression.slice(i));
    if (identifier) {
      tokens.push({ type: 'identifier', name: identifier[0], at: i });
      i += identifier[0].length;
      continue;
    }
    const hint = HINTS[char];
    throw new SelectorSyntaxError(
      `unexpected '${char}'${hint ? ` (${hint})` : ''}`,
      i,
    );
  }
  tokens.push({ type: 'end', at: expression.length });
  return tokens;
}

/** Recursive descent; && binds tighter than ||, as in JavaScript. */
class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): SelectorNode {
    const node = this.or();
    const next = this.peek();
    if (next.type !== 'end') {
      throw new SelectorSyntaxError(
        `expected '&&', '||' or the end, found ${describeToken(next)}`,
        next.at,
      );
    }
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private take(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'end') this.index++;
    return token;
  }

  private or(): SelectorNode {
    const operands = [this.and()];
    while (this.peek().type === '||') {
      this.take();
      operands.push(this.and());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private and(): SelectorNode {
    const operands = [this.primary()];
    while (this.peek().type === '&&') {
      this.take();
      operands.push(this.primary());
    }
    // Flattened, so `a && (b && c)` lists its tags like `a && b && c`.
    const flat = operands.flatMap(node =>
      node.kind === 'and' ? node.operands : [node],
    );
    return flat.length === 1 ? flat[0] : { kind: 'and', operands: flat };
  }

  private primary(): SelectorNode {
    const token = this.peek();
    if (token.type === '(') {
      this.take();
      const node = this.or();
      const close = this.take();
      if (close.type !== ')') {
        throw new SelectorSyntaxError(
          `expected ')' to close the '(' at position ${
            token.at + 1
          }, found ${describeToken(close)}`,
          close.at,
        );
      }
      return node;
    }
    return this.comparison();
  }

  private comparison(): SelectorNode {
    const leftToken = this.take();
    const left = this.operand(leftToken);
    const op = this.take();
    if (op.type === '@>') {
      if (left !== 'tags') {
        throw new SelectorSyntaxError(
          "'@>' needs tags on its left",
          leftToken.at,
        );
      }
      const value = this.take();
      if (value.type !== 'string') {
        throw new SelectorSyntaxError(
          `expected a quoted tag after '@>', found ${describeToken(value)}`,
          value.at,
        );
      }
      return { kind: 'hasTag', tag: value.value };
    }
    if (op.type !== '==' && op.type !== '!=') {
      throw new SelectorSyntaxError(
        `expected '==', '!=' or '@>', found ${describeToken(op)}`,
        op.at,
      );
    }
    const rightToken = this.take();
    const right = this.operand(rightToken);
    if (left === 'tags' || right === 'tags') {
      throw new SelectorSyntaxError(
        `tags is a list: test for a tag with tags @> '…'`,
        left === 'tags' ? leftToken.at : rightToken.at,
      );
    }
    if (left.kind === 'string' && right.kind === 'string') {
      throw new SelectorSyntaxError(
        'compares two strings: one side should be title, url or folderTitle',
        leftToken.at,
      );
    }
    return { kind: 'compare', op: op.type, left, right };
  }

  private operand(token: Token): SelectorOperand | 'tags' {
    if (token.type === 'string') return { kind: 'string', value: token.value };
    if (token.type === 'identifier') {
      const field = FIELDS.find(name => name === token.name);
      if (!field) {
        throw new SelectorSyntaxError(
          `unknown field '${token.name}' (expected title, tags, url or folderTitle; quote strings with ')`,
          token.at,
        );
      }
      return field === 'tags' ? 'tags' : { kind: 'field', field };
    }
    throw new SelectorSyntaxError(
      `expected a field or a quoted string, found ${describeToken(token)}`,
      token.at,
    );
  }
}

/**
 * Parses a dashboard selector; throws an InputError that names the
 * expression and the (1-based) position of the first problem.
 */
export function parseGrafanaSelector(expression: string): SelectorNode {
  const trimmed = expression.trim();
  if (BARE_TAG.test(trimmed)) return { kind: 'hasTag', tag: trimmed };
  try {
    if (!trimmed) throw new SelectorSyntaxError('it is empty', 0);
    return new Parser(tokenize(expression)).parse();
  } catch (error) {
    if (error instanceof SelectorSyntaxError) {
      throw new InputError(
        `Invalid Grafana dashboard selector "${expression}": ${
          error.reason
        } at position ${error.at + 1}`,
      );
    }
    throw error;
  }
}

const valueOf = (
  operand: SelectorOperand,
  dashboard: SelectableDashboard,
): string =>
  operand.kind === 'string' ? operand.value : dashboard[operand.field] ?? '';

function evaluate(node: SelectorNode, dashboard: SelectableDashboard): boolean {
  switch (node.kind) {
    case 'and':
      return node.operands.every(operand => evaluate(operand, dashboard));
    case 'or':
      return node.operands.some(operand => evaluate(operand, dashboard));
    case 'hasTag':
      return dashboard.tags.includes(node.tag);
    case 'compare': {
      const equal =
        valueOf(node.left, dashboard) === valueOf(node.right, dashboard);
      return node.op === '==' ? equal : !equal;
    }
    default:
      return false;
  }
}

/** Whether a dashboard matches a selector (an expression or a parsed one). */
export function matchesGrafanaSelector(
  selector: string | SelectorNode,
  dashboard: SelectableDashboard,
): boolean {
  const node =
    typeof selector === 'string' ? parseGrafanaSelector(selector) : selector;
  return evaluate(node, dashboard);
}

/**
 * Parses once (throwing on bad syntax) and returns the test to run on each
 * dashboard.
 */
export function compileDashboardSelector(
  expression: string,
): (dashboard: SelectableDashboard) => boolean {
  const node = parseGrafanaSelector(expression);
  return dashboard => evaluate(node, dashboard);
}

/**
 * Tags every match must have, for the search API to narrow by before the
 * selector filters: the `tags @> 'x'` terms of a top-level conjunction.
 * Anything else (an `||` at the top, no tag term) gives [], i.e. search
 * everything and filter.
 */
export function selectorTags(selector: string | SelectorNode): string[] {
  const node =
    typeof selector === 'string' ? parseGrafanaSelector(selector) : selector;
  const terms = node.kind === 'and' ? node.operands : [node];
  const tags = terms.flatMap(term =>
    term.kind === 'hasTag' ? [term.tag] : [],
  );
  return [...new Set(tags)];
}
