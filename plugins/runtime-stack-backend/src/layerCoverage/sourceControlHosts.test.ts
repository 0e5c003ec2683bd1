import { ConfigReader } from '@backstage/config';
import { sourceControlToolOfHost } from './sourceControlHosts';

describe('sourceControlToolOfHost', () => {
  const toolOf = sourceControlToolOfHost(
    new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com' },
          {
            host: 'git.acme.internal',
            apiBaseUrl: 'https://git.acme.internal/api/v3',
          },
        ],
        gitlab: [
          {
            host: 'code.acme.internal',
            apiBaseUrl: 'https://code.acme.internal/api/v4',
          },
        ],
        bitbucketServer: [{ host: 'stash.acme.internal' }],
      },
    }),
  );

  it('names the tool of each configured integration by its host', () => {
    expect(toolOf('git.acme.internal')).toBe('github');
    expect(toolOf('code.acme.internal')).toBe('gitlab');
    expect(toolOf('stash.acme.internal')).toBe('bitbucket');
  });

  it('knows the public hosts the integrations always include', () => {
    expect(toolOf('github.com')).toBe('github');
    expect(toolOf('gitlab.com')).toBe('gitlab');
    expect(toolOf('dev.azure.com')).toBe('azure-devops');
  });

  it('names none for a host no integration serves', () => {
    expect(toolOf('files.acme.internal')).toBeUndefined();
  });
});
