import type { JsonObject } from '@backstage/types';
import type { ClusterObject } from '../../cluster/clusterObjects';

/**
 * Builders for Kubernetes objects in the shape the collector stores them,
 * for tests. Only the fields detection reads are filled in.
 */

type Metadata = ClusterObject['metadata'];
interface ContainerSpec {
  name: string;
  image: string;
}
interface WorkloadOptions {
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podLabels?: Record<string, string>;
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  runtimeClassName?: string;
}

function object(
  apiVersion: string,
  kind: string,
  metadata: Metadata,
  spec?: JsonObject,
  status?: JsonObject,
): ClusterObject {
  return {
    apiVersion,
    kind,
    metadata,
    ...(spec ? { spec } : {}),
    ...(status ? { status } : {}),
  };
}

function podSpec(options: WorkloadOptions): JsonObject {
  return {
    containers: options.containers.map(c => ({ ...c })),
    ...(options.initContainers
      ? { initContainers: options.initContainers.map(c => ({ ...c })) }
      : {}),
    ...(options.runtimeClassName
      ? { runtimeClassName: options.runtimeClassName }
      : {}),
  };
}

function template(options: WorkloadOptions): JsonObject {
  return {
    metadata: { labels: { ...(options.podLabels ?? options.labels ?? {}) } },
    spec: podSpec(options),
  };
}

function metadataOf(
  name: string,
  options: {
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  },
): Metadata {
  return {
    name,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.labels ? { labels: options.labels } : {}),
    ...(options.annotations ? { annotations: options.annotations } : {}),
  };
}

export function deployment(
  name: string,
  options: WorkloadOptions,
): ClusterObject {
  return object('apps/v1', 'Deployment', metadataOf(name, options), {
    replicas: 2,
    selector: {
      matchLabels: { ...(options.podLabels ?? options.labels ?? {}) },
    },
    template: template(options),
  });
}

export function daemonSet(
  name: string,
  options: WorkloadOptions,
): ClusterObject {
  return object('apps/v1', 'DaemonSet', metadataOf(name, options), {
    selector: {
      matchLabels: { ...(options.podLabels ?? options.labels ?? {}) },
    },
    template: template(options),
  });
}

export function statefulSet(
  name: string,
  options: WorkloadOptions & {
    claimTemplates?: Array<{ name: string; storageClassName?: string }>;
  },
): ClusterObject {
  return object('apps/v1', 'StatefulSet', metadataOf(name, options), {
    serviceName: name,
    selector: {
      matchLabels: { ...(options.podLabels ?? options.labels ?? {}) },
    },
    template: template(options),
    volumeClaimTemplates: (options.claimTemplates ?? []).map(t => ({
      metadata: { name: t.name },
      spec: {
        accessModes: ['ReadWriteOnce'],
        ...(t.storageClassName ? { storageClassName: t.storageClassName } : {}),
        resources: { requests: { storage: '10Gi' } },
      },
    })),
  });
}

export function cronJob(name: string, options: WorkloadOptions): ClusterObject {
  return object('batch/v1', 'CronJob', metadataOf(name, options), {
    schedule: '0 3 * * *',
    jobTemplate: { spec: { template: template(options) } },
  });
}

export function pod(name: string, options: WorkloadOptions): ClusterObject {
  return object('v1', 'Pod', metadataOf(name, options), podSpec(options), {
    phase: 'Running',
  });
}

export function service(
  name: string,
  options: {
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    selector?: Record<string, string>;
    type?: string;
  },
): ClusterObject {
  return object('v1', 'Service', metadataOf(name, options), {
    type: options.type ?? 'ClusterIP',
    selector: { ...(options.selector ?? options.labels ?? {}) },
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  });
}

export function namespace(
  name: string,
  options: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
): ClusterObject {
  return object('v1', 'Namespace', metadataOf(name, options), undefined, {
    phase: 'Active',
  });
}

export function node(
  name: string,
  containerRuntimeVersion: string,
  {
    providerID = `aws:///eu-west-1a/i-${name}`,
    labels = {},
  }: { providerID?: string | null; labels?: Record<string, string> } = {},
): ClusterObject {
  return object(
    'v1',
    'Node',
    metadataOf(name, {
      labels: {
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': name,
        ...labels,
      },
    }),
    providerID === null ? {} : { providerID },
    {
      nodeInfo: {
        containerRuntimeVersion,
        kubeletVersion: 'v1.30.4-eks-a737599',
        osImage: 'Amazon Linux 2023.5.20240819',
        architecture: 'amd64',
      },
    },
  );
}

export function ingressClass(
  name: string,
  controller: string,
  options: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
): ClusterObject {
  return object(
    'networking.k8s.io/v1',
    'IngressClass',
    metadataOf(name, options),
    {
      controller,
    },
  );
}

export function ingress(
  name: string,
  options: {
    namespace: string;
    ingressClassName?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    host?: string;
    tlsSecretName?: string;
    backendService?: string;
  },
): ClusterObject {
  const host = options.host ?? `${name}.example.com`;
  return object('networking.k8s.io/v1', 'Ingress', metadataOf(name, options), {
    ...(options.ingressClassName
      ? { ingressClassName: options.ingressClassName }
      : {}),
    ...(options.tlsSecretName
      ? { tls: [{ hosts: [host], secretName: options.tlsSecretName }] }
      : {}),
    rules: [
      {
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: {
                  name: options.backendService ?? name,
                  port: { number: 80 },
                },
              },
            },
          ],
        },
      },
    ],
  });
}

export function csiDriver(name: string): ClusterObject {
  return object('storage.k8s.io/v1', 'CSIDriver', metadataOf(name, {}), {
    attachRequired: true,
    podInfoOnMount: false,
  });
}

/** Kubernetes keeps `provisioner` at the top level, not under spec. */
export function storageClass(
  name: string,
  provisioner: string,
  options: { isDefault?: boolean } = {},
): ClusterObject {
  return {
    ...object(
      'storage.k8s.io/v1',
      'StorageClass',
      metadataOf(name, {
        annotations: options.isDefault
          ? { 'storageclass.kubernetes.io/is-default-class': 'true' }
          : undefined,
      }),
    ),
    provisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  } as ClusterObject;
}

/** Kubernetes keeps `handler` at the top level, not under spec. */
export function runtimeClass(name: string, handler: string): ClusterObject {
  return {
    ...object('node.k8s.io/v1', 'RuntimeClass', metadataOf(name, {})),
    handler,
  } as ClusterObject;
}

export function persistentVolumeClaim(
  name: string,
  options: { namespace: string; storageClassName?: string },
): ClusterObject {
  return object('v1', 'PersistentVolumeClaim', metadataOf(name, options), {
    accessModes: ['ReadWriteOnce'],
    ...(options.storageClassName
      ? { storageClassName: options.storageClassName }
      : {}),
    resources: { requests: { storage: '20Gi' } },
  });
}

export function crd(
  plural: string,
  group: string,
  kind: string,
): ClusterObject {
  return object(
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
    metadataOf(`${plural}.${group}`, {}),
    {
      group,
      names: { plural, kind },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true }],
    },
  );
}

/** Any other object, such as a custom resource, with metadata and spec. */
export function resource(
  apiVersion: string,
  kind: string,
  name: string,
  options: {
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    spec?: JsonObject;
  } = {},
): ClusterObject {
  return object(apiVersion, kind, metadataOf(name, options), options.spec);
}
