import { loadConfigSchema } from '@backstage/config-loader';

jest.setTimeout(120_000);

describe('the config schema', () => {
  it('keeps secrets out of what is not allowed to see them, down to each Prometheus header', async () => {
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
                    url: 'https://prometheus.example.net',
                    headers: {
                      Authorization: 'Bearer s3cret',
                      'X-Scope-OrgID': 'tenant-a',
                    },
                  },
                ],
              },
            },
          },
        },
      ],
      { visibility: ['frontend', 'backend'], ignoreSchemaErrors: true },
    );
    const [prometheus] = (shown.data as any).runtimeStack.observability
      .prometheus;
    expect(prometheus.url).toBe('https://prometheus.example.net');
    expect(prometheus.headers ?? {}).toEqual({});
  });
});
