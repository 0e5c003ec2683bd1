import {
  DELIVERY_HINTS,
  ECOSYSTEM_TOOL_RULES,
  readEcosystemTools,
  sourceControlToolOf,
  registryToolOf,
} from './ecosystemTools';
import { defaultLayerModel } from './layers/defaultLayerModel';
import { extendLayerModel } from './layers/extendLayerModel';

describe('sourceControlToolOf', () => {
  it.each([
    ['https://github.com/acme/payments-api', 'github'],
    ['url:https://github.com/acme/payments-api/tree/main/', 'github'],
    ['https://github.acme.internal/payments/api', 'github'],
    ['https://acme.ghe.com/payments/api', 'github'],
    ['git@github.com:acme/payments-api.git', 'github'],
    ['ssh://git@gitlab.com/acme/cart-service.git', 'gitlab'],
    ['https://gitlab.acme.internal/checkout/cart', 'gitlab'],
    ['https://code.gitlab.acme.internal/checkout/cart', 'gitlab'],
    ['https://bitbucket.org/acme/search', 'bitbucket'],
    ['https://bitbucket.acme.internal/projects/X/repos/y', 'bitbucket'],
    ['https://dev.azure.com/acme/payments/_git/api', 'azure-devops'],
    ['https://acme.visualstudio.com/payments/_git/api', 'azure-devops'],
  ])('%s is on %s', (address, tool) => {
    expect(sourceControlToolOf(address)).toBe(tool);
  });

  it('asks the caller about the hosts it knows first', () => {
    const acme = (host: string) =>
      host === 'git.acme.internal' || host === 'github.acme.internal'
        ? 'gitlab'
        : undefined;
    expect(sourceControlToolOf('https://git.acme.internal/x/y', acme)).toBe(
      'gitlab',
    );
    expect(sourceControlToolOf('https://github.acme.internal/x', acme)).toBe(
      'gitlab',
    );
    expect(sourceControlToolOf('https://github.com/acme/x', acme)).toBe(
      'github',
    );
  });

  it.each([
    ['a host that names no known service', 'https://git.acme.internal/x/y'],
    ['a file location', 'file:/work/examples/estate/components.yaml'],
    ['a file URL', 'file:///work/repo'],
    ['no address at all', 'payments-api'],
    ['a host that only contains a name', 'https://notgithub.com/acme/x'],
  ])('names no tool for %s', (_, address) => {
    expect(sourceControlToolOf(address)).toBeUndefined();
  });
});

describe('readEcosystemTools', () => {
  it('reads the delivery annotations of other plugins as tools', () => {
    expect(
      readEcosystemTools(
        {
          'gitlab.com/project-slug': 'acme/cart-service',
          'backstage.io/source-location':
            'url:https://gitlab.com/acme/cart-service/-/tree/main/',
          'jenkins.io/job-full-name': 'checkout/cart-service',
          'tekton.dev/cicd': 'true',
          'argocd/app-selector': 'app=cart-service',
          'backstage.io/kubernetes-id': 'cart-service',
        },
        defaultLayerModel,
      ),
    ).toEqual([
      {
        capability: 'source-control',
        tool: 'gitlab',
        annotation: 'gitlab.com/project-slug',
        value: 'acme/cart-service',
      },
      {
        capability: 'source-control',
        tool: 'gitlab',
        annotation: 'backstage.io/source-location',
        value: 'url:https://gitlab.com/acme/cart-service/-/tree/main/',
      },
      {
        capability: 'ci-cd',
        tool: 'jenkins',
        annotation: 'jenkins.io/job-full-name',
        value: 'checkout/cart-service',
      },
      {
        capability: 'ci-cd',
        tool: 'tekton',
        annotation: 'tekton.dev/cicd',
        value: 'true',
      },
      {
        capability: 'gitops',
        tool: 'argo-cd',
        annotation: 'argocd/app-selector',
        value: 'app=cart-service',
      },
    ]);
  });

  it('leaves out values that imply nothing, without a problem', () => {
    expect(
      readEcosystemTools(
        {
          'tekton.dev/cicd': 'false',
          'github.com/project-slug': '   ',
          'backstage.io/source-location': 'file:/work/examples/',
          'circleci.com/project-slug': 42,
        },
        defaultLayerModel,
      ),
    ).toEqual([]);
  });

  it('leaves out tools a customised layer model does not know', () => {
    const model = {
      ...defaultLayerModel,
      layers: defaultLayerModel.layers.map(layer => ({
        ...layer,
        capabilities: layer.capabilities.map(c =>
          c.id === 'ci-cd'
            ? { ...c, tools: c.tools.filter(t => t.id !== 'buildkite') }
            : c,
        ),
      })),
    };
    const annotations = {
      'buildkite.com/project-slug': 'acme/payments',
      'circleci.com/project-slug': 'github/acme/payments',
    };
    expect(readEcosystemTools(annotations, model).map(t => t.tool)).toEqual([
      'circleci',
    ]);
    expect(
      readEcosystemTools(annotations, defaultLayerModel).map(t => t.tool),
    ).toEqual(['circleci', 'buildkite']);
  });

  it('only implies tools the default layer model knows', () => {
    const known = new Set(
      defaultLayerModel.layers.flatMap(l =>
        l.capabilities.flatMap(c => c.tools.map(t => `${c.id} ${t.id}`)),
      ),
    );
    const implied = ECOSYSTEM_TOOL_RULES.map(rule => {
      const value =
        rule.annotation === 'backstage.io/source-location'
          ? 'url:https://github.com/acme/x'
          : 'true';
      return `${rule.capability} ${rule.tool(value)}`;
    });
    expect(implied.filter(pair => !known.has(pair))).toEqual([]);
  });

  it('keeps working when a module extends the model', () => {
    const model = extendLayerModel(defaultLayerModel, {
      tools: { 'ci-cd': [{ id: 'woodpecker', title: 'Woodpecker' }] },
    });
    expect(
      readEcosystemTools({ 'gocd.org/pipelines': 'payments-api' }, model),
    ).toEqual([expect.objectContaining({ capability: 'ci-cd', tool: 'gocd' })]);
  });
});

describe('DELIVERY_HINTS', () => {
  it('name the annotations that would give evidence', () => {
    expect(DELIVERY_HINTS['source-control']).toContain(
      'github.com/project-slug',
    );
    expect(DELIVERY_HINTS['source-control']).toContain(
      'backstage.io/managed-by-location',
    );
    expect(DELIVERY_HINTS['ci-cd']).toContain('jenkins.io/job-full-name');
    expect(DELIVERY_HINTS['ci-cd']).not.toContain('github.com/project-slug');
  });
});

describe('registryToolOf', () => {
  it.each([
    ['docker.io', 'docker-hub'],
    ['registry-1.docker.io', 'docker-hub'],
    ['ghcr.io', 'github-container-registry'],
    ['quay.io', 'quay'],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'amazon-ecr'],
    ['public.ecr.aws', 'amazon-ecr'],
    ['gcr.io', 'google-container-registry'],
    ['eu.gcr.io', 'google-container-registry'],
    ['europe-west1-docker.pkg.dev', 'google-container-registry'],
    ['acme.azurecr.io', 'azure-container-registry'],
    ['registry.gitlab.com', 'gitlab-container-registry'],
    ['acme.jfrog.io', 'jfrog-artifactory'],
    ['Quay.IO:443', 'quay'],
  ])('knows %s as %s', (host, tool) => {
    expect(registryToolOf(host)).toBe(tool);
  });

  it.each([
    'registry.acme.internal',
    'cr.l5d.io',
    // Lookalikes of a well-known host are not it.
    'ghcr.io.evil.example',
    'dkr.ecr.eu-west-1.amazonaws.com',
    'notazurecr.io',
  ])('names no tool for %s', host => {
    expect(registryToolOf(host)).toBeUndefined();
  });

  it('names only tools of the default layer model', () => {
    const tools = new Set(
      defaultLayerModel.layers
        .flatMap(l => l.capabilities)
        .find(c => c.id === 'container-registry')!
        .tools.map(t => t.id),
    );
    for (const host of [
      'docker.io',
      'ghcr.io',
      'quay.io',
      'public.ecr.aws',
      'gcr.io',
      'acme.azurecr.io',
      'registry.gitlab.com',
      'acme.jfrog.io',
    ]) {
      expect(tools).toContain(registryToolOf(host));
    }
  });
});
