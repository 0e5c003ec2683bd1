import { loadConfigSchema } from '@backstage/config-loader';

jest.setTimeout(120_000);

describe('the config schema', () => {
  it('keeps secrets out of what is not allowed to see them, down to each Prometheus header and URL', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['@internal/backstage-plugin-runtime-stack-backend'],
    });
    const [shown] = schema.process(
      [
        {
          context: 'app-config.yaml',
          data: {
            runtimeStack: {
              observability: {
                prometheus: [
                  {
                    name: 'main',
                    url: 'https://reader:pw@prometheus.example.net',
                    headers: {
                      Authorization: 'Bearer s3cret',
                      'X-Scope-OrgID': 'tenant-a',
                    },
                  },
                ],
                grafana: { url: 'https://admin:pw@grafana.internal' },
              },
            },
          },
        },
      ],
      { visibility: ['frontend', 'backend'], ignoreSchemaErrors: true },
    );
    const [prometheus] = (shown.data as any).runtimeStack.observability
      .prometheus;
    expect(prometheus.name).toBe('main');
    expect(prometheus.url).toBeUndefined();
    expect(prometheus.headers ?? {}).toEqual({});
    expect(
      (shown.data as any).runtimeStack.observability.grafana?.url,
    ).toBeUndefined();
  });
});
