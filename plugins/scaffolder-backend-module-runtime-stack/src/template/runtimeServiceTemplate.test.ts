/*
 * The runtime-service template (examples/templates/runtime-service) run
 * in-process by a real scaffolder, through its REST API: as a dry run (the
 * template editor's endpoint, with the skeleton as directory contents) and as
 * a task that publishes and registers. The template's own validate-chart
 * step (runtime-stack:chart:validate, with the helm of scripts/ensure-helm.sh
 * as runtimeStack.scaffolder.helmPath) must run in both and report what the
 * chart renders, and a skeleton whose chart does not install must fail the
 * run before anything is published. The generated repository is then
 * checked the way its own CI and the portal would check it: helm lint and
 * helm template, every manifest against the Kubernetes schemas, the
 * PrometheusRule with promtool, catalog-info.yaml with the catalog's
 * validators and the Runtime Stack's own annotation reader, and the Node.js
 * or Go app built, tested, started and probed. The last step,
 * record-ownership, posts the new service's layer ownership to the real
 * runtime-stack backend plugin, running in the same test backend, as the
 * user who runs the template, once the catalog shows the service; the
 * records are read back from that backend. In a dry run it posts nothing,
 * while the first step, check-ownership, which writes nothing, asks the
 * backend in dry runs too.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  type Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  type ClusterObject,
  defaultLayerModel,
  detectServiceTools,
  type LayerOwnership,
  readDeclaredStack,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  type ChildProcess,
  execFileSync,
  spawn,
  spawnSync,
} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import request from 'supertest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import {
  startFakeClusters,
  type FakeClusters,
} from '../__testUtils__/fakeClusters';
import { ensureHelm, helm } from '../__testUtils__/helm';
import {
  layerOwnershipPermissions,
  type OwnershipWrite,
  ownershipWriteLog,
  runtimeStackFeatures,
} from '../__testUtils__/runtimeStackBackend';
import {
  validateWithKubernetesModels,
  type ModelCheckResult,
} from '../actions/kubernetesModels';
import {
  createValidateChartAction,
  PIPELINE_HELM_VERSION,
} from '../actions/validateChart';
import { scaffolderModule } from '../module';
import {
  startTestBackendClosingDatabases,
  triggerableScheduler,
} from '@internal/backend-test-kit';
import { loadFixture } from '@internal/fake-kube-apiserver';

const REPO_ROOT = resolve(__dirname, '../../../..');
const TEMPLATE_DIR = join(REPO_ROOT, 'examples/templates/runtime-service');
const ESTATE_DIR = join(REPO_ROOT, 'examples/estate');

type Values = Record<string, string | number | boolean>;

/** One way of filling in the form, and what it must produce. */
interface Combination {
  title: string;
  values: Values;
  /** The runtime-stack.io/tools annotation the choices declare. */
  tools: string;
  namespace: string;
  image: string;
  /** The IngressClass and controller namespace the chart uses, with an Ingress. */
  ingress?: { className: string; controllerNamespace: string };
  ciFile: string;
  /** Kinds `helm template` renders with the generated values. */
  kinds: string[];
  /**
   * What record-ownership records for the owner: `operates 6` for the
   * application layer, `consumes <capability>` for the platform's.
   */
  ownership: string[];
}

const combinations: Combination[] = [
  {
    title:
      'Node.js, GitHub Actions, Argo CD, ingress-nginx with TLS, Istio, gVisor, autoscaling, on prod-eu-1',
    values: {
      name: 'payments-fx-api',
      description: 'Converts payment amounts between currencies.',
      owner: 'group:default/team-payments',
      system: 'system:default/payments',
      namespace: 'payments',
      cluster: 'prod-eu-1',
      language: 'nodejs',
      port: 8080,
      requirementProfile: 'tier-1',
      ingressEnabled: true,
      ingressClass: 'ingress-nginx',
      ingressHost: 'fx.payments.example.com',
      tlsEnabled: true,
      certIssuer: 'letsencrypt-prod',
      gitops: 'argo-cd',
      serviceMonitor: true,
      dashboards: true,
      alertRules: true,
      // What prod-eu-1 runs and offers: the declare-stack step checks.
      mesh: 'istio',
      sandbox: 'gvisor',
      autoscalingEnabled: true,
      autoscalingMin: 2,
      autoscalingMax: 8,
      autoscalingCpu: 70,
      ciSystem: 'github-actions',
      // Not the form's example.com placeholder, which a repository refuses.
      registryHost: 'registry.acme.internal',
      imageName: 'payments/payments-fx-api',
      repoUrl: 'github.com?owner=acme&repo=payments-fx-api',
      publishTo: 'repository',
      // The machine account whose token commits image tags to main.
      gitopsPushUser: 'acme-gitops-bot',
    },
    tools:
      'alerting=alertmanager,build-security=trivy,certificate-management=cert-manager,ci-cd=github-actions,container-runtime=gvisor,gitops=argo-cd,metrics=prometheus,package-management=helm,policy=kubernetes-network-policy,service-mesh=istio,service-proxy=ingress-nginx,source-control=github,visualization=grafana',
    namespace: 'payments',
    image: 'registry.acme.internal/payments/payments-fx-api',
    // The class ingress-nginx's chart installs, as on the fake clusters.
    ingress: { className: 'nginx', controllerNamespace: 'ingress-nginx' },
    ciFile: '.github/workflows/ci.yaml',
    kinds: [
      'Application',
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'Ingress',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'PrometheusRule',
      'Service',
      'ServiceAccount',
      'ServiceMonitor',
    ],
    ownership: [
      'operates 6',
      'consumes gitops',
      'consumes metrics',
      'consumes alerting',
      'consumes visualization',
    ],
  },
  {
    title:
      'Go, GitLab CI in a GitLab repository, Flux, no ingress, Linkerd, Kata Containers',
    values: {
      name: 'cart-price-rules-worker',
      owner: 'group:default/team-checkout',
      system: 'system:default/checkout',
      language: 'go',
      port: 9090,
      requirementProfile: 'tier-2',
      ingressEnabled: false,
      gitops: 'flux',
      serviceMonitor: true,
      dashboards: false,
      alertRules: true,
      // A kube-prometheus-stack installed elsewhere, under another name.
      monitoringNamespace: 'observability',
      prometheusRelease: 'prometheus',
      mesh: 'linkerd',
      sandbox: 'kata-qemu',
      autoscalingEnabled: true,
      autoscalingMin: 1,
      autoscalingMax: 4,
      autoscalingCpu: 80,
      ciSystem: 'gitlab-ci',
      registryHost: 'harbor.acme.internal:8443',
      repoUrl: 'gitlab.com?owner=acme&repo=cart-price-rules-worker',
      publishTo: 'repository',
    },
    tools:
      'alerting=alertmanager,build-security=trivy,ci-cd=gitlab-ci,container-runtime=kata-containers,gitops=flux,metrics=prometheus,package-management=helm,policy=kubernetes-network-policy,service-mesh=linkerd,source-control=gitlab',
    namespace: 'cart-price-rules-worker',
    image: 'harbor.acme.internal:8443/cart-price-rules-worker',
    ciFile: '.gitlab-ci.yml',
    kinds: [
      'Deployment',
      'GitRepository',
      'HelmRelease',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'PrometheusRule',
      'Service',
      'ServiceAccount',
      'ServiceMonitor',
    ],
    ownership: [
      'operates 6',
      'consumes gitops',
      'consumes metrics',
      'consumes alerting',
    ],
  },
  {
    title:
      'Node.js, no GitOps, Traefik without TLS, no mesh, no autoscaling, no system',
    values: {
      name: 'catalog-preview-web',
      owner: 'group:default/team-catalog',
      language: 'nodejs',
      port: 3000,
      requirementProfile: 'experimental',
      ingressEnabled: true,
      ingressClass: 'traefik',
      ingressHost: 'preview.catalog.example.com',
      tlsEnabled: false,
      gitops: 'none',
      // Without a ServiceMonitor, neither alerts nor a dashboard: they query
      // what it has Prometheus scrape.
      serviceMonitor: false,
      dashboards: false,
      alertRules: false,
      mesh: 'none',
      sandbox: 'none',
      autoscalingEnabled: false,
      replicas: 3,
      ciSystem: 'github-actions',
      registryHost: 'cr.acme.internal',
      imageName: 'catalog/catalog-preview-web',
      repoUrl: 'github.com?owner=acme&repo=catalog-preview-web',
      publishTo: 'repository',
      // Without GitOps nothing pushes to main: no bypass.
      gitopsPushUser: 'acme-gitops-bot',
    },
    tools:
      'build-security=trivy,ci-cd=github-actions,package-management=helm,policy=kubernetes-network-policy,service-proxy=traefik,source-control=github',
    namespace: 'catalog-preview-web',
    image: 'cr.acme.internal/catalog/catalog-preview-web',
    ingress: { className: 'traefik', controllerNamespace: 'traefik' },
    ciFile: '.github/workflows/ci.yaml',
    kinds: [
      'Deployment',
      'Ingress',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ],
    ownership: ['operates 6'],
  },
];

/** Where a combination's repository lives: github.com or gitlab.com. */
function repoHostOf(c: Combination): string {
  return String(c.values.repoUrl).split('?')[0];
}

/**
 * Where the combination's kube-prometheus-stack runs and its release name:
 * what the form names, or what its own documentation installs.
 */
function prometheusOf(c: Combination): { namespace: string; release: string } {
  return {
    namespace: String(c.values.monitoringNamespace || 'monitoring'),
    release: String(c.values.prometheusRelease || 'kube-prometheus-stack'),
  };
}

/** The web address of a combination's repository. */
function repoWebUrl(c: Combination): string {
  return `https://${repoHostOf(c)}/acme/${c.values.name}`;
}

/**
 * The tag the checks render the chart with: CI's, the first 12 characters
 * of a commit SHA, all digits, so that only --set-string keeps it a string.
 */
const IMAGE_TAG = '305123987654';

/**
 * The version of the helm scripts/ensure-helm.sh provisions, which the
 * validate-chart step runs here, in the example portal and (the same
 * version) in the backend image: `v4.1.4`.
 */
function provisionedHelmVersion(): string {
  return helm(['version', '--template', '{{.Version}}']).trim();
}

/** `helm template <release> chart --namespace <namespace> …args` in `dir`, as objects. */
const renderChart = (
  dir: string,
  release: string,
  namespace: string,
  ...args: string[]
) =>
  yamlDocuments(
    helm(
      ['template', release, 'chart', '--namespace', namespace, ...args],
      dir,
    ),
  );

// ---------------------------------------------------------------------------
// Files

/** Every file under a directory, by path relative to it (dotfiles too). */
function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else {
        files.set(relative(root, path), readFileSync(path));
      }
    }
  };
  walk(root);
  return files;
}

function writeTree(root: string, files: Map<string, Buffer>) {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function yamlDocuments(source: string): any[] {
  return parseAllDocuments(source)
    .map(doc => {
      if (doc.errors.length > 0) {
        throw new Error(`Invalid YAML: ${doc.errors.join('; ')}`);
      }
      return doc.toJS();
    })
    .filter(doc => doc !== null && doc !== undefined);
}

function templateEntity(): Entity {
  return parseYaml(readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'));
}

function estateEntities(): Entity[] {
  return ['org.yaml', 'systems.yaml'].flatMap(file =>
    yamlDocuments(readFileSync(join(ESTATE_DIR, file), 'utf8')),
  );
}

// ---------------------------------------------------------------------------
// Kubernetes schemas

/** The built-in kinds the chart may render, validated with kubernetes-models. */
const BUILT_IN_KINDS = new Set([
  'v1/ConfigMap',
  'v1/Service',
  'v1/ServiceAccount',
  'apps/v1/Deployment',
  'autoscaling/v2/HorizontalPodAutoscaler',
  'networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/NetworkPolicy',
  'policy/v1/PodDisruptionBudget',
]);

const CUSTOM_RESOURCES = new Set([
  'monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1/PrometheusRule',
  'argoproj.io/v1alpha1/Application',
  'source.toolkit.fluxcd.io/v1/GitRepository',
  'helm.toolkit.fluxcd.io/v2/HelmRelease',
]);

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function kindKey(object: any): string {
  return `${object.apiVersion}/${object.kind}`;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * The custom resources have no schema in kubernetes-models: the fields their
 * controllers need are checked by hand, with their CRDs' types.
 */
function customResourceProblems(object: any): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const spec = object.spec;
  need(isObject(spec), 'spec is an object');
  if (!isObject(spec)) return problems;
  switch (object.kind) {
    case 'ServiceMonitor':
      need(isObject(spec.selector?.matchLabels), 'spec.selector.matchLabels');
      need(
        Array.isArray(spec.endpoints) &&
          spec.endpoints.length > 0 &&
          spec.endpoints.every(
            (e: any) =>
              isNonEmptyString(e.port) &&
              (e.path === undefined || String(e.path).startsWith('/')) &&
              (e.interval === undefined || /^\d+(ms|s|m|h)$/.test(e.interval)),
          ),
        'spec.endpoints[] with a named port, a path and a duration',
      );
      break;
    case 'PrometheusRule':
      need(
        Array.isArray(spec.groups) &&
          spec.groups.length > 0 &&
          spec.groups.every(
            (g: any) =>
              isNonEmptyString(g.name) &&
              Array.isArray(g.rules) &&
              g.rules.every(
                (r: any) =>
                  isNonEmptyString(r.expr) &&
                  isNonEmptyString(r.record) !== isNonEmptyString(r.alert) &&
                  (r.labels === undefined ||
                    Object.values(r.labels).every(
                      v => typeof v === 'string',
                    )) &&
                  (r.annotations === undefined ||
                    Object.values(r.annotations).every(
                      v => typeof v === 'string',
                    )),
              ),
          ),
        'spec.groups[].rules[] each with expr and either record or alert, string labels and annotations',
      );
      break;
    case 'Application':
      need(isNonEmptyString(spec.project), 'spec.project');
      need(
        isNonEmptyString(spec.source?.repoURL) &&
          isNonEmptyString(spec.source?.path) &&
          isNonEmptyString(spec.source?.targetRevision),
        'spec.source.repoURL, path and targetRevision',
      );
      need(
        isNonEmptyString(spec.destination?.server) !==
          isNonEmptyString(spec.destination?.name) &&
          isNonEmptyString(spec.destination?.namespace),
        'spec.destination.server or name (not both) and namespace',
      );
      need(
        (spec.source?.helm?.parameters ?? []).every(
          (p: any) => isNonEmptyString(p.name) && typeof p.value === 'string',
        ),
        'spec.source.helm.parameters[] with string values',
      );
      break;
    case 'GitRepository':
      need(/^https:\/\//.test(spec.url ?? ''), 'spec.url is https');
      need(
        spec.secretRef === undefined || isNonEmptyString(spec.secretRef.name),
        'spec.secretRef.name',
      );
      need(isNonEmptyString(spec.ref?.branch), 'spec.ref.branch');
      need(/^\d+(ms|s|m|h)$/.test(spec.interval ?? ''), 'spec.interval');
      break;
    case 'HelmRelease':
      need(/^\d+(ms|s|m|h)$/.test(spec.interval ?? ''), 'spec.interval');
      need(isNonEmptyString(spec.chart?.spec?.chart), 'spec.chart.spec.chart');
      need(
        ['GitRepository', 'HelmRepository', 'Bucket'].includes(
          spec.chart?.spec?.sourceRef?.kind,
        ) && isNonEmptyString(spec.chart?.spec?.sourceRef?.name),
        'spec.chart.spec.sourceRef',
      );
      need(
        ['ChartVersion', 'Revision', undefined].includes(
          spec.chart?.spec?.reconcileStrategy,
        ),
        'spec.chart.spec.reconcileStrategy',
      );
      need(
        spec.values === undefined || isObject(spec.values),
        'spec.values is an object',
      );
      break;
    default:
      problems.push(`no check for ${kindKey(object)}`);
  }
  return problems;
}

/** Validates every rendered object; returns the problems, by object. */
async function manifestProblems(objects: any[]): Promise<string[]> {
  const builtIn = objects.filter(o => BUILT_IN_KINDS.has(kindKey(o)));
  // The same kubernetes-models check the chart:validate action runs.
  const results = await validateWithKubernetesModels(
    builtIn.map(object => ({
      apiVersion: object.apiVersion,
      kind: object.kind,
      object,
    })),
  );
  const errors = new Map(
    results.map((result, i) => [builtIn[i], schemaError(result)]),
  );
  return objects.flatMap(object => {
    const where = `${kindKey(object)} ${object.metadata?.name}`;
    const problems: string[] = [];
    if (!DNS_SUBDOMAIN.test(object.metadata?.name ?? '')) {
      problems.push('metadata.name is not a DNS subdomain');
    }
    if (errors.has(object)) {
      const error = errors.get(object);
      if (error) problems.push(error);
    } else if (CUSTOM_RESOURCES.has(kindKey(object))) {
      problems.push(...customResourceProblems(object));
    } else {
      problems.push('unexpected kind');
    }
    return problems.map(p => `${where}: ${p}`);
  });
}

function schemaError(result: ModelCheckResult): string | null {
  if (result.status === 'valid') return null;
  if (result.status === 'unknown-kind') return 'not a kind of its API';
  return result.violations.map(v => `${v.field} ${v.message}`).join('; ');
}

// ---------------------------------------------------------------------------
// Real tools

/**
 * Whether a check that needs a real binary from Debian's packages runs, as
 * elsewhere in the repository (runtime-stack-backend's realServerAvailable):
 * it does when the binary is on the PATH; when it is not, a developer gets
 * the reason printed and the check is skipped, while CI
 * (RUNTIME_STACK_REQUIRE_REAL_SERVERS) fails instead.
 */
function realToolAvailable(
  binary: string,
  check: string,
  debianPackage: string,
): boolean {
  const installed = (process.env.PATH ?? '')
    .split(delimiter)
    .some(dir => dir && existsSync(join(dir, binary)));
  if (installed) return true;
  const reason = `${binary} is not on the PATH (apt-get install ${debianPackage}${
    debianPackage === binary ? '' : ', which ships it'
  })`;
  if (process.env.RUNTIME_STACK_REQUIRE_REAL_SERVERS) {
    throw new Error(
      `Cannot run ${check} (RUNTIME_STACK_REQUIRE_REAL_SERVERS is set): ${reason}`,
    );
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping ${check}: ${reason}`);
  return false;
}

function promtoolAvailable(): boolean {
  return realToolAvailable(
    'promtool',
    'the PrometheusRule check',
    'prometheus',
  );
}

/** `promtool check rules` on the groups of a PrometheusRule. */
function promtoolCheckRules(rule: any, dir: string): string {
  const file = join(dir, `${rule.metadata.name}.rules.yaml`);
  writeFileSync(file, JSON.stringify({ groups: rule.spec.groups }));
  return execFileSync('promtool', ['check', 'rules', file], {
    encoding: 'utf8',
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function seconds(start: bigint): string {
  return `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)} s`;
}

// ---------------------------------------------------------------------------
// The scaffolder

const work = mkdtempSync(join(tmpdir(), 'runtime-service-template-'));
const publishedRoot = join(work, 'published');
/** runtimeStack.scaffolder.localPublishDir of the test backend. */
const localPublishDir = join(work, 'local-published');

/**
 * A copy of the template whose chart renders but does not install: one
 * realistic slip in the skeleton, the container port quoted, so the
 * Deployment carries containerPort as a string. helm lint accepts it; the
 * Kubernetes API (and so the validate-chart step) does not.
 */
const BROKEN_TEMPLATE_DIR = join(work, 'broken-template');
cpSync(TEMPLATE_DIR, BROKEN_TEMPLATE_DIR, { recursive: true });
const brokenDeployment = join(
  BROKEN_TEMPLATE_DIR,
  'skeleton/base/chart/templates/deployment.yaml',
);
const intactDeployment = readFileSync(brokenDeployment, 'utf8');
const corruptedDeployment = intactDeployment.replace(
  'containerPort: {{ .Values.containerPort }}',
  'containerPort: "{{ .Values.containerPort }}"',
);
if (corruptedDeployment === intactDeployment) {
  throw new Error('The skeleton changed: no containerPort line to corrupt');
}
writeFileSync(brokenDeployment, corruptedDeployment);

/** The inputs each publish stand-in got, by `<host>/<owner>/<repo>`. */
const publishInputs = new Map<string, Record<string, unknown>>();

/** The inputs github:branch-protection:create got, by `<host>/<owner>/<repo>`. */
const protectionInputs = new Map<string, Record<string, unknown>>();

/**
 * Who may write to each repository the GitHub stand-in created, by
 * `<host>/<owner>/<repo>`: the collaborators publish:github was given
 * `push` (or more) for, as GitHub grants it to members of the organisation.
 */
const writers = new Map<string, Set<string>>();

/**
 * Accounts outside the acme organisation: GitHub only invites them as
 * collaborators, so they have no access to the repository until they accept.
 */
const OUTSIDE_ACCOUNTS = new Set(['outside-gitops-bot']);

/** The `<host>/<owner>/<repo>` of a repoUrl for the given host, or a failure. */
function repoKey(id: string, host: string, repoUrl: string): string {
  const url = new URL(`https://${repoUrl}`);
  const owner = url.searchParams.get('owner');
  const repo = url.searchParams.get('repo');
  if (url.host !== host || !owner || !repo) {
    throw new Error(`${id} got a repoUrl of another host: ${repoUrl}`);
  }
  return `${url.host}/${owner}/${repo}`;
}

/**
 * A publish action without its host: the workspace is copied to
 * `<publishedRoot>/<host>/<owner>/<repo>`, and the outputs are the host's
 * (GitHub's /blob/<branch>, GitLab's /-/blob/<branch>). The inputs are the
 * real actions' the template uses, with their types.
 */
function publishStandIn(options: {
  id: string;
  host: string;
  contentsPath: (branch: string) => string;
}) {
  return createTemplateAction({
    id: options.id,
    description: `Test stand-in: copies the workspace as ${options.host} would receive it`,
    schema: {
      input: {
        repoUrl: z => z.string(),
        description: z => z.string().optional(),
        defaultBranch: z => z.string().optional(),
        repoVisibility: z => z.enum(['private', 'public', 'internal']),
        settings: z =>
          z.object({ description: z.string().optional() }).optional(),
        protectDefaultBranch: z => z.boolean().optional(),
        collaborators: z =>
          z
            .array(
              z.union([
                z.object({ access: z.string(), user: z.string() }),
                z.object({ access: z.string(), team: z.string() }),
              ]),
            )
            .optional(),
      },
      output: {
        remoteUrl: z => z.string(),
        repoContentsUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const key = repoKey(options.id, options.host, ctx.input.repoUrl);
      publishInputs.set(key, ctx.input);
      writers.set(
        key,
        new Set(
          (ctx.input.collaborators ?? []).flatMap(collaborator =>
            'user' in collaborator &&
            ['push', 'maintain', 'admin'].includes(collaborator.access) &&
            !OUTSIDE_ACCOUNTS.has(collaborator.user)
              ? [collaborator.user]
              : [],
          ),
        ),
      );
      cpSync(ctx.workspacePath, join(publishedRoot, key), {
        recursive: true,
      });
      const remoteUrl = `https://${key}`;
      ctx.output('remoteUrl', remoteUrl);
      ctx.output(
        'repoContentsUrl',
        `${remoteUrl}/${options.contentsPath(
          ctx.input.defaultBranch ?? 'main',
        )}`,
      );
    },
  });
}

/**
 * github:branch-protection:create without GitHub: the inputs the template
 * uses, with the real action's types. Like GitHub, as the real action lets
 * it fail the step, it refuses to let an account without write access to
 * the repository bypass its pull requests.
 */
const branchProtectionStandIn = createTemplateAction({
  id: 'github:branch-protection:create',
  description: 'Test stand-in: protects a branch of a published repository',
  schema: {
    input: {
      repoUrl: z => z.string(),
      branch: z => z.string().optional(),
      enforceAdmins: z => z.boolean().optional(),
      requiredApprovingReviewCount: z => z.number().optional(),
      bypassPullRequestAllowances: z =>
        z
          .object({
            apps: z.array(z.string()).optional(),
            users: z.array(z.string()).optional(),
            teams: z.array(z.string()).optional(),
          })
          .optional(),
    },
  },
  async handler(ctx) {
    const key = repoKey(
      'github:branch-protection:create',
      'github.com',
      ctx.input.repoUrl,
    );
    const mayWrite = writers.get(key);
    if (!mayWrite) throw new Error(`Stand-in for GitHub: no repository ${key}`);
    const refused = (ctx.input.bypassPullRequestAllowances?.users ?? []).filter(
      user => !mayWrite.has(user),
    );
    if (refused.length > 0) {
      throw new Error(
        `Stand-in for GitHub: refused to let ${refused.join(
          ', ',
        )} bypass pull requests on ${key}: no write access`,
      );
    }
    protectionInputs.set(key, ctx.input);
  },
});

const publishModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'test-publish',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions(
          publishStandIn({
            id: 'publish:github',
            host: 'github.com',
            contentsPath: branch => `blob/${branch}`,
          }),
          publishStandIn({
            id: 'publish:gitlab',
            host: 'gitlab.com',
            contentsPath: branch => `-/blob/${branch}`,
          }),
          branchProtectionStandIn,
        );
      },
    });
  },
});

/** The published file behind a github.com or gitlab.com blob URL. */
function publishedFile(url: string): string {
  const match =
    /^https:\/\/(github\.com|gitlab\.com)\/([^/]+)\/([^/]+)\/(?:-\/)?(?:blob|tree)\/[^/]+\/(.+)$/.exec(
      url,
    );
  if (!match) throw new Error(`Not a published file URL: ${url}`);
  return join(publishedRoot, match[1], match[2], match[3], match[4]);
}

/** The template as the catalog holds it, read from a directory. */
function templateAt(dir: string, name: string): Entity {
  const location = `file:${join(dir, 'template.yaml')}`;
  return {
    ...templateEntity(),
    metadata: {
      ...templateEntity().metadata,
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
  };
}

const inMemoryCatalog = catalogServiceMock({
  entities: [
    ...estateEntities(),
    templateAt(TEMPLATE_DIR, 'runtime-service'),
    templateAt(BROKEN_TEMPLATE_DIR, 'runtime-service-broken-chart'),
  ],
});

/** Entities of the locations catalog:register added, by ref. */
const registered = new Map<string, Entity>();

/**
 * The Component of a directory publish-local wrote, as the Runtime Stack
 * catalog module would read it.
 */
function locallyPublished(ref: string): Entity | undefined {
  const { kind, namespace, name } = parseEntityRef(ref);
  const file = join(localPublishDir, name, 'catalog-info.yaml');
  if (kind.toLocaleLowerCase('en-US') !== 'component' || !existsSync(file)) {
    return undefined;
  }
  return yamlDocuments(readFileSync(file, 'utf8')).find(
    (e: Entity) =>
      e.kind === 'Component' &&
      (e.metadata.namespace ?? 'default') === namespace,
  );
}

/**
 * The catalog: the estate and the template, addLocation reading the
 * published file, and the new services once registered or written by
 * publish-local (the real catalog shows them after processing them).
 */
const catalog = catalogServiceMock.mock({
  getEntityByRef: async (ref, options) => {
    const key = stringifyEntityRef(
      parseEntityRef(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
    );
    return (
      (await inMemoryCatalog.getEntityByRef(ref, options)) ??
      registered.get(key) ??
      locallyPublished(key)
    );
  },
  getEntitiesByRefs: (req, options) =>
    inMemoryCatalog.getEntitiesByRefs(req, options),
  queryEntities: (req, options) => inMemoryCatalog.queryEntities(req, options),
  async addLocation(location) {
    const entities = yamlDocuments(
      readFileSync(publishedFile(location.target), 'utf8'),
    );
    for (const entity of entities) {
      registered.set(stringifyEntityRef(entity), entity);
    }
    return {
      location: {
        id: 'test',
        type: location.type ?? 'url',
        target: location.target,
        entityRef: `location:default/generated-${entities[0].metadata.name}`,
      },
      entities,
      exists: false,
    };
  },
});

/**
 * The users the scaffolder runs tasks for: the mock identity of requests
 * without a token, a member of every team the combinations pick as owner.
 */
const TEMPLATE_USER = 'user:default/mock';

/** The teams of the template user: the owners the combinations pick. */
const TEMPLATE_USER_TEAMS = [
  'group:default/team-payments',
  'group:default/team-checkout',
  'group:default/team-catalog',
];

/**
 * The permission policy of the test backend: the portal's rule for layer
 * ownership (packages/backend's PortalPermissionPolicy), so the
 * runtime-stack plugin lets a user create records owned by their teams
 * only; everything else (the scaffolder's permissions) is allowed.
 */
const permissions = layerOwnershipPermissions({
  memberships: { [TEMPLATE_USER]: TEMPLATE_USER_TEAMS },
});

/** The template's check-ownership step, as the write log notes it. */
const CHECK_BY_TEMPLATE_USER: OwnershipWrite = {
  method: 'POST',
  path: '/api/runtime-stack/ownership/check',
  user: TEMPLATE_USER,
  status: 200,
};

/** Notes the writes the runtime-stack plugin receives, and its answers. */
const writeLog = ownershipWriteLog();
const ownershipWrites = writeLog.writes;

/** The writes to the ownership API while `run` runs. */
async function ownershipWritesDuring<T>(
  run: () => Promise<T>,
): Promise<{ result: T; writes: OwnershipWrite[] }> {
  const from = ownershipWrites.length;
  const result = await run();
  return { result, writes: ownershipWrites.slice(from) };
}

// ---------------------------------------------------------------------------
// Checks on a generated repository

function text(files: Map<string, Buffer>, path: string): string {
  const file = files.get(path);
  if (!file) {
    throw new Error(
      `${path} is missing; generated: ${[...files.keys()].sort().join(', ')}`,
    );
  }
  return file.toString('utf8');
}

const skeleton = readTree(join(TEMPLATE_DIR, 'skeleton'));

/** Files and their contents, by combination. */
function checkTree(files: Map<string, Buffer>, c: Combination) {
  const paths = [...files.keys()];
  const nodejs = c.values.language === 'nodejs';
  const github = c.values.ciSystem === 'github-actions';

  const always = [
    'Dockerfile',
    '.dockerignore',
    '.gitignore',
    'README.md',
    'catalog-info.yaml',
    'mkdocs.yml',
    'docs/index.md',
    'chart/Chart.yaml',
    'chart/values.yaml',
    'chart/values.schema.json',
    'chart/.helmignore',
    'chart/dashboards/overview.json',
    'chart/templates/_helpers.tpl',
    'chart/templates/deployment.yaml',
    'chart/templates/service.yaml',
    'chart/templates/ingress.yaml',
    'chart/templates/hpa.yaml',
    'chart/templates/pdb.yaml',
    'chart/templates/networkpolicy.yaml',
    'chart/templates/serviceaccount.yaml',
    'chart/templates/servicemonitor.yaml',
    'chart/templates/prometheusrule.yaml',
    'chart/templates/dashboard-configmap.yaml',
    'chart/templates/argocd-application.yaml',
    'chart/templates/flux.yaml',
  ];
  const node = [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'src/app.ts',
    'src/app.test.ts',
    'src/config.ts',
    'src/metrics.ts',
    'src/server.ts',
  ];
  const go = ['go.mod', 'config.go', 'main.go', 'main_test.go', 'metrics.go'];
  const githubFiles = ['.github/workflows/ci.yaml'];
  const gitlabFiles = ['.gitlab-ci.yml'];

  expect(paths).toEqual(
    expect.arrayContaining([
      ...always,
      ...(nodejs ? node : go),
      ...(github ? githubFiles : gitlabFiles),
    ]),
  );
  for (const absent of [
    ...(nodejs ? go : node),
    ...(github ? gitlabFiles : githubFiles),
  ]) {
    expect(paths).not.toContain(absent);
  }
  expect(paths.filter(p => p.endsWith('.njk'))).toEqual([]);

  // Copied, not rendered: the pipeline keeps GitHub's ${{ }} and the chart's
  // templates keep Helm's {{ }}, byte for byte.
  const ci = `ci/${c.values.ciSystem}/${c.values.language}/${c.ciFile}`;
  expect(text(files, c.ciFile)).toBe(skeleton.get(ci)!.toString('utf8'));
  if (github) {
    expect(text(files, c.ciFile)).toContain('${{ secrets.REGISTRY_PASSWORD }}');
    expect(text(files, c.ciFile)).toContain(
      '${{ steps.coordinates.outputs.image }}',
    );
  }
  // The pipeline: test, chart lint, build, Trivy scan, push, GitOps handoff.
  const [pipeline] = yamlDocuments(text(files, c.ciFile));
  expect(Object.keys(github ? pipeline.jobs : pipeline)).toEqual(
    expect.arrayContaining(
      github
        ? ['test', 'chart', 'image', 'handoff']
        : ['test', 'chart', 'build', 'trivy', 'push', 'handoff'],
    ),
  );
  checkPipeline(files, c);
  checkDeployInstructions(files, c);
  for (const step of [
    'helm lint chart --strict',
    'trivy',
    nodejs ? 'npm test' : 'go test',
    "yq -i '.image.tag = strenv(TAG)' chart/values.yaml",
  ]) {
    expect(text(files, c.ciFile)).toContain(step);
  }
  for (const path of paths.filter(p => p.startsWith('chart/templates/'))) {
    expect(files.get(path)!.equals(skeleton.get(`base/${path}`)!)).toBe(true);
  }
  expect(text(files, 'chart/templates/deployment.yaml')).toContain(
    '{{ include "service.name" . }}',
  );
  expect(text(files, 'chart/templates/prometheusrule.yaml')).toContain(
    '{{`{{ $value | humanizePercentage }}`}}',
  );

  // Everything else was rendered completely.
  for (const [path, content] of files) {
    if (path === c.ciFile || path.startsWith('chart/templates/')) continue;
    expect({
      path,
      rendered: content.toString('utf8').includes('${{'),
    }).toEqual({
      path,
      rendered: false,
    });
  }

  const values = parseYaml(text(files, 'chart/values.yaml'));
  const v = c.values;
  expect(values).toMatchObject({
    backstage: { kubernetesId: v.name },
    image: {
      registry: v.registryHost,
      repository: c.image.split('/').slice(1).join('/'),
    },
    containerPort: v.port,
    ingress: {
      enabled: v.ingressEnabled,
      ...(c.ingress && {
        className: c.ingress.className,
        host: v.ingressHost,
        tls: { enabled: v.tlsEnabled },
      }),
    },
    networkPolicy: {
      monitoringNamespace: prometheusOf(c).namespace,
      ...(c.ingress && {
        ingressControllerNamespace: c.ingress.controllerNamespace,
      }),
    },
    // One floor either way: the replicas without autoscaling are its
    // minimum if it is turned on, its minimum the replicas if turned off.
    replicaCount: v.autoscalingEnabled ? v.autoscalingMin : v.replicas,
    autoscaling: v.autoscalingEnabled
      ? {
          enabled: true,
          minReplicas: v.autoscalingMin,
          maxReplicas: v.autoscalingMax,
        }
      : {
          enabled: false,
          minReplicas: v.replicas,
          maxReplicas: Math.max(Number(v.replicas), 6),
        },
    mesh: { provider: v.mesh },
    runtimeClassName: v.sandbox === 'none' ? '' : v.sandbox,
    serviceMonitor: {
      enabled: v.serviceMonitor,
      labels: { release: prometheusOf(c).release },
    },
    prometheusRule: {
      enabled: v.alertRules,
      labels: { release: prometheusOf(c).release },
    },
    dashboards: { enabled: v.dashboards },
    gitops: {
      provider: v.gitops,
      bootstrap: true,
      repoURL: `${repoWebUrl(c)}.git`,
      destinationNamespace: c.namespace,
      argocd: {
        destination: { name: v.cluster || 'in-cluster', server: '' },
      },
    },
  });
  expect(parseYaml(text(files, 'chart/Chart.yaml'))).toMatchObject({
    apiVersion: 'v2',
    name: v.name,
    type: 'application',
  });
  expect(() =>
    JSON.parse(text(files, 'chart/dashboards/overview.json')),
  ).not.toThrow();

  if (nodejs) {
    const pkg = JSON.parse(text(files, 'package.json'));
    expect(pkg).toMatchObject({
      name: v.name,
      type: 'module',
    });
    // npm ci installs exactly the lockfile, which matches package.json.
    const lock = JSON.parse(text(files, 'package-lock.json'));
    expect(lock).toMatchObject({
      name: v.name,
      version: pkg.version,
      lockfileVersion: 3,
    });
    expect(lock.packages['']).toEqual({
      name: v.name,
      version: pkg.version,
      ...(pkg.dependencies && { dependencies: pkg.dependencies }),
      devDependencies: pkg.devDependencies,
      engines: pkg.engines,
    });
    expect(text(files, 'src/config.ts')).toContain(
      `export const DEFAULT_PORT = ${v.port};`,
    );
  } else {
    expect(text(files, 'go.mod')).toContain(
      `module ${repoHostOf(c)}/acme/${v.name}`,
    );
    expect(text(files, 'config.go')).toContain(`defaultPort = "${v.port}"`);
    checkGoToolchain(files, c);
  }
  const dockerfile = text(files, 'Dockerfile');
  expect(dockerfile).toMatch(/^FROM .+ AS build$/m);
  expect(dockerfile).toContain('USER 65532:65532');
  expect(dockerfile).toContain(`EXPOSE ${v.port}`);
  if (nodejs) {
    // Built on the glibc Debian the distroless runtime image is, so native
    // modules built in the first stage load in the second; installed from
    // the lockfile, here and in CI.
    expect(dockerfile).toMatch(/^FROM node:22-bookworm-slim AS build$/m);
    expect(dockerfile).toMatch(
      /^FROM gcr\.io\/distroless\/nodejs22-debian12:nonroot$/m,
    );
    expect(dockerfile).toContain('COPY package.json package-lock.json ./');
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    for (const file of ['Dockerfile', c.ciFile]) {
      expect({
        file,
        npmInstall: text(files, file).includes('npm install'),
      }).toEqual({
        file,
        npmInstall: false,
      });
    }
    expect(text(files, c.ciFile)).toContain('npm ci');
    expect(text(files, c.ciFile)).not.toContain('node:22-alpine');
  }
}

/**
 * The oldest Go release still supported when this was written (December
 * 2026): Go supports only its two newest releases.
 */
const OLDEST_SUPPORTED_GO = [1, 26];

/**
 * The Go app builds with one supported Go everywhere (go.mod, the Dockerfile,
 * GitLab CI's test job), and the image build sees every source file
 * .dockerignore lets through, not only the top-level *.go.
 */
function checkGoToolchain(files: Map<string, Buffer>, c: Combination) {
  const goMod = /^go (\d+)\.(\d+)$/m.exec(text(files, 'go.mod'));
  expect(goMod).not.toBeNull();
  const [major, minor] = [Number(goMod![1]), Number(goMod![2])];
  expect({ go: `${major}.${minor}`, supported: true }).toEqual({
    go: `${major}.${minor}`,
    supported:
      major > OLDEST_SUPPORTED_GO[0] ||
      (major === OLDEST_SUPPORTED_GO[0] && minor >= OLDEST_SUPPORTED_GO[1]),
  });
  const dockerfile = text(files, 'Dockerfile');
  expect(dockerfile).toContain(`FROM golang:${major}.${minor}-alpine AS build`);
  if (c.values.ciSystem === 'gitlab-ci') {
    expect(text(files, c.ciFile)).toContain(
      `image: golang:${major}.${minor}-alpine`,
    );
    expect(text(files, c.ciFile)).not.toMatch(/golang:(?!\d+\.\d+-alpine)/);
  }
  expect(dockerfile).toMatch(/^COPY \. \.$/m);
  expect(dockerfile).not.toContain('*.go');
  const ignored = text(files, '.dockerignore')
    .split('\n')
    .filter(line => line && !line.startsWith('#'));
  expect(ignored).toEqual(
    expect.arrayContaining([
      '.git',
      '.github',
      '.gitlab-ci.yml',
      'chart',
      'docs',
      '*.md',
    ]),
  );
}

/**
 * The pipeline tags the image with the first 12 characters of the commit
 * SHA (what README.md tells a manual deployment to pass), renders the chart
 * with such a tag, pushes only once the registry's secrets are set, and its
 * GitOps handoff writes the tag on the tip of the branch, retrying a push
 * that loses a race (gitopsHandoff.test.ts replays it with git). GitLab's
 * pushes to the project GitOps deploys from, which must be this one, one
 * handoff at a time.
 */
function checkPipeline(files: Map<string, Buffer>, c: Combination) {
  const pipeline = text(files, c.ciFile);
  const github = c.values.ciSystem === 'github-actions';
  expect(pipeline).toContain(
    github
      ? 'tag=${GITHUB_SHA::12}'
      : 'TAG=$(echo "$CI_COMMIT_SHA" | cut -c1-12)',
  );
  expect(pipeline).toMatch(/helm lint chart --strict --set-string image\.tag=/);
  expect(pipeline).toMatch(/helm template .* --set-string image\.tag=/);
  const [parsed] = yamlDocuments(pipeline);
  const handoff: string = github
    ? parsed.jobs.handoff.steps.map((step: any) => step.run ?? '').join('\n')
    : parsed.handoff.script.join('\n');
  // On the tip of the branch: fetched and reset to before the tag is
  // edited, committed, pushed, and all of it again when the push fails.
  const order = [
    'for attempt in 1 2 3 4 5; do',
    github
      ? 'git fetch --quiet "$PUSH_URL" main'
      : 'git fetch --quiet "$PUSH_URL" "$CI_COMMIT_BRANCH"',
    'git reset --quiet --hard FETCH_HEAD',
    "yq -i '.image.tag = strenv(TAG)' chart/values.yaml",
    'git commit --quiet -am "Deploy image $TAG [skip ci]"',
    github
      ? 'if pushed="$(git push "$PUSH_URL" HEAD:main 2>&1)"; then'
      : 'if pushed="$(git push "$PUSH_URL" "HEAD:$CI_COMMIT_BRANCH" 2>&1)"; then',
    'done',
  ];
  const positions = order.map(line => handoff.indexOf(line));
  expect({ positions, sorted: [...positions].sort((a, b) => a - b) }).toEqual({
    positions,
    sorted: positions,
  });
  expect(positions).not.toContain(-1);
  expect(handoff).not.toContain('git pull');
  // Both lint with the helm version validate-chart holds its helm to.
  expect(pinnedHelmVersion(pipeline, github)).toBe(PIPELINE_HELM_VERSION);
  if (github) {
    // Secrets cannot be tested in an if: a step tells the others whether
    // to push, and the handoff runs only after a push.
    const image = parsed.jobs.image;
    const credentials = image.steps.find(
      (step: any) => step.id === 'credentials',
    );
    expect(credentials.env).toMatchObject({
      REGISTRY_USERNAME: '${{ secrets.REGISTRY_USERNAME }}',
      REGISTRY_PASSWORD: '${{ secrets.REGISTRY_PASSWORD }}',
    });
    expect(credentials.run).toContain(
      'echo "::notice title=Image not pushed::The REGISTRY_USERNAME and REGISTRY_PASSWORD secrets are not set',
    );
    for (const name of ['Log in to the registry', 'Push']) {
      expect(image.steps.find((step: any) => step.name === name).if).toBe(
        "steps.credentials.outputs.push == 'true'",
      );
    }
    expect(image.outputs.pushed).toBe('${{ steps.credentials.outputs.push }}');
    // Trivy's action by commit, as its tags were once force-pushed to
    // malicious commits.
    expect(
      image.steps.find((step: any) => step.name === 'Scan with Trivy').uses,
    ).toMatch(/^aquasecurity\/trivy-action@[0-9a-f]{40}$/);
    expect(parsed.jobs.handoff.if).toBe(
      "github.event_name == 'push' && needs.image.outputs.pushed == 'true'",
    );
    // main is protected: the handoff pushes with GITOPS_PUSH_TOKEN, not the
    // checkout's persisted GITHUB_TOKEN, which git would send instead.
    const [checkout, commit] = parsed.jobs.handoff.steps;
    expect(checkout).toEqual({
      uses: 'actions/checkout@v4',
      with: { 'persist-credentials': false },
    });
    expect(commit.env).toMatchObject({
      GITOPS_PUSH_TOKEN: '${{ secrets.GITOPS_PUSH_TOKEN }}',
      GITHUB_TOKEN: '${{ github.token }}',
    });
    expect(handoff).toContain(
      'PUSH_URL="https://x-access-token:${PUSH_TOKEN}@${GITHUB_SERVER_URL#https://}/${GITHUB_REPOSITORY}.git"',
    );
  } else {
    expect(parsed.workflow.rules).toEqual([
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
    ]);
    expect(parsed.handoff.resource_group).toBe('gitops-handoff');
    expect(handoff).toContain(
      `if [ "$REPO_URL" != "$CI_PROJECT_URL.git" ]; then`,
    );
    expect(handoff).toContain(
      'PUSH_URL="https://oauth2:${GITOPS_PUSH_TOKEN}@${CI_PROJECT_URL#https://}.git"',
    );
    // Without the registry's variables nothing is pushed, nor handed off.
    const noCredentials =
      'if [ -z "$REGISTRY_USERNAME" ] || [ -z "$REGISTRY_PASSWORD" ]; then';
    const push = parsed.push.script.join('\n');
    expect(push.indexOf(noCredentials)).toBeGreaterThan(-1);
    expect(push.indexOf(noCredentials)).toBeLessThan(
      push.indexOf('docker login'),
    );
    expect(handoff.indexOf(noCredentials)).toBeGreaterThan(-1);
    expect(handoff.indexOf(noCredentials)).toBeLessThan(
      handoff.indexOf('git fetch'),
    );
    // What the check compares: the project's URL as GitLab sets it.
    const values = parseYaml(text(files, 'chart/values.yaml'));
    expect(values.gitops.repoURL).toBe(`${repoWebUrl(c)}.git`);
  }
}

/**
 * The helm version a pipeline's chart job pins, as `v4.1.4`: GitHub
 * Actions' azure/setup-helm `version`, GitLab CI's alpine/helm image tag.
 */
function pinnedHelmVersion(pipeline: string, github: boolean): string {
  const [parsed] = yamlDocuments(pipeline);
  if (github) {
    const setup = parsed.jobs.chart.steps.filter((step: any) =>
      String(step.uses).startsWith('azure/setup-helm@'),
    );
    expect(setup).toHaveLength(1);
    return setup[0].with.version;
  }
  const image = /^alpine\/helm:(.+)$/.exec(parsed.chart.image.name);
  expect(image).not.toBeNull();
  return `v${image![1]}`;
}

/**
 * README.md's way to the first deployment: with the tag CI pushed for a
 * manual install, after CI's first tag commit for GitOps, and for Flux with
 * the Secret gitops.flux.secretRef names created first.
 */
function checkDeployInstructions(files: Map<string, Buffer>, c: Combination) {
  const v = c.values;
  const readme = text(files, 'README.md');
  const values = parseYaml(text(files, 'chart/values.yaml'));
  // A private registry: a pull Secret in the namespace, named in the values,
  // before the first deployment.
  expect(values.imagePullSecrets).toEqual([]);
  const pullSecret = readme.indexOf(
    [
      `kubectl create secret docker-registry ${v.name}-registry \\`,
      `  --namespace ${c.namespace} \\`,
      `  --docker-server=${v.registryHost} \\`,
    ].join('\n'),
  );
  expect(pullSecret).toBeGreaterThan(-1);
  expect(
    readme.indexOf(`imagePullSecrets:\n  - name: ${v.name}-registry`),
  ).toBeGreaterThan(pullSecret);
  expect(pullSecret).toBeLessThan(
    readme.indexOf(v.gitops === 'none' ? 'helm upgrade --install' : 'git pull'),
  );
  // Where Prometheus is expected, and how to point the chart elsewhere.
  const prometheus = prometheusOf(c);
  expect(
    readme.includes(
      `release \`${prometheus.release}\` in the namespace \`${prometheus.namespace}\``,
    ),
  ).toBe(Boolean(v.serviceMonitor));
  if (v.serviceMonitor) {
    expect(readme).toContain('`networkPolicy.monitoringNamespace`');
  }
  expect(text(files, 'docs/index.md')).toContain(
    `\`${prometheus.release}\` in the namespace \`${prometheus.namespace}\``,
  );
  // Switching autoscaling on a running release moves the pod count: the
  // README says how far, and, under Argo CD, how to keep the pods.
  expect(readme).toContain(
    v.autoscalingEnabled
      ? `\`replicaCount\` (${v.autoscalingMin}, the minimum) is what\nruns if you turn autoscaling off.`
      : `\`replicaCount\` (${v.replicas}) pods run; no HorizontalPodAutoscaler.`,
  );
  expect(readme).toContain(
    '- Off to on: the Deployment no longer sets `replicas`',
  );
  expect(
    readme.includes(
      `\`kubectl apply edit-last-applied deployment/${v.name} -n ${c.namespace}\``,
    ),
  ).toBe(v.gitops === 'argo-cd');
  // A GitHub handoff to the protected main needs GITOPS_PUSH_TOKEN, of the
  // account the template let bypass pull requests and gave write access.
  const pushToken = readme.indexOf(
    'so the handoff pushes with the repository secret\n`GITOPS_PUSH_TOKEN`',
  );
  if (v.ciSystem === 'github-actions' && v.gitops !== 'none') {
    expect(pushToken).toBeGreaterThan(-1);
    expect(readme.slice(pushToken)).toMatch(
      v.gitopsPushUser
        ? new RegExp(
            `: \`${v.gitopsPushUser}\`, which\nthe template allowed and gave write access`,
          )
        : /Allow specified actors to bypass required pull\s+requests/,
    );
    // A ruleset's bypass list takes no single account.
    expect(readme.slice(pushToken)).toContain(
      'A ruleset on `main` (Settings, Rules) takes no single account on its\nbypass list',
    );
  } else {
    expect(pushToken).toBe(-1);
  }
  if (v.gitops === 'none') {
    expect(readme).toContain(
      [
        `helm upgrade --install ${v.name} chart --namespace ${c.namespace} --create-namespace \\`,
        '  --set-string image.tag=$(git rev-parse HEAD | cut -c1-12)',
      ].join('\n'),
    );
    return;
  }
  const bootstrap = `helm template ${v.name} chart -s templates/${
    v.gitops === 'flux' ? 'flux' : 'argocd-application'
  }.yaml | kubectl apply -f -`;
  expect(readme).toContain(`git pull\n${bootstrap}`);
  if (v.gitops === 'argo-cd') {
    // The repository is private: Argo CD reads it with a repository Secret.
    const secret = `${v.name}-repository`;
    const create = readme.indexOf(
      `kubectl create secret generic ${secret} \\\n  --namespace argocd \\\n  --from-literal=type=git \\\n  --from-literal=url=${repoWebUrl(
        c,
      )}.git \\\n  --from-literal=username=`,
    );
    expect(create).toBeGreaterThan(-1);
    const label = readme.indexOf(
      `kubectl label secret ${secret} --namespace argocd \\\n  argocd.argoproj.io/secret-type=repository`,
    );
    expect(label).toBeGreaterThan(create);
    expect(label).toBeLessThan(readme.indexOf(bootstrap));
    expect(text(files, 'docs/index.md')).toContain(
      `(\`${secret}\`, labelled\n\`argocd.argoproj.io/secret-type: repository\`)`,
    );
  }
  if (v.gitops === 'flux') {
    const secret = `${v.name}-git-credentials`;
    expect(values.gitops.flux.secretRef).toBe(secret);
    const create = readme.indexOf(
      `kubectl create secret generic ${secret} \\\n  --namespace flux-system \\\n  --from-literal=username=`,
    );
    expect(create).toBeGreaterThan(-1);
    expect(create).toBeLessThan(readme.indexOf(bootstrap));
  }
}

/** Prometheus names the template derives from the service's name. */
function prometheusNames(name: string) {
  const record = name.replace(/-/g, '_');
  const alert = name
    .split('-')
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join('');
  return {
    rules: [
      `${record}_request_rate`,
      `${record}_error_rate`,
      `${record}_latency_p99`,
    ],
    alerts: [`${alert}HighErrorRate`, `${alert}HighLatency`, `${alert}Down`],
  };
}

/** catalog-info.yaml: valid for the catalog, and complete for the portal. */
async function checkCatalogInfo(
  files: Map<string, Buffer>,
  c: Combination,
): Promise<Entity> {
  const documents = yamlDocuments(text(files, 'catalog-info.yaml'));
  expect(documents).toHaveLength(1);
  const entity = documents[0] as Entity;

  // What the catalog does to every entity it reads, then the Component kind.
  const policy = EntityPolicies.allOf([
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(),
    new SchemaValidEntityPolicy(),
  ]);
  await expect(policy.enforce(entity)).resolves.toBeDefined();
  await expect(componentEntityV1alpha1Validator.check(entity)).resolves.toBe(
    true,
  );

  const v = c.values;
  const names = prometheusNames(String(v.name));
  expect(entity.metadata.name).toBe(v.name);
  expect(entity.spec).toEqual({
    type: 'service',
    lifecycle:
      v.requirementProfile === 'experimental' ? 'experimental' : 'production',
    owner: v.owner,
    ...(v.system && { system: v.system }),
  });
  expect(entity.metadata.annotations).toEqual({
    'backstage.io/kubernetes-id': v.name,
    'backstage.io/kubernetes-namespace': c.namespace,
    ...(v.cluster && { 'backstage.io/kubernetes-cluster': v.cluster }),
    // The Application, out of the Kubernetes lookup's namespace: found by
    // name.
    ...(v.gitops === 'argo-cd' && { 'argocd/app-name': v.name }),
    'backstage.io/source-template': 'template:default/runtime-service',
    'backstage.io/techdocs-ref': 'dir:.',
    // Where the repository, and so its pipeline, lives.
    [`${repoHostOf(c)}/project-slug`]: `acme/${v.name}`,
    'runtime-stack.io/images': c.image,
    'runtime-stack.io/tools': c.tools,
    'runtime-stack.io/requirement-profile': v.requirementProfile,
    ...(v.alertRules && {
      'prometheus.io/rule': names.rules.join(','),
      'prometheus.io/alert': names.alerts.join(','),
    }),
    ...(v.dashboards && {
      'grafana/dashboard-selector': `tags @> '${v.name}'`,
    }),
  });

  // The Runtime Stack reads it without a single problem.
  const declared = readDeclaredStack(entity, defaultLayerModel);
  expect(declared.problems).toEqual([]);
  expect(declared.requirementProfile).toBe(v.requirementProfile);
  expect(declared.images).toEqual([c.image]);
  expect(declared.tools.map(t => `${t.capability}=${t.tool}`).join(',')).toBe(
    c.tools,
  );
  // The Argo CD plugin's annotation tells the GitOps tool declared.
  expect(
    declared.ecosystemTools
      .filter(t => t.capability === 'gitops')
      .map(t => `${t.tool} (${t.annotation})`),
  ).toEqual(v.gitops === 'argo-cd' ? ['argo-cd (argocd/app-name)'] : []);
  expect(declared.references).toMatchObject({
    kubernetesId: v.name,
    kubernetesNamespace: c.namespace,
    ...(v.cluster && { kubernetesCluster: v.cluster }),
    ...(repoHostOf(c) === 'gitlab.com'
      ? { gitlabProjectSlug: `acme/${v.name}` }
      : { githubProjectSlug: `acme/${v.name}` }),
  });
  expect(entity.metadata.links?.[0]).toMatchObject({
    url: repoWebUrl(c),
    title: 'Repository',
  });
  return entity;
}

/**
 * The IngressClasses and RuntimeClasses the chart's objects name, as the
 * repository's fake clusters have them: prod-us-1 runs ingress-nginx (class
 * nginx, as its chart installs it) and Traefik (class traefik), prod-eu-1
 * offers the gvisor RuntimeClass. No fixture offers Kata Containers, so its
 * class is the one Kata's deployment creates.
 */
const CLUSTER_CLASSES: ClusterObject[] = [
  ...new Map(
    ['prod-us-1', 'prod-eu-1']
      .flatMap(fixture => loadFixture(fixture) as unknown as ClusterObject[])
      .filter(o => o.kind === 'IngressClass' || o.kind === 'RuntimeClass')
      .map(o => [`${o.kind}/${o.metadata.name}`, o] as const),
  ).values(),
  {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: 'kata-qemu' },
    // Kubernetes keeps handler top-level.
    handler: 'kata-qemu',
  } as ClusterObject,
];

/**
 * Who may reach each port of the pods under a NetworkPolicy, by port:
 * `own namespace`, `namespace <name>`, or `anyone` for a rule without `from`.
 */
function peersByPort(policy: any): Record<string, string[]> {
  const byPort: Record<string, string[]> = {};
  for (const rule of policy.spec.ingress) {
    const peers: string[] = rule.from
      ? rule.from.flatMap((peer: any) => {
          if (!peer.namespaceSelector) return ['own namespace'];
          const selector = peer.namespaceSelector;
          const names: string[] = selector.matchLabels?.[
            'kubernetes.io/metadata.name'
          ]
            ? [selector.matchLabels['kubernetes.io/metadata.name']]
            : selector.matchExpressions?.find(
                (e: any) =>
                  e.key === 'kubernetes.io/metadata.name' &&
                  e.operator === 'In',
              )?.values ?? ['any namespace'];
          return names.map(name => `namespace ${name}`);
        })
      : ['anyone'];
    for (const { port } of rule.ports ?? [{ port: 'every port' }]) {
      byPort[String(port)] = [...(byPort[String(port)] ?? []), ...peers].sort();
    }
  }
  return byPort;
}

/**
 * Who the NetworkPolicy must let in, by port: the app's port and the mesh's
 * inbound port to the namespace and the ingress controller, /metrics to
 * Prometheus, the sidecar's admin ports to Prometheus and the mesh only,
 * Linkerd's tap port to its viz extension only.
 */
function expectedPeers(c: Combination): Record<string, string[]> {
  const v = c.values;
  const monitoring = `namespace ${prometheusOf(c).namespace}`;
  const app = [
    'own namespace',
    ...(c.ingress ? [`namespace ${c.ingress.controllerNamespace}`] : []),
  ].sort();
  const expected: Record<string, string[]> = {
    http: [...app, ...(v.serviceMonitor ? [monitoring] : [])].sort(),
  };
  if (v.mesh === 'linkerd') {
    expected['4143'] = app;
    expected['4191'] = [
      'namespace linkerd',
      'namespace linkerd-viz',
      monitoring,
    ].sort();
    // linkerd viz tap, to the proxy's tap port.
    expected['4190'] = ['namespace linkerd-viz'];
  }
  if (v.mesh === 'istio') {
    expected['15008'] = app;
    for (const port of ['15020', '15090']) {
      expected[port] = ['namespace istio-system', monitoring].sort();
    }
  }
  return expected;
}

/** The kinds of the GitOps bootstrap objects, which kubectl applies once. */
const GITOPS_KINDS = ['Application', 'GitRepository', 'HelmRelease'];

function labelsMatch(
  selector: Record<string, string>,
  labels: Record<string, string>,
) {
  return Object.entries(selector).every(([k, value]) => labels[k] === value);
}

/**
 * helm lint and helm template on the generated chart with its own values,
 * then every rendered object against the Kubernetes schemas and against
 * what catalog-info.yaml says about the service.
 */
async function checkChart(dir: string, c: Combination, entity: Entity) {
  const v = c.values;
  const name = String(v.name);

  // Nothing renders before CI has pushed an image, and helm says why.
  expect(() =>
    helm(['template', name, 'chart', '--namespace', c.namespace], dir),
  ).toThrow(
    /execution error at .*: image\.tag is empty: set it to the tag CI pushed, the first 12 characters of the commit SHA it built \(--set-string image\.tag=\$\(git rev-parse HEAD \| cut -c1-12\)\)/,
  );
  const tag = ['--set-string', `image.tag=${IMAGE_TAG}`];
  const lint = helm(
    ['lint', 'chart', '--strict', '--namespace', c.namespace, ...tag],
    dir,
  );
  expect(lint).toContain('1 chart(s) linted, 0 chart(s) failed');

  const rendered = helm(
    ['template', name, 'chart', '--namespace', c.namespace, ...tag],
    dir,
  );
  const objects = yamlDocuments(rendered);
  expect(await manifestProblems(objects)).toEqual([]);
  expect([...new Set(objects.map(o => o.kind))].sort()).toEqual(c.kinds);

  // What the GitOps controller renders: the same, without its own objects.
  const deployed = renderChart(
    dir,
    name,
    c.namespace,
    ...tag,
    '--set',
    'gitops.bootstrap=false',
  );
  expect([...new Set(deployed.map(o => o.kind))].sort()).toEqual(
    c.kinds.filter(k => !GITOPS_KINDS.includes(k)),
  );

  const kubernetesId =
    entity.metadata.annotations!['backstage.io/kubernetes-id'];
  for (const object of objects.filter(o => GITOPS_KINDS.includes(o.kind))) {
    // kubectl applies them once; an Application labelled with the release's
    // app.kubernetes.io/instance would, under Argo CD's label tracking,
    // count itself as one of its own resources and prune itself.
    expect({
      object: `${object.kind} ${object.metadata.name}`,
      labels: object.metadata.labels,
    }).toEqual({
      object: `${object.kind} ${object.metadata.name}`,
      labels: {
        'backstage.io/kubernetes-id': kubernetesId,
        'app.kubernetes.io/part-of': name,
      },
    });
  }
  for (const object of objects.filter(o => !GITOPS_KINDS.includes(o.kind))) {
    expect({
      object: `${object.kind} ${object.metadata.name}`,
      labels: object.metadata.labels,
    }).toMatchObject({
      labels: {
        'backstage.io/kubernetes-id': kubernetesId,
        'app.kubernetes.io/name': name,
        'app.kubernetes.io/managed-by': 'Helm',
      },
    });
  }
  const one = (kind: string) => {
    const found = objects.filter(o => o.kind === kind);
    expect(found).toHaveLength(1);
    return found[0];
  };

  // The Deployment: what the Kubernetes plugin looks for, hardened pods.
  const deployment = one('Deployment');
  const pod = deployment.spec.template;
  expect(pod.metadata.labels['backstage.io/kubernetes-id']).toBe(kubernetesId);
  expect(pod.metadata.labels['app.kubernetes.io/name']).toBe(name);
  // Only labels that change with what runs: not helm.sh/chart, whose
  // version Flux sets to each Git revision, which would restart the pods.
  expect(Object.keys(pod.metadata.labels).sort()).toEqual(
    [
      'app.kubernetes.io/instance',
      'app.kubernetes.io/managed-by',
      'app.kubernetes.io/name',
      'app.kubernetes.io/version',
      'backstage.io/kubernetes-id',
      ...(v.mesh === 'istio' ? ['sidecar.istio.io/inject'] : []),
    ].sort(),
  );
  expect(pod.metadata.labels['app.kubernetes.io/version']).toBe(IMAGE_TAG);
  expect(deployment.metadata.labels['helm.sh/chart']).toBe(`${name}-0.1.0`);
  expect(
    labelsMatch(deployment.spec.selector.matchLabels, pod.metadata.labels),
  ).toBe(true);
  expect(deployment.spec.replicas).toBe(
    v.autoscalingEnabled ? undefined : v.replicas,
  );
  expect(pod.spec.securityContext).toMatchObject({
    runAsNonRoot: true,
    runAsUser: 65532,
  });
  expect(pod.spec.automountServiceAccountToken).toBe(false);
  expect(pod.spec.runtimeClassName).toBe(
    v.sandbox === 'none' ? undefined : v.sandbox,
  );
  const [container] = pod.spec.containers;
  expect(container).toMatchObject({
    image: `${c.image}:${IMAGE_TAG}`,
    ports: [{ name: 'http', containerPort: v.port }],
    env: [{ name: 'PORT', value: String(v.port) }],
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
    securityContext: {
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
    resources: { requests: { cpu: '100m' }, limits: { memory: '256Mi' } },
  });
  const injection = {
    none: {},
    linkerd: { 'linkerd.io/inject': 'enabled' },
    istio: { 'sidecar.istio.io/inject': 'true' },
  }[String(v.mesh)];
  expect(pod.metadata.annotations ?? {}).toEqual(injection);
  if (v.mesh === 'istio') {
    expect(pod.metadata.labels['sidecar.istio.io/inject']).toBe('true');
  }

  const service = one('Service');
  expect(labelsMatch(service.spec.selector, pod.metadata.labels)).toBe(true);
  expect(service.spec.ports).toEqual([
    expect.objectContaining({ name: 'http', port: 80, targetPort: 'http' }),
  ]);

  const policy = one('NetworkPolicy');
  expect(
    labelsMatch(policy.spec.podSelector.matchLabels, pod.metadata.labels),
  ).toBe(true);
  expect(peersByPort(policy)).toEqual(expectedPeers(c));
  if (v.mesh === 'linkerd') {
    // Without a viz namespace, nothing reaches the tap port.
    const [withoutTap] = renderChart(
      dir,
      name,
      c.namespace,
      ...tag,
      '--show-only',
      'templates/networkpolicy.yaml',
      '--set-string',
      'networkPolicy.linkerdVizNamespace=',
    );
    const { 4190: tap, ...others } = expectedPeers(c);
    expect(tap).toEqual(['namespace linkerd-viz']);
    expect(peersByPort(withoutTap)).toEqual(others);
  }

  expect(one('PodDisruptionBudget').spec.selector.matchLabels).toEqual(
    deployment.spec.selector.matchLabels,
  );
  // Pods that are not ready do not hold up a drain.
  expect(one('PodDisruptionBudget').spec.unhealthyPodEvictionPolicy).toBe(
    'AlwaysAllow',
  );
  // Replicas spread over nodes and zones, softly, by the Deployment's own pods.
  expect(
    deployment.spec.template.spec.topologySpreadConstraints.map(
      (spread: any) => [
        spread.topologyKey,
        spread.whenUnsatisfiable,
        spread.labelSelector,
      ],
    ),
  ).toEqual(
    ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map(key => [
      key,
      'ScheduleAnyway',
      { matchLabels: deployment.spec.selector.matchLabels },
    ]),
  );

  if (v.ingressEnabled) {
    const ingress = one('Ingress');
    expect(ingress.spec.ingressClassName).toBe(c.ingress!.className);
    expect(ingress.spec.rules).toEqual([
      {
        host: v.ingressHost,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: {
                  name: service.metadata.name,
                  port: { name: 'http' },
                },
              },
            },
          ],
        },
      },
    ]);
    if (v.tlsEnabled) {
      expect(ingress.metadata.annotations).toEqual({
        'cert-manager.io/cluster-issuer': v.certIssuer,
      });
      expect(ingress.spec.tls).toEqual([
        { hosts: [v.ingressHost], secretName: `${name}-tls` },
      ]);
    } else {
      expect(ingress.metadata.annotations).toBeUndefined();
      expect(ingress.spec.tls).toBeUndefined();
    }
  }

  if (v.autoscalingEnabled) {
    expect(one('HorizontalPodAutoscaler').spec).toMatchObject({
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: deployment.metadata.name,
      },
      minReplicas: v.autoscalingMin,
      maxReplicas: v.autoscalingMax,
      // The app container's CPU, whatever the mesh injects beside it:
      // Linkerd's proxy has no CPU request, so a pod-wide Resource metric
      // would never be computed.
      metrics: [
        {
          type: 'ContainerResource',
          containerResource: {
            name: 'cpu',
            container: container.name,
            target: {
              type: 'Utilization',
              averageUtilization: v.autoscalingCpu,
            },
          },
        },
      ],
    });
    expect(container.name).toBe(name);
  }

  if (v.serviceMonitor) {
    const monitor = one('ServiceMonitor');
    expect(
      labelsMatch(monitor.spec.selector.matchLabels, service.metadata.labels),
    ).toBe(true);
    // What kube-prometheus-stack's Prometheus selects ServiceMonitors by.
    expect(monitor.metadata.labels.release).toBe(prometheusOf(c).release);
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: 'http', path: '/metrics' }),
    ]);
  }

  if (v.alertRules) {
    const rule = one('PrometheusRule');
    expect(rule.metadata.labels.release).toBe(prometheusOf(c).release);
    const rules = rule.spec.groups.flatMap((g: any) => g.rules);
    const names = prometheusNames(name);
    // The names catalog-info.yaml gives the Prometheus plugin exist.
    expect(
      rules.filter((r: any) => r.record).map((r: any) => r.record),
    ).toEqual(entity.metadata.annotations!['prometheus.io/rule'].split(','));
    expect(rules.filter((r: any) => r.alert).map((r: any) => r.alert)).toEqual(
      names.alerts,
    );
    // Recorded by namespace and job, and each alert reads the series of its
    // own release: the service released in two namespaces of one Prometheus
    // stays two (the promtool test below replays it).
    const selector = `{job="${name}", namespace="${c.namespace}"}`;
    expect(
      rules
        .filter((r: any) => r.record)
        .map((r: any) => ({
          record: r.record,
          aggregations: r.expr.match(/sum(?: by \([^)]*\))?/g),
        })),
    ).toEqual([
      {
        record: names.rules[0],
        aggregations: ['sum by (namespace, job)'],
      },
      {
        record: names.rules[1],
        aggregations: ['sum by (namespace, job)', 'sum by (namespace, job)'],
      },
      {
        record: names.rules[2],
        aggregations: ['sum by (namespace, job, le)'],
      },
    ]);
    expect(rules.filter((r: any) => r.alert).map((r: any) => r.expr)).toEqual([
      `${names.rules[1]}${selector} > 0.05`,
      `${names.rules[2]}${selector} > 0.5`,
      `max by (namespace, job) (up${selector}) < 1 or absent(up${selector})`,
    ]);
    expect(
      rules.find((r: any) => r.alert === names.alerts[0]).annotations
        .description,
    ).toBe(
      '{{ $value | humanizePercentage }} of requests failed over the last 5 minutes.',
    );
    if (promtoolAvailable()) {
      expect(promtoolCheckRules(rule, dir)).toContain('SUCCESS: 6 rules found');
    }
  }

  if (v.dashboards) {
    const configMap = one('ConfigMap');
    expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
    const dashboard = JSON.parse(configMap.data[`${name}-overview.json`]);
    // grafana/dashboard-selector is "tags @> '<name>'".
    expect(dashboard.tags).toContain(name);
    expect(dashboard.uid).toBe(name);
    // The namespace is a variable, the release's own by default.
    expect(
      dashboard.templating.list.find((t: any) => t.name === 'namespace'),
    ).toMatchObject({
      type: 'query',
      datasource: { uid: '${datasource}' },
      query: `label_values(up{job="${name}"}, namespace)`,
      current: { text: c.namespace, value: c.namespace },
    });
    const queries: string[] = dashboard.panels.flatMap((p: any) =>
      p.targets.map((t: any) => t.expr),
    );
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      expect(query).toContain(`job="${name}", namespace="$namespace"`);
      expect(query).not.toContain(`namespace="${c.namespace}"`);
    }
  }

  if (v.gitops === 'argo-cd') {
    expect(one('Application')).toMatchObject({
      metadata: { name, namespace: 'argocd' },
      spec: {
        source: {
          repoURL: `${repoWebUrl(c)}.git`,
          path: 'chart',
          targetRevision: 'main',
          helm: {
            releaseName: name,
            parameters: [{ name: 'gitops.bootstrap', value: 'false' }],
          },
        },
        // The cluster chosen in the form, by its name in Argo CD; the
        // one Argo CD runs in without one.
        destination: {
          name: v.cluster || 'in-cluster',
          namespace: c.namespace,
        },
      },
    });
    expect(one('Application').spec.destination.server).toBeUndefined();
  }
  if (v.gitops === 'flux') {
    const source = one('GitRepository');
    expect(source).toMatchObject({
      metadata: { namespace: 'flux-system' },
      spec: {
        url: `${repoWebUrl(c)}.git`,
        // The repository is published private.
        secretRef: { name: `${name}-git-credentials` },
        ref: { branch: 'main' },
      },
    });
    expect(one('HelmRelease')).toMatchObject({
      metadata: { namespace: 'flux-system' },
      spec: {
        releaseName: name,
        targetNamespace: c.namespace,
        chart: {
          spec: {
            chart: './chart',
            sourceRef: { kind: 'GitRepository', name: source.metadata.name },
          },
        },
        values: { gitops: { bootstrap: false } },
      },
    });
  }

  // What the portal's detection would observe once the chart is deployed.
  const inNamespace = (o: any): ClusterObject => ({
    ...o,
    metadata: { namespace: c.namespace, ...o.metadata },
  });
  const serviceObjects = deployed.map(inNamespace);
  const findings = detectServiceTools({
    serviceObjects,
    clusterObjects: [...objects.map(inNamespace), ...CLUSTER_CLASSES],
  });
  const observed = findings.map(f => `${f.capability}=${f.tool}`).sort();
  const expectedObserved = [
    'package-management=helm',
    'policy=kubernetes-network-policy',
    ...(v.ingressEnabled ? [`service-proxy=${v.ingressClass}`] : []),
    ...(v.ingressEnabled && v.tlsEnabled
      ? ['certificate-management=cert-manager']
      : []),
    ...(v.serviceMonitor ? ['metrics=prometheus-operator'] : []),
    ...(v.alertRules ? ['alerting=alertmanager'] : []),
    ...(v.gitops === 'argo-cd' ? ['gitops=argo-cd'] : []),
    ...(v.sandbox === 'gvisor' ? ['container-runtime=gvisor'] : []),
    ...(v.sandbox === 'kata-qemu' ? ['container-runtime=kata-containers'] : []),
  ];
  expect(observed).toEqual(expect.arrayContaining(expectedObserved));
  // Every capability the cluster would show is one catalog-info.yaml declares
  // (the ServiceMonitor is seen as the Prometheus Operator, declared as
  // metrics=prometheus as the rest of the estate does).
  const declared = new Set(c.tools.split(',').map(t => t.split('=')[0]));
  expect(
    observed.map(o => o.split('=')[0]).filter(cap => !declared.has(cap)),
  ).toEqual([]);
  return { objects, observed };
}

/** Builds the generated Node.js app with the repository's TypeScript, runs its tests and starts it. */
async function checkNodeApp(files: Map<string, Buffer>, c: Combination) {
  const dir = mkdtempSync(join(work, 'node-app-'));
  writeTree(dir, files);
  const run = (args: string[]) =>
    execFileSync(process.execPath, args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  // The lockfile is one `npm ci` accepts for this package.json: offline,
  // with an empty cache, npm resolves nothing beyond it (a dependency the
  // lockfile lacked would be looked up, and fail).
  if (realToolAvailable('npm', 'the package-lock.json check', 'npm')) {
    const ci = spawnSync(
      'npm',
      [
        'ci',
        '--dry-run',
        '--offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--cache',
        join(dir, '.npm-cache'),
      ],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    expect({
      npmCi: ci.status,
      output: ci.status === 0 ? '' : `${ci.stdout}${ci.stderr}`,
    }).toEqual({ npmCi: 0, output: '' });
  }
  run([
    join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    'tsconfig.json',
    '--typeRoots',
    join(REPO_ROOT, 'node_modules/@types'),
  ]);
  expect(run(['--test', '--test-reporter=tap', 'dist/**/*.test.js'])).toMatch(
    /^# fail 0$/m,
  );

  await probeServer(c, 'The Node.js server', port =>
    spawn(process.execPath, ['dist/server.js'], {
      cwd: dir,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * Vets, builds and tests the generated Go app with the go on the PATH, then
 * starts the binary. Offline: no toolchain download (GOTOOLCHAIN=local, so
 * Debian's go1.19 builds the `go 1.23` module as it is), no module proxy,
 * caches and HOME in the test's directory. CGO_ENABLED=0 as in its
 * Dockerfile.
 */
async function checkGoApp(files: Map<string, Buffer>, c: Combination) {
  const dir = mkdtempSync(join(work, 'go-app-'));
  writeTree(dir, files);
  const goRoot = join(work, 'go');
  const env = {
    ...process.env,
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOFLAGS: '-mod=mod -modcacherw',
    GOWORK: 'off',
    GOCACHE: join(goRoot, 'cache'),
    GOPATH: join(goRoot, 'path'),
    HOME: join(goRoot, 'home'),
    CGO_ENABLED: '0',
  };
  const go = (args: string[]) => {
    const result = spawnSync('go', args, {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 150_000,
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.error || result.status !== 0) {
      throw new Error(
        `\`go ${args.join(' ')}\` failed on the generated Go app (${
          result.error?.message ?? `exit code ${result.status}`
        }):\n${output}`,
      );
    }
    return output;
  };
  const modulePath = /^module (\S+)$/m.exec(text(files, 'go.mod'))![1];

  go(['vet', './...']);
  const binary = join(dir, 'server');
  go(['build', '-o', binary, '.']);
  // -v: the tests that ran are listed, so a package without any is noticed.
  const tested = go(['test', '-count=1', '-v', './...']);
  if (
    /^ok\s+(\S+)\s/m.exec(tested)?.[1] !== modulePath ||
    !/^--- PASS: /m.test(tested) ||
    /^--- FAIL: /m.test(tested)
  ) {
    throw new Error(
      `\`go test ./...\` did not pass the tests of ${modulePath}:\n${tested}`,
    );
  }

  await probeServer(c, 'The Go server', port =>
    spawn(binary, [], {
      cwd: dir,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * Starts a generated server on a free port and probes it as the chart's
 * probes and ServiceMonitor would: ready within 10 s, /healthz, the
 * greeting on /, the request counter on /metrics, and /readyz 503 while it
 * drains after SIGTERM.
 */
async function probeServer(
  c: Combination,
  what: string,
  start: (port: number) => ChildProcess,
) {
  const port = await freePort();
  const server = start(port);
  let output = '';
  server.stdout?.on('data', chunk => {
    output += chunk;
  });
  server.stderr?.on('data', chunk => {
    output += chunk;
  });
  let exited: number | string | null | undefined;
  server.on('exit', (code, signal) => {
    exited = code ?? signal;
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    let ready = false;
    while (!ready && exited === undefined && Date.now() < deadline) {
      ready = await fetch(`${base}/readyz`)
        .then(res => res.status === 200)
        .catch(() => false);
      if (!ready) await new Promise(r => setTimeout(r, 100));
    }
    if (!ready) {
      throw new Error(
        `${what} did not answer /readyz with 200 on port ${port} within 10 s${
          exited === undefined ? '' : ` (it exited: ${exited})`
        }; its output:\n${output}`,
      );
    }
    // Labelled, so that a failure says which server and which probe.
    const status = async (path: string) => ({
      server: what,
      path,
      status: (await fetch(`${base}${path}`)).status,
    });
    expect(await status('/healthz')).toEqual({
      server: what,
      path: '/healthz',
      status: 200,
    });
    expect(await (await fetch(`${base}/`)).json()).toEqual({
      service: c.values.name,
      message: 'Hello',
    });
    await fetch(`${base}/metrics`);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'http_requests_total{method="GET",route="/",code="200"} 1',
    );
    // The probes above, kubelet's and Prometheus' requests are not the
    // traffic the error rate and latency alerts are about.
    expect({
      server: what,
      counted: ['/healthz', '/readyz', '/metrics'].filter(route =>
        metrics.includes(`route="${route}"`),
      ),
    }).toEqual({ server: what, counted: [] });
    // SIGTERM: not ready any more while the server drains.
    server.kill('SIGTERM');
    await new Promise(r => setTimeout(r, 300));
    expect({ ...(await status('/readyz')), after: 'SIGTERM' }).toEqual({
      server: what,
      path: '/readyz',
      after: 'SIGTERM',
      status: 503,
    });
  } finally {
    server.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------------------

function directoryContents(dir = TEMPLATE_DIR) {
  return [...readTree(dir)].map(([path, content]) => ({
    path,
    base64Content: content.toString('base64'),
  }));
}

function fromDirectoryContents(
  contents: Array<{ path: string; base64Content: string }>,
): Map<string, Buffer> {
  return new Map(
    contents.map(f => [f.path, Buffer.from(f.base64Content, 'base64')]),
  );
}

/** A task's or a dry run's log entry. */
interface LogEvent {
  type?: string;
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    [k: string]: any;
  };
}

/**
 * What the validate-chart step logged on success: how many objects the chart
 * renders and which (`Kind/name`), and whether it knew it was a dry run.
 */
function validateChartReport(log: LogEvent[]) {
  const messages = log
    .filter(e => e.body.stepId === 'validate-chart')
    .map(e => e.body.message ?? '');
  for (const message of messages) {
    const match =
      /Chart 'chart' renders (\d+) valid manifest\(s\) with helm (\S+)( \(dry run\))?: (.*)$/m.exec(
        message,
      );
    if (match) {
      return {
        count: Number(match[1]),
        helmVersion: match[2],
        dryRun: Boolean(match[3]),
        objects: match[4].trim().split(', '),
      };
    }
  }
  throw new Error(
    `validate-chart reported no rendered manifests; its log:\n${messages.join(
      '\n',
    )}`,
  );
}

/** Where each step began, finished or failed, in log order. */
function stepStatuses(log: LogEvent[]): string[] {
  return log
    .filter(e => e.body.stepId && e.body.status)
    .map(e => `${e.body.stepId}:${e.body.status}`);
}

describe('the runtime-service template', () => {
  let backend: Awaited<ReturnType<typeof startTestBackendClosingDatabases>>;
  /** What the declare-stack step checks a chosen cluster against. */
  let clusters: FakeClusters;

  beforeAll(async () => {
    clusters = await startFakeClusters(['prod-eu-1', 'prod-us-1']);
    const scheduler = triggerableScheduler();
    backend = await startTestBackendClosingDatabases({
      databasePlugins: ['runtime-stack'],
      lingeringDatabasePlugins: ['scaffolder'],
      features: [
        scaffolderPlugin,
        scaffolderModule,
        publishModule,
        ...runtimeStackFeatures({ writeLog, catalog, permissions, scheduler }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: clusters.config.kubernetes,
            runtimeStack: {
              ...clusters.config.runtimeStack,
              scaffolder: {
                // The helm the example portal gets from scripts/portal.sh.
                helmPath: ensureHelm(),
                localPublishDir,
              },
            },
          },
        }),
      ],
    });
    await clusters.collect(scheduler);
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await clusters?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** POST /v2/dry-run with the template, the values and the whole template directory. */
  async function dryRunRequest(values: Values, dir = TEMPLATE_DIR) {
    return request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .send({
        template: templateEntity(),
        values,
        secrets: {},
        directoryContents: directoryContents(dir),
      });
  }

  async function dryRun(c: Combination) {
    const res = await dryRunRequest(c.values);
    if (res.status !== 200) {
      throw new Error(
        `dry run answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    return res.body as {
      output: { text: Array<{ title: string; content: string }> };
      directoryContents: Array<{ path: string; base64Content: string }>;
      log: LogEvent[];
    };
  }

  /** POST /v2/tasks and wait for the task to end; its status, events and output. */
  async function runTask(templateRef: string, values: Values) {
    const created = await request(backend.server)
      .post('/api/scaffolder/v2/tasks')
      .send({ templateRef, values, secrets: {} });
    expect(created.status).toBe(201);
    const taskId = created.body.id;

    let status = 'open';
    const deadline = Date.now() + 90_000;
    while (!['completed', 'failed', 'cancelled'].includes(status)) {
      if (Date.now() > deadline) {
        throw new Error(`task ${taskId} is still ${status}`);
      }
      await new Promise(r => setTimeout(r, 200));
      status = (
        await request(backend.server).get(`/api/scaffolder/v2/tasks/${taskId}`)
      ).body.status;
    }
    const events = (
      await request(backend.server).get(
        `/api/scaffolder/v2/tasks/${taskId}/events`,
      )
    ).body as LogEvent[];
    const completion = events.find(e => e.type === 'completion')?.body;
    const log = events.filter(e => e.type === 'log');
    const failure = () =>
      new Error(
        `task ${status}:\n${events
          .map(e => e.body.message)
          .filter(Boolean)
          .join('\n')}`,
      );
    return { status, log, completion, failure };
  }

  /** The ownership records the runtime-stack backend stores for a service. */
  async function storedOwnership(name: string): Promise<LayerOwnership[]> {
    const res = await request(backend.server)
      .get('/api/runtime-stack/ownership')
      .query({
        scopeKind: 'component',
        scopeRef: `component:default/${name}`,
        limit: 100,
      })
      .set('Authorization', mockCredentials.user.header(TEMPLATE_USER));
    expect(res.status).toBe(200);
    return res.body.items;
  }

  /** A record as `responsibility target` for a stored record: `operates 6`. */
  const targetOf = (r: LayerOwnership) =>
    `${r.responsibility} ${r.capability ?? r.layer}`;

  it('is a valid Template entity for the catalog', async () => {
    const entity = templateEntity();
    await expect(
      EntityPolicies.allOf([
        new DefaultNamespaceEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new FieldFormatEntityPolicy(),
        new SchemaValidEntityPolicy(),
      ]).enforce(entity),
    ).resolves.toBeDefined();
    expect(entity.metadata.name).toBe('runtime-service');
    expect(entity.spec).toMatchObject({
      owner: 'group:default/platform-team',
      type: 'service',
    });
    // The coverage preview is a field of the platform choices, never required.
    const platform = (entity.spec!.parameters as any[])[1];
    expect(platform.properties.coveragePreview).toMatchObject({
      'ui:field': 'RuntimeStackCoveragePreview',
    });
    expect(platform.required).not.toContain('coveragePreview');
  });

  it('validates the chart after every fetch step and before publishing', () => {
    const steps = (templateEntity().spec!.steps as any[]).map(step => step.id);
    const validate = steps.indexOf('validate-chart');
    expect(validate).toBeGreaterThan(-1);
    const fetches = (templateEntity().spec!.steps as any[])
      .filter(step => String(step.action).startsWith('fetch:'))
      .map(step => steps.indexOf(step.id));
    expect(Math.max(...fetches)).toBeLessThan(validate);
    for (const publish of [
      'publish-github',
      'protect-main',
      'publish-gitlab',
      'register',
      'publish-local',
    ]) {
      expect(steps.indexOf(publish)).toBeGreaterThan(validate);
    }
  });

  it('pins every pipeline to the helm version validate-chart holds its helm to, which the backend image and scripts/ensure-helm.sh provide', () => {
    const pipelines = [...skeleton.keys()]
      .filter(path =>
        /^ci\/[^/]+\/[^/]+\/(\.github\/workflows\/ci\.yaml|\.gitlab-ci\.yml)$/.test(
          path,
        ),
      )
      .sort();
    expect(pipelines).toEqual([
      'ci/github-actions/go/.github/workflows/ci.yaml',
      'ci/github-actions/nodejs/.github/workflows/ci.yaml',
      'ci/gitlab-ci/go/.gitlab-ci.yml',
      'ci/gitlab-ci/nodejs/.gitlab-ci.yml',
    ]);
    for (const path of pipelines) {
      const pipeline = text(skeleton, path);
      expect({
        path,
        pinned: pinnedHelmVersion(pipeline, path.includes('github-actions')),
        says: pipeline.includes(
          "Pinned to the helm version the portal's chart validation uses",
        ),
      }).toEqual({ path, pinned: PIPELINE_HELM_VERSION, says: true });
    }
    // What validate-chart runs with: the backend image's helm, and the one
    // scripts/ensure-helm.sh gives the example portal and these tests.
    const dockerfile = readFileSync(
      join(REPO_ROOT, 'packages/backend/Dockerfile'),
      'utf8',
    );
    expect(/^ARG HELM_VERSION=(\S+)$/m.exec(dockerfile)?.[1]).toBe(
      PIPELINE_HELM_VERSION,
    );
    expect(provisionedHelmVersion()).toBe(PIPELINE_HELM_VERSION);
  });

  it('refuses an Ingress without a host in a dry run', async () => {
    const { repoUrl, ingressHost, ...values } = combinations[0].values;
    void ingressHost;
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .send({
        template: templateEntity(),
        values: { ...values, repoUrl },
        secrets: {},
        directoryContents: [],
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('ingressHost');
  });

  it('refuses a CI system that cannot run where the repository lives', async () => {
    for (const [ciSystem, repoUrl, needed] of [
      ['gitlab-ci', 'github.com?owner=acme&repo=fx-api', 'gitlab'],
      ['github-actions', 'gitlab.com?owner=acme&repo=fx-api', 'github'],
    ]) {
      const res = await dryRunRequest({
        ...combinations[0].values,
        name: 'fx-api',
        ciSystem,
        repoUrl,
      });
      expect({ ciSystem, status: res.status }).toEqual({
        ciSystem,
        status: 400,
      });
      expect(JSON.stringify(res.body)).toMatch(
        new RegExp(`repoUrl does not match pattern .*\\^${needed}`),
      );
    }
  });

  it('stops at declare-stack, before anything is created, when the cluster chosen lacks the mesh and the sandbox', async () => {
    const name = 'fx-quotes-api';
    const values: Values = {
      ...combinations[0].values,
      name,
      repoUrl: `github.com?owner=acme&repo=${name}`,
      publishTo: 'local',
      // prod-eu-1 runs Istio and offers gvisor.
      mesh: 'linkerd',
      sandbox: 'kata-qemu',
    };
    const task = await runTask('template:default/runtime-service', values);
    expect(task.status).toBe('failed');
    expect(task.completion?.error?.message).toMatch(
      /^The platform choices do not fit cluster 'prod-eu-1' as the Runtime Stack last collected it \([^)]+\):\n- service mesh 'linkerd': cluster 'prod-eu-1' runs istio, so no sidecar would be injected\n- RuntimeClass 'kata-qemu': cluster 'prod-eu-1' offers gvisor, and Kubernetes refuses pods that name a RuntimeClass their cluster lacks\n/,
    );
    const statuses = stepStatuses(task.log);
    expect(statuses).toContain('declare-stack:failed');
    expect(statuses).not.toContain('fetch-base:processing');
    expect(statuses).not.toContain('publish-local:processing');
    expect(existsSync(join(localPublishDir, name))).toBe(false);
  }, 120_000);

  it('refuses autoscaling whose minimum exceeds its maximum, naming both', async () => {
    const res = await dryRunRequest({
      ...combinations[0].values,
      autoscalingMin: 8,
      autoscalingMax: 4,
    });
    expect(res.status).not.toBe(200);
    expect(res.body.error?.message).toMatch(
      /^helm template failed for chart 'chart': execution error at \(payments-fx-api\/templates\/hpa\.yaml:\d+:\d+\): autoscaling\.minReplicas \(8\) is greater than autoscaling\.maxReplicas \(4\): lower the minimum or raise the maximum$/,
    );
  }, 120_000);

  it('refuses alerting rules and a dashboard without the ServiceMonitor they query', async () => {
    for (const [choice, other] of [
      ['alertRules', 'dashboards'],
      ['dashboards', 'alertRules'],
    ]) {
      const res = await dryRunRequest({
        ...combinations[0].values,
        serviceMonitor: false,
        [choice]: true,
        [other]: false,
      });
      expect({ choice, status: res.status }).toEqual({ choice, status: 400 });
      expect(JSON.stringify(res.body)).toContain(`instance.${choice} `);
      expect(JSON.stringify(res.body)).not.toContain(`instance.${other} `);
    }
  });

  it("refuses a port the mesh's sidecar takes, for that mesh only", async () => {
    const refused: Array<[string, number]> = [
      ['istio', 15000],
      ['istio', 15001],
      ['istio', 15006],
      ['istio', 15008],
      ['istio', 15020],
      ['istio', 15021],
      ['istio', 15090],
      ['linkerd', 4140],
      ['linkerd', 4143],
      ['linkerd', 4190],
      ['linkerd', 4191],
    ];
    for (const [mesh, port] of refused) {
      const res = await dryRunRequest({
        ...combinations[0].values,
        // No cluster: declare-stack would check the mesh against it.
        cluster: '',
        mesh,
        port,
      });
      expect({ mesh, port, status: res.status }).toEqual({
        mesh,
        port,
        status: 400,
      });
      expect(JSON.stringify(res.body)).toContain('instance.mesh ');
    }
  });

  it('refuses an example.com registry for a repository, and a ClusterIssuer that is not a name', async () => {
    for (const registryHost of [
      'registry.example.com',
      'example.com',
      'registry.example.com:5000',
      'cr.example.org',
    ]) {
      const res = await dryRunRequest({
        ...combinations[0].values,
        registryHost,
      });
      expect({ registryHost, status: res.status }).toEqual({
        registryHost,
        status: 400,
      });
      expect(JSON.stringify(res.body)).toContain('instance.publishTo ');
    }
    for (const certIssuer of ['issuer: prod', 'LetsEncrypt Prod', '-prod']) {
      const res = await dryRunRequest({
        ...combinations[0].values,
        certIssuer,
      });
      expect({ certIssuer, status: res.status }).toEqual({
        certIssuer,
        status: 400,
      });
      // certIssuer is a field of the Ingress branch, which jsonschema
      // names as a whole.
      expect(JSON.stringify(res.body)).toContain(
        'instance.ingressEnabled is not exactly one from',
      );
    }
  });

  it('refuses a description GitHub would not take, fewer than 1 replica and a GitOps push account that is no GitHub login', async () => {
    const refused: Array<[Values, string]> = [
      // GitHub's limit for a repository's description.
      [{ description: 'x'.repeat(351) }, 'instance.description '],
      [
        { autoscalingEnabled: false, replicas: 0 },
        'instance.autoscalingEnabled is not exactly one from',
      ],
      [
        { gitopsPushUser: 'acme gitops bot' },
        'instance.publishTo is not exactly one from',
      ],
      [
        { gitopsPushUser: '-bot' },
        'instance.publishTo is not exactly one from',
      ],
    ];
    for (const [change, error] of refused) {
      const res = await dryRunRequest({ ...combinations[0].values, ...change });
      expect({ change, status: res.status }).toEqual({ change, status: 400 });
      expect(JSON.stringify(res.body)).toContain(error);
    }
    // The limits themselves pass.
    const res = await dryRunRequest({
      ...combinations[0].values,
      description: 'x'.repeat(350),
      autoscalingEnabled: false,
      replicas: 1,
    });
    expect(res.status).toBe(200);
  }, 120_000);

  it('stops the dry run at check-ownership when the user may not record for the owner chosen', async () => {
    // The template editor's dry run asks the backend as the run does.
    const { result: res, writes } = await ownershipWritesDuring(() =>
      dryRunRequest({
        ...combinations[0].values,
        owner: 'group:default/security-team',
      }),
    );
    expect(res.status).not.toBe(200);
    expect(res.body.error?.message).toContain(
      '- group:default/security-team operates layer 6 for component:default/payments-fx-api: You may not make group:default/security-team an owner: only its members may',
    );
    expect(writes).toEqual([CHECK_BY_TEMPLATE_USER]);
  }, 120_000);

  it('refuses names YAML reads as a boolean or null, and quotes the rest', async () => {
    const service = (templateEntity().spec!.parameters as any[])[0].properties
      .name;
    const pattern = new RegExp(service.pattern, 'u');
    const keywords = ['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false'];
    expect([...keywords, 'null'].filter(name => pattern.test(name))).toEqual(
      [],
    );
    const words = ['yesterday', 'no-op', 'online', 'nullable', 'true-up', 'y2'];
    expect(words.filter(name => !pattern.test(name))).toEqual([]);
    for (const name of ['yes', 'on', 'null']) {
      const res = await dryRunRequest({
        ...combinations[0].values,
        name,
        repoUrl: `github.com?owner=acme&repo=${name}`,
      });
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(JSON.stringify(res.body)).toContain(
        'instance.name does not match pattern',
      );
    }
    // A name the pattern lets through whose Prometheus alert prefix is a
    // YAML 1.1 boolean (o-n gives ON): written quoted, it stays a string.
    const c: Combination = {
      ...combinations[0],
      values: {
        ...combinations[0].values,
        name: 'o-n',
        namespace: '',
        imageName: '',
        repoUrl: 'github.com?owner=acme&repo=o-n',
      },
      namespace: 'o-n',
    };
    const files = fromDirectoryContents((await dryRun(c)).directoryContents);
    const values = parseYaml(text(files, 'chart/values.yaml'), {
      version: '1.1',
    });
    expect(values.prometheusRule).toMatchObject({
      recordPrefix: 'o_n',
      alertPrefix: 'ON',
    });
    for (const file of [
      'chart/Chart.yaml',
      'catalog-info.yaml',
      'mkdocs.yml',
    ]) {
      expect({
        file,
        name: text(files, file).match(/^ {0,2}(?:site_)?name: (.*)$/m)?.[1],
      }).toEqual({ file, name: '"o-n"' });
    }
    const dir = mkdtempSync(join(work, 'yaml-keyword-'));
    writeTree(dir, files);
    expect(
      helm(
        [
          'lint',
          'chart',
          '--strict',
          '--namespace',
          'o-n',
          '--set-string',
          `image.tag=${IMAGE_TAG}`,
        ],
        dir,
      ),
    ).toContain('1 chart(s) linted, 0 chart(s) failed');
  }, 120_000);

  it('writes names that look like numbers as strings, into a chart that validates', async () => {
    const c: Combination = {
      ...combinations[0],
      values: {
        ...combinations[0].values,
        namespace: '123',
        ingressClassName: '1.5',
        ingressControllerNamespace: '456',
        certIssuer: '1e3',
        registryHost: '10.0',
        imageName: '789',
      },
      namespace: '123',
      image: '10.0/789',
      ingress: { className: '1.5', controllerNamespace: '456' },
    };
    const files = fromDirectoryContents((await dryRun(c)).directoryContents);
    const values = parseYaml(text(files, 'chart/values.yaml'));
    expect({
      registry: values.image.registry,
      repository: values.image.repository,
      className: values.ingress.className,
      clusterIssuer: values.ingress.tls.clusterIssuer,
      ingressControllerNamespace:
        values.networkPolicy.ingressControllerNamespace,
      folder: values.dashboards.folder,
      destinationNamespace: values.gitops.destinationNamespace,
    }).toEqual({
      registry: '10.0',
      repository: '789',
      className: '1.5',
      clusterIssuer: '1e3',
      ingressControllerNamespace: '456',
      folder: '123',
      destinationNamespace: '123',
    });
    const entity = await checkCatalogInfo(files, c);
    expect(
      entity.metadata.annotations!['backstage.io/kubernetes-namespace'],
    ).toBe('123');
    const dir = mkdtempSync(join(work, 'numeric-'));
    writeTree(dir, files);
    const tag = ['--set-string', `image.tag=${IMAGE_TAG}`];
    expect(
      helm(['lint', 'chart', '--strict', '--namespace', '123', ...tag], dir),
    ).toContain('1 chart(s) linted, 0 chart(s) failed');
    const objects = renderChart(dir, String(c.values.name), '123', ...tag);
    expect(await manifestProblems(objects)).toEqual([]);
    const ingress = objects.find(o => o.kind === 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('1.5');
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe(
      '1e3',
    );
    const policy = objects.find(o => o.kind === 'NetworkPolicy');
    expect(peersByPort(policy).http).toContain('namespace 456');
    expect(
      objects.find(o => o.kind === 'Application').spec.destination.namespace,
    ).toBe('123');
  }, 120_000);

  it('gives a chart that refuses, in helm template and so in validate-chart, alerts or a dashboard without the ServiceMonitor and a port of the mesh', async () => {
    // Linkerd, alerting rules, no dashboard.
    const c = combinations[1];
    const dir = mkdtempSync(join(work, 'refusals-'));
    writeTree(dir, fromDirectoryContents((await dryRun(c)).directoryContents));
    const validate = async (set: Record<string, unknown>) => {
      const ctx = createMockActionContext({
        input: {
          chartPath: 'chart',
          releaseName: String(c.values.name),
          set: { 'image.tag': 'validate', ...set },
        } as any,
        workspacePath: dir,
      });
      try {
        await createValidateChartAction({ helmPath: ensureHelm() }).handler(
          ctx,
        );
        return 'passed';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const at = (template: string) =>
      `helm template failed for chart 'chart': execution error at (${c.values.name}/templates/${template}:`;
    expect(await validate({})).toBe('passed');
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [
        { 'serviceMonitor.enabled': false },
        'prometheusrule.yaml',
        'prometheusRule.enabled needs serviceMonitor.enabled: the rules query the series the ServiceMonitor has Prometheus scrape, so without it the Down alert would fire forever; enable serviceMonitor, or disable prometheusRule',
      ],
      [
        {
          'serviceMonitor.enabled': false,
          'prometheusRule.enabled': false,
          'dashboards.enabled': true,
        },
        'dashboard-configmap.yaml',
        'dashboards.enabled needs serviceMonitor.enabled: the dashboard shows the series the ServiceMonitor has Prometheus scrape, so without it it would stay empty; enable serviceMonitor, or disable dashboards',
      ],
      [
        { containerPort: 4143 },
        'deployment.yaml',
        'containerPort 4143 is a port the Linkerd sidecar takes in the pod (4140, 4143, 4190, 4191): pick another containerPort, or another mesh.provider',
      ],
      [
        { 'mesh.provider': 'istio', containerPort: 15090 },
        'deployment.yaml',
        'containerPort 15090 is a port the Istio sidecar takes in the pod (15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090): pick another containerPort, or another mesh.provider',
      ],
      [
        { 'podDisruptionBudget.minAvailable': 1 },
        'pdb.yaml',
        'podDisruptionBudget.minAvailable (1) leaves no pod of autoscaling.minReplicas (1) to evict, so every node drain would wait forever: lower minAvailable below 1, raise autoscaling.minReplicas, or unset minAvailable to use maxUnavailable',
      ],
      [
        {
          'autoscaling.enabled': false,
          replicaCount: 3,
          'podDisruptionBudget.minAvailable': 3,
        },
        'pdb.yaml',
        'podDisruptionBudget.minAvailable (3) leaves no pod of replicaCount (3) to evict, so every node drain would wait forever: lower minAvailable below 3, raise replicaCount, or unset minAvailable to use maxUnavailable',
      ],
      [
        {
          'autoscaling.minReplicas': 2,
          'podDisruptionBudget.minAvailable': '60%',
        },
        'pdb.yaml',
        'podDisruptionBudget.minAvailable (60%) leaves no pod of autoscaling.minReplicas (2) to evict, so every node drain would wait forever: lower minAvailable below 2, raise autoscaling.minReplicas, or unset minAvailable to use maxUnavailable',
      ],
    ];
    for (const [set, template, message] of refusals) {
      const result = await validate(set);
      expect({ set, starts: result.startsWith(at(template)) }).toEqual({
        set,
        starts: true,
      });
      expect({ set, message: result.endsWith(`): ${message}`) }).toEqual({
        set,
        message: true,
      });
    }
    // Another mesh's ports are the app's to take.
    expect(
      await validate({ 'mesh.provider': 'istio', containerPort: 4143 }),
    ).toBe('passed');
    expect(
      await validate({ 'mesh.provider': 'none', containerPort: 15090 }),
    ).toBe('passed');
    // A budget that leaves a pod to evict at the replicas' floor.
    expect(
      await validate({
        'autoscaling.minReplicas': 3,
        'podDisruptionBudget.minAvailable': 2,
      }),
    ).toBe('passed');
    expect(
      await validate({
        'autoscaling.minReplicas': 2,
        'podDisruptionBudget.minAvailable': '50%',
      }),
    ).toBe('passed');
    // Without replicas there is no pod to evict.
    expect(
      await validate({
        'autoscaling.enabled': false,
        replicaCount: 0,
        'podDisruptionBudget.minAvailable': 1,
      }),
    ).toBe('passed');
  }, 120_000);

  it('gives a chart whose values.schema.json refuses typos, root, privileged or unhardened containers and incomplete choices', async () => {
    // Flux, autoscaling, no Ingress.
    const dir = mkdtempSync(join(work, 'schema-'));
    writeTree(
      dir,
      fromDirectoryContents((await dryRun(combinations[1])).directoryContents),
    );
    const lint = (...args: string[]) => {
      try {
        helm(
          [
            'lint',
            'chart',
            '--strict',
            '--set-string',
            `image.tag=${IMAGE_TAG}`,
            ...args,
          ],
          dir,
        );
        return 'passed';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(lint()).toBe('passed');
    const refusals: Array<[string[], string]> = [
      [
        ['--set', 'autoscaling.maxReplica=5'],
        "at '/autoscaling': additional properties 'maxReplica' not allowed",
      ],
      [
        ['--set', 'podSecurityContext.runAsNonRoot=false'],
        "at '/podSecurityContext/runAsNonRoot': value must be true",
      ],
      [
        ['--set', 'securityContext.allowPrivilegeEscalation=true'],
        "at '/securityContext/allowPrivilegeEscalation': value must be false",
      ],
      [
        ['--set', 'securityContext.allowPrivilegeEscalation=null'],
        "at '/securityContext': missing property 'allowPrivilegeEscalation'",
      ],
      [
        ['--set', 'securityContext.readOnlyRootFilesystem=false'],
        "at '/securityContext/readOnlyRootFilesystem': value must be true",
      ],
      [
        ['--set', 'securityContext.capabilities.drop={NET_RAW}'],
        "at '/securityContext/capabilities/drop': no items match contains schema",
      ],
      [
        ['--set', 'securityContext.capabilities.drop=null'],
        "at '/securityContext/capabilities': missing property 'drop'",
      ],
      [
        ['--set', 'securityContext.capabilities.add={SYS_ADMIN}'],
        "at '/securityContext/capabilities/add/0': value must be 'NET_BIND_SERVICE'",
      ],
      [
        [
          '--set',
          'securityContext.capabilities.add={NET_BIND_SERVICE,NET_BIND_SERVICE}',
        ],
        "at '/securityContext/capabilities/add': maxItems: got 2, want 1",
      ],
      [
        ['--set', 'podSecurityContext.seccompProfile.type=Unconfined'],
        "at '/podSecurityContext/seccompProfile/type': value must be one of 'RuntimeDefault', 'Localhost'",
      ],
      [
        ['--set', 'securityContext.seccompProfile.type=Localhost'],
        "at '/securityContext/seccompProfile': missing property 'localhostProfile'",
      ],
      [
        ['--set', 'podSecurityContext.runAsUser=0'],
        "at '/podSecurityContext/runAsUser': minimum: got 0, want 1",
      ],
      [
        ['--set', 'securityContext.runAsGroup=0'],
        "at '/securityContext/runAsGroup': minimum: got 0, want 1",
      ],
      [
        ['--set', 'resources.limits.memory=lots'],
        "at '/resources/limits/memory': 'lots' does not match pattern",
      ],
      [
        ['--set-string', 'podDisruptionBudget.maxUnavailable=half'],
        "at '/podDisruptionBudget/maxUnavailable': 'half' does not match pattern '^([1-9][0-9]?|100)%$'",
      ],
      // A budget that lets no pod be evicted keeps every node drain waiting.
      [
        ['--set', 'podDisruptionBudget.maxUnavailable=0'],
        "at '/podDisruptionBudget/maxUnavailable': minimum: got 0, want 1",
      ],
      [
        ['--set-string', 'podDisruptionBudget.maxUnavailable=0%'],
        "at '/podDisruptionBudget/maxUnavailable': '0%' does not match pattern",
      ],
      [
        ['--set-string', 'podDisruptionBudget.minAvailable=half'],
        "at '/podDisruptionBudget/minAvailable': 'half' does not match pattern '^[0-9]{1,3}%$'",
      ],
      // Exposed through the Ingress only: the NetworkPolicy would drop a
      // NodePort's or LoadBalancer's traffic.
      [
        ['--set', 'service.type=NodePort'],
        "at '/service/type': value must be 'ClusterIP'",
      ],
      [
        ['--set', 'service.type=LoadBalancer'],
        "at '/service/type': value must be 'ClusterIP'",
      ],
      [
        ['--set', 'autoscaling.maxReplicas=null'],
        "at '/autoscaling': missing property 'maxReplicas'",
      ],
      [
        [
          '--set',
          'ingress.enabled=true',
          '--set',
          'ingress.host=cart.example.com',
          '--set',
          'ingress.tls.enabled=true',
          '--set',
          'ingress.tls.clusterIssuer=null',
        ],
        "at '/ingress/tls': missing property 'clusterIssuer'",
      ],
      [
        ['--set', 'gitops.flux.secretRef=null'],
        "at '/gitops/flux': missing property 'secretRef'",
      ],
    ];
    for (const [args, error] of refusals) {
      expect({ args, lint: lint(...args) }).toEqual({
        args,
        lint: expect.stringContaining(error),
      });
    }
    // A percentage is a valid budget.
    expect(lint('--set-string', 'podDisruptionBudget.maxUnavailable=50%')).toBe(
      'passed',
    );
    expect(lint('--set', 'podDisruptionBudget.maxUnavailable=1')).toBe(
      'passed',
    );
    // What the hardening leaves: binding a low port, a profile of the node's.
    expect(
      lint(
        '--set',
        'securityContext.capabilities.add={NET_BIND_SERVICE}',
        '--set',
        'securityContext.capabilities.drop={ALL,NET_RAW}',
        '--set',
        'podSecurityContext.seccompProfile.type=Localhost',
        '--set',
        'podSecurityContext.seccompProfile.localhostProfile=profiles/service.json',
      ),
    ).toBe('passed');
  }, 120_000);

  it('gives pods that a new chart revision leaves running, with a valid version label whatever the tag', async () => {
    // Flux, which versions the chart by Git revision.
    const c = combinations[1];
    const name = String(c.values.name);
    const dir = mkdtempSync(join(work, 'pod-labels-'));
    writeTree(dir, fromDirectoryContents((await dryRun(c)).directoryContents));
    const chartYaml = join(dir, 'chart/Chart.yaml');
    const original = readFileSync(chartYaml, 'utf8');
    expect(original).toMatch(/^version: 0\.1\.0$/m);
    const render = (version: string, ...args: string[]) => {
      writeFileSync(
        chartYaml,
        original.replace(/^version: .*$/m, `version: ${version}`),
      );
      return renderChart(
        dir,
        name,
        c.namespace,
        '--set-string',
        `image.tag=${IMAGE_TAG}`,
        '--set',
        'gitops.bootstrap=false',
        ...args,
      );
    };
    const deploymentOf = (objects: any[]) =>
      objects.find(o => o.kind === 'Deployment');

    // What Flux's reconcileStrategy: Revision renders for two commits: the
    // objects' helm.sh/chart changes, the pod template does not, so the
    // pods are not rolled.
    const [first, second] = ['0.1.0+3f2a9c1d0e4b', '0.1.0+9b8e7d6c5a41'].map(
      version => deploymentOf(render(version)),
    );
    expect(first.metadata.labels['helm.sh/chart']).toBe(
      `${name}-0.1.0_3f2a9c1d0e4b`,
    );
    expect(second.metadata.labels['helm.sh/chart']).toBe(
      `${name}-0.1.0_9b8e7d6c5a41`,
    );
    expect(
      first.spec.template.metadata.labels['helm.sh/chart'],
    ).toBeUndefined();
    expect(second.spec.template).toEqual(first.spec.template);

    // A tag cut to 63 characters would end in '.', and a tag may begin with
    // '_': label values begin and end alphanumeric.
    const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
    const versions = (tag: string) => {
      const objects = render('0.1.0', '--set-string', `image.tag=${tag}`);
      return {
        image: deploymentOf(objects).spec.template.spec.containers[0].image,
        labels: [
          ...new Set(
            objects.flatMap(o => [
              o.metadata.labels['app.kubernetes.io/version'],
              o.spec?.template?.metadata?.labels?.['app.kubernetes.io/version'],
            ]),
          ),
        ].filter(label => label !== undefined),
        problems: manifestProblems(objects),
      };
    };
    const long = `v${'1'.repeat(61)}.-rc.1`;
    for (const [tag, label] of [
      [long, `v${'1'.repeat(61)}`],
      ['_build.7', 'build.7'],
      [IMAGE_TAG, IMAGE_TAG],
    ]) {
      const { image, labels, problems } = versions(tag);
      expect(image).toBe(`${c.image}:${tag}`);
      expect({ tag, labels }).toEqual({ tag, labels: [label] });
      expect(labelValue.test(label)).toBe(true);
      expect(await problems).toEqual([]);
    }

    // A private registry's pull Secret, as README.md names it.
    const pod = deploymentOf(
      render(
        '0.1.0',
        '--set-json',
        `imagePullSecrets=[{"name":"${name}-registry"}]`,
      ),
    ).spec.template;
    expect(pod.spec.imagePullSecrets).toEqual([{ name: `${name}-registry` }]);
  }, 120_000);

  it("gives an Argo CD Application that deploys to Argo CD's own cluster without a cluster chosen, or to the one named by name or server", async () => {
    const c: Combination = {
      ...combinations[0],
      // No cluster: declare-stack would check the mesh against it.
      values: { ...combinations[0].values, cluster: '' },
    };
    const name = String(c.values.name);
    const dir = mkdtempSync(join(work, 'argocd-destination-'));
    writeTree(dir, fromDirectoryContents((await dryRun(c)).directoryContents));
    const destination = (...args: string[]) => {
      try {
        const [application] = renderChart(
          dir,
          name,
          c.namespace,
          '--set-string',
          `image.tag=${IMAGE_TAG}`,
          '--show-only',
          'templates/argocd-application.yaml',
          ...args,
        );
        return application.spec.destination;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(destination()).toEqual({
      name: 'in-cluster',
      namespace: c.namespace,
    });
    expect(
      destination('--set-string', 'gitops.argocd.destination.name=prod-us-1'),
    ).toEqual({ name: 'prod-us-1', namespace: c.namespace });
    expect(
      destination(
        '--set-string',
        'gitops.argocd.destination.name=',
        '--set-string',
        'gitops.argocd.destination.server=https://10.0.0.1:6443',
      ),
    ).toEqual({ server: 'https://10.0.0.1:6443', namespace: c.namespace });
    expect(
      destination(
        '--set-string',
        'gitops.argocd.destination.server=https://10.0.0.1:6443',
      ),
    ).toContain(
      'gitops.argocd.destination has both name and server, which Argo CD refuses: set one, the other empty',
    );
    expect(
      destination('--set-string', 'gitops.argocd.destination.name='),
    ).toContain(
      'gitops.argocd.destination.name or .server is required: the cluster Argo CD deploys to',
    );
    expect(
      destination(
        '--set-string',
        'gitops.argocd.destination.name=',
        '--set-string',
        'gitops.argocd.destination.server=10.0.0.1:6443',
      ),
    ).toContain("at '/gitops/argocd/destination/server'");
  }, 120_000);

  it('gives recording rules and alerts that keep the service apart in two namespaces of one Prometheus', async () => {
    if (!promtoolAvailable()) return;
    const c = combinations[0];
    const name = String(c.values.name);
    const dir = mkdtempSync(join(work, 'two-namespaces-'));
    writeTree(dir, fromDirectoryContents((await dryRun(c)).directoryContents));
    const names = prometheusNames(name);
    // The chart released in two namespaces: two PrometheusRules, loaded by
    // the same Prometheus.
    const [main, canary] = ['payments', 'payments-canary'];
    const rulesOf = new Map<string, any[]>();
    for (const namespace of [main, canary]) {
      const [rule] = renderChart(
        dir,
        name,
        namespace,
        '--set-string',
        `image.tag=${IMAGE_TAG}`,
        '--show-only',
        'templates/prometheusrule.yaml',
      );
      rulesOf.set(
        namespace,
        rule.spec.groups.flatMap((g: any) => g.rules),
      );
      writeFileSync(
        join(dir, `${namespace}.rules.yaml`),
        JSON.stringify({ groups: rule.spec.groups }),
      );
    }
    const summary = (alert: string) =>
      rulesOf.get(main)!.find((r: any) => r.alert === alert).annotations
        .summary;
    const series = (metric: string, namespace: string, extra = '') =>
      `${metric}{job="${name}",namespace="${namespace}"${extra}}`;
    const labels = (namespace: string) => ({
      severity: 'critical',
      backstage_io_kubernetes_id: name,
      job: name,
      namespace,
    });
    // payments answers half its requests with a 500 and is up; the canary
    // answers all of them, and has its instances down, then none at all.
    const test = {
      rule_files: [`${main}.rules.yaml`, `${canary}.rules.yaml`],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            {
              series: series('http_requests_total', main, ',code="200"'),
              values: '0+60x30',
            },
            {
              series: series('http_requests_total', main, ',code="500"'),
              values: '0+60x30',
            },
            {
              series: series('http_requests_total', canary, ',code="200"'),
              values: '0+120x30',
            },
            {
              series: series('http_requests_total', canary, ',code="500"'),
              values: '0x30',
            },
            { series: series('up', main), values: '1x30' },
            { series: series('up', canary), values: '0x10 stale' },
          ],
          promql_expr_test: [
            {
              expr: names.rules[0],
              eval_time: '20m',
              exp_samples: [
                { labels: series(names.rules[0], main), value: 2 },
                { labels: series(names.rules[0], canary), value: 2 },
              ],
            },
            {
              expr: names.rules[1],
              eval_time: '20m',
              exp_samples: [
                { labels: series(names.rules[1], main), value: 0.5 },
                { labels: series(names.rules[1], canary), value: 0 },
              ],
            },
          ],
          alert_rule_test: [
            {
              eval_time: '20m',
              alertname: names.alerts[0],
              exp_alerts: [
                {
                  exp_labels: labels(main),
                  exp_annotations: {
                    summary: summary(names.alerts[0]),
                    description:
                      '50% of requests failed over the last 5 minutes.',
                  },
                },
              ],
            },
            ...['8m', '20m'].map(eval_time => ({
              eval_time,
              alertname: names.alerts[2],
              exp_alerts: [
                {
                  exp_labels: labels(canary),
                  exp_annotations: { summary: summary(names.alerts[2]) },
                },
              ],
            })),
          ],
        },
      ],
    };
    const testFile = join(dir, 'rules.test.yaml');
    writeFileSync(testFile, JSON.stringify(test));
    const result = spawnSync('promtool', ['test', 'rules', testFile], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect({
      status: result.status,
      output: result.status === 0 ? '' : `${result.stdout}${result.stderr}`,
    }).toEqual({ status: 0, output: '' });
  }, 120_000);

  describe.each(combinations)('$title', c => {
    let dryRunFiles: Map<string, Buffer> | undefined;

    it('renders in a dry run: files, chart, manifests and catalog-info.yaml', async () => {
      const started = process.hrtime.bigint();
      const { result: body, writes } = await ownershipWritesDuring(() =>
        dryRun(c),
      );
      const dryRunTime = seconds(started);
      expect(body.output.text[0].content).toContain(c.tools);

      const files = fromDirectoryContents(body.directoryContents);
      dryRunFiles = files;
      checkTree(files, c);
      const entity = await checkCatalogInfo(files, c);

      const dir = mkdtempSync(join(work, 'dry-run-'));
      writeTree(dir, files);
      const helmStarted = process.hrtime.bigint();
      const { objects, observed } = await checkChart(dir, c, entity);
      const helmTime = seconds(helmStarted);

      // The template's validate-chart step ran in the dry run, on the same
      // chart: it reports exactly the objects helm renders here.
      const report = validateChartReport(body.log);
      expect(report.dryRun).toBe(true);
      // With the helm the pipelines pin, named in the output, so without
      // a warning.
      expect(report.helmVersion).toBe(provisionedHelmVersion());
      expect(body.output.text[1].content).toContain(
        `passed with helm\n${report.helmVersion}; the chart renders`,
      );
      expect(body.output.text[1].content).not.toContain('Warning');
      const rendered = objects.map(o => `${o.kind}/${o.metadata.name}`);
      expect(report.count).toBe(objects.length);
      expect([...report.objects].sort()).toEqual([...rendered].sort());
      expect(stepStatuses(body.log)).toContain('validate-chart:completed');
      // declare-stack checked the mesh and sandbox against the cluster the
      // Runtime Stack backend collected, when the form named one.
      const declared = body.log
        .filter(e => e.body.stepId === 'declare-stack')
        .map(e => e.body.message)
        .join('\n');
      expect(
        declared.includes(
          `Cluster '${c.values.cluster}' offers the service mesh and RuntimeClass chosen, as the Runtime Stack last collected it`,
        ),
      ).toBe(Boolean(c.values.cluster));
      // check-ownership asks the backend in a dry run too (it writes
      // nothing); record-ownership checks its entries and lists them,
      // without a request.
      expect(stepStatuses(body.log)).toContain('check-ownership:completed');
      expect(stepStatuses(body.log)).toContain('record-ownership:completed');
      expect(writes).toEqual([CHECK_BY_TEMPLATE_USER]);
      expect(await storedOwnership(String(c.values.name))).toEqual([]);
      expect(body.output.text[2]).toEqual({
        title: 'Layer ownership',
        content: expect.stringContaining(
          `- ${c.values.owner} operates layer 6 for component:default/${c.values.name}: would be recorded`,
        ),
      });
      expect(
        body.output.text[2].content.match(/would be recorded/g),
      ).toHaveLength(c.ownership.length);
      expect(body.output.text[1]).toEqual({
        title: 'Validated Helm chart',
        content: expect.stringContaining(
          `renders\n${
            objects.length
          } objects that match the Kubernetes\nschemas: ${report.objects.join(
            ', ',
          )}`,
        ),
      });
      // eslint-disable-next-line no-console
      console.log(
        [
          `runtime-service: ${c.title}`,
          `  dry run: ${dryRunTime} (${files.size} files)`,
          `  helm lint + 2x helm template + ${objects.length} objects validated: ${helmTime}`,
          `  observable in a cluster: ${observed.join(', ')}`,
        ].join('\n'),
      );
    }, 120_000);

    it('runs as a task that validates the chart, publishes and registers the same repository', async () => {
      const started = process.hrtime.bigint();
      const { result: task, writes } = await ownershipWritesDuring(() =>
        runTask('template:default/runtime-service', c.values),
      );
      if (task.status !== 'completed') throw task.failure();
      const taskTime = seconds(started);

      const output = task.completion?.output;
      expect(output.links).toEqual([
        {
          title: 'Repository',
          url: repoWebUrl(c),
        },
        {
          title: 'Open in catalog',
          icon: 'catalog',
          entityRef: `component:default/${c.values.name}`,
        },
      ]);
      expect(output.text[0].content).toContain(c.tools);

      // validate-chart ran for real, before the repository was published.
      const report = validateChartReport(task.log);
      expect(report.dryRun).toBe(false);
      expect(
        [...new Set(report.objects.map(o => o.split('/')[0]))].sort(),
      ).toEqual(c.kinds);
      expect(output.text[1].content).toContain(report.objects.join(', '));
      const statuses = stepStatuses(task.log);
      expect(statuses.indexOf('validate-chart:completed')).toBeGreaterThan(
        statuses.indexOf('fetch-ci:completed'),
      );
      // Published by the publish action of the repository's host only.
      const publish = `publish-${repoHostOf(c).split('.')[0]}`;
      expect(statuses).toContain(`${publish}:completed`);
      expect(
        statuses.filter(
          status =>
            status.startsWith('publish-') && status.endsWith(':completed'),
        ),
      ).toEqual([`${publish}:completed`]);
      expect(statuses.indexOf(`${publish}:processing`)).toBeGreaterThan(
        statuses.indexOf('validate-chart:completed'),
      );
      // A GitHub repository's main is protected, and only the account the
      // form named may bypass its pull requests: the pipeline's GitOps
      // handoff pushes with its token, so publish-github gives it write
      // access. Without GitOps, nobody. GitLab protects the default branch
      // itself.
      const key = `${repoHostOf(c)}/acme/${c.values.name}`;
      const publishInput = publishInputs.get(key);
      const pushAccounts =
        c.values.gitops === 'none' ? [] : [c.values.gitopsPushUser];
      const github = repoHostOf(c) === 'github.com';
      // Not by publish:github, which would only log a protection GitHub
      // refuses, and leave main unprotected in a run that succeeds, but by
      // protect-main, whose failure fails the run.
      expect({
        protectDefaultBranch: publishInput?.protectDefaultBranch,
        collaborators: publishInput?.collaborators,
        protection: protectionInputs.get(key),
      }).toEqual(
        github
          ? {
              protectDefaultBranch: false,
              collaborators: pushAccounts.map(user => ({
                user,
                access: 'push',
              })),
              protection: {
                repoUrl: c.values.repoUrl,
                branch: 'main',
                enforceAdmins: true,
                requiredApprovingReviewCount: 1,
                bypassPullRequestAllowances: { users: pushAccounts },
              },
            }
          : {
              protectDefaultBranch: undefined,
              collaborators: undefined,
              protection: undefined,
            },
      );
      // protect-main once the repository exists and before the catalog
      // registers it; skipped for GitLab.
      const sequence = (
        github
          ? [
              'publish-github:completed',
              'protect-main:processing',
              'protect-main:completed',
            ]
          : ['protect-main:skipped', 'publish-gitlab:completed']
      ).concat('register:processing');
      const at = sequence.map(status => statuses.indexOf(status));
      expect({ sequence, at }).toEqual({
        sequence,
        at: [...at].sort((x, y) => x - y),
      });
      expect(at).not.toContain(-1);
      expect(statuses.includes('protect-main:completed')).toBe(github);

      // record-ownership ran after the registration, as the user who ran
      // the template, and recorded what the form chose for the owner.
      expect(statuses.indexOf('record-ownership:completed')).toBeGreaterThan(
        statuses.indexOf('register:completed'),
      );
      // check-ownership asked first, before anything existed; then the
      // backend created one record per entry, authenticated as the user.
      expect(statuses.indexOf('check-ownership:completed')).toBeLessThan(
        statuses.indexOf('fetch-base:processing'),
      );
      expect(writes).toEqual([
        CHECK_BY_TEMPLATE_USER,
        ...c.ownership.map(() => ({
          method: 'POST',
          path: '/api/runtime-stack/ownership',
          user: TEMPLATE_USER,
          status: 201,
        })),
      ]);
      const stored = await storedOwnership(String(c.values.name));
      expect(
        stored
          .map(r => ({
            owner: r.owner,
            scope: r.scope,
            target: targetOf(r),
            createdBy: r.createdBy,
          }))
          .sort((a, b) => a.target.localeCompare(b.target)),
      ).toEqual(
        c.ownership
          .map(target => ({
            owner: c.values.owner,
            scope: {
              kind: 'component',
              ref: `component:default/${c.values.name}`,
            },
            target,
            createdBy: TEMPLATE_USER,
          }))
          .sort((a, b) => a.target.localeCompare(b.target)),
      );
      expect(output.text[2].title).toBe('Layer ownership');
      for (const record of stored) {
        expect(output.text[2].content).toContain(`: recorded (${record.id})`);
      }

      expect(catalog.addLocation).toHaveBeenCalledWith(
        expect.objectContaining({
          type: 'url',
          target: expect.stringMatching(
            new RegExp(
              `^${repoWebUrl(c).replace(
                /\./g,
                '\\.',
              )}/(-/)?(blob|tree)/main/catalog-info\\.yaml$`,
            ),
          ),
        }),
        expect.anything(),
      );

      const published = readTree(
        join(publishedRoot, repoHostOf(c), 'acme', String(c.values.name)),
      );
      checkTree(published, c);
      await checkCatalogInfo(published, c);
      // The dry run shows exactly what the task publishes.
      const dryRunResult =
        dryRunFiles ??
        fromDirectoryContents((await dryRun(c)).directoryContents);
      expect([...published.keys()].sort()).toEqual(
        [...dryRunResult.keys()].sort(),
      );
      for (const [path, content] of published) {
        expect({
          path,
          same: content.equals(dryRunResult.get(path) ?? Buffer.alloc(0)),
        }).toEqual({
          path,
          same: true,
        });
      }
      // eslint-disable-next-line no-console
      console.log(`runtime-service: ${c.title}\n  task: ${taskTime}`);
    }, 120_000);

    if (c.values.language === 'nodejs') {
      it('gives a Node.js app that builds, passes its tests and answers /healthz, /readyz and /metrics', async () => {
        const files = fromDirectoryContents(
          (await dryRun(c)).directoryContents,
        );
        await expect(checkNodeApp(files, c)).resolves.toBeUndefined();
      }, 120_000);
    }

    if (c.values.language === 'go') {
      it('gives a Go app that vets, builds, passes its tests and answers /healthz, /readyz and /metrics', async () => {
        if (!realToolAvailable('go', 'the Go app check', 'golang-go')) return;
        const files = fromDirectoryContents(
          (await dryRun(c)).directoryContents,
        );
        await expect(checkGoApp(files, c)).resolves.toBeUndefined();
      }, 180_000);
    }
  });

  it("fails at protect-main, before registering anything, when GitHub will not let the GitOps push account bypass main's protection", async () => {
    // An account outside the organisation is only invited by publish-github,
    // so it has no write access when protect-main names it.
    const values: Values = {
      ...combinations[0].values,
      name: 'fx-quotes-api',
      repoUrl: 'github.com?owner=acme&repo=fx-quotes-api',
      gitopsPushUser: 'outside-gitops-bot',
    };
    const { result: task, writes } = await ownershipWritesDuring(() =>
      runTask('template:default/runtime-service', values),
    );
    expect(task.status).toBe('failed');
    expect(task.completion?.error?.message).toBe(
      'Stand-in for GitHub: refused to let outside-gitops-bot bypass pull requests on github.com/acme/fx-quotes-api: no write access',
    );
    expect(publishInputs.get('github.com/acme/fx-quotes-api')).toMatchObject({
      protectDefaultBranch: false,
      collaborators: [{ user: 'outside-gitops-bot', access: 'push' }],
    });
    const statuses = stepStatuses(task.log);
    expect(statuses).toContain('publish-github:completed');
    expect(statuses).toContain('protect-main:failed');
    expect(protectionInputs.has('github.com/acme/fx-quotes-api')).toBe(false);
    // Neither registered nor recorded: the run stopped at protect-main.
    expect(statuses).not.toContain('register:processing');
    expect(statuses).not.toContain('record-ownership:processing');
    expect(catalog.addLocation).not.toHaveBeenCalledWith(
      expect.objectContaining({
        target: expect.stringContaining('/acme/fx-quotes-api/'),
      }),
      expect.anything(),
    );
    expect(writes).toEqual([CHECK_BY_TEMPLATE_USER]);
    expect(await storedOwnership('fx-quotes-api')).toEqual([]);
  }, 120_000);

  describe('a chart that does not install', () => {
    // The example portal's default: written on the host by publish-local.
    const values: Values = {
      ...combinations[0].values,
      name: 'fx-rates-api',
      repoUrl: 'github.com?owner=acme&repo=fx-rates-api',
      publishTo: 'local',
      // The form's placeholder, which a service written here may keep.
      registryHost: 'registry.example.com',
    };
    const target = join(localPublishDir, 'fx-rates-api');
    const c0Ownership = combinations[0].ownership;
    const readable =
      /Chart 'chart' renders 1 invalid manifest\(s\):\n {2}- Deployment\/fx-rates-api \(fx-rates-api\/templates\/deployment\.yaml\): spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort must be integer/;

    beforeEach(() => {
      rmSync(target, { recursive: true, force: true });
    });

    it('fails the dry run, naming the object and the field', async () => {
      const res = await dryRunRequest(values, BROKEN_TEMPLATE_DIR);
      expect(res.status).not.toBe(200);
      expect(res.body.error?.message).toMatch(readable);
    }, 120_000);

    it('fails the task at validate-chart, before publish-local writes anything', async () => {
      const { result: task, writes } = await ownershipWritesDuring(() =>
        runTask('template:default/runtime-service-broken-chart', values),
      );
      expect(task.status).toBe('failed');
      expect(task.completion?.error?.message).toMatch(readable);
      // eslint-disable-next-line no-console
      console.log(`broken chart: ${task.completion?.error?.message}`);
      const statuses = stepStatuses(task.log);
      expect(statuses).toContain('fetch-ci:completed');
      expect(statuses).toContain('validate-chart:failed');
      // The runner marks the steps after a failure as skipped: publish-local
      // never began.
      expect(statuses).not.toContain('publish-local:processing');
      expect(statuses).not.toContain('publish-local:completed');
      expect(statuses).not.toContain('record-ownership:processing');
      expect(existsSync(target)).toBe(false);
      // Only check-ownership reached the backend, and it writes nothing.
      expect(writes.map(w => w.path)).toEqual([
        '/api/runtime-stack/ownership/check',
      ]);
      expect(await storedOwnership('fx-rates-api')).toEqual([]);
    }, 120_000);

    it('stops before creating anything when the user may not record for the owner chosen', async () => {
      // The template user is not in security-team.
      const { result: task, writes } = await ownershipWritesDuring(() =>
        runTask('template:default/runtime-service', {
          ...values,
          owner: 'group:default/security-team',
        }),
      );
      expect(task.status).toBe('failed');
      expect(task.completion?.error?.message).toContain(
        '- group:default/security-team operates layer 6 for component:default/fx-rates-api: You may not make group:default/security-team an owner: only its members may',
      );
      const statuses = stepStatuses(task.log);
      expect(statuses).toContain('check-ownership:failed');
      expect(statuses).not.toContain('fetch-base:processing');
      expect(statuses).not.toContain('publish-local:processing');
      expect(existsSync(target)).toBe(false);
      expect(writes).toEqual([CHECK_BY_TEMPLATE_USER]);
      expect(await storedOwnership('fx-rates-api')).toEqual([]);
    }, 120_000);

    it('publishes the same values from the intact template', async () => {
      // The control: only the corrupted skeleton makes the run above fail.
      const { result: task, writes } = await ownershipWritesDuring(() =>
        runTask('template:default/runtime-service', values),
      );
      if (task.status !== 'completed') throw task.failure();
      expect(stepStatuses(task.log)).toEqual(
        expect.arrayContaining([
          'validate-chart:completed',
          'publish-local:completed',
          'record-ownership:completed',
        ]),
      );
      // The catalog shows the locally written service, so its ownership is
      // recorded as on the GitHub path.
      expect(writes.map(r => [r.status, r.user])).toEqual([
        [200, TEMPLATE_USER],
        ...c0Ownership.map(() => [201, TEMPLATE_USER]),
      ]);
      const stored = await storedOwnership('fx-rates-api');
      expect(stored.map(targetOf).sort()).toEqual([...c0Ownership].sort());
      expect(new Set(stored.map(r => [r.owner, r.createdBy].join()))).toEqual(
        new Set([[values.owner, TEMPLATE_USER].join()]),
      );
      for (const record of stored) {
        expect(task.completion?.output.text[2].content).toContain(
          `: recorded (${record.id})`,
        );
      }
      expect(task.completion?.output.links).toEqual([
        {
          title: 'Open in catalog',
          icon: 'catalog',
          entityRef: 'component:default/fx-rates-api',
        },
      ]);
      expect(
        readFileSync(join(target, 'chart/templates/deployment.yaml'), 'utf8'),
      ).toBe(intactDeployment);
      expect(existsSync(join(target, 'catalog-info.yaml'))).toBe(true);
    }, 120_000);
  });
});
