import { runningSummary, shortDigest } from './runningSummary';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe('runningSummary', () => {
  it('counts a pod once per cluster although two of its containers run the image', () => {
    const summary = runningSummary([
      {
        cluster: 'eu',
        namespace: 'shop',
        pod: 'a',
        container: 'istio-proxy',
        digest: digest('1'),
      },
      {
        cluster: 'eu',
        namespace: 'shop',
        pod: 'a',
        container: 'istio-init',
        digest: digest('1'),
      },
      {
        cluster: 'eu',
        namespace: 'shop',
        pod: 'b',
        container: 'istio-proxy',
        digest: digest('2'),
      },
      { cluster: 'us', namespace: 'shop', pod: 'a', container: 'istio-proxy' },
    ]);
    expect(summary).toEqual({
      clusters: [
        { cluster: 'eu', pods: 2 },
        { cluster: 'us', pods: 1 },
      ],
      containers: ['istio-proxy', 'istio-init'],
      digests: [digest('1'), digest('2')],
      withoutDigest: 1,
    });
  });

  it('tells pods of the same name in different namespaces apart', () => {
    expect(
      runningSummary([
        { cluster: 'eu', namespace: 'a', pod: 'p', container: 'app' },
        { cluster: 'eu', namespace: 'b', pod: 'p', container: 'app' },
      ]).clusters,
    ).toEqual([{ cluster: 'eu', pods: 2 }]);
  });
});

describe('shortDigest', () => {
  it('keeps the algorithm and twelve hex digits', () => {
    expect(shortDigest(digest('ab'))).toBe('sha256:abababababab');
    expect(shortDigest('0123456789abcdef')).toBe('0123456789ab');
  });
});
