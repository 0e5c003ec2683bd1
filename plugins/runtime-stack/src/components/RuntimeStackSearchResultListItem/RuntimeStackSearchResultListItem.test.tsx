import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { RuntimeStackSearchResultListItem } from './RuntimeStackSearchResultListItem';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';

const result = {
  title: 'Payments API · runtime stack',
  text: '89% of 13 required capabilities covered under the tier-1 profile. Runs with Linkerd (Service mesh).',
  location: '/catalog/default/component/payments-api/runtime-stack',
  entityRef: 'component:default/payments-api',
  owner: 'group:default/payments',
  profile: 'tier-1',
  coverage: 0.996,
  required: 13,
  gapCount: 1,
  tools: ['Linkerd'],
};

describe('RuntimeStackSearchResultListItem', () => {
  it('links the Runtime stack tab and shows coverage, gaps and owner', async () => {
    await renderInTestApp(<RuntimeStackSearchResultListItem result={result} />);
    expect(
      screen.getByRole('link', { name: 'Payments API · runtime stack' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/runtime-stack',
    );
    expect(screen.getByText(/Runs with Linkerd/)).toBeInTheDocument();
    // One gap left: never rounded up to 100%.
    expect(screen.getByText('coverage: 99%')).toBeInTheDocument();
    expect(screen.getByText('1 gap')).toBeInTheDocument();
    expect(screen.getByText('owner: payments')).toBeInTheDocument();
  });

  it("names the owner by the Group's title where the document has it", async () => {
    await renderInTestApp(
      <RuntimeStackSearchResultListItem
        result={{ ...result, ownerTitle: 'Payments team' }}
      />,
    );
    expect(screen.getByText('owner: Payments team')).toBeInTheDocument();
  });

  it('says a service requiring nothing has nothing required, not 100% coverage', async () => {
    await renderInTestApp(
      <RuntimeStackSearchResultListItem
        result={{
          ...result,
          coverage: 1,
          required: 0,
          exemptCount: 0,
          gapCount: 0,
        }}
      />,
    );
    expect(screen.getByText('nothing required')).toBeInTheDocument();
    expect(screen.queryByText(/coverage:/)).toBeNull();
  });

  it('says every required capability is exempt, not that nothing is required', async () => {
    await renderInTestApp(
      <RuntimeStackSearchResultListItem
        result={{
          ...result,
          coverage: 1,
          required: 0,
          exemptCount: 13,
          gapCount: 0,
        }}
      />,
    );
    expect(screen.getByText('all exempt')).toBeInTheDocument();
    expect(screen.queryByText('nothing required')).toBeNull();
    expect(screen.queryByText(/coverage:/)).toBeNull();
  });

  it('counts the exempt capabilities beside the coverage of the others', async () => {
    await renderInTestApp(
      <RuntimeStackSearchResultListItem
        result={{ ...result, required: 11, exemptCount: 2 }}
      />,
    );
    expect(screen.getByText('coverage: 99%')).toBeInTheDocument();
    expect(screen.getByText('2 exempt')).toBeInTheDocument();
  });

  it('tells the tools seen running from those only named', async () => {
    await renderInTestApp(
      <RuntimeStackSearchResultListItem
        result={{
          ...result,
          tools: ['Argo CD', 'Linkerd'],
          confirmedTools: ['Argo CD'],
        }}
      />,
    );
    expect(screen.getByText('runs Argo CD')).toBeInTheDocument();
    expect(screen.getByText('Linkerd, not confirmed')).toBeInTheDocument();
    expect(screen.queryByText('runs Linkerd')).toBeNull();
  });

  it('reads a document indexed before it counted the exempt capabilities or confirmed tools', async () => {
    // Nothing required or all exempt: it cannot tell, so it says neither.
    await renderInTestApp(
      <RuntimeStackSearchResultListItem
        result={{ ...result, coverage: 1, required: 0, gapCount: 0 }}
      />,
    );
    expect(screen.queryByText('nothing required')).toBeNull();
    expect(screen.queryByText('all exempt')).toBeNull();
    // Its tools may be only declared: no chip calls them running.
    expect(screen.queryByText('runs Linkerd')).toBeNull();
    expect(screen.queryByText(/not confirmed/)).toBeNull();
    expect(screen.getByText('no gaps')).toBeInTheDocument();
  });

  it('reads a document indexed before it counted the required capabilities', async () => {
    const { required, ...older } = result;
    const { unmount } = await renderInTestApp(
      <RuntimeStackSearchResultListItem result={older} />,
    );
    expect(screen.getByText('coverage: 99%')).toBeInTheDocument();
    unmount();

    // At 1 it may be full coverage or nothing required: no figure rather than a wrong one.
    await renderInTestApp(
      <RuntimeStackSearchResultListItem
        result={{ ...older, coverage: 1, gapCount: 0 }}
      />,
    );
    expect(screen.queryByText(/coverage:/)).toBeNull();
    expect(screen.getByText('no gaps')).toBeInTheDocument();
  });

  it('marks the words the search matched', async () => {
    await renderInTestApp(
      <RuntimeStackSearchResultListItem
        result={{ ...result, gapCount: 0 }}
        highlight={{
          preTag: '<m>',
          postTag: '</m>',
          fields: { text: 'Runs with <m>Linkerd</m> (Service mesh).' },
        }}
      />,
    );
    expect(screen.getByText('Linkerd').tagName).toBe('MARK');
    expect(screen.getByText('no gaps')).toBeInTheDocument();
  });

  it('speaks the words an app installs for the plugin', async () => {
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'searchResult.coverage': 'Abdeckung {{percent}}',
        'searchResult.gaps_one': '{{count}} Lücke',
        'searchResult.owner': 'Eigentümer {{owner}}',
      },
    });
    await renderInTestApp(
      <RuntimeStackSearchResultListItem result={result} />,
      {
        features: [translationModule(german)],
      },
    );
    expect(screen.getByText('Abdeckung 99%')).toBeInTheDocument();
    expect(screen.getByText('1 Lücke')).toBeInTheDocument();
    expect(screen.getByText('Eigentümer payments')).toBeInTheDocument();
  });

  it('renders nothing without a result', async () => {
    await renderInTestApp(
      <div data-testid="holder">
        <RuntimeStackSearchResultListItem />
      </div>,
    );
    expect(screen.getByTestId('holder')).toBeEmptyDOMElement();
  });
});
