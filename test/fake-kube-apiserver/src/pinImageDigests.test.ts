import { pinImageDigests } from './pinImageDigests';
import type { KubeObject } from './types';

const pod = (status: object): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api-1', namespace: 'payments' },
  status,
});

describe('pinImageDigests', () => {
  const digests = new Map([
    ['registry.example.com/payments/api:1.2.0', 'sha256:aaa'],
    ['registry.example.com:5000/tools/migrate:0.3', 'sha256:bbb'],
  ]);

  it('reports the pinned digest as the imageID of matching containers only', () => {
    const original = pod({
      initContainerStatuses: [
        {
          name: 'migrate',
          image: 'registry.example.com:5000/tools/migrate:0.3',
          imageID: 'registry.example.com:5000/tools/migrate@sha256:old',
        },
      ],
      containerStatuses: [
        {
          name: 'api',
          image: 'registry.example.com/payments/api:1.2.0',
          imageID: 'registry.example.com/payments/api@sha256:old',
          ready: true,
        },
        {
          name: 'proxy',
          image: 'docker.io/envoyproxy/envoy:v1.31.0',
          imageID: 'docker.io/envoyproxy/envoy@sha256:envoy',
        },
      ],
    });
    const [pinned] = pinImageDigests([original], digests);
    expect(pinned.status).toEqual({
      initContainerStatuses: [
        {
          name: 'migrate',
          image: 'registry.example.com:5000/tools/migrate:0.3',
          imageID: 'registry.example.com:5000/tools/migrate@sha256:bbb',
        },
      ],
      containerStatuses: [
        {
          name: 'api',
          image: 'registry.example.com/payments/api:1.2.0',
          imageID: 'registry.example.com/payments/api@sha256:aaa',
          ready: true,
        },
        {
          name: 'proxy',
          image: 'docker.io/envoyproxy/envoy:v1.31.0',
          imageID: 'docker.io/envoyproxy/envoy@sha256:envoy',
        },
      ],
    });
    // The fixture as loaded stays as it was.
    expect(
      (original.status as { containerStatuses: Array<{ imageID: string }> })
        .containerStatuses[0].imageID,
    ).toBe('registry.example.com/payments/api@sha256:old');
  });

  it('returns objects it does not touch as they are', () => {
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      status: { containerStatuses: [] },
    };
    const other = pod({
      containerStatuses: [{ name: 'x', image: 'nginx:1.27', imageID: 'x' }],
    });
    const pending = pod({ phase: 'Pending' });
    const result = pinImageDigests([deployment, other, pending], digests);
    expect(result[0]).toBe(deployment);
    expect(result[1]).toBe(other);
    expect(result[2]).toBe(pending);
  });
});
