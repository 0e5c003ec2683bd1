import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  labelsMatchService,
  serviceLabelsOf,
  serviceMatchOf,
} from './serviceLabels';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
});

describe('serviceMatchOf and labelsMatchService', () => {
  it('finds the service id in usual labels, within its namespaces', () => {
    const match = serviceMatchOf(
      entity({ 'backstage.io/kubernetes-id': 'pay-api' }),
      ['payments'],
    );
    expect(
      labelsMatchService({ service: 'pay-api', namespace: 'payments' }, match),
    ).toBe(true);
    expect(
      labelsMatchService({ app_kubernetes_io_name: 'pay-api' }, match),
    ).toBe(true);
    expect(
      labelsMatchService({ job: 'pay-api', namespace: 'checkout' }, match),
    ).toBe(false);
    expect(labelsMatchService({ service: 'payments-api' }, match)).toBe(false);
  });

  it('uses prometheus.io/labels instead when given: every label must match', () => {
    const match = serviceMatchOf(
      entity({ 'prometheus.io/labels': 'team=payments, tier=api' }),
      [],
    );
    expect(match.labels).toEqual({ team: 'payments', tier: 'api' });
    expect(
      labelsMatchService(
        { team: 'payments', tier: 'api', service: 'x' },
        match,
      ),
    ).toBe(true);
    expect(
      labelsMatchService({ team: 'payments', service: 'payments-api' }, match),
    ).toBe(false);
  });

  it('reads alert names from prometheus.io/alert, and all as no restriction', () => {
    expect(
      serviceMatchOf(
        entity({ 'prometheus.io/alert': 'HighLatency, ErrorBudgetBurn' }),
        [],
      ).alertNames,
    ).toEqual(['HighLatency', 'ErrorBudgetBurn']);
    expect(
      serviceMatchOf(entity({ 'prometheus.io/alert': 'all' }), []).alertNames,
    ).toBeUndefined();
  });

  it('reads rule names from prometheus.io/rule, the Prometheus plugin’s name|label form included', () => {
    expect(
      serviceMatchOf(
        entity({
          'prometheus.io/rule':
            'memUsage|component, payments:errors:rate5m, sum by (instance) (node_cpu_seconds_total)|instance, up{job="x"}',
        }),
        [],
      ).ruleNames,
    ).toEqual(['memUsage', 'payments:errors:rate5m']);
  });

  it('keeps series of other clusters out by their cluster label', () => {
    const match = serviceMatchOf(entity(), ['payments'], ['prod-eu-1']);
    expect(
      labelsMatchService(
        { service: 'payments-api', cluster: 'prod-eu-1' },
        match,
      ),
    ).toBe(true);
    expect(
      labelsMatchService(
        { service: 'payments-api', cluster: 'prod-us-1' },
        match,
      ),
    ).toBe(false);
    expect(labelsMatchService({ service: 'payments-api' }, match)).toBe(true);
  });

  it('splits each label at its first =, as a value may hold one', () => {
    expect(
      serviceMatchOf(
        entity({
          'prometheus.io/labels': 'team = payments, selector=app=pay,_x9=a b',
        }),
        [],
      ),
    ).toMatchObject({
      labels: { team: 'payments', selector: 'app=pay', _x9: 'a b' },
    });
    expect(serviceLabelsOf(undefined)).toEqual({});
  });

  it('names every pair of prometheus.io/labels that is no label', () => {
    expect(() =>
      serviceLabelsOf('team=payments, tier, 9lives=x, app-name=y, env='),
    ).toThrow(
      new InputError(
        "Invalid prometheus.io/labels annotation 'team=payments, tier, 9lives=x, app-name=y, env=': 'tier' is not key=value; '9lives=x': '9lives' is not a Prometheus label name; 'app-name=y': 'app-name' is not a Prometheus label name; 'env=' has no value",
      ),
    );
    expect(() => serviceLabelsOf('=payments')).toThrow(
      "'=payments': '' is not a Prometheus label name",
    );
  });

  it('matches nothing by labels when prometheus.io/labels is malformed, and still by name', () => {
    const match = serviceMatchOf(
      entity({
        'prometheus.io/labels': 'team',
        'prometheus.io/alert': 'PaymentsApiErrors',
      }),
      [],
    );
    expect(match).toMatchObject({
      labels: {},
      invalidLabels:
        "Invalid prometheus.io/labels annotation 'team': 'team' is not key=value",
      alertNames: ['PaymentsApiErrors'],
    });
    // Not even by the service id in the usual labels: the annotation says
    // those are not how the service is told.
    expect(labelsMatchService({ service: 'payments-api' }, match)).toBe(false);
    expect(labelsMatchService({ team: 'team' }, match)).toBe(false);
  });
});
