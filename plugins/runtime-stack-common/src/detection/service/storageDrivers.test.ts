import type { ClusterObject } from '../../cluster/clusterObjects';
import {
  csiDriver,
  persistentVolumeClaim,
  statefulSet,
  storageClass,
} from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import { storageClassClaims, storageDriverTools } from './storageDrivers';

const storage = [
  csiDriver('ebs.csi.aws.com'),
  storageClass('gp3', 'ebs.csi.aws.com', { isDefault: true }),
  storageClass('longhorn', 'driver.longhorn.io'),
  storageClass('local-path', 'rancher.io/local-path'),
];

describe('storageDriverTools', () => {
  it('follows a claim to its StorageClass and the CSIDriver of its provisioner', () => {
    const claim = persistentVolumeClaim('data-orders-0', {
      namespace: 'shop',
      storageClassName: 'gp3',
    });
    const tools = storageDriverTools(scopeOf([claim], storage));
    expect(tools).toEqual([
      {
        tool: 'amazon-ebs',
        capability: 'block-storage',
        evidence: [
          expect.objectContaining({
            kind: 'PersistentVolumeClaim',
            name: 'data-orders-0',
            field: 'spec.storageClassName',
            value: 'gp3',
          }),
          expect.objectContaining({
            kind: 'StorageClass',
            name: 'gp3',
            field: 'provisioner',
            value: 'ebs.csi.aws.com',
          }),
        ],
      },
      {
        tool: 'amazon-ebs',
        capability: 'block-storage',
        evidence: [
          expect.objectContaining({ kind: 'PersistentVolumeClaim' }),
          expect.objectContaining({
            kind: 'StorageClass',
            field: 'provisioner',
          }),
          expect.objectContaining({
            kind: 'CSIDriver',
            name: 'ebs.csi.aws.com',
            field: 'metadata.name',
          }),
        ],
      },
    ]);
  });

  it('reads the claim templates of StatefulSets', () => {
    const orders = statefulSet('orders-db', {
      namespace: 'shop',
      labels: { app: 'orders-db' },
      containers: [{ name: 'postgres', image: 'postgres:16' }],
      claimTemplates: [{ name: 'data', storageClassName: 'longhorn' }],
    });
    expect(storageClassClaims([orders])).toEqual([
      {
        storageClassName: 'longhorn',
        evidence: expect.objectContaining({
          field: 'spec.volumeClaimTemplates[0].spec.storageClassName',
        }),
      },
    ]);
    expect(
      storageDriverTools(scopeOf([orders], storage)).map(t => t.tool),
    ).toEqual(['longhorn']);
  });

  it('still finds the provisioner where a collector moved it under spec', () => {
    const trimmed: ClusterObject = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'premium' },
      spec: { provisioner: 'disk.csi.azure.com' },
    };
    const claim = persistentVolumeClaim('data', {
      namespace: 'shop',
      storageClassName: 'premium',
    });
    expect(storageDriverTools(scopeOf([claim], [trimmed]))).toEqual([
      expect.objectContaining({
        tool: 'azure-disk',
        evidence: [
          expect.anything(),
          expect.objectContaining({ field: 'spec.provisioner' }),
        ],
      }),
    ]);
  });

  it('finds nothing for unknown provisioners, missing classes and claims without one', () => {
    const claims = [
      persistentVolumeClaim('a', {
        namespace: 'shop',
        storageClassName: 'local-path',
      }),
      persistentVolumeClaim('b', {
        namespace: 'shop',
        storageClassName: 'gone',
      }),
      persistentVolumeClaim('c', { namespace: 'shop' }),
    ];
    expect(storageDriverTools(scopeOf(claims, storage))).toEqual([]);
  });
});
