import { InputError } from '@backstage/errors';
import type { GrafanaAlertInstance, GrafanaAlertRule } from './GrafanaClient';
import { grafanaAlertsFor, parseAlertLabelSelector } from './grafanaAlerts';

const rule = (
  uid: string,
  title: string,
  labels: Record<string, string>,
  folderTitle = 'Payments',
): GrafanaAlertRule => ({
  uid,
  title,
  folderTitle,
  group: 'slo',
  labels,
  annotations: uid === 'lat' ? { summary: 'p99 above 1 s' } : {},
  url: `https://grafana.example.com/alerting/grafana/${uid}/view`,
});

const instance = (
  alertname: string,
  state: string,
  grafana_folder = 'Payments',
): GrafanaAlertInstance => ({
  labels: { alertname, grafana_folder },
  state,
});

describe('parseAlertLabelSelector', () => {
  it('reads key=value, several separated by commas, a value may hold =', () => {
    expect(parseAlertLabelSelector(' service = payments-api ')).toEqual([
      { label: 'service', value: 'payments-api', text: 'service=payments-api' },
    ]);
    expect(
      parseAlertLabelSelector('service=payments-api,team=payments,q=a=b'),
    ).toEqual([
      expect.objectContaining({ label: 'service', value: 'payments-api' }),
      expect.objectContaining({ label: 'team', value: 'payments' }),
      expect.objectContaining({ label: 'q', value: 'a=b' }),
    ]);
  });

  it.each(['payments-api', '=payments', 'service=', ' , '])(
    'rejects %j, naming the annotation',
    text => {
      expect(() => parseAlertLabelSelector(text)).toThrow(InputError);
      expect(() => parseAlertLabelSelector(text)).toThrow(
        /grafana\/alert-label-selector/,
      );
    },
  );
});

describe('grafanaAlertsFor', () => {
  const rules = [
    rule('lat', 'Latency', { service: 'payments-api', severity: 'critical' }),
    rule('err', 'Errors', { service: 'payments-api' }),
    rule('new', 'Saturation', { team: 'payments' }),
    rule('other', 'Latency', { service: 'checkout-web' }, 'Checkout'),
  ];
  const instances = [
    instance('Latency', 'Alerting'),
    instance('Latency', 'Normal'),
    instance('Errors', 'NoData'),
    instance('Errors', 'Normal'),
    // The same title in another folder is another rule's instance.
    instance('Latency', 'Alerting', 'Checkout'),
  ];

  it('selects rules by their labels, with the worst state of their instances', () => {
    const alerts = grafanaAlertsFor(
      parseAlertLabelSelector('service=payments-api,team=payments'),
      rules,
      instances,
    );
    expect(alerts).toEqual([
      {
        uid: 'lat',
        title: 'Latency',
        folderTitle: 'Payments',
        url: 'https://grafana.example.com/alerting/grafana/lat/view',
        state: 'alerting',
        instances: 2,
        firing: 1,
        labels: { service: 'payments-api', severity: 'critical' },
        summary: 'p99 above 1 s',
        matchedSelector: 'service=payments-api',
      },
      expect.objectContaining({
        uid: 'err',
        state: 'nodata',
        instances: 2,
        firing: 0,
      }),
      // Not evaluated yet: no instances.
      expect.objectContaining({
        uid: 'new',
        state: 'unknown',
        instances: 0,
        matchedSelector: 'team=payments',
      }),
    ]);
  });

  it('orders states alerting, error, pending, nodata, normal', () => {
    const stateOf = (...states: string[]) =>
      grafanaAlertsFor(
        parseAlertLabelSelector('service=payments-api'),
        [rules[1]],
        states.map(s => instance('Errors', s)),
      )[0].state;
    expect(stateOf('Normal', 'Error', 'Alerting')).toBe('alerting');
    expect(stateOf('Pending', 'Error')).toBe('error');
    expect(stateOf('NoData', 'Pending')).toBe('pending');
    expect(stateOf('Normal')).toBe('normal');
  });

  it('selects nothing when no rule carries the label', () => {
    expect(
      grafanaAlertsFor(
        parseAlertLabelSelector('service=cart-service'),
        rules,
        instances,
      ),
    ).toEqual([]);
  });
});
