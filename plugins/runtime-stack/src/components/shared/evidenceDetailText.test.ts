import {
  describeEvidenceDetail,
  type EvidenceDetailParts,
} from '@internal/backstage-plugin-runtime-stack-common';
import { englishT } from '../../__testUtils__/translations';
import { evidenceDetailText } from './evidenceDetailText';

const image = 'ghcr.io/acme/api:1.2';
const address = 'https://github.com/acme/api';
const label = 'org.opencontainers.image.source';

describe('evidenceDetailText', () => {
  it.each<EvidenceDetailParts>([
    { kind: 'declared', annotation: 'runtime-stack.io/tools', ofSystem: false },
    { kind: 'declared', annotation: 'runtime-stack.io/tools', ofSystem: true },
    { kind: 'catalog-location', address },
    { kind: 'every-container', object: 'Deployment payments/api' },
    {
      kind: 'containers-lack',
      object: 'Deployment payments/api',
      containers: ['api'],
      check: 'liveness-probe',
    },
    {
      kind: 'containers-lack',
      object: 'StatefulSet payments/ledger',
      containers: ['ledger', 'backup'],
      check: 'resource-limits',
    },
    { kind: 'image-runs', image, pods: 1 },
    { kind: 'image-runs', image, pods: 4 },
    { kind: 'image-built-from', image, address, label },
    { kind: 'image-built-from', image, address, revision: 'abc123', label },
    { kind: 'registry-not-read', repository: 'ghcr.io/acme', configured: true },
    { kind: 'registry-not-read', repository: 'quay.io/x', configured: false },
    {
      kind: 'digest-not-in-registry',
      repository: 'ghcr.io/acme/api',
      digest: `sha256:${'0'.repeat(64)}`,
    },
    {
      kind: 'telemetry',
      capability: 'alerting',
      counts: { alertRules: 2, firing: 1 },
    },
    { kind: 'provided-by-cluster', cluster: 'prod-eu-1' },
    {
      kind: 'provided-by-cluster',
      cluster: 'prod-eu-1',
      object:
        'Node ip-10-0-1-12: status.nodeInfo.containerRuntimeVersion = containerd://1.7.22',
    },
    { kind: 'detected' },
    { kind: 'withheld', permission: 'runtime-stack.clusters.read' },
  ])('words %j in English as the backend does', detailParts => {
    // No English `detail` to fall back on: the words come from the parts.
    expect(evidenceDetailText(englishT, { detail: '', detailParts })).toBe(
      describeEvidenceDetail(detailParts),
    );
  });

  it('shows the detail as it came where there are no parts', () => {
    expect(
      evidenceDetailText(englishT, {
        detail: 'Deployment payments/api: spec.replicas = 3',
      }),
    ).toBe('Deployment payments/api: spec.replicas = 3');
  });
});
