import type { KubeObject } from './types';

export interface SyntheticEstateOptions {
  /** Names the nodes and seeds the randomness, so two clusters differ. */
  cluster: string;
  services: number;
  podsPerService: number;
  /**
   * Number of the first service (`svc-00001` by default), so that several
   * clusters can carry different services.
   */
  firstService?: number;
  /** Default: one namespace per 50 services. */
  namespaces?: number;
  seed?: number;
}

/** What kube's rand.String draws from, so generated names look like real ones. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const PODS_PER_NODE = 100;
const BASE_TIME = Date.parse('2024-09-02T08:00:00Z');
const ID_LABEL = 'backstage.io/kubernetes-id';
const NAME_LABEL = 'app.kubernetes.io/name';

/** mulberry32: tiny, fast and good enough for spreading fake data deterministically. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const hex = (length: number) => {
    let out = '';
    while (out.length < length) {
      out += ((next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    }
    return out.slice(0, length);
  };
  return {
    int,
    /** A kube-style `<prefix>-xxxxx` name not yet in `taken`. */
    suffixed: (prefix: string, taken: Set<string>) => {
      for (;;) {
        let suffix = '';
        for (let i = 0; i < 5; i++) {
          suffix += NAME_ALPHABET[int(NAME_ALPHABET.length)];
        }
        const name = `${prefix}-${suffix}`;
        if (!taken.has(name)) {
          taken.add(name);
          return name;
        }
      }
    },
    chance: (probability: number) => next() < probability,
    name: (length: number) => {
      let out = '';
      for (let i = 0; i < length; i++) {
        out += NAME_ALPHABET[int(NAME_ALPHABET.length)];
      }
      return out;
    },
    hex,
    uid: () => {
      const h = hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
        17,
        20,
      )}-${h.slice(20, 32)}`;
    },
    timestamp: (withinDays: number) =>
      new Date(BASE_TIME + int(withinDays * 86400) * 1000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
  };
}

type Random = ReturnType<typeof createRandom>;

function hashString(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  }
  return hash >>> 0;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const ownerRef = (kind: string, apiVersion: string, owner: KubeObject) => [
  {
    apiVersion,
    kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  },
];

/**
 * A large, deterministic cluster for benchmarks: per service a Deployment,
 * its ReplicaSet and pods, a Service and, for some, an Ingress, HPA, PDB
 * and ServiceMonitor; plus the platform underneath (nodes, a CNI
 * DaemonSet, ingress class, CSI driver, storage class, CRDs).
 *
 * To stay small in memory at 100,000 pods, the pods of one service share
 * their container specs: treat the objects as read-only, or copy one
 * before changing it.
 */
export function generateSyntheticEstate(
  options: SyntheticEstateOptions,
): KubeObject[] {
  const { cluster, services, podsPerService } = options;
  const random = createRandom((options.seed ?? 1) ^ hashString(cluster));
  const namespaceCount = Math.max(
    1,
    options.namespaces ?? Math.ceil(services / 50),
  );
  const nodeCount = Math.max(
    3,
    Math.ceil((services * podsPerService) / PODS_PER_NODE),
  );
  const objects: KubeObject[] = [];

  const namespaces = Array.from(
    { length: namespaceCount },
    (_, i) => `team-${pad(i + 1, 3)}`,
  );
  for (const name of ['kube-system', 'monitoring', ...namespaces]) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        uid: random.uid(),
        creationTimestamp: random.timestamp(1),
        labels: { 'kubernetes.io/metadata.name': name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  const nodes = Array.from(
    { length: nodeCount },
    (_, i) => `${cluster}-node-${pad(i + 1, 5)}`,
  );
  platform(objects, random, nodes);

  let podNumber = 0;
  const first = options.firstService ?? 1;
  for (let i = 1; i <= services; i++) {
    const name = `svc-${pad(first + i - 1, 5)}`;
    const namespace = namespaces[(i - 1) % namespaceCount];
    podNumber = service(objects, random, {
      index: i,
      name,
      namespace,
      podsPerService,
      nodes,
      podNumber,
    });
  }
  return objects;
}

function platform(objects: KubeObject[], random: Random, nodes: string[]) {
  const zones = ['a', 'b', 'c'];
  nodes.forEach((name, i) => {
    objects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: random.uid(),
        creationTimestamp: random.timestamp(2),
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'node.kubernetes.io/instance-type': 'm6i.4xlarge',
          'topology.kubernetes.io/region': 'eu-west-1',
          'topology.kubernetes.io/zone': `eu-west-1${zones[i % 3]}`,
        },
      },
      spec: {
        providerID: `aws:///eu-west-1${zones[i % 3]}/i-${random.hex(17)}`,
      },
      status: {
        capacity: { cpu: '16', memory: '65049588Ki', pods: '110' },
        allocatable: { cpu: '15890m', memory: '63924212Ki', pods: '110' },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        addresses: [
          {
            type: 'InternalIP',
            address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.31.2-eks-7f9249a',
          containerRuntimeVersion: 'containerd://1.7.22',
          osImage: 'Amazon Linux 2023.6.20241031',
          kernelVersion: '6.1.112-124.190.amzn2023.x86_64',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    });
  });

  const cilium: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'cilium',
      namespace: 'kube-system',
      uid: random.uid(),
      creationTimestamp: random.timestamp(1),
      labels: {
        'app.kubernetes.io/name': 'cilium-agent',
        'app.kubernetes.io/part-of': 'cilium',
        'app.kubernetes.io/managed-by': 'Helm',
        'helm.sh/chart': 'cilium-1.16.3',
      },
    },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'cilium' } },
      template: {
        metadata: { labels: { 'k8s-app': 'cilium' } },
        spec: {
          containers: [
            { name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.16.3' },
          ],
        },
      },
    },
    status: {
      desiredNumberScheduled: nodes.length,
      currentNumberScheduled: nodes.length,
      numberReady: nodes.length,
      numberAvailable: nodes.length,
    },
  };
  objects.push(cilium);
  const ciliumContainers = [
    { name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.16.3' },
  ];
  const ciliumStatuses = [
    {
      name: 'cilium-agent',
      image: 'quay.io/cilium/cilium:v1.16.3',
      imageID: `quay.io/cilium/cilium@sha256:${random.hex(64)}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: '2024-09-02T08:05:00Z' } },
    },
  ];
  const ciliumPodNames = new Set<string>();
  for (const node of nodes) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: random.suffixed('cilium', ciliumPodNames),
        namespace: 'kube-system',
        uid: random.uid(),
        creationTimestamp: '2024-09-02T08:04:00Z',
        labels: {
          'k8s-app': 'cilium',
          'controller-revision-hash': '6c8b5c7d9f',
        },
        ownerReferences: ownerRef('DaemonSet', 'apps/v1', cilium),
      },
      spec: { nodeName: node, containers: ciliumContainers },
      status: { phase: 'Running', containerStatuses: ciliumStatuses },
    });
  }

  objects.push(
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: 'nginx',
        uid: random.uid(),
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIDriver',
      metadata: { name: 'ebs.csi.aws.com', uid: random.uid() },
      spec: { attachRequired: true, podInfoOnMount: false },
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'gp3',
        uid: random.uid(),
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
    crd('monitoring.coreos.com', 'servicemonitors', 'ServiceMonitor', random),
    crd('monitoring.coreos.com', 'podmonitors', 'PodMonitor', random),
  );
}

function crd(
  group: string,
  plural: string,
  kind: string,
  random: Random,
): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, uid: random.uid() },
    spec: {
      group,
      names: {
        plural,
        singular: kind.toLowerCase(),
        kind,
        listKind: `${kind}List`,
      },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
          },
        },
      ],
    },
  };
}

interface ServiceSpec {
  index: number;
  name: string;
  namespace: string;
  podsPerService: number;
  nodes: string[];
  /** A running count across services, for node placement and pod IPs. */
  podNumber: number;
}

/** Emits one service's objects; returns the pod count so far. */
function service(
  objects: KubeObject[],
  random: Random,
  spec: ServiceSpec,
): number {
  const { index, name, namespace, podsPerService, nodes } = spec;
  const team = namespace;
  const version = `${1 + random.int(4)}.${random.int(30)}.${random.int(10)}`;
  const repository = `registry.example.com/${team}/${name}`;
  const image = `${repository}:${version}`;
  const imageID = `${repository}@sha256:${random.hex(64)}`;
  const labels = {
    [NAME_LABEL]: name,
    [ID_LABEL]: name,
    'app.kubernetes.io/part-of': team,
    'app.kubernetes.io/managed-by': 'Helm',
    'helm.sh/chart': `${name}-${version}`,
  };
  const selector = { [NAME_LABEL]: name };
  const created = random.timestamp(30);
  // The metadata every object of the service shares, plus its own fields.
  const metadataOf = (extra: Record<string, unknown> = {}) => ({
    name,
    namespace,
    uid: random.uid(),
    creationTimestamp: created,
    labels,
    ...extra,
  });
  const podTemplateHash = random.name(10);
  const containers = [
    {
      name,
      image,
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      resources: {
        requests: { cpu: '100m', memory: '256Mi' },
        limits: { memory: '512Mi' },
      },
      readinessProbe: {
        httpGet: { path: '/readyz', port: 'http' },
        periodSeconds: 10,
      },
      livenessProbe: {
        httpGet: { path: '/livez', port: 'http' },
        periodSeconds: 20,
      },
    },
  ];
  const podTemplate = {
    metadata: {
      labels: { ...selector, [ID_LABEL]: name },
    },
    spec: { containers },
  };

  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      uid: random.uid(),
      creationTimestamp: created,
      generation: 1,
      labels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: podsPerService,
      selector: { matchLabels: selector },
      template: podTemplate,
    },
    status: {
      observedGeneration: 1,
      replicas: podsPerService,
      updatedReplicas: podsPerService,
      readyReplicas: podsPerService,
      availableReplicas: podsPerService,
    },
  };
  const replicaSet: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${podTemplateHash}`,
      namespace,
      uid: random.uid(),
      creationTimestamp: created,
      labels: {
        ...selector,
        [ID_LABEL]: name,
        'pod-template-hash': podTemplateHash,
      },
      ownerReferences: ownerRef('Deployment', 'apps/v1', deployment),
    },
    spec: {
      replicas: podsPerService,
      selector: {
        matchLabels: { ...selector, 'pod-template-hash': podTemplateHash },
      },
      template: podTemplate,
    },
    status: {
      replicas: podsPerService,
      readyReplicas: podsPerService,
      availableReplicas: podsPerService,
    },
  };
  objects.push(deployment, replicaSet);

  const podLabels = {
    ...selector,
    [ID_LABEL]: name,
    'pod-template-hash': podTemplateHash,
  };
  const podOwner = ownerRef('ReplicaSet', 'apps/v1', replicaSet);
  const podNames = new Set<string>();
  let podNumber = spec.podNumber;
  for (let p = 0; p < podsPerService; p++) {
    const restartCount = random.chance(0.05) ? 1 + random.int(5) : 0;
    const ip = 0x0a000000 + 0x10000 + podNumber; // 10.1.0.0 onwards
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: random.suffixed(replicaSet.metadata.name, podNames),
        namespace,
        uid: random.uid(),
        creationTimestamp: created,
        labels: podLabels,
        ownerReferences: podOwner,
      },
      spec: { nodeName: nodes[podNumber % nodes.length], containers },
      status: {
        phase: 'Running',
        podIP: `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${
          ip & 255
        }`,
        startTime: created,
        containerStatuses: [
          {
            name,
            image,
            imageID,
            ready: true,
            started: true,
            restartCount,
            state: { running: { startedAt: created } },
          },
        ],
      },
    });
    podNumber++;
  }

  objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataOf(),
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  });
  if (index % 3 === 0) {
    const host = `${name}.${team}.example.com`;
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: metadataOf({
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
      }),
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: [host], secretName: `${name}-tls` }],
        rules: [
          {
            host,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name, port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
  if (index % 2 === 0) {
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: metadataOf(),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: podsPerService,
        maxReplicas: podsPerService * 2,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
    });
  }
  if (index % 4 !== 3) {
    objects.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadataOf(),
      spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
    });
  }
  if (index % 5 !== 0) {
    objects.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: metadataOf(),
      spec: {
        selector: { matchLabels: selector },
        endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
      },
    });
  }
  return podNumber;
}
