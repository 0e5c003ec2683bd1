import { parseAuthChallenges } from './authChallenge';

describe('parseAuthChallenges', () => {
  it('parses a registry bearer challenge with a comma inside the scope', () => {
    expect(
      parseAuthChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        parameters: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:samalba/my-app:pull,push',
        },
      },
    ]);
  });

  it('parses several challenges joined into one header', () => {
    expect(
      parseAuthChallenges(
        'Basic realm="Registry Realm", Bearer Realm=https://t.example.com/token, service="x"',
      ),
    ).toEqual([
      { scheme: 'basic', parameters: { realm: 'Registry Realm' } },
      {
        scheme: 'bearer',
        parameters: { realm: 'https://t.example.com/token', service: 'x' },
      },
    ]);
  });

  it('unescapes quoted values and accepts schemes without parameters', () => {
    expect(parseAuthChallenges('Basic, Bearer realm="a\\"b"')).toEqual([
      { scheme: 'basic', parameters: {} },
      { scheme: 'bearer', parameters: { realm: 'a"b' } },
    ]);
  });

  it('is empty without a header', () => {
    expect(parseAuthChallenges(null)).toEqual([]);
    expect(parseAuthChallenges('')).toEqual([]);
  });
});
