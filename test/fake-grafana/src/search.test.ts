import { buildCatalog, slugify } from './catalog';
import { search, searchParams } from './search';
import type { FakeDashboard } from './types';

const dashboards: FakeDashboard[] = [
  {
    uid: 'pay',
    title: 'Payments API',
    tags: ['payments', 'backend'],
    folderTitle: 'Payments',
  },
  {
    uid: 'led',
    title: 'payments ledger',
    tags: ['payments'],
    folderTitle: 'Payments',
  },
  { uid: 'chk', title: 'Checkout', tags: ['checkout', 'backend'] },
  { uid: 'zed', title: 'Zed', tags: [] },
];
const catalog = buildCatalog(dashboards);
const find = (query: string) =>
  search(catalog, searchParams(new URLSearchParams(query)));
const titles = (query: string) => find(query).map(hit => hit.title);

describe('slugify', () => {
  it.each([
    ['Payments API', 'payments-api'],
    ['Ingress NGINX / Controller', 'ingress-nginx-controller'],
    ['  --cert-manager--  ', 'cert-manager'],
  ])('%s → %s', (title, slug) => expect(slugify(title)).toBe(slug));
});

describe('search', () => {
  it('sorts by title, ignoring case, folders and dashboards alike', () => {
    expect(titles('')).toEqual([
      'Checkout',
      'Payments',
      'Payments API',
      'payments ledger',
      'Zed',
    ]);
  });

  it('keeps to a type', () => {
    expect(titles('type=dash-db')).toEqual([
      'Checkout',
      'Payments API',
      'payments ledger',
      'Zed',
    ]);
    expect(titles('type=dash-folder')).toEqual(['Payments']);
  });

  it('matches a query as a case-insensitive part of the title', () => {
    expect(titles('type=dash-db&query=PAYMENTS')).toEqual([
      'Payments API',
      'payments ledger',
    ]);
    expect(titles('query=ledg')).toEqual(['payments ledger']);
    expect(titles('query=nothing')).toEqual([]);
  });

  it('requires every tag given', () => {
    expect(titles('tag=payments')).toEqual(['Payments API', 'payments ledger']);
    expect(titles('tag=payments&tag=backend')).toEqual(['Payments API']);
    expect(titles('tag=backend&query=check')).toEqual(['Checkout']);
    // Tags are compared as they are written.
    expect(titles('tag=Payments')).toEqual([]);
  });

  it('pages with limit and a 1-based page', () => {
    expect(titles('type=dash-db&limit=2')).toEqual([
      'Checkout',
      'Payments API',
    ]);
    expect(titles('type=dash-db&limit=2&page=2')).toEqual([
      'payments ledger',
      'Zed',
    ]);
    expect(titles('type=dash-db&limit=2&page=3')).toEqual([]);
  });

  it('falls back to defaults for numbers it cannot use, like Grafana', () => {
    expect(searchParams(new URLSearchParams('limit=abc&page=0'))).toMatchObject(
      { limit: 1000, page: 1 },
    );
    expect(searchParams(new URLSearchParams('limit=99999')).limit).toBe(5000);
  });

  it('answers with Grafana search hits', () => {
    const [api] = find('query=Payments API');
    expect(api).toEqual({
      id: 1,
      uid: 'pay',
      title: 'Payments API',
      uri: 'db/payments-api',
      url: '/d/pay/payments-api',
      slug: '',
      type: 'dash-db',
      tags: ['payments', 'backend'],
      isStarred: false,
      folderId: 5,
      folderUid: 'payments',
      folderTitle: 'Payments',
      folderUrl: '/dashboards/f/payments/payments',
      sortMeta: 0,
    });
    // In General: no folder fields at all.
    expect(Object.keys(find('query=Zed')[0])).not.toContain('folderId');
    expect(find('type=dash-folder')[0]).toEqual({
      id: 5,
      uid: 'payments',
      title: 'Payments',
      uri: 'db/payments',
      url: '/dashboards/f/payments/payments',
      slug: '',
      type: 'dash-folder',
      tags: [],
      isStarred: false,
      sortMeta: 0,
    });
  });

  it('refuses duplicate or invalid uids', () => {
    expect(() =>
      buildCatalog([
        { uid: 'a', title: 'A', tags: [] },
        { uid: 'a', title: 'B', tags: [] },
      ]),
    ).toThrow("Duplicate dashboard uid 'a'");
    expect(() => buildCatalog([{ uid: 'a b', title: 'A', tags: [] }])).toThrow(
      /Invalid dashboard uid 'a b'/,
    );
  });
});
