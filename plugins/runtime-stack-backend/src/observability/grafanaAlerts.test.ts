import { InputError } from '@backstage/errors';
import type { GrafanaAlertInstance, GrafanaAlertRule } from './GrafanaClient';
import { grafanaAlertsFor, parseAlertLabelSelector } from './grafanaAlerts';

const rule = (
  uid: string,
  title: string,
  labels: Record<string, string>,
  folderTitle = 'Payments',
  folderPath = folderTitle,
): GrafanaAlertRule => ({
  uid,
  title,
  folderTitle,
  folderPath,
  group: 'slo',
  labels,
  annotations: uid === 'lat' ? { summary: 'p99 above 1 s' } : {},
  url: `https://grafana.example.com/alerting/grafana/${uid}/view`,
});

const instance = (
  alertname: string,
  state: string,
  grafana_folder = 'Payments',
  ruleUid?: string,
): GrafanaAlertInstance => ({
  ...(ruleUid ? { ruleUid } : {}),
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

  it('counts Recovering instances as firing, whatever the case', () => {
    const [alert] = grafanaAlertsFor(
      parseAlertLabelSelector('service=payments-api'),
      [rules[1]],
      [
        instance('Errors', 'Recovering'),
        instance('Errors', 'recovering'),
        instance('Errors', 'NoData'),
      ],
    );
    expect(alert).toMatchObject({ state: 'alerting', instances: 3, firing: 2 });
  });

  it('ties instances to their rule by its uid: titles repeat within a folder since Grafana 12', () => {
    const twins = [
      rule('eu', 'Latency', { service: 'payments-api' }),
      rule('us', 'Latency', { service: 'payments-api' }),
    ];
    const alerts = grafanaAlertsFor(
      parseAlertLabelSelector('service=payments-api'),
      twins,
      [
        instance('Latency', 'Alerting', 'Payments', 'eu'),
        instance('Latency', 'Normal', 'Payments', 'us'),
        instance('Latency', 'Normal', 'Payments', 'us'),
        // Another rule's instance that happens to carry the same labels.
        instance('Latency', 'Alerting', 'Payments', 'other'),
      ],
    );
    expect(
      alerts.map(({ uid, state, instances: n, firing }) => ({
        uid,
        state,
        instances: n,
        firing,
      })),
    ).toEqual([
      { uid: 'eu', state: 'alerting', instances: 1, firing: 1 },
      { uid: 'us', state: 'normal', instances: 2, firing: 0 },
    ]);
  });

  it('without the uid, ties instances by title and the folder path Grafana labels them with', () => {
    const nested = rule(
      'lat',
      'Latency',
      { service: 'payments-api' },
      'Teams / KeyDB/Redis',
      'Teams/KeyDB\\/Redis',
    );
    const stateIn = (grafana_folder: string) =>
      grafanaAlertsFor(
        parseAlertLabelSelector('service=payments-api'),
        [nested],
        [instance('Latency', 'Alerting', grafana_folder)],
      )[0];
    expect(stateIn('Teams/KeyDB\\/Redis')).toMatchObject({
      folderTitle: 'Teams / KeyDB/Redis',
      state: 'alerting',
      firing: 1,
    });
    // The same path with its slash unescaped, as some Grafana versions write it.
    expect(stateIn('Teams/KeyDB/Redis').firing).toBe(1);
    // A folder of the same title elsewhere is another folder.
    expect(stateIn('Redis')).toMatchObject({ state: 'unknown', instances: 0 });
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
