import {
  checkoutDeployment,
  checkoutPod,
} from '../__fixtures__/checkoutService';
import { deployment, resource } from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import {
  argoCdApplicationTools,
  trackedApplication,
} from './argoCdApplications';

const application = (name: string, destinationNamespace: string) =>
  resource('argoproj.io/v1alpha1', 'Application', name, {
    namespace: 'argocd',
    spec: {
      project: 'shop',
      source: {
        repoURL: 'https://github.com/acme/shop-deploy.git',
        path: `apps/${name}`,
        targetRevision: 'main',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: destinationNamespace,
      },
    },
  });

describe('argoCdApplicationTools', () => {
  it('links the instance label to an Application deploying into the namespace', () => {
    expect(
      argoCdApplicationTools(
        scopeOf(
          [checkoutDeployment, checkoutPod],
          [application('checkout', 'shop')],
        ),
      ),
    ).toEqual([
      {
        tool: 'argo-cd',
        capability: 'gitops',
        evidence: [
          expect.objectContaining({
            kind: 'Deployment',
            field: 'metadata.labels[app.kubernetes.io/instance]',
            value: 'checkout',
          }),
          expect.objectContaining({
            kind: 'Application',
            namespace: 'argocd',
            name: 'checkout',
            field: 'spec.destination.namespace',
            value: 'shop',
          }),
        ],
      },
    ]);
  });

  it('reads annotation tracking, including apps outside the Argo CD namespace', () => {
    const tracked = deployment('checkout', {
      namespace: 'shop',
      annotations: {
        'argocd.argoproj.io/tracking-id':
          'argocd_shop-checkout:apps/Deployment:shop/checkout',
      },
      containers: [{ name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2' }],
    });
    const [tool] = argoCdApplicationTools(
      scopeOf([tracked], [application('shop-checkout', 'shop')]),
    );
    expect(tool.evidence[0].field).toBe(
      'metadata.annotations[argocd.argoproj.io/tracking-id]',
    );
  });

  it('does not take a Helm instance label for Argo CD without a matching Application', () => {
    expect(
      argoCdApplicationTools(
        scopeOf(
          [checkoutDeployment],
          [application('checkout', 'staging'), application('payments', 'shop')],
        ),
      ),
    ).toEqual([]);
  });
});

describe('trackedApplication', () => {
  it('takes the application part of a tracking id', () => {
    expect(trackedApplication('checkout:apps/Deployment:shop/checkout')).toBe(
      'checkout',
    );
  });
});
