import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';

/** The layer model's source-control tool of each kind of SCM integration. */
const TOOL_OF_INTEGRATION: Record<string, string> = {
  github: 'github',
  gitlab: 'gitlab',
  bitbucketCloud: 'bitbucket',
  bitbucketServer: 'bitbucket',
  bitbucket: 'bitbucket',
  azure: 'azure-devops',
};

/**
 * The source-control tool of a host by the portal's own `integrations`
 * config, so a GitHub Enterprise or GitLab on a company domain is named as
 * the catalog already knows it.
 */
export function sourceControlToolOfHost(
  config: Config,
): (host: string) => string | undefined {
  const integrations = ScmIntegrations.fromConfig(config);
  return host => {
    const type = integrations.byHost(host)?.type;
    return type && Object.hasOwn(TOOL_OF_INTEGRATION, type)
      ? TOOL_OF_INTEGRATION[type]
      : undefined;
  };
}
