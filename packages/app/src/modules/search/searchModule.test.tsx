import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import { searchApiRef, type SearchApi } from '@backstage/plugin-search-react';
import techdocsPlugin from '@backstage/plugin-techdocs/alpha';
import runtimeStackPlugin from '@internal/backstage-plugin-runtime-stack';
import { screen, waitFor, within } from '@testing-library/react';
import { searchModule } from '.';

/** The document types the portal's backend has indexes for. */
const INDEXED_TYPES = ['software-catalog', 'runtime-stack'];

/**
 * The search backend as the portal runs it: a query naming a type without
 * an index fails (the backend's 500, "Missing index for techdocs").
 */
function portalSearchApi() {
  const query = jest.fn<
    ReturnType<SearchApi['query']>,
    Parameters<SearchApi['query']>
  >(async ({ types }) => {
    const missing = (types ?? []).filter(t => !INDEXED_TYPES.includes(t));
    if (missing.length > 0) {
      throw new Error(`Missing index for ${missing.join(',')}`);
    }
    return { results: [], numberOfResults: 0 };
  });
  return { query } satisfies SearchApi;
}

/**
 * The search page for `payments`, with the plugins that offer result types
 * in the portal (TechDocs among them) and this module; returns the page's
 * Result Type list and the search API's calls.
 */
async function renderSearchPage(extensionsConfig: object[] = []) {
  const searchApi = portalSearchApi();
  renderTestApp({
    features: [
      catalogPlugin,
      searchPlugin,
      techdocsPlugin,
      runtimeStackPlugin,
      searchModule,
    ],
    apis: [
      [searchApiRef, searchApi],
      // The page's Kind filter asks the catalog for its kinds.
      mockApis.fetch({
        baseImplementation: async () =>
          new Response(JSON.stringify({ facets: { kind: [] } }), {
            headers: { 'Content-Type': 'application/json' },
          }),
      }),
    ],
    config: {
      app: { extensions: extensionsConfig },
      backend: { baseUrl: 'http://localhost:7007' },
      techdocs: {
        storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
      },
    },
    initialRouteEntries: ['/search?query=payments'],
  });
  const heading = await screen.findByText('Result Type');
  const resultTypes = within(
    (heading.closest('.MuiCard-root') as HTMLElement | null) ?? document.body,
  );
  // The types come with the page: by then every one is listed.
  await resultTypes.findByText('Runtime stack');
  return { resultTypes, searchApi };
}

describe('searchModule', () => {
  it('offers on the search page only the types the backend indexes', async () => {
    const { resultTypes, searchApi } = await renderSearchPage();

    expect(resultTypes.getByText('Software Catalog')).toBeInTheDocument();
    expect(resultTypes.getByText('Runtime stack')).toBeInTheDocument();
    expect(resultTypes.queryByText('Documentation')).not.toBeInTheDocument();

    // With its counts, the page asks about each type it offers; never about
    // one the backend has no index for.
    await waitFor(() => {
      const asked = searchApi.query.mock.calls.flatMap(([q]) => q.types ?? []);
      expect(asked).toEqual(
        expect.arrayContaining(['software-catalog', 'runtime-stack']),
      );
    });
    const asked = searchApi.query.mock.calls.flatMap(([q]) => q.types ?? []);
    expect(asked.filter(t => !INDEXED_TYPES.includes(t))).toEqual([]);
  });

  it('is what keeps TechDocs’ type off: config can turn it back on', async () => {
    const { resultTypes, searchApi } = await renderSearchPage([
      { 'search-filter-result-type:techdocs': true },
    ]);

    expect(await resultTypes.findByText('Documentation')).toBeInTheDocument();
    await waitFor(() =>
      expect(searchApi.query).toHaveBeenCalledWith(
        expect.objectContaining({ types: ['techdocs'] }),
        expect.anything(),
      ),
    );
  });
});
