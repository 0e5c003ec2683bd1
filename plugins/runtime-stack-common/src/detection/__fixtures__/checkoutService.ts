import { deployment, ingress, pod, service } from './kubernetesObjects';

/** A typical service: the `checkout` API of a shop, in namespace `shop`. */
export const checkoutLabels = {
  'app.kubernetes.io/name': 'checkout',
  'app.kubernetes.io/instance': 'checkout',
  'app.kubernetes.io/managed-by': 'Helm',
  'helm.sh/chart': 'checkout-1.4.2',
};

export const checkoutPodLabels = {
  'app.kubernetes.io/name': 'checkout',
  'app.kubernetes.io/instance': 'checkout',
};

export const checkoutDeployment = deployment('checkout', {
  namespace: 'shop',
  labels: checkoutLabels,
  podLabels: checkoutPodLabels,
  containers: [{ name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2' }],
});

export const checkoutPod = pod('checkout-6f7b9c8d4-x2x9k', {
  namespace: 'shop',
  labels: { ...checkoutPodLabels, 'pod-template-hash': '6f7b9c8d4' },
  containers: [{ name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2' }],
});

export const checkoutService = service('checkout', {
  namespace: 'shop',
  labels: checkoutLabels,
  selector: checkoutPodLabels,
});

export const checkoutIngress = ingress('checkout', {
  namespace: 'shop',
  ingressClassName: 'nginx',
  host: 'checkout.shop.example.com',
  tlsSecretName: 'checkout-tls',
});
