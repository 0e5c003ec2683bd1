import type { ServiceImage } from '@internal/backstage-plugin-runtime-stack-common';
import { observabilityErrors, registryErrors } from './answeredSourceErrors';

const running = [
  { cluster: 'prod-eu-1', namespace: 'payments', pod: 'p-1', container: 'app' },
];

const image = (tag: string, extra: Partial<ServiceImage>): ServiceImage => ({
  reference: `registry.example.com/payments/payments-api:${tag}`,
  registry: 'registry.example.com',
  repository: 'payments/payments-api',
  tag,
  running,
  declared: false,
  registryConfigured: true,
  newest: [],
  drift: [],
  ...extra,
});

describe('registryErrors', () => {
  it('names a repository once, for the running images its failed read left without an entry', () => {
    expect(
      registryErrors({
        images: [
          image('1.1.0', { lastError: 'registry unreachable' }),
          image('1.2.0', { lastError: 'registry unreachable' }),
        ],
      }),
    ).toEqual([
      {
        source: 'images',
        message:
          'registry.example.com/payments/payments-api: registry unreachable',
      },
    ]);
  });

  it('leaves out an image whose tag was read before, and one only declared: the failure costs them no evidence', () => {
    expect(
      registryErrors({
        images: [
          image('1.0.0', {
            lastError: 'registry unreachable',
            current: { tag: '1.0.0', digest: `sha256:${'a'.repeat(64)}` },
          }),
          image('2.0.0', { lastError: 'registry unreachable', running: [] }),
          image('1.1.0', {}),
        ],
      }),
    ).toEqual([]);
  });
});

describe('observabilityErrors', () => {
  it('names the Prometheus or Grafana that failed in the message', () => {
    expect(
      observabilityErrors({
        errors: [
          { source: 'prom-eu', message: 'no answer within 10000ms' },
          { source: 'grafana', message: 'unauthorized' },
        ],
      }),
    ).toEqual([
      { source: 'observability', message: 'prom-eu: no answer within 10000ms' },
      { source: 'observability', message: 'grafana: unauthorized' },
    ]);
  });
});
