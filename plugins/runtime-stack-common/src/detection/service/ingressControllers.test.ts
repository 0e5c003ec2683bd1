import {
  checkoutIngress,
  checkoutService,
} from '../__fixtures__/checkoutService';
import { ingress, ingressClass } from '../__fixtures__/kubernetesObjects';
import { nginxIngressClass } from '../__fixtures__/platformCluster';
import { scopeOf } from '../__fixtures__/serviceScope';
import {
  ingressClassReference,
  ingressControllerTools,
} from './ingressControllers';

const traefikClass = ingressClass('traefik', 'traefik.io/ingress-controller');
const albClass = ingressClass('alb', 'ingress.k8s.aws/alb');
const classes = [nginxIngressClass, traefikClass, albClass];

describe('ingressControllerTools', () => {
  it('follows the Ingress to its IngressClass and the controller it names', () => {
    const tools = ingressControllerTools(
      scopeOf([checkoutService, checkoutIngress], classes),
    );
    expect(tools).toEqual([
      {
        tool: 'ingress-nginx',
        capability: 'service-proxy',
        evidence: [
          {
            kind: 'Ingress',
            apiVersion: 'networking.k8s.io/v1',
            namespace: 'shop',
            name: 'checkout',
            field: 'spec.ingressClassName',
            value: 'nginx',
          },
          {
            kind: 'IngressClass',
            apiVersion: 'networking.k8s.io/v1',
            name: 'nginx',
            field: 'spec.controller',
            value: 'k8s.io/ingress-nginx',
          },
        ],
      },
    ]);
  });

  it('does not take the Helm labels of the IngressClass for the service', () => {
    const tools = ingressControllerTools(scopeOf([checkoutIngress], classes));
    expect(tools.map(t => t.tool)).not.toContain('helm');
  });

  it('reports traefik, not ingress-nginx, for an Ingress of class traefik', () => {
    const viaTraefik = ingress('checkout', {
      namespace: 'shop',
      ingressClassName: 'traefik',
    });
    expect(
      ingressControllerTools(scopeOf([viaTraefik], classes)).map(t => t.tool),
    ).toEqual(['traefik']);
  });

  it('reads the legacy class annotation', () => {
    const legacy = ingress('checkout', {
      namespace: 'shop',
      annotations: { 'kubernetes.io/ingress.class': 'traefik' },
    });
    const [tool] = ingressControllerTools(scopeOf([legacy], classes));
    expect(tool.tool).toBe('traefik');
    expect(tool.evidence[0].field).toBe(
      'metadata.annotations[kubernetes.io/ingress.class]',
    );
  });

  it('lets the capability of the rule decide: an ALB Ingress is load balancing', () => {
    const viaAlb = ingress('checkout', {
      namespace: 'shop',
      ingressClassName: 'alb',
    });
    expect(ingressControllerTools(scopeOf([viaAlb], classes))).toEqual([
      expect.objectContaining({
        tool: 'aws-load-balancer-controller',
        capability: 'load-balancing',
      }),
    ]);
  });

  it('finds nothing when the class does not exist or the Ingress names none', () => {
    const missing = ingress('a', {
      namespace: 'shop',
      ingressClassName: 'haproxy',
    });
    const classless = ingress('b', { namespace: 'shop' });
    expect(
      ingressControllerTools(scopeOf([missing, classless], classes)),
    ).toEqual([]);
  });
});

describe('ingressClassReference', () => {
  it('prefers spec.ingressClassName over the annotation', () => {
    const both = ingress('a', {
      namespace: 'shop',
      ingressClassName: 'nginx',
      annotations: { 'kubernetes.io/ingress.class': 'traefik' },
    });
    expect(ingressClassReference(both)).toEqual({
      field: 'spec.ingressClassName',
      value: 'nginx',
    });
  });
});
