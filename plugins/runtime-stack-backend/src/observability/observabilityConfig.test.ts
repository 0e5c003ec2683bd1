import { ConfigReader } from '@backstage/config';
import {
  expandLinkTemplate,
  readObservabilitySettings,
} from './observabilityConfig';

describe('observability configuration', () => {
  it('reads Prometheus sources, Grafana and link templates', () => {
    const settings = readObservabilitySettings(
      new ConfigReader({
        runtimeStack: {
          observability: {
            prometheus: [
              {
                name: 'eu',
                url: 'http://prom.eu:9090/',
                clusters: ['prod-eu-1'],
                headers: { 'X-Scope-OrgID': 'team' },
              },
            ],
            grafana: { url: 'https://grafana.example.com/', token: 't' },
            links: [
              {
                title: 'Logs',
                type: 'logs',
                url: 'https://loki.example.com/explore?ns=${namespace}&app=${service}&c=${cluster}',
              },
            ],
          },
        },
      }),
    );
    expect(settings.prometheus).toEqual([
      {
        name: 'eu',
        url: 'http://prom.eu:9090',
        clusters: ['prod-eu-1'],
        headers: { 'X-Scope-OrgID': 'team' },
      },
    ]);
    expect(settings.grafana).toEqual({
      url: 'https://grafana.example.com',
      token: 't',
    });
    expect(settings.cacheTtlSeconds).toBe(60);
    expect(
      expandLinkTemplate(settings.links[0].url, {
        service: 'pay api',
        namespace: 'payments',
        cluster: 'prod-eu-1',
      }),
    ).toBe(
      'https://loki.example.com/explore?ns=payments&app=pay%20api&c=prod-eu-1',
    );
    expect(
      expandLinkTemplate(settings.links[0].url, { service: 'x' }),
    ).toBeUndefined();
  });

  it('names an unknown placeholder and a URL that is not http', () => {
    expect(() =>
      readObservabilitySettings(
        new ConfigReader({
          runtimeStack: {
            observability: {
              links: [{ title: 'x', url: 'https://x/${team}' }],
            },
          },
        }),
      ),
    ).toThrow(/links\[0\]\.url: unknown placeholder \$\{team\}/);
    expect(() =>
      readObservabilitySettings(
        new ConfigReader({
          runtimeStack: {
            observability: { prometheus: [{ url: 'prom:9090' }] },
          },
        }),
      ),
    ).toThrow(/prometheus\[0\]\.url 'prom:9090'/);
  });
});
