import { ConfigReader } from '@backstage/config';
import { readImageSettings, registryFor } from './registryConfig';

const settings = (registries: object[]) =>
  readImageSettings(
    new ConfigReader({ runtimeStack: { images: { registries } } }),
  );

describe('registry configuration', () => {
  it('reads registries with defaults', () => {
    const { registries, maxAgeDays, schedule } = settings([
      { host: 'registry.example.com', username: 'ci', password: 's3cret' },
      { host: '127.0.0.1:5000', insecure: true },
    ]);
    expect(registries).toEqual([
      expect.objectContaining({
        host: 'registry.example.com',
        insecure: false,
        username: 'ci',
        password: 's3cret',
      }),
      expect.objectContaining({ host: '127.0.0.1:5000', insecure: true }),
    ]);
    expect(maxAgeDays).toBe(90);
    expect(schedule.frequency).toEqual({ minutes: 30 });
  });

  it('reads a mirror url, and names a malformed one', () => {
    const { registries } = settings([
      { host: 'registry.example.com', url: 'http://127.0.0.1:5000/' },
    ]);
    expect(registries[0].url).toBe('http://127.0.0.1:5000');
    expect(() =>
      settings([{ host: 'registry.example.com', url: '127.0.0.1:5000' }]),
    ).toThrow(/registries\[0\]\.url '127.0.0.1:5000'/);
  });

  it("takes the Harbor plugin's host from harbor.baseUrl, and names a malformed one", () => {
    const withHarbor = (baseUrl: string) =>
      readImageSettings(new ConfigReader({ harbor: { baseUrl } }));
    expect(withHarbor('https://harbor.acme.internal:8443/').harbor).toEqual({
      defaultHost: 'harbor.acme.internal:8443',
      instanceHosts: [],
    });
    expect(settings([]).harbor).toEqual({ instanceHosts: [] });
    expect(() => withHarbor('harbor.acme.internal')).toThrow(
      "Invalid harbor.baseUrl 'harbor.acme.internal': expected an http(s) URL of the Harbor instance",
    );
  });

  it("takes the hosts of the Harbor plugin's instances, and names a malformed one", () => {
    const withInstances = (instances: object[]) =>
      readImageSettings(new ConfigReader({ harbor: { instances } }));
    expect(
      withInstances([
        { host: 'harbor.eu.acme.internal', baseUrl: 'https://harbor.eu' },
        { host: 'harbor.us.acme.internal:8443', baseUrl: 'https://harbor.us' },
      ]).harbor,
    ).toEqual({
      instanceHosts: [
        'harbor.eu.acme.internal',
        'harbor.us.acme.internal:8443',
      ],
    });
    expect(() =>
      withInstances([{ host: 'https://harbor.eu.acme.internal' }]),
    ).toThrow(
      "Invalid harbor.instances[0].host 'https://harbor.eu.acme.internal'",
    );
  });

  it('names the registry whose host is not host[:port]', () => {
    expect(() => settings([{ host: 'https://registry.example.com' }])).toThrow(
      /registries\[0\]\.host 'https:\/\/registry.example.com'/,
    );
  });

  it('fetches only configured hosts and allowed repositories', () => {
    const { registries } = settings([
      {
        host: 'registry.example.com',
        repositories: ['payments/*', 'platform/**'],
      },
      { host: 'ghcr.io' },
    ]);
    expect(
      registryFor(registries, 'registry.example.com', 'payments/api')?.host,
    ).toBe('registry.example.com');
    expect(
      registryFor(registries, 'registry.example.com', 'payments/api/extra'),
    ).toBeUndefined();
    expect(
      registryFor(registries, 'registry.example.com', 'platform/a/b/c'),
    ).toBeDefined();
    expect(
      registryFor(registries, 'registry.example.com', 'checkout/web'),
    ).toBeUndefined();
    expect(registryFor(registries, 'ghcr.io', 'anyone/anything')).toBeDefined();
    // A host named only in an annotation is never fetched.
    expect(
      registryFor(registries, 'evil.example.net', 'payments/api'),
    ).toBeUndefined();
  });
});
