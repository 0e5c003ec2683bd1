import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { notificationsApiRef } from '@backstage/plugin-notifications';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import { MockSearchApi, searchApiRef } from '@backstage/plugin-search-react';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { navModule } from '.';

/** A plugin's own result item, as the search page installs it. */
const coverageResultItem = SearchResultListItemBlueprint.make({
  name: 'coverage',
  params: {
    predicate: result => result.type === 'runtime-stack',
    component: async () => props =>
      <div>coverage item: {props.result?.title}</div>,
  },
});

const searchApi = new MockSearchApi({
  results: [
    {
      type: 'runtime-stack',
      document: {
        title: 'Payments API · runtime stack',
        text: 'Runs with Linkerd (Service mesh).',
        location: '/catalog/default/component/payments-api/runtime-stack',
      },
    },
    {
      type: 'software-catalog',
      document: {
        title: 'ledger',
        text: 'The ledger service',
        location: '/catalog/default/component/ledger',
      },
    },
  ],
});

// The sidebar's Notifications link asks for the unread count.
const notificationsApi = {
  getStatus: async () => ({ unread: 0, read: 0 }),
} as unknown as typeof notificationsApiRef.T;

describe('SidebarContent', () => {
  it('renders the search modal’s results with the items the search page has', async () => {
    renderTestApp({
      features: [
        navModule,
        notificationsPlugin,
        searchPlugin,
        createFrontendModule({
          pluginId: 'search',
          extensions: [coverageResultItem],
        }),
      ],
      apis: [
        [searchApiRef, searchApi],
        [notificationsApiRef, notificationsApi],
      ],
    });

    await userEvent.click(await screen.findByText('Search'));
    const modal = await screen.findByRole('dialog');
    await userEvent.type(
      within(modal).getByRole('textbox', { name: 'Search' }),
      'payments',
    );
    expect(
      await within(modal).findByText(
        'coverage item: Payments API · runtime stack',
      ),
    ).toBeInTheDocument();
    // A type no item takes keeps the default item, linking the document.
    expect(within(modal).getByRole('link', { name: 'ledger' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger',
    );
    expect(within(modal).getAllByRole('listitem')).toHaveLength(2);
  });
});
