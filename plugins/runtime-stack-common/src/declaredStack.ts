import {
  DEFAULT_NAMESPACE,
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ECOSYSTEM_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATION_PREFIX,
} from './annotations';
import {
  DeclaredTool,
  findUnknownDeclaredTools,
  parseDeclaredTools,
} from './declaredTools';
import { isDigitsText, isKebabCaseText } from './annotationText';
import type { LayerModel } from './layers/types';
import { readEcosystemTools, type EcosystemTool } from './ecosystemTools';
import {
  DeclaredStackProblems,
  MAX_PROBLEMS_PER_ANNOTATION,
} from './declaredStackProblems';
import { normalizeOwnershipScope } from './ownership/ownershipInput';
import { parseLabelSelector } from './cluster/labelSelector';

/**
 * Where an item of a merged stack comes from: the entity's own annotations or
 * those of its System.
 *
 * @public
 */
export type DeclaredStackSource = 'entity' | 'system';

/**
 * What an owner override applies to: a whole layer or one capability.
 *
 * @public
 */
export type OwnerOverrideTarget = { layer: number } | { capability: string };

/**
 * One `target=group` pair of the `runtime-stack.io/owners` annotation.
 *
 * @public
 */
export interface DeclaredOwnerOverride {
  target: OwnerOverrideTarget;
  /** Full group entity ref, for example `group:default/team-payments`. */
  owner: string;
  source?: DeclaredStackSource;
}

/**
 * Annotations of other plugins that point at the service's evidence, read as
 * their plugins define them. Empty values are left out.
 *
 * @public
 */
export interface DeclaredStackReferences {
  kubernetesId?: string;
  kubernetesLabelSelector?: string;
  kubernetesNamespace?: string;
  kubernetesCluster?: string;
  githubProjectSlug?: string;
  gitlabProjectSlug?: string;
  grafanaDashboardSelector?: string;
  grafanaAlertLabelSelector?: string;
  grafanaOverviewDashboard?: string;
  prometheusRules?: string[];
  prometheusAlert?: string;
  quayRepositorySlug?: string;
  harborRepositorySlug?: string;
}

/**
 * Something wrong with one `runtime-stack.io/` annotation. The message is
 * meant for the people who wrote the annotation.
 *
 * @public
 */
export interface DeclaredStackProblem {
  annotation: string;
  message: string;
  source?: DeclaredStackSource;
}

/**
 * The runtime stack an entity declares through its annotations. Only what
 * the layer model knows and what parses is kept; everything else is a
 * problem, so a typo never passes for coverage.
 *
 * @public
 */
export interface DeclaredStack {
  requirementProfile?: string;
  /** Set by `mergeDeclaredStacks`. */
  requirementProfileSource?: DeclaredStackSource;
  tools: DeclaredTool[];
  /** OCI repositories, without tag or digest. */
  images: string[];
  ownerOverrides: DeclaredOwnerOverride[];
  references: DeclaredStackReferences;
  /** Tools that the annotations of other plugins imply (the entity's own). */
  ecosystemTools: EcosystemTool[];
  problems: DeclaredStackProblem[];
}

const KNOWN_ANNOTATIONS: ReadonlySet<string> = new Set(
  Object.values(RUNTIME_STACK_ANNOTATIONS),
);

const entityNames = makeValidator();

/**
 * Reads the declared stack of one entity (a Component, a System, ...) from its
 * annotations. Never throws: whatever is wrong with the annotations, however
 * malformed the entity, ends up in `problems`.
 *
 * @public
 */
export function readDeclaredStack(
  entity: Entity,
  model: LayerModel,
): DeclaredStack {
  const annotations = annotationsOf(entity);
  const problems = new DeclaredStackProblems();
  const report = (annotation: string) => problems.reportFor(annotation);
  reportUnknownAnnotations(annotations, problems);

  const own = (annotation: string) => {
    const value = annotations[annotation];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'string') {
      problems.report(annotation, `must be a string, got ${typeof value}`);
      return undefined;
    }
    return value.trim() || undefined;
  };

  const requirementProfile = readRequirementProfile(
    own(RUNTIME_STACK_ANNOTATIONS.requirementProfile),
    report(RUNTIME_STACK_ANNOTATIONS.requirementProfile),
  );
  checkEnvironment(
    own(RUNTIME_STACK_ANNOTATIONS.environment),
    report(RUNTIME_STACK_ANNOTATIONS.environment),
  );
  checkLabelSelector(
    own(ECOSYSTEM_ANNOTATIONS.kubernetesLabelSelector),
    report(ECOSYSTEM_ANNOTATIONS.kubernetesLabelSelector),
  );
  return {
    ...(requirementProfile !== undefined && { requirementProfile }),
    tools: readTools(
      own(RUNTIME_STACK_ANNOTATIONS.tools),
      model,
      report(RUNTIME_STACK_ANNOTATIONS.tools),
    ),
    images: readImages(
      own(RUNTIME_STACK_ANNOTATIONS.images),
      report(RUNTIME_STACK_ANNOTATIONS.images),
    ),
    ownerOverrides: readOwnerOverrides(
      own(RUNTIME_STACK_ANNOTATIONS.owners),
      model,
      namespaceOf(entity),
      report(RUNTIME_STACK_ANNOTATIONS.owners),
    ),
    references: readReferences(annotations),
    ecosystemTools: readEcosystemTools(annotations, model),
    problems: problems.toList(),
  };
}

/**
 * Reports each `runtime-stack.io/` annotation the model does not know, such
 * as a typo, the first few by name and the rest as a count.
 */
function reportUnknownAnnotations(
  annotations: Record<string, unknown>,
  problems: DeclaredStackProblems,
): void {
  const unknown = Object.keys(annotations).filter(
    key =>
      key.startsWith(RUNTIME_STACK_ANNOTATION_PREFIX) &&
      !KNOWN_ANNOTATIONS.has(key),
  );
  const message = `unknown annotation (known: ${[...KNOWN_ANNOTATIONS].join(
    ', ',
  )})`;
  for (const key of unknown.slice(0, MAX_PROBLEMS_PER_ANNOTATION)) {
    problems.report(key, message);
  }
  const more = unknown.length - MAX_PROBLEMS_PER_ANNOTATION;
  if (more > 0) {
    problems.report(
      RUNTIME_STACK_ANNOTATION_PREFIX,
      `…and ${more} more unknown annotation${more === 1 ? '' : 's'}`,
    );
  }
}

/**
 * The stack a Component runs with: its own declarations, and for everything
 * it does not declare, its System's. The Component wins per capability (all
 * of the System's tools for a capability it names are dropped), per owner
 * override target and for the requirement profile. Images, ecosystem
 * references and the tools they imply are the Component's only, since a
 * System's would point at other workloads and repositories. Every item and
 * problem says where it came from.
 *
 * @public
 */
export function mergeDeclaredStacks(
  component: DeclaredStack,
  system?: DeclaredStack,
): DeclaredStack {
  const fromEntity = <T extends object>(item: T) => ({
    ...item,
    source: 'entity' as const,
  });
  const fromSystem = <T extends object>(item: T) => ({
    ...item,
    source: 'system' as const,
  });

  const ownCapabilities = new Set(component.tools.map(t => t.capability));
  const ownTargets = new Set(
    component.ownerOverrides.map(o => targetKey(o.target)),
  );
  let profile: Pick<
    DeclaredStack,
    'requirementProfile' | 'requirementProfileSource'
  > = {};
  if (component.requirementProfile !== undefined) {
    profile = {
      requirementProfile: component.requirementProfile,
      requirementProfileSource: 'entity',
    };
  } else if (system?.requirementProfile !== undefined) {
    profile = {
      requirementProfile: system.requirementProfile,
      requirementProfileSource: 'system',
    };
  }

  return {
    ...profile,
    tools: [
      ...component.tools.map(fromEntity),
      ...(system?.tools ?? [])
        .filter(t => !ownCapabilities.has(t.capability))
        .map(fromSystem),
    ],
    images: [...component.images],
    ownerOverrides: [
      ...component.ownerOverrides.map(fromEntity),
      ...(system?.ownerOverrides ?? [])
        .filter(o => !ownTargets.has(targetKey(o.target)))
        .map(fromSystem),
    ],
    references: { ...component.references },
    ecosystemTools: [...component.ecosystemTools],
    problems: [
      ...component.problems.map(fromEntity),
      ...(system?.problems ?? []).map(fromSystem),
    ],
  };
}

/** The text a target is written as, `layer-6` or `metrics`. */
function targetKey(target: OwnerOverrideTarget): string {
  return 'layer' in target ? `layer-${target.layer}` : target.capability;
}

/** The annotations, or none when the entity is too malformed to have any. */
function annotationsOf(entity: Entity): Record<string, unknown> {
  const annotations: unknown = entity?.metadata?.annotations;
  return typeof annotations === 'object' &&
    annotations !== null &&
    !Array.isArray(annotations)
    ? (annotations as Record<string, unknown>)
    : {};
}

function namespaceOf(entity: Entity): string {
  const namespace: unknown = entity?.metadata?.namespace;
  return typeof namespace === 'string' && namespace
    ? namespace
    : DEFAULT_NAMESPACE;
}

/** Splits a comma-separated annotation value, dropping empty entries. */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map(entry => entry.trim())
    .filter(Boolean);
}

function readRequirementProfile(
  value: string | undefined,
  report: (message: string) => void,
): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isKebabCaseText(value)) {
    report(
      `'${value}' is not a kebab-case profile name (a-z, 0-9, -), for example tier-1`,
    );
    return undefined;
  }
  return value;
}

/**
 * Checks the environment of a cluster Resource: ownership records are kept
 * per environment name, and only a name they accept can ever match one.
 */
function checkEnvironment(
  value: string | undefined,
  report: (message: string) => void,
): void {
  if (value === undefined) {
    return;
  }
  try {
    normalizeOwnershipScope('environment', value);
  } catch {
    report(
      `'${value}' is not an environment name as ownership records take it: lowercase, like a DNS label (a-z, 0-9, '-', '.'), for example production`,
    );
  }
}

/**
 * The Kubernetes plugin's selector is not ours, but one that cannot be read
 * finds the service nowhere, here or in the Kubernetes tab: said at
 * ingestion, where the catalog shows it, not only on the page.
 */
function checkLabelSelector(
  value: string | undefined,
  report: (message: string) => void,
): void {
  if (value === undefined) return;
  try {
    parseLabelSelector(value);
  } catch (error) {
    report(
      `${
        (error as Error).message
      }; no cluster object matches it until it is corrected`,
    );
  }
}

function readTools(
  value: string | undefined,
  model: LayerModel,
  report: (message: string) => void,
): DeclaredTool[] {
  if (value === undefined) {
    return [];
  }
  const { pairs, problems } = parseDeclaredTools(value);
  problems.forEach(report);

  const tools: DeclaredTool[] = [];
  const checked = new Set<string>();
  for (const pair of pairs) {
    const key = `${pair.capability}=${pair.tool}`;
    if (checked.has(key)) continue;
    checked.add(key);
    const unknown = findUnknownDeclaredTools(model, [pair]);
    if (unknown.length > 0) {
      unknown.forEach(report);
    } else {
      tools.push(pair);
    }
  }
  return tools;
}

function readImages(
  value: string | undefined,
  report: (message: string) => void,
): string[] {
  if (value === undefined) {
    return [];
  }
  const images = new Set<string>();
  for (const reference of splitList(value)) {
    const problem = findImageRepositoryProblem(reference);
    if (problem) {
      report(problem);
    } else {
      images.add(reference);
    }
  }
  return [...images];
}

// The OCI distribution grammar for a repository name: an optional registry
// host (with an optional port) and lowercase path components.
const HOST_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = new RegExp(
  `^${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*(?::[0-9]+)?$`,
);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const MAX_REPOSITORY_LENGTH = 255;

/**
 * Whether `runtime-stack.io/images` may name this reference: an OCI
 * repository without a tag or digest. What the catalog reports as a problem
 * of the annotation is not read as a declared image either.
 *
 * @public
 */
export const isDeclarableImageRepository = (reference: string): boolean =>
  findImageRepositoryProblem(reference) === undefined;

/**
 * Why a string is not an OCI repository reference, or undefined if it is.
 * Tags and digests are refused: which ones run is observed, not declared.
 */
function findImageRepositoryProblem(reference: string): string | undefined {
  const example = 'for example registry.acme.internal/payments/payments-api';
  if (reference.includes('@')) {
    return `'${reference}' pins a digest; give the repository only, ${example}`;
  }
  // Checked before the grammar, whose expressions need not see more.
  if (reference.length > MAX_REPOSITORY_LENGTH) {
    return `'${reference}' is longer than ${MAX_REPOSITORY_LENGTH} characters`;
  }
  const parts = reference.split('/');
  // As in Docker: the first part is a registry host when it could not be a
  // path component (a dot, a port, capitals) or is localhost.
  const first = parts[0];
  const hasHost =
    parts.length > 1 &&
    (/[.:]/.test(first) ||
      first === 'localhost' ||
      first !== first.toLowerCase());
  const path = hasHost ? parts.slice(1) : parts;
  if (hasHost && !HOST.test(first)) {
    return `'${reference}': '${first}' is not a registry host[:port]`;
  }
  if (path[path.length - 1].includes(':')) {
    return `'${reference}' names a tag; give the repository only, ${example}`;
  }
  for (const component of path) {
    if (!PATH_COMPONENT.test(component)) {
      return PATH_COMPONENT.test(component.toLowerCase())
        ? `'${reference}': path component '${component}' must be lowercase`
        : `'${reference}' is not an OCI repository reference ([host[:port]/]path/name with lowercase path components)`;
    }
  }
  return undefined;
}

function readOwnerOverrides(
  value: string | undefined,
  model: LayerModel,
  namespace: string,
  report: (message: string) => void,
): DeclaredOwnerOverride[] {
  if (value === undefined) {
    return [];
  }
  const overrides = new Map<string, DeclaredOwnerOverride>();
  for (const entry of splitList(value)) {
    const at = entry.indexOf('=');
    if (at < 1 || at === entry.length - 1) {
      report(`'${entry}' is not of the form target=group`);
      continue;
    }
    const target = readOwnerTarget(entry.slice(0, at).trim(), model, report);
    const owner = readGroupRef(entry.slice(at + 1).trim(), namespace, report);
    if (!target || !owner) {
      continue;
    }
    const earlier = overrides.get(targetKey(target));
    if (earlier) {
      report(
        `'${targetKey(target)}' is given more than once; the first owner, '${
          earlier.owner
        }', is used`,
      );
      continue;
    }
    overrides.set(targetKey(target), { target, owner });
  }
  return [...overrides.values()];
}

/** The number N of a `layer-N` target, or undefined for any other text. */
function layerNumberOfTarget(text: string): number | undefined {
  const digits = text.startsWith('layer-') ? text.slice('layer-'.length) : '';
  return isDigitsText(digits) ? Number(digits) : undefined;
}

function readOwnerTarget(
  text: string,
  model: LayerModel,
  report: (message: string) => void,
): OwnerOverrideTarget | undefined {
  const layer = layerNumberOfTarget(text);
  if (layer !== undefined) {
    if (!model.layers.some(l => l.id === layer)) {
      report(
        `unknown layer '${text}' (layers are ${model.layers
          .map(l => `layer-${l.id}`)
          .join(', ')})`,
      );
      return undefined;
    }
    return { layer };
  }
  if (!model.layers.some(l => l.capabilities.some(c => c.id === text))) {
    report(
      `unknown target '${text}': neither a capability of the layer model nor layer-0 to layer-${
        model.layers.length - 1
      }`,
    );
    return undefined;
  }
  return { capability: text };
}

function readGroupRef(
  text: string,
  namespace: string,
  report: (message: string) => void,
): string | undefined {
  let ref;
  try {
    ref = parseEntityRef(text, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    });
  } catch (error) {
    report(
      `'${text}' is not an entity reference: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
    return undefined;
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    report(`'${text}' is a ${ref.kind}, not a group; owners are groups`);
    return undefined;
  }
  if (
    !entityNames.isValidNamespace(ref.namespace) ||
    !entityNames.isValidEntityName(ref.name)
  ) {
    report(`'${text}' is not a valid group reference`);
    return undefined;
  }
  return stringifyEntityRef(ref);
}

function readReferences(
  annotations: Record<string, unknown>,
): DeclaredStackReferences {
  // Other plugins own these values and report their own format errors, so a
  // value we cannot use is skipped, not reported.
  const read = (annotation: string) => {
    const value = annotations[annotation];
    return typeof value === 'string' ? value.trim() || undefined : undefined;
  };
  const rules = read(ECOSYSTEM_ANNOTATIONS.prometheusRule);
  const references: DeclaredStackReferences = {
    kubernetesId: read(ECOSYSTEM_ANNOTATIONS.kubernetesId),
    kubernetesLabelSelector: read(
      ECOSYSTEM_ANNOTATIONS.kubernetesLabelSelector,
    ),
    kubernetesNamespace: read(ECOSYSTEM_ANNOTATIONS.kubernetesNamespace),
    kubernetesCluster: read(ECOSYSTEM_ANNOTATIONS.kubernetesCluster),
    githubProjectSlug: read(ECOSYSTEM_ANNOTATIONS.githubProjectSlug),
    gitlabProjectSlug: read(ECOSYSTEM_ANNOTATIONS.gitlabProjectSlug),
    grafanaDashboardSelector: read(
      ECOSYSTEM_ANNOTATIONS.grafanaDashboardSelector,
    ),
    grafanaAlertLabelSelector: read(
      ECOSYSTEM_ANNOTATIONS.grafanaAlertLabelSelector,
    ),
    grafanaOverviewDashboard: read(
      ECOSYSTEM_ANNOTATIONS.grafanaOverviewDashboard,
    ),
    prometheusRules: rules === undefined ? undefined : splitList(rules),
    prometheusAlert: read(ECOSYSTEM_ANNOTATIONS.prometheusAlert),
    quayRepositorySlug: read(ECOSYSTEM_ANNOTATIONS.quayRepositorySlug),
    harborRepositorySlug: read(ECOSYSTEM_ANNOTATIONS.harborRepositorySlug),
  };
  return Object.fromEntries(
    Object.entries(references).filter(([, v]) => v !== undefined),
  );
}
