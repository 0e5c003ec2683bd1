/**
 * Annotations in the `runtime-stack.io/` namespace that a catalog entity (or
 * its System) uses to declare its runtime stack. Annotations that other
 * plugins already define, such as `backstage.io/kubernetes-id`, are read as
 * they are (see `ECOSYSTEM_ANNOTATIONS`) and never twinned here.
 *
 * @public
 */
export const RUNTIME_STACK_ANNOTATIONS = {
  /** Requirement profile, for example `tier-1`. */
  requirementProfile: 'runtime-stack.io/requirement-profile',
  /** Declared tools as `capability=tool` pairs, comma-separated. */
  tools: 'runtime-stack.io/tools',
  /** Image repositories the service ships, comma-separated. */
  images: 'runtime-stack.io/images',
  /** Environment of a cluster Resource, for example `production`. */
  environment: 'runtime-stack.io/environment',
  /**
   * Owners that override the inherited ones, as `target=group` pairs,
   * comma-separated; a target is a capability id or `layer-N`.
   */
  owners: 'runtime-stack.io/owners',
} as const;

/**
 * The `runtime-stack.io/` prefix, to tell our annotations (and typos of them)
 * from everybody else's.
 *
 * @public
 */
export const RUNTIME_STACK_ANNOTATION_PREFIX = 'runtime-stack.io/';

/**
 * Annotations defined by other plugins of the Backstage ecosystem that the
 * Runtime Stack reads as evidence. They are not ours: their meaning and format
 * belong to the plugins named below, so we read them and never redefine them.
 *
 * @public
 */
export const ECOSYSTEM_ANNOTATIONS = {
  /** Kubernetes plugin: the value of the `backstage.io/kubernetes-id` label on the service's objects. */
  kubernetesId: 'backstage.io/kubernetes-id',
  /** Kubernetes plugin: a label selector for the service's objects. */
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  /** Kubernetes plugin: the namespace the service runs in. */
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  /** Kubernetes plugin: the cluster the service runs in. */
  kubernetesCluster: 'backstage.io/kubernetes-cluster',
  /** GitHub plugins: `owner/repo`. */
  githubProjectSlug: 'github.com/project-slug',
  /** GitLab plugin: `group/project`. */
  gitlabProjectSlug: 'gitlab.com/project-slug',
  /** Grafana plugin: a dashboard search selector, for example `tags @> 'payments'`. */
  grafanaDashboardSelector: 'grafana/dashboard-selector',
  /** Grafana plugin: Grafana-managed alert rules with this label, `key=value`, comma-separated for several. */
  grafanaAlertLabelSelector: 'grafana/alert-label-selector',
  /** Grafana plugin: the URL of the service's overview dashboard. */
  grafanaOverviewDashboard: 'grafana/overview-dashboard',
  /** Prometheus plugin: recording or alerting rule names, comma-separated. */
  prometheusRule: 'prometheus.io/rule',
  /** Prometheus plugin: an alert name, or `all`. */
  prometheusAlert: 'prometheus.io/alert',
  /** Prometheus plugin: labels that select the service's alerts, `key=value`, comma-separated. */
  prometheusLabels: 'prometheus.io/labels',
  /** Quay plugin: `organization/repository` in the configured Quay instance. */
  quayRepositorySlug: 'quay.io/repository-slug',
  /** Harbor plugin: `project/repository` in the configured Harbor instance. */
  harborRepositorySlug: 'goharbor.io/repository-slug',
  /** Catalog: where the entity's source lives, `url:https://…` (set from its location unless written). */
  sourceLocation: 'backstage.io/source-location',
  /** Catalog: the location the catalog read the entity from, `url:https://…` or `file:…`; set by the catalog itself. */
  managedByLocation: 'backstage.io/managed-by-location',
  /** Jenkins plugin: the job that builds the service, `folder/job`. */
  jenkinsJobFullName: 'jenkins.io/job-full-name',
  /** Jenkins plugin, the older form: a GitHub organisation folder. */
  jenkinsGithubFolder: 'jenkins.io/github-folder',
  /** CircleCI plugin: `github/org/repo` or `bitbucket/org/repo`. */
  circleciProjectSlug: 'circleci.com/project-slug',
  /** Buildkite plugin: `organization/pipeline`. */
  buildkiteProjectSlug: 'buildkite.com/project-slug',
  /** GoCD plugin: pipeline names, comma-separated. */
  gocdPipelines: 'gocd.org/pipelines',
  /** Azure DevOps plugin: `project/repo` in Azure Repos. */
  azureDevopsProjectRepo: 'dev.azure.com/project-repo',
  /** Azure DevOps plugin: the Azure Pipelines build definition. */
  azureDevopsBuildDefinition: 'dev.azure.com/build-definition',
  /** Tekton plugin: `"true"` shows the service's PipelineRuns. */
  tektonCicd: 'tekton.dev/cicd',
  /** Argo CD plugin: the Argo CD Application that deploys the service. */
  argocdAppName: 'argocd/app-name',
  /** Argo CD plugin: a label selector for its Argo CD Applications. */
  argocdAppSelector: 'argocd/app-selector',
} as const;
