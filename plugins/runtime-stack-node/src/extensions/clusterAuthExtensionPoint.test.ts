import type { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { ClusterAuthAdditions } from './clusterAuthExtensionPoint';

const strategy = (token: string): AuthenticationStrategy => ({
  getCredential: async () => ({ type: 'bearer token', token }),
  validateCluster: () => [],
  presentAuthMetadata: () => ({}),
});

describe('ClusterAuthAdditions', () => {
  it('keeps each strategy under its key, built-in names included', async () => {
    const additions = new ClusterAuthAdditions();
    additions.addAuthStrategy('vault', strategy('from-vault'));
    additions.addAuthStrategy('aws', strategy('from-aws-module'));

    const added = additions.strategies();
    expect([...added.keys()]).toEqual(['vault', 'aws']);
    await expect(
      added
        .get('vault')!
        .getCredential({ name: 'c', url: 'https://c', authMetadata: {} }, {}),
    ).resolves.toEqual({ type: 'bearer token', token: 'from-vault' });
  });

  it.each([
    ['pinniped-dev', /must be letters and digits/],
    ['', /must be letters and digits/],
    ['serviceAccount', /'serviceAccount' is taken/],
  ])('refuses the key %p', (key, message) => {
    expect(() =>
      new ClusterAuthAdditions().addAuthStrategy(key, strategy('t')),
    ).toThrow(message);
  });

  it('refuses a key added twice, rather than let the last module win silently', () => {
    const additions = new ClusterAuthAdditions();
    additions.addAuthStrategy('vault', strategy('a'));
    expect(() => additions.addAuthStrategy('vault', strategy('b'))).toThrow(
      "Cluster auth strategy 'vault' was added twice",
    );
  });

  it('refuses a strategy added once the plugin took them, which would change nothing', () => {
    const additions = new ClusterAuthAdditions();
    additions.addAuthStrategy('vault', strategy('a'));
    expect([...additions.strategies().keys()]).toEqual(['vault']);
    expect(() => additions.addAuthStrategy('other', strategy('b'))).toThrow(
      /^addAuthStrategy was called after the runtime-stack plugin started and read its cluster auth strategies/,
    );
  });
});
