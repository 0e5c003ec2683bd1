import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import type { EffectiveOwner } from '@internal/backstage-plugin-runtime-stack-common';
import { screen } from '@testing-library/react';
import { CapabilityOwners } from './CapabilityOwners';
import { renderWithClient } from '../../__testUtils__/runtimeStackClient';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';

const fromCluster = (cluster: string): EffectiveOwner => ({
  owner: 'group:default/platform-team',
  responsibility: 'operates',
  inheritedFrom: { kind: 'cluster', ref: cluster, source: 'store' },
  via: 'capability',
  recordId: `rec-${cluster}`,
  version: 1,
});

describe('CapabilityOwners', () => {
  it('lists the same group once per cluster it owns the capability on', async () => {
    const keyWarnings = jest.spyOn(console, 'error');
    try {
      await renderWithClient(
        <CapabilityOwners
          owners={[fromCluster('prod-eu-1'), fromCluster('prod-us-1')]}
        />,
      );
      // Awaited so that the owners' titles settle, and the check of keys
      // below covers that render too.
      expect(
        await screen.findByText('operates · inherited from cluster prod-eu-1'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('operates · inherited from cluster prod-us-1'),
      ).toBeInTheDocument();
      expect(
        keyWarnings.mock.calls.filter(([message]) =>
          String(message).includes('same key'),
        ),
      ).toEqual([]);
    } finally {
      keyWarnings.mockRestore();
    }
  });

  it('names the clusters an inherited owner holds on beside a cluster of its own', async () => {
    await renderWithClient(
      <CapabilityOwners
        owners={[
          { ...fromCluster('prod-eu-1'), clusters: ['prod-eu-1'] },
          {
            owner: 'group:default/us-ops',
            responsibility: 'operates',
            inheritedFrom: {
              kind: 'organization',
              ref: 'organization',
              source: 'config',
            },
            via: 'layer',
            clusters: ['prod-us-1'],
          },
        ]}
      />,
    );
    expect(
      await screen.findByText(
        'operates · organisation default, for the whole layer',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('cluster prod-us-1')).toBeInTheDocument();
    // prod-eu-1's own owner already says which cluster.
    expect(screen.queryByText('cluster prod-eu-1')).not.toBeInTheDocument();
  });

  it("says what each group does in the app's words, and an unknown responsibility as sent", async () => {
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'entityContent.responsibility.operates': 'betreibt',
        'entityContent.owners.inherited': 'geerbt von {{scope}}',
        'entityContent.owners.clusterScope': 'Cluster {{name}}',
      },
    });
    await renderWithClient(
      <CapabilityOwners
        owners={[
          fromCluster('prod-eu-1'),
          // From a newer backend than this plugin knows.
          { ...fromCluster('prod-us-1'), responsibility: 'audits' as never },
        ]}
      />,
      {},
      [],
      [translationModule(german)],
    );
    expect(
      await screen.findByText('betreibt · geerbt von Cluster prod-eu-1'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('audits · geerbt von Cluster prod-us-1'),
    ).toBeInTheDocument();
  });
});
