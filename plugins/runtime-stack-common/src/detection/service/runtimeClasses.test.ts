import {
  checkoutDeployment,
  checkoutPod,
} from '../__fixtures__/checkoutService';
import {
  cronJob,
  deployment,
  pod,
  runtimeClass,
} from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import { runtimeClassTools } from './runtimeClasses';

const gvisor = runtimeClass('gvisor', 'runsc');
const kata = runtimeClass('kata-fc', 'kata-fc');
const classes = [gvisor, kata, runtimeClass('default', 'runc')];

const sandboxed = (runtimeClassName: string) =>
  deployment('image-resizer', {
    namespace: 'media',
    labels: { app: 'image-resizer' },
    containers: [{ name: 'resizer', image: 'ghcr.io/acme/resizer:2.0.1' }],
    runtimeClassName,
  });

describe('runtimeClassTools', () => {
  it('follows the pod template to its RuntimeClass and the handler it names', () => {
    expect(runtimeClassTools(scopeOf([sandboxed('gvisor')], classes))).toEqual([
      {
        tool: 'gvisor',
        capability: 'container-runtime',
        evidence: [
          {
            kind: 'Deployment',
            apiVersion: 'apps/v1',
            namespace: 'media',
            name: 'image-resizer',
            field: 'spec.template.spec.runtimeClassName',
            value: 'gvisor',
          },
          {
            kind: 'RuntimeClass',
            apiVersion: 'node.k8s.io/v1',
            name: 'gvisor',
            field: 'handler',
            value: 'runsc',
          },
        ],
      },
    ]);
  });

  it('tells Kata from gVisor by the handler, and reads a CronJob’s job template', () => {
    const nightly = cronJob('thumbnails', {
      namespace: 'media',
      containers: [{ name: 'thumbs', image: 'ghcr.io/acme/thumbs:1.0.0' }],
      runtimeClassName: 'kata-fc',
    });
    const [tool] = runtimeClassTools(scopeOf([nightly], classes));
    expect(tool.tool).toBe('kata-containers');
    expect(tool.evidence[0].field).toBe(
      'spec.jobTemplate.spec.template.spec.runtimeClassName',
    );
  });

  it('finds nothing for pods on the default runtime, an unknown handler or a class the cluster lacks', () => {
    expect(
      runtimeClassTools(scopeOf([checkoutDeployment, checkoutPod], classes)),
    ).toEqual([]);
    expect(runtimeClassTools(scopeOf([sandboxed('default')], classes))).toEqual(
      [],
    );
    expect(runtimeClassTools(scopeOf([sandboxed('gvisor')], [kata]))).toEqual(
      [],
    );
  });

  it('reads bare pods only when the service has no workload, so replicas do not repeat the evidence', () => {
    const replica = pod('image-resizer-7d9f-abcde', {
      namespace: 'media',
      containers: [{ name: 'resizer', image: 'ghcr.io/acme/resizer:2.0.1' }],
      runtimeClassName: 'gvisor',
    });
    const withWorkload = runtimeClassTools(
      scopeOf([sandboxed('gvisor'), replica], classes),
    );
    expect(withWorkload.map(t => t.evidence[0].kind)).toEqual(['Deployment']);
    const podsOnly = runtimeClassTools(scopeOf([replica], classes));
    expect(podsOnly.map(t => [t.tool, t.evidence[0].field])).toEqual([
      ['gvisor', 'spec.runtimeClassName'],
    ]);
  });
});
