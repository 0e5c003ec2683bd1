import { InputError } from '@backstage/errors';
import { parseInput } from '@internal/backstage-plugin-runtime-stack-common';
import { z } from 'zod';
import type { Page, PageOf, SortKey } from './OwnershipStore';

const PAGE_PARAMS = ['limit', 'offset', 'cursor'];

const cursorSchema = z.strictObject({
  query: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.array(z.string())]),
  ),
  after: z.array(z.union([z.string(), z.number()])).min(1),
});

type ListQuery = { limit: number; offset: number };

/** The query without its page parameters: what a cursor must carry on. */
function filterParams(query: object) {
  return Object.fromEntries(
    Object.entries(query).filter(
      ([name, value]) => !PAGE_PARAMS.includes(name) && value !== undefined,
    ),
  );
}

/**
 * A list route's query, and the page it asks for. A `cursor` (from a previous
 * page's `nextCursor`) stands for the query it continues, so it comes with
 * a `limit` at most; the query itself is checked again, as if sent.
 */
export function parseListQuery<Q extends ListQuery>(
  schema: z.ZodType<Q>,
  raw: Record<string, unknown>,
): { query: Q; page: Page } {
  if (raw.cursor === undefined) {
    const query = parseInput(schema, raw, 'query');
    return { query, page: { limit: query.limit, offset: query.offset } };
  }
  const { cursor, limit, ...rest } = raw;
  const others = Object.keys(rest);
  if (others.length > 0) {
    throw new InputError(
      `Invalid query: cursor comes with limit only, it carries the rest of the query it continues (remove ${others.join(
        ', ',
      )})`,
    );
  }
  const decoded = cursorSchema.safeParse(decodeCursor(cursor));
  if (!decoded.success) {
    throw new InputError(
      'Invalid query: cursor is not one this API gave out; start again without it',
    );
  }
  const query = parseInput(
    schema,
    { ...decoded.data.query, ...(limit !== undefined ? { limit } : {}) },
    'cursor',
  );
  return { query, page: { limit: query.limit, after: decoded.data.after } };
}

function decodeCursor(cursor: unknown): unknown {
  if (typeof cursor !== 'string') return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A page as the API answers it: the items, the count on offset pages, and a
 * `nextCursor` to fetch what follows without counting or skipping rows again.
 */
export function pageResponse<T>(
  query: ListQuery,
  page: Page,
  result: PageOf<T>,
) {
  return {
    items: result.items,
    ...(result.totalCount !== undefined
      ? { totalCount: result.totalCount }
      : {}),
    limit: page.limit,
    ...('offset' in page ? { offset: page.offset } : {}),
    ...(result.next ? { nextCursor: encodeCursor(query, result.next) } : {}),
  };
}

function encodeCursor(query: object, after: SortKey): string {
  return Buffer.from(
    JSON.stringify({ query: filterParams(query), after }),
    'utf8',
  ).toString('base64url');
}
