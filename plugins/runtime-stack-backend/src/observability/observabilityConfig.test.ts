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

  it('reads a public Prometheus URL for links, and names it when it is not one', () => {
    const read = (publicUrl: string) =>
      readObservabilitySettings(
        new ConfigReader({
          runtimeStack: {
            observability: {
              prometheus: [{ url: 'http://prometheus:9090', publicUrl }],
            },
          },
        }),
      ).prometheus[0];
    expect(read('https://prometheus.example.com/').publicUrl).toBe(
      'https://prometheus.example.com',
    );
    expect(() => read('prometheus.example.com')).toThrow(
      "Invalid runtimeStack.observability.prometheus[0].publicUrl 'prometheus.example.com': expected an http(s) URL",
    );
  });

  it('reads a public Grafana URL for links, apart from the API URL', () => {
    const { grafana } = readObservabilitySettings(
      new ConfigReader({
        runtimeStack: {
          observability: {
            grafana: {
              url: 'http://grafana.monitoring:3000',
              publicUrl: 'https://grafana.example.com/',
            },
          },
        },
      }),
    );
    expect(grafana).toEqual({
      url: 'http://grafana.monitoring:3000',
      publicUrl: 'https://grafana.example.com',
      token: undefined,
    });
  });

  describe('without runtimeStack.observability.grafana', () => {
    const grafanaOf = (config: object) =>
      readObservabilitySettings(new ConfigReader(config)).grafana;

    it('uses the Grafana plugin’s proxy endpoint and domain', () => {
      expect(
        grafanaOf({
          grafana: { domain: 'https://grafana.example.com' },
          proxy: {
            endpoints: {
              '/grafana/api': {
                target: 'http://grafana.monitoring:3000/',
                headers: { Authorization: 'Bearer glsa_abc' },
              },
            },
          },
        }),
      ).toEqual({
        url: 'http://grafana.monitoring:3000',
        publicUrl: 'https://grafana.example.com',
        token: 'glsa_abc',
      });
    });

    it('reads the older proxy form, another proxy path and another scheme', () => {
      expect(
        grafanaOf({
          grafana: { domain: 'https://grafana.example.com', proxyPath: '/g' },
          proxy: {
            '/grafana/api': 'http://wrong',
            '/g': {
              target: 'http://grafana:3000',
              headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
            },
          },
        }),
      ).toEqual({
        url: 'http://grafana:3000',
        publicUrl: 'https://grafana.example.com',
        headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      });
      expect(
        grafanaOf({
          proxy: { endpoints: { '/grafana/api': 'http://g:3000' } },
        }),
      ).toEqual({ url: 'http://g:3000' });
    });

    it('has no Grafana without a proxy endpoint, and prefers its own settings', () => {
      expect(
        grafanaOf({ grafana: { domain: 'https://grafana.example.com' } }),
      ).toBeUndefined();
      expect(
        grafanaOf({
          runtimeStack: { observability: { grafana: { url: 'http://ours' } } },
          proxy: { endpoints: { '/grafana/api': 'http://theirs' } },
        })?.url,
      ).toBe('http://ours');
    });

    it('names the proxy endpoint when its target is not a URL', () => {
      expect(() =>
        grafanaOf({ proxy: { endpoints: { '/grafana/api': 'grafana:3000' } } }),
      ).toThrow(/proxy endpoint \/grafana\/api \(the Grafana plugin's\)/);
    });
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

  it('refuses a cache time below one second, which the cache would keep for ever', () => {
    const withTtl = (cacheTtlSeconds: number) =>
      readObservabilitySettings(
        new ConfigReader({
          runtimeStack: { observability: { cacheTtlSeconds } },
        }),
      );
    expect(withTtl(5).cacheTtlSeconds).toBe(5);
    expect(() => withTtl(0)).toThrow(
      /Invalid runtimeStack\.observability\.cacheTtlSeconds: must be a whole number of at least 1, not 0/,
    );
    expect(() => withTtl(-5)).toThrow(/cacheTtlSeconds/);
  });
});
