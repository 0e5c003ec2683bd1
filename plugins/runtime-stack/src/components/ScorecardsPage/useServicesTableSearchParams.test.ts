import { NO_FILTERS } from './serviceQuery';
import {
  readServicesTableState,
  servicesTableParams,
} from './useServicesTableSearchParams';

const LAYERS = [0, 1, 2, 3, 4, 5, 6];
const read = (query: string) =>
  readServicesTableState(new URLSearchParams(query), LAYERS);

describe('readServicesTableState', () => {
  it('is the default table for an address that says nothing', () => {
    expect(read('')).toEqual({
      filters: NO_FILTERS,
      sort: undefined,
      page: 0,
      rowsPerPage: 25,
    });
  });

  it('reads every filter, the sort and the page', () => {
    expect(
      read(
        'services.search=pay&services.team=team-payments&services.system=system:default/payments' +
          '&services.lifecycle=production&services.profile=tier-1&services.layer=3&services.status=partial' +
          '&services.sort=gapCount&services.order=desc&services.page=3&services.rows=50',
      ),
    ).toEqual({
      filters: {
        search: 'pay',
        team: 'team-payments',
        system: 'system:default/payments',
        lifecycle: 'production',
        profile: 'tier-1',
        layer: '3',
        status: 'partial',
      },
      sort: { sort: 'gapCount', order: 'desc' },
      page: 2,
      rowsPerPage: 50,
    });
  });

  it.each([
    ['a layer the model lacks', 'services.layer=99&services.status=covered'],
    ['a layer that is no number', 'services.layer=three'],
    ['a status without a layer', 'services.status=missing'],
    ['an unknown sort', 'services.sort=owner;drop'],
    ['a page below the first', 'services.page=0'],
    ['a page that is no number', 'services.page=2x'],
    ['a page size not offered', 'services.rows=1000'],
    [
      'a search longer than the backend takes',
      `services.search=${'a'.repeat(256)}`,
    ],
    [
      'a lifecycle longer than the backend takes',
      `services.lifecycle=${'a'.repeat(65)}`,
    ],
    ['a NUL character', 'services.team=a%00b'],
    ['another tab’s parameter', 'layer=3&team=group:default/a'],
  ])('falls back to the default for %s', (_, query) => {
    expect(read(query)).toEqual(read(''));
  });

  it('starts a layer with its gaps when its status is missing or unknown', () => {
    expect(read('services.layer=3').filters.status).toBe('missing');
    expect(
      read('services.layer=3&services.status=not-required').filters.status,
    ).toBe('missing');
  });

  it('sorts ascending unless the address says descending', () => {
    expect(read('services.sort=ratio&services.order=sideways').sort).toEqual({
      sort: 'ratio',
      order: 'asc',
    });
  });

  it('takes any layer while the layer model loads', () => {
    const whileLoading = readServicesTableState(
      new URLSearchParams('services.layer=7'),
      undefined,
    );
    expect(whileLoading.filters.layer).toBe('7');
    expect(read('services.layer=7').filters.layer).toBe('');
  });
});

describe('servicesTableParams', () => {
  it('leaves out the defaults, so the address stays short', () => {
    expect(
      servicesTableParams({
        filters: NO_FILTERS,
        sort: undefined,
        page: 0,
        rowsPerPage: 25,
      }),
    ).toEqual({
      'services.search': undefined,
      'services.team': undefined,
      'services.system': undefined,
      'services.lifecycle': undefined,
      'services.profile': undefined,
      'services.layer': undefined,
      'services.status': undefined,
      'services.sort': undefined,
      'services.order': undefined,
      'services.page': undefined,
      'services.rows': undefined,
    });
  });

  it('touches only what changes', () => {
    expect(servicesTableParams({ page: 1 })).toEqual({ 'services.page': '2' });
  });

  it('reads back as it was written', () => {
    const state = {
      filters: { ...NO_FILTERS, search: 'a&b=c', layer: '0', status: 'exempt' },
      sort: { sort: 'evaluatedAt', order: 'desc' },
      page: 4,
      rowsPerPage: 100,
    } as const;
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(servicesTableParams(state))) {
      if (value !== undefined) params.set(name, value);
    }
    expect(readServicesTableState(params, LAYERS)).toEqual(state);
  });
});
