import { startFakeKubeApiServer } from './server';
import { generateSyntheticEstate } from './syntheticEstate';
import { getJson, listAll } from './testUtils';

const ID_LABEL = 'backstage.io/kubernetes-id';

describe('generateSyntheticEstate', () => {
  it('generates 100,000 service pods for 5,000 services, each labelled for its service', () => {
    const objects = generateSyntheticEstate({
      cluster: 'bench',
      services: 5000,
      podsPerService: 20,
    });
    const servicePods = objects.filter(
      o => o.kind === 'Pod' && o.metadata.labels?.[ID_LABEL],
    );
    expect(servicePods).toHaveLength(100_000);

    // One expect per pod would dominate the run time; collect the misfits instead.
    const podsPerService = new Map<string, number>();
    const mislabelled: string[] = [];
    for (const pod of servicePods) {
      const service = pod.metadata.labels![ID_LABEL];
      if (
        pod.metadata.labels!['app.kubernetes.io/name'] !== service ||
        !pod.metadata.name.startsWith(`${service}-`)
      ) {
        mislabelled.push(pod.metadata.name);
      }
      podsPerService.set(service, (podsPerService.get(service) ?? 0) + 1);
    }
    expect(mislabelled).toEqual([]);
    expect(podsPerService.size).toBe(5000);
    expect([...podsPerService.values()].every(count => count === 20)).toBe(
      true,
    );
    expect([...podsPerService.keys()].sort()[0]).toBe('svc-00001');
    expect([...podsPerService.keys()].sort()[4999]).toBe('svc-05000');

    const count = (kind: string) => objects.filter(o => o.kind === kind).length;
    expect(count('Deployment')).toBe(5000);
    expect(count('ReplicaSet')).toBe(5000);
    expect(count('Service')).toBe(5000);
    for (const kind of [
      'Ingress',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'ServiceMonitor',
    ]) {
      expect(count(kind)).toBeGreaterThan(0);
      expect(count(kind)).toBeLessThan(5000);
    }
    // The platform: one CNI pod per node, enough nodes for the pods.
    expect(count('Node')).toBe(1000);
    expect(count('DaemonSet')).toBe(1);
    expect(
      objects.filter(
        o => o.kind === 'Pod' && o.metadata.namespace === 'kube-system',
      ),
    ).toHaveLength(1000);
    for (const kind of ['IngressClass', 'CSIDriver', 'StorageClass']) {
      expect(count(kind)).toBe(1);
    }
    expect(
      objects.some(
        o =>
          o.kind === 'CustomResourceDefinition' &&
          o.metadata.name === 'servicemonitors.monitoring.coreos.com',
      ),
    ).toBe(true);
    const names = new Set(
      objects.map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`),
    );
    expect(names.size).toBe(objects.length);
  });

  it('is deterministic for the same options, and differs between clusters', () => {
    const options = {
      cluster: 'a',
      services: 20,
      podsPerService: 3,
      namespaces: 4,
    };
    expect(generateSyntheticEstate(options)).toEqual(
      generateSyntheticEstate(options),
    );
    const other = generateSyntheticEstate({ ...options, cluster: 'b' });
    expect(other.map(o => o.metadata.uid)).not.toEqual(
      generateSyntheticEstate(options).map(o => o.metadata.uid),
    );
    expect(
      new Set(
        generateSyntheticEstate(options)
          .filter(o => o.kind === 'Deployment')
          .map(o => o.metadata.namespace),
      ).size,
    ).toBe(4);
  });

  it('numbers services from firstService, so clusters can carry different ones', () => {
    const names = new Set(
      generateSyntheticEstate({
        cluster: 'second',
        services: 3,
        podsPerService: 1,
        firstService: 101,
      })
        .filter(o => o.kind === 'Deployment')
        .map(o => o.metadata.labels?.[ID_LABEL])
        .filter(Boolean),
    );
    expect([...names].sort()).toEqual(['svc-00101', 'svc-00102', 'svc-00103']);
  });

  it('is served by the fake, paginated and selectable by service', async () => {
    const server = await startFakeKubeApiServer({
      objects: generateSyntheticEstate({
        cluster: 'small',
        services: 50,
        podsPerService: 4,
      }),
    });
    try {
      const { items, pages } = await listAll(server, '/api/v1/pods', 30);
      expect(items).toHaveLength(50 * 4 + 3); // plus one CNI pod per node
      expect(pages).toBe(7);
      const one = await getJson(
        server,
        `/api/v1/pods?labelSelector=${encodeURIComponent(
          `${ID_LABEL}=svc-00007`,
        )}`,
      );
      expect(one.body.items).toHaveLength(4);
      const monitors = await getJson(
        server,
        '/apis/monitoring.coreos.com/v1/servicemonitors',
      );
      expect(monitors.body.items.length).toBe(40);
    } finally {
      await server.close();
    }
  });
});
