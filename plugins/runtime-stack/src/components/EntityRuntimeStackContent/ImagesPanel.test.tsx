import type {
  EntityImages,
  ServiceImage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { ImagesPanel } from './ImagesPanel';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const pod = (name: string, container: string, d?: string) => ({
  cluster: 'prod-eu-1',
  namespace: 'payments',
  pod: name,
  container,
  ...(d ? { digest: d } : {}),
});

const images: EntityImages = {
  entityRef: 'component:default/payments-api',
  images: [
    {
      reference: 'registry.example.com/payments/payments-api:1.14.2',
      registry: 'registry.example.com',
      repository: 'payments/payments-api',
      tag: '1.14.2',
      running: [
        pod('a', 'app', digest('a')),
        pod('b', 'app', digest('a')),
        pod('c', 'app', digest('c')),
      ],
      declared: true,
      registryConfigured: true,
      checkedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      current: {
        tag: '1.14.2',
        digest: digest('b'),
        created: '2026-10-25T09:00:00Z',
        source: 'https://github.com/example/payments-api',
        revision: '0123456789abcdef0123',
      },
      newest: [
        { tag: '1.15.0', digest: digest('d'), created: '2026-11-28T09:00:00Z' },
        { tag: '1.14.2', digest: digest('b') },
      ],
      drift: [
        {
          kind: 'digest-mismatch',
          message:
            'Tag 1.14.2 now points to sha256:bbbbbbbbbbbb…, but 3 pods run another digest',
          evidence: ['prod-eu-1: pod payments/a'],
          facts: { tag: '1.14.2', tagDigest: digest('b'), pods: 3 },
        },
      ],
    },
    {
      reference: 'docker.io/istio/proxyv2:1.23.2',
      registry: 'docker.io',
      repository: 'istio/proxyv2',
      tag: '1.23.2',
      // The sidecar and its init container in the same two pods.
      running: [
        pod('a', 'istio-proxy', digest('e')),
        pod('a', 'istio-init', digest('e')),
        pod('b', 'istio-proxy', digest('e')),
        pod('b', 'istio-init', digest('e')),
      ],
      declared: false,
      registryConfigured: false,
      newest: [],
      drift: [],
    },
  ],
};

/** Renders the panel with the first image changed and `others` after it. */
const renderWithFirstImage = (
  changes: Partial<ServiceImage>,
  others: ServiceImage[] = [],
) =>
  renderInTestApp(
    <ImagesPanel
      value={{
        ...images,
        images: [{ ...images.images[0], ...changes }, ...others],
      }}
    />,
  );

describe('ImagesPanel', () => {
  it('says where an image runs by pods, not containers, and what the registry holds', async () => {
    await renderInTestApp(<ImagesPanel value={images} />);
    const [, appRow, proxyRow] = within(
      screen.getByRole('table', { name: 'Images' }),
    ).getAllByRole('row');

    expect(within(appRow).getByText('3 pods on prod-eu-1')).toBeInTheDocument();
    expect(
      within(appRow).getByText('2 different digests across its pods'),
    ).toBeInTheDocument();
    expect(within(appRow).getByText('sha256:aaaaaaaaaaaa')).toBeInTheDocument();
    expect(within(appRow).getByText('sha256:cccccccccccc')).toBeInTheDocument();
    expect(within(appRow).getByText('newest: 1.15.0')).toBeInTheDocument();
    expect(
      within(appRow).getByRole('link', { name: /^source/ }),
    ).toHaveAttribute('href', 'https://github.com/example/payments-api');
    expect(within(appRow).getByText('0123456789ab')).toBeInTheDocument();
    expect(
      within(appRow).getByText('registry read 5 min ago'),
    ).toBeInTheDocument();
    expect(within(appRow).getByText('tag moved')).toBeInTheDocument();
    expect(
      within(appRow).getByText(
        'Tag 1.14.2 now points to sha256:bbbbbbbbbbbb…, but 3 pods run another digest',
      ),
    ).toBeInTheDocument();

    expect(
      within(proxyRow).getByText('2 pods on prod-eu-1'),
    ).toBeInTheDocument();
    expect(
      within(proxyRow).getByText('containers istio-proxy, istio-init'),
    ).toBeInTheDocument();
    expect(
      within(proxyRow).getByText(/Registry not configured/),
    ).toBeInTheDocument();
    // Without a registry nothing was compared: no drift found is not none.
    expect(within(proxyRow).getByText('not checked')).toBeInTheDocument();
    expect(within(proxyRow).queryByText('none')).toBeNull();
  });

  it('shows the cluster scanner’s counts once per distinct result, and names the report', async () => {
    const scan = (cluster: string, critical: number, scannedAt: string) => ({
      cluster,
      namespace: 'payments',
      report: 'replicaset-payments-api-7d9f8b6c5-app',
      container: 'app',
      scanner: 'Trivy 0.52.0',
      scannedAt,
      counts: { critical, high: 4, medium: 0, low: 2 },
    });
    const hoursAgo = (h: number) =>
      new Date(Date.now() - h * 3_600_000).toISOString();
    await renderWithFirstImage(
      {
        scans: [
          scan('prod-eu-1', 1, hoursAgo(3)),
          // The same image, the same result, on another cluster.
          scan('prod-us-1', 1, hoursAgo(5)),
        ],
      },
      [images.images[1]],
    );
    const [, appRow, proxyRow] = within(
      screen.getByRole('table', { name: 'Images' }),
    ).getAllByRole('row');
    const lines = within(appRow).getAllByText(/^Trivy 0\.52\.0/);
    expect(lines.map(l => l.textContent)).toEqual([
      'Trivy 0.52.0, 3 h ago: 1 critical · 4 high · 0 medium · 2 low',
    ]);
    expect(lines[0].parentElement).toHaveAttribute(
      'title',
      'VulnerabilityReport payments/replicaset-payments-api-7d9f8b6c5-app on prod-eu-1, for container app',
    );
    expect(within(proxyRow).queryByText(/Trivy/)).not.toBeInTheDocument();
  });

  it('does not offer the current tag as the newest one', async () => {
    await renderWithFirstImage({
      newest: [images.images[0].newest[1]],
      drift: [],
    });
    expect(screen.getByText('1.14.2 →', { exact: false })).toBeInTheDocument();
    expect(screen.queryByText(/^newest:/)).not.toBeInTheDocument();
  });

  it('shows what a pinned digest no tag points to holds, under no tag', async () => {
    await renderWithFirstImage({
      reference: `registry.example.com/payments/payments-api@${digest('f')}`,
      tag: undefined,
      digest: digest('f'),
      current: {
        tag: '',
        digest: digest('f'),
        created: '2026-10-01T09:00:00Z',
        revision: 'fedcba9876543210',
      },
      drift: [
        {
          kind: 'digest-mismatch',
          message: 'No tag in the registry points to the pinned digest',
          evidence: [`No tag points to ${digest('f')}`],
          facts: { pods: 3 },
        },
      ],
    });
    const [, row] = screen.getAllByRole('row');
    expect(within(row).getByTitle(digest('f'))).toHaveTextContent(
      /^sha256:ffffffffffff$/,
    );
    expect(within(row).queryByText(/→/)).not.toBeInTheDocument();
    expect(within(row).getByText(/^built 2026-10-01/)).toBeInTheDocument();
    expect(within(row).getByText('fedcba987654')).toBeInTheDocument();
    expect(within(row).getByText('tag moved')).toBeInTheDocument();
    expect(
      within(row).getByText(
        'No tag in the registry points to the pinned digest',
      ),
    ).toBeInTheDocument();
  });

  it('tells a tag the registry lists but was not read from one it does not have', async () => {
    const render = (extra: Partial<ServiceImage>) =>
      renderWithFirstImage({ current: undefined, ...extra });
    const unread = await render({ tagNotRead: true, tagCount: 50 });
    expect(
      screen.getByText(
        'tag 1.14.2 is in the registry, not read: only tags in a workload template or annotation, and the newest versions, are',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/is not in the registry/),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/^newest: 1\.15\.0/)).toHaveTextContent(
      'newest: 1.15.0 of 50 tags',
    );
    unread.unmount();

    await render({});
    expect(
      screen.getByText('tag 1.14.2 is not in the registry'),
    ).toBeInTheDocument();
  });

  it('says a configured registry was not read yet, rather than that it lacks the tag or that nothing drifted', async () => {
    await renderWithFirstImage({
      checkedAt: undefined,
      current: undefined,
      newest: [],
      drift: [],
    });
    expect(
      screen.getByText(
        'Not read from the registry yet: the next registry collection reads it.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/is not in the registry/),
    ).not.toBeInTheDocument();
    const [, row] = screen.getAllByRole('row');
    expect(within(row).getByText('not checked')).toBeInTheDocument();
    expect(within(row).queryByText('none')).not.toBeInTheDocument();
  });

  it('speaks the words an app installs for the plugin', async () => {
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'imagesPanel.columns.drift': 'Abweichung',
        'imagesPanel.running.podsOn_one': '{{count}} Pod auf {{cluster}}',
        'imagesPanel.running.podsOn_other': '{{count}} Pods auf {{cluster}}',
        'imagesPanel.registry.newest': 'neueste: {{tag}}',
        'imagesPanel.drift.digestMismatch': 'Tag verschoben',
        'imagesPanel.driftMessage.digestMismatch_other':
          'Tag {{tag}} zeigt jetzt auf {{digest}}…, {{count}} Pods laufen mit anderem Digest',
      },
    });
    await renderInTestApp(<ImagesPanel value={images} />, {
      features: [translationModule(german)],
    });
    const table = screen.getByRole('table', { name: 'Images' });
    const [, appRow] = within(table).getAllByRole('row');

    expect(
      within(table).getByRole('columnheader', { name: 'Abweichung' }),
    ).toBeInTheDocument();
    expect(
      within(appRow).getByText('3 Pods auf prod-eu-1'),
    ).toBeInTheDocument();
    expect(within(appRow).getByText('neueste: 1.15.0')).toBeInTheDocument();
    expect(within(appRow).getByText('Tag verschoben')).toBeInTheDocument();
    expect(
      within(appRow).getByText(
        'Tag 1.14.2 zeigt jetzt auf sha256:bbbbbbbbbbbb…, 3 Pods laufen mit anderem Digest',
      ),
    ).toBeInTheDocument();
  });
});
