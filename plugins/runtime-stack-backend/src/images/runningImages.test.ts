import { runningImagesOf, templateImagesOf } from './runningImages';

const digest = `sha256:${'d'.repeat(64)}`;

describe('running images', () => {
  it('pairs each container with the digest its status reports, whatever the runtime writes', () => {
    const pod = (name: string, imageID: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'shop' },
      spec: {
        containers: [
          { name: 'app', image: 'reg.example.com/shop/app:1.0.0' },
          { name: 'proxy', image: 'istio/proxyv2:1.23' },
        ],
      },
      status: { containerStatuses: [{ name: 'app', imageID }] },
    });
    const images = runningImagesOf('prod', [
      pod('a', `docker-pullable://reg.example.com/shop/app@${digest}`),
      pod('b', `reg.example.com/shop/app@${digest}`),
      pod('c', ''),
    ]);
    expect(
      images.filter(i => i.container === 'app').map(i => i.digest),
    ).toEqual([digest, digest, undefined]);
    expect(images.find(i => i.container === 'proxy')).toEqual({
      cluster: 'prod',
      namespace: 'shop',
      pod: 'a',
      container: 'proxy',
      image: 'istio/proxyv2:1.23',
    });
  });

  it("reads an init container's digest from its own status list, not from an app container of the same name", () => {
    const initDigest = `sha256:${'e'.repeat(64)}`;
    const images = runningImagesOf('prod', [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'a', namespace: 'shop' },
        spec: {
          initContainers: [{ name: 'setup', image: 'istio/proxyv2:1.23' }],
          containers: [{ name: 'setup', image: 'reg.example.com/shop/app:1' }],
        },
        status: {
          containerStatuses: [
            { name: 'setup', imageID: `reg.example.com/shop/app@${digest}` },
          ],
          initContainerStatuses: [
            { name: 'setup', imageID: `docker.io/istio/proxyv2@${initDigest}` },
          ],
        },
      },
    ]);
    expect(images.map(i => [i.image, i.digest])).toEqual([
      ['reg.example.com/shop/app:1', digest],
      ['istio/proxyv2:1.23', initDigest],
    ]);
  });

  it('takes no digest from a bare image ID, which is the config of an image built or loaded on the node', () => {
    const pod = (name: string, imageID: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'shop' },
      spec: {
        containers: [{ name: 'app', image: 'reg.example.com/shop/app:1.0.0' }],
      },
      status: { containerStatuses: [{ name: 'app', imageID }] },
    });
    const images = runningImagesOf('prod', [
      pod('kind-loaded', digest),
      pod('dockershim', `docker://${digest}`),
      pod('pulled', `docker-pullable://reg.example.com/shop/app@${digest}`),
    ]);
    expect(images.map(i => [i.pod, i.digest])).toEqual([
      ['kind-loaded', undefined],
      ['dockershim', undefined],
      ['pulled', digest],
    ]);
  });

  it('reads images from workload and CronJob templates', () => {
    expect(
      templateImagesOf([
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'd' },
          spec: {
            template: {
              spec: {
                containers: [{ image: 'a:1' }],
                initContainers: [{ image: 'init:1' }],
              },
            },
          },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'c' },
          spec: {
            jobTemplate: {
              spec: {
                template: {
                  spec: { containers: [{ image: 'a:1' }, { image: 'b:2' }] },
                },
              },
            },
          },
        },
      ]).sort(),
    ).toEqual(['a:1', 'b:2', 'init:1']);
  });

  it('reads ReplicaSets and Jobs only while they have pods', () => {
    const replicaSet = (image: string, replicas: number) => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: image },
      spec: { template: { spec: { containers: [{ image }] } } },
      status: { replicas },
    });
    const job = (image: string, status: object) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: image },
      spec: { template: { spec: { containers: [{ image }] } } },
      status,
    });
    expect(
      templateImagesOf([
        // Halfway through a rollout from 1.4 to 1.5; 1.3 long scaled down.
        replicaSet('app:1.5', 2),
        replicaSet('app:1.4', 1),
        replicaSet('app:1.3', 0),
        job('migrate:7', { active: 1 }),
        job('migrate:6', { succeeded: 1 }),
      ]).sort(),
    ).toEqual(['app:1.4', 'app:1.5', 'migrate:7']);
  });
});
