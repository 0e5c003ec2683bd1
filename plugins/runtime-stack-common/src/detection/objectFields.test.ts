import { containersOf, imageRepository, podLabelsOf } from './objectFields';
import { cronJob } from './__fixtures__/kubernetesObjects';

describe('imageRepository', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    ['quay.io/cilium/cilium:v1.16.1@sha256:0b4a3a', 'quay.io/cilium/cilium'],
    ['registry.local:5000/team/app', 'registry.local:5000/team/app'],
    ['registry.local:5000/team/app:2.0', 'registry.local:5000/team/app'],
  ])('%s is %s', (image, repository) => {
    expect(imageRepository(image)).toBe(repository);
  });
});

describe('containersOf and podLabelsOf', () => {
  it('read the pod template of a CronJob', () => {
    const job = cronJob('report', {
      namespace: 'shop',
      podLabels: { app: 'report' },
      containers: [{ name: 'report', image: 'ghcr.io/acme/report:1' }],
    });
    expect(containersOf(job)).toEqual([
      {
        path: 'spec.jobTemplate.spec.template.spec.containers[0]',
        name: 'report',
        image: 'ghcr.io/acme/report:1',
      },
    ]);
    expect(podLabelsOf(job)).toEqual({
      object: job,
      field: 'spec.jobTemplate.spec.template.metadata.labels',
      labels: { app: 'report' },
    });
  });
});
