import type { Entity } from '@backstage/catalog-model';
import { mergeDeclaredStacks, readDeclaredStack } from './declaredStack';
import { defaultLayerModel } from './layers/defaultLayerModel';
import { extendLayerModel } from './layers/extendLayerModel';

function component(
  annotations: Record<string, string>,
  namespace?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace, annotations },
    spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
  };
}

const read = (annotations: Record<string, string>, namespace?: string) =>
  readDeclaredStack(component(annotations, namespace), defaultLayerModel);

describe('readDeclaredStack', () => {
  it('reads a well-annotated service without problems', () => {
    expect(
      read({
        'runtime-stack.io/requirement-profile': 'tier-1',
        'runtime-stack.io/tools': 'gitops=argo-cd, metrics=prometheus',
        'runtime-stack.io/images':
          'registry.acme.internal/payments/payments-api, localhost:5000/payments-ledger',
        'runtime-stack.io/owners':
          'layer-6=group:default/team-payments,metrics=platform-team',
        'backstage.io/kubernetes-id': 'payments-api',
        'backstage.io/kubernetes-namespace': 'payments',
        'backstage.io/kubernetes-cluster': 'prod-eu-1',
        'github.com/project-slug': 'acme/payments-api',
        'grafana/dashboard-selector': "tags @> 'payments'",
        'prometheus.io/rule': 'payments_api_error_rate, payments_api_latency',
        'prometheus.io/alert': 'PaymentsApiHighErrorRate',
      }),
    ).toEqual({
      requirementProfile: 'tier-1',
      tools: [
        { capability: 'gitops', tool: 'argo-cd' },
        { capability: 'metrics', tool: 'prometheus' },
      ],
      images: [
        'registry.acme.internal/payments/payments-api',
        'localhost:5000/payments-ledger',
      ],
      ownerOverrides: [
        { target: { layer: 6 }, owner: 'group:default/team-payments' },
        {
          target: { capability: 'metrics' },
          owner: 'group:default/platform-team',
        },
      ],
      references: {
        kubernetesId: 'payments-api',
        kubernetesNamespace: 'payments',
        kubernetesCluster: 'prod-eu-1',
        githubProjectSlug: 'acme/payments-api',
        grafanaDashboardSelector: "tags @> 'payments'",
        prometheusRules: ['payments_api_error_rate', 'payments_api_latency'],
        prometheusAlert: 'PaymentsApiHighErrorRate',
      },
      ecosystemTools: [
        {
          capability: 'source-control',
          tool: 'github',
          annotation: 'github.com/project-slug',
          value: 'acme/payments-api',
        },
      ],
      problems: [],
    });
  });

  it('gives an empty stack for an entity without annotations', () => {
    expect(read({})).toEqual({
      tools: [],
      images: [],
      ownerOverrides: [],
      references: {},
      ecosystemTools: [],
      problems: [],
    });
  });

  it('reads the other ecosystem references it knows', () => {
    expect(
      read({
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/name=search-indexer',
        'gitlab.com/project-slug': 'acme/cart-service',
        'grafana/overview-dashboard': 'https://grafana.acme.internal/d/x',
        'quay.io/repository-slug': 'acme/cart-service',
        'goharbor.io/repository-slug': 'checkout/cart-service',
        'backstage.io/kubernetes-id': '   ',
      }).references,
    ).toEqual({
      kubernetesLabelSelector: 'app.kubernetes.io/name=search-indexer',
      gitlabProjectSlug: 'acme/cart-service',
      grafanaOverviewDashboard: 'https://grafana.acme.internal/d/x',
      quayRepositorySlug: 'acme/cart-service',
      harborRepositorySlug: 'checkout/cart-service',
    });
  });

  it('keeps known tools and reports unknown tools and capabilities', () => {
    const stack = read({
      'runtime-stack.io/tools':
        'gitops=argo-cd,service-mesh=linkerd2x,teleportation=x,oops',
    });
    expect(stack.tools).toEqual([{ capability: 'gitops', tool: 'argo-cd' }]);
    expect(stack.problems).toEqual([
      {
        annotation: 'runtime-stack.io/tools',
        message: "'oops' is not of the form capability=tool",
      },
      {
        annotation: 'runtime-stack.io/tools',
        message: expect.stringMatching(
          /^unknown tool 'linkerd2x' for capability 'service-mesh' \(known: .*linkerd/,
        ),
      },
      {
        annotation: 'runtime-stack.io/tools',
        message: "unknown capability 'teleportation'",
      },
    ]);
  });

  it('knows what the layer model it is given knows', () => {
    const model = extendLayerModel(defaultLayerModel, {
      tools: { 'service-mesh': [{ id: 'linkerd2x', title: 'Linkerd 2.x' }] },
    });
    const stack = readDeclaredStack(
      component({ 'runtime-stack.io/tools': 'service-mesh=linkerd2x' }),
      model,
    );
    expect(stack.tools).toEqual([
      { capability: 'service-mesh', tool: 'linkerd2x' },
    ]);
    expect(stack.problems).toEqual([]);
  });

  it('lists a tool declared twice once and allows several tools per capability', () => {
    expect(
      read({
        'runtime-stack.io/tools':
          'logging=fluent-bit,logging=fluentd,logging=fluent-bit',
      }).tools,
    ).toEqual([
      { capability: 'logging', tool: 'fluent-bit' },
      { capability: 'logging', tool: 'fluentd' },
    ]);
  });

  it('reports a mistake written twice once, and keeps different ones', () => {
    const stack = read({
      'runtime-stack.io/tools': 'x=y,oops,x=y,oops',
      'runtime-stack.io/images':
        'registry.acme.internal/api:1,registry.acme.internal/api:1,registry.acme.internal/api:2',
    });
    expect(stack.problems).toEqual([
      {
        annotation: 'runtime-stack.io/tools',
        message: "'oops' is not of the form capability=tool",
      },
      {
        annotation: 'runtime-stack.io/tools',
        message: "unknown capability 'x'",
      },
      {
        annotation: 'runtime-stack.io/images',
        message: expect.stringContaining("'registry.acme.internal/api:1'"),
      },
      {
        annotation: 'runtime-stack.io/images',
        message: expect.stringContaining("'registry.acme.internal/api:2'"),
      },
    ]);
  });

  it('refuses a requirement profile that is not kebab-case', () => {
    const stack = read({ 'runtime-stack.io/requirement-profile': 'Tier 1' });
    expect(stack.requirementProfile).toBeUndefined();
    expect(stack.problems).toEqual([
      {
        annotation: 'runtime-stack.io/requirement-profile',
        message: expect.stringContaining("'Tier 1' is not a kebab-case"),
      },
    ]);
  });

  it('reports an unknown annotation in our namespace, such as a typo', () => {
    expect(
      read({
        'runtime-stack.io/tool': 'metrics=prometheus',
        'example.com/tool': 'anything',
      }).problems,
    ).toEqual([
      {
        annotation: 'runtime-stack.io/tool',
        message: expect.stringMatching(
          /^unknown annotation \(known: .*runtime-stack\.io\/tools/,
        ),
      },
    ]);
  });

  describe('images', () => {
    it.each([
      ['registry.acme.internal/payments/payments-api'],
      ['registry.acme.internal:5000/payments/payments-api'],
      ['payments-api'],
      ['acme/payments_api'],
      ['ghcr.io/acme/payments.api__v2'],
      ['Registry.Acme.Internal/payments/api'],
    ])('accepts %s', reference => {
      const stack = read({ 'runtime-stack.io/images': reference });
      expect(stack.problems).toEqual([]);
      expect(stack.images).toEqual([reference]);
    });

    it.each([
      [
        'registry.acme.internal/Payments/api',
        "path component 'Payments' must be lowercase",
      ],
      ['registry.acme.internal/payments/api:1.4.2', 'names a tag'],
      ['registry.acme.internal/payments/api@sha256:abc', 'pins a digest'],
      [
        'registry-.acme.internal/payments/api',
        "'registry-.acme.internal' is not a registry host",
      ],
      ['registry.acme.internal//api', 'is not an OCI repository reference'],
      [
        'registry.acme.internal/payments api',
        'is not an OCI repository reference',
      ],
      ['registry.acme.internal/-api', 'is not an OCI repository reference'],
    ])('refuses %s', (reference, expected) => {
      const stack = read({
        'runtime-stack.io/images': `${reference},registry.acme.internal/ok`,
      });
      expect(stack.images).toEqual(['registry.acme.internal/ok']);
      expect(stack.problems).toEqual([
        {
          annotation: 'runtime-stack.io/images',
          message: expect.stringContaining(expected),
        },
      ]);
    });

    it('refuses a repository longer than 255 characters', () => {
      const stack = read({
        'runtime-stack.io/images': `registry.acme.internal/${'a'.repeat(250)}`,
      });
      expect(stack.images).toEqual([]);
      expect(stack.problems[0].message).toContain('longer than 255 characters');
    });
  });

  describe('owner overrides', () => {
    it("normalizes refs with the group kind and the entity's namespace", () => {
      expect(
        read(
          {
            'runtime-stack.io/owners':
              'layer-0=platform-team, policy=default/security-team, metrics=Group:ops/SRE',
          },
          'payments',
        ).ownerOverrides,
      ).toEqual([
        { target: { layer: 0 }, owner: 'group:payments/platform-team' },
        {
          target: { capability: 'policy' },
          owner: 'group:default/security-team',
        },
        { target: { capability: 'metrics' }, owner: 'group:ops/sre' },
      ]);
    });

    it('reports unknown targets, non-group owners, malformed entries and repeats', () => {
      const stack = read({
        'runtime-stack.io/owners': [
          'layer-7=platform-team',
          'teleportation=platform-team',
          'metrics=user:default/jane',
          'gitops=group:',
          'tracing=not a group',
          'no-equals-sign',
          'layer-6=team-payments',
          'layer-6=team-checkout',
        ].join(','),
      });
      expect(stack.ownerOverrides).toEqual([
        { target: { layer: 6 }, owner: 'group:default/team-payments' },
      ]);
      expect(stack.problems.map(p => p.message)).toEqual([
        expect.stringMatching(
          /^unknown layer 'layer-7' \(layers are layer-0, .*layer-6\)$/,
        ),
        "unknown target 'teleportation': neither a capability of the layer model nor layer-0 to layer-6",
        "'user:default/jane' is a user, not a group; owners are groups",
        expect.stringMatching(/^'group:' is not an entity reference: /),
        "'not a group' is not a valid group reference",
        "'no-equals-sign' is not of the form target=group",
        "'layer-6' is given more than once; the first owner, 'group:default/team-payments', is used",
      ]);
      expect(
        stack.problems.every(p => p.annotation === 'runtime-stack.io/owners'),
      ).toBe(true);
    });
  });

  it('never throws on a malformed entity, whatever it holds', () => {
    const malformed = [
      { kind: 'Component' },
      { kind: 'Component', metadata: null },
      { kind: 'Component', metadata: { name: 'x', annotations: 'nope' } },
      { kind: 'Component', metadata: { name: 'x', annotations: ['a'] } },
      {
        kind: 'Component',
        metadata: {
          name: 'x',
          namespace: 42,
          annotations: {
            'runtime-stack.io/tools': 7,
            'runtime-stack.io/owners': { metrics: 'a' },
            'runtime-stack.io/images': ',,,',
            'runtime-stack.io/requirement-profile': '',
            'prometheus.io/rule': false,
          },
        },
      },
      undefined,
    ] as unknown as Entity[];
    for (const entity of malformed) {
      expect(() => readDeclaredStack(entity, defaultLayerModel)).not.toThrow();
    }
    expect(readDeclaredStack(malformed[4], defaultLayerModel).problems).toEqual(
      [
        {
          annotation: 'runtime-stack.io/tools',
          message: 'must be a string, got number',
        },
        {
          annotation: 'runtime-stack.io/owners',
          message: 'must be a string, got object',
        },
      ],
    );
  });

  describe('environment', () => {
    it.each([['production'], [' staging-eu '], ['eu.prod-1']])(
      'accepts %p',
      environment => {
        expect(read({ 'runtime-stack.io/environment': environment })).toEqual(
          expect.objectContaining({ problems: [] }),
        );
      },
    );

    it.each([['Production'], ['prod_eu'], ['-prod'], ['prod env']])(
      'refuses %p, which no ownership record can name',
      environment => {
        expect(
          read({ 'runtime-stack.io/environment': environment }).problems,
        ).toEqual([
          {
            annotation: 'runtime-stack.io/environment',
            message: `'${environment}' is not an environment name as ownership records take it: lowercase, like a DNS label (a-z, 0-9, '-', '.'), for example production`,
          },
        ]);
      },
    );
  });

  describe('the Kubernetes label selector', () => {
    const selector = 'backstage.io/kubernetes-label-selector';

    it.each([
      ['app=payments-api,tier in(api,web)'],
      ['!legacy, env notin (dev)'],
    ])('accepts %p, as Kubernetes does', value => {
      expect(read({ [selector]: value }).problems).toEqual([]);
    });

    it('reports one Kubernetes would refuse, which then matches no objects', () => {
      const [problem] = read({ [selector]: 'app=payments-api,' }).problems;
      expect(problem).toEqual({
        annotation: selector,
        message: expect.stringMatching(
          /^Invalid label selector 'app=payments-api,'.*; no cluster object matches it until it is corrected$/,
        ),
      });
    });
  });

  describe('with very large values', () => {
    const entries = (count: number, entry: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => entry(i)).join(',');
    const size = (problems: Array<{ message: string }>) =>
      problems.reduce((total, p) => total + p.message.length, 0);

    it('lists 20 problems of an annotation and counts the rest', () => {
      const stack = read({
        'runtime-stack.io/tools': entries(20_000, i => `metrics=tool-${i}`),
        'runtime-stack.io/images': 'registry.acme.internal/Payments/api',
      });
      const tools = stack.problems.filter(
        p => p.annotation === 'runtime-stack.io/tools',
      );
      expect(tools).toHaveLength(21);
      expect(tools[0].message).toMatch(/^unknown tool 'tool-0' for capability/);
      expect(tools[20].message).toBe(
        '…and 19980 more problems in runtime-stack.io/tools',
      );
      // Another annotation's problems are still listed.
      expect(stack.problems.map(p => p.annotation)).toContain(
        'runtime-stack.io/images',
      );
    });

    it('keeps each of many repeated entries once', () => {
      const stack = read({
        'runtime-stack.io/tools': entries(20_000, () => 'metrics=prometheus'),
        'runtime-stack.io/images': entries(
          20_000,
          i => `registry.acme.internal/payments/api-${i % 3}`,
        ),
        'runtime-stack.io/owners': entries(
          20_000,
          i => `metrics=team-${i % 2}`,
        ),
      });
      expect(stack.tools).toEqual([
        { capability: 'metrics', tool: 'prometheus' },
      ]);
      expect(stack.images).toHaveLength(3);
      expect(stack.ownerOverrides).toEqual([
        { target: { capability: 'metrics' }, owner: 'group:default/team-0' },
      ]);
      expect(stack.problems).toEqual([
        {
          annotation: 'runtime-stack.io/owners',
          message:
            "'metrics' is given more than once; the first owner, 'group:default/team-0', is used",
        },
      ]);
    });

    it('quotes at most the first 100 characters of a megabytes-long value', () => {
      const huge = `x${'a'.repeat(5_000_000)}`;
      const stack = read({
        'runtime-stack.io/requirement-profile': `X${huge}`,
        'runtime-stack.io/tools': `metrics=${huge},${huge}`,
        'runtime-stack.io/images': `registry.acme.internal/${huge}`,
        'runtime-stack.io/owners': `${huge}=team-a,metrics=${huge}'`,
        'runtime-stack.io/environment': huge.toUpperCase(),
      });
      expect(stack.problems).toHaveLength(7);
      expect(stack.problems[0].message).toBe(
        `'X${huge.slice(
          0,
          99,
        )}…' is not a kebab-case profile name (a-z, 0-9, -), for example tier-1`,
      );
      expect(size(stack.problems)).toBeLessThan(7 * 1001);
    });

    it('lists 20 unknown annotations and counts the rest', () => {
      const annotations = Object.fromEntries(
        Array.from({ length: 1000 }, (_, i) => [
          `runtime-stack.io/typo-${i}`,
          'x',
        ]),
      );
      const { problems } = read(annotations);
      expect(problems).toHaveLength(21);
      expect(problems[19].annotation).toBe('runtime-stack.io/typo-19');
      expect(problems[20]).toEqual({
        annotation: 'runtime-stack.io/',
        message: '…and 980 more unknown annotations',
      });
    });
  });

  it('reads the example estate deliberate error on payments-ledger', () => {
    const stack = read({
      'runtime-stack.io/tools':
        'ci-cd=github-actions,gitops=argo-cd,service-mesh=linkerd2x,metrics=prometheus,logging=fluent-bit,alerting=alertmanager,data-protection=velero',
    });
    expect(stack.tools.map(t => t.capability)).not.toContain('service-mesh');
    expect(stack.tools).toHaveLength(6);
    expect(stack.problems).toEqual([
      {
        annotation: 'runtime-stack.io/tools',
        message: expect.stringContaining("unknown tool 'linkerd2x'"),
      },
    ]);
  });
});

describe('mergeDeclaredStacks', () => {
  const system = read({
    'runtime-stack.io/requirement-profile': 'tier-1',
    'runtime-stack.io/tools':
      'metrics=prometheus,logging=fluent-bit,logging=fluentd',
    'runtime-stack.io/owners': 'layer-4=platform-team,policy=security-team',
    'runtime-stack.io/images': 'registry.acme.internal/payments/shared',
    'backstage.io/kubernetes-namespace': 'payments',
    'runtime-stack.io/tool': 'typo',
  });

  it('lets the component win per capability, per target and for the profile', () => {
    const own = read({
      'runtime-stack.io/requirement-profile': 'experimental',
      'runtime-stack.io/tools': 'logging=opentelemetry,gitops=flux',
      'runtime-stack.io/owners': 'policy=team-payments',
      'runtime-stack.io/images':
        'registry.acme.internal/payments/fraud-scoring',
      'backstage.io/kubernetes-id': 'fraud-scoring',
    });
    const merged = mergeDeclaredStacks(own, system);

    expect(merged.requirementProfile).toBe('experimental');
    expect(merged.requirementProfileSource).toBe('entity');
    expect(merged.tools).toEqual([
      { capability: 'logging', tool: 'opentelemetry', source: 'entity' },
      { capability: 'gitops', tool: 'flux', source: 'entity' },
      { capability: 'metrics', tool: 'prometheus', source: 'system' },
    ]);
    expect(merged.ownerOverrides).toEqual([
      {
        target: { capability: 'policy' },
        owner: 'group:default/team-payments',
        source: 'entity',
      },
      {
        target: { layer: 4 },
        owner: 'group:default/platform-team',
        source: 'system',
      },
    ]);
    expect(merged.images).toEqual([
      'registry.acme.internal/payments/fraud-scoring',
    ]);
    expect(merged.references).toEqual({ kubernetesId: 'fraud-scoring' });
  });

  it("keeps the component's ecosystem tools and none of the System's", () => {
    const withRepository = read({
      'argocd/app-name': 'payments',
      'github.com/project-slug': 'acme/payments-platform',
    });
    const own = read({ 'jenkins.io/job-full-name': 'payments/fraud-scoring' });

    expect(mergeDeclaredStacks(own, withRepository).ecosystemTools).toEqual([
      {
        capability: 'ci-cd',
        tool: 'jenkins',
        annotation: 'jenkins.io/job-full-name',
        value: 'payments/fraud-scoring',
      },
    ]);
  });

  it('inherits the profile and says so', () => {
    const merged = mergeDeclaredStacks(read({}), system);
    expect(merged.requirementProfile).toBe('tier-1');
    expect(merged.requirementProfileSource).toBe('system');
    expect(merged.tools.every(t => t.source === 'system')).toBe(true);
    expect(merged.tools).toHaveLength(3);
  });

  it("keeps both sides' problems, each with its source", () => {
    const own = read({ 'runtime-stack.io/tools': 'metrics=prometheus2' });
    expect(mergeDeclaredStacks(own, system).problems).toEqual([
      {
        annotation: 'runtime-stack.io/tools',
        message: expect.stringContaining("unknown tool 'prometheus2'"),
        source: 'entity',
      },
      {
        annotation: 'runtime-stack.io/tool',
        message: expect.stringContaining('unknown annotation'),
        source: 'system',
      },
    ]);
  });

  it('marks everything as the entity own without a System', () => {
    const own = read({
      'runtime-stack.io/tools': 'metrics=prometheus',
      'runtime-stack.io/owners': 'metrics=platform-team',
    });
    const merged = mergeDeclaredStacks(own);
    expect(merged.tools).toEqual([
      { capability: 'metrics', tool: 'prometheus', source: 'entity' },
    ]);
    expect(merged.ownerOverrides[0].source).toBe('entity');
    expect(merged.requirementProfile).toBeUndefined();
    expect(merged).not.toHaveProperty('requirementProfileSource');
  });

  it('does not change its inputs', () => {
    const own = read({ 'runtime-stack.io/tools': 'gitops=flux' });
    const before = JSON.stringify([own, system]);
    mergeDeclaredStacks(own, system);
    expect(JSON.stringify([own, system])).toBe(before);
  });
});
