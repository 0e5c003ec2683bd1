import { parseAllDocuments } from 'yaml';
import {
  apiGroupOf,
  isBuiltInApiGroup,
  isServedApiVersion,
  validateWithKubernetesModels,
  type SchemaViolation,
} from './kubernetesModels';

/** One object of `helm template`'s output. */
export interface RenderedManifest {
  apiVersion: string;
  kind: string;
  name: string;
  /** The chart template it came from (helm's `# Source:` comment). */
  source?: string;
  object: Record<string, unknown>;
}

/** What is wrong with one rendered document. */
export interface ManifestProblem {
  /** `Kind/name`, or `document #n` when the document has no kind/name. */
  document: string;
  source?: string;
  violations: SchemaViolation[];
}

type FieldType = 'object' | 'string' | 'boolean' | 'array';

interface CustomResourceRule {
  group: string;
  /** Fields the CRD's schema requires, with their type. */
  required: Array<[field: string, type: FieldType]>;
  check?(spec: Record<string, unknown>): SchemaViolation[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

function getField(object: unknown, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>(
      (value, key) => (isRecord(value) ? value[key] : undefined),
      object,
    );
}

function checkRequired(
  object: unknown,
  required: Array<[string, FieldType]>,
): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  for (const [field, type] of required) {
    const value = getField(object, field);
    if (value === undefined || value === null) {
      violations.push({ field, message: 'is required' });
    } else if (typeOf(value) !== type) {
      violations.push({
        field,
        message: `must be ${type === 'array' ? 'an' : 'a'} ${type}`,
      });
    }
  }
  return violations;
}

function requireOneOf(
  spec: Record<string, unknown>,
  fields: string[],
): SchemaViolation[] {
  return fields.some(field => spec[field] !== undefined)
    ? []
    : [
        {
          field: 'spec',
          message: `needs one of ${fields.map(f => `spec.${f}`).join(', ')}`,
        },
      ];
}

/**
 * Structural checks for the custom resources the runtime-service chart may
 * render. Their CRDs are not in `kubernetes-models`, so only the fields their
 * CRD schemas require are checked.
 */
const CUSTOM_RESOURCE_RULES: Record<string, CustomResourceRule> = {
  ServiceMonitor: {
    group: 'monitoring.coreos.com',
    required: [['spec.selector', 'object']],
  },
  PrometheusRule: {
    group: 'monitoring.coreos.com',
    required: [],
    check(spec) {
      if (spec.groups === undefined) return [];
      if (!Array.isArray(spec.groups)) {
        return [{ field: 'spec.groups', message: 'must be an array' }];
      }
      return spec.groups.flatMap((group: unknown, i: number) => {
        const at = `spec.groups[${i}]`;
        const violations = checkRequired(group, [
          ['name', 'string'],
          ['rules', 'array'],
        ]).map(v => ({ ...v, field: `${at}.${v.field}` }));
        const rules = isRecord(group) ? group.rules : undefined;
        if (Array.isArray(rules)) {
          rules.forEach((rule: unknown, j: number) => {
            const ruleAt = `${at}.rules[${j}]`;
            if (!isRecord(rule) || rule.expr === undefined) {
              violations.push({
                field: `${ruleAt}.expr`,
                message: 'is required',
              });
            }
            if (isRecord(rule) && !rule.alert && !rule.record) {
              violations.push({
                field: ruleAt,
                message: 'needs either alert or record',
              });
            }
          });
        }
        return violations;
      });
    },
  },
  Application: {
    group: 'argoproj.io',
    required: [
      ['spec.destination', 'object'],
      ['spec.project', 'string'],
    ],
    check: spec => requireOneOf(spec, ['source', 'sources', 'sourceHydrator']),
  },
  HelmRelease: {
    group: 'helm.toolkit.fluxcd.io',
    required: [['spec.interval', 'string']],
    check: spec => requireOneOf(spec, ['chart', 'chartRef']),
  },
  Kustomization: {
    group: 'kustomize.toolkit.fluxcd.io',
    required: [
      ['spec.interval', 'string'],
      ['spec.prune', 'boolean'],
      ['spec.sourceRef', 'object'],
      ['spec.sourceRef.kind', 'string'],
      ['spec.sourceRef.name', 'string'],
    ],
  },
};

/** The custom resource kinds checked structurally. */
export const CHECKED_CUSTOM_RESOURCE_KINDS = Object.keys(CUSTOM_RESOURCE_RULES);

/** Helm prefixes each rendered document with `# Source: <chart>/templates/x.yaml`. */
function sourceOf(comment: string | null | undefined): string | undefined {
  return comment?.match(/Source:\s*(\S+)/)?.[1];
}

/**
 * Splits `helm template`'s multi-document output into objects, checking the
 * fields every manifest needs (apiVersion, kind, metadata.name).
 */
export function parseRenderedManifests(text: string): {
  manifests: RenderedManifest[];
  problems: ManifestProblem[];
} {
  const manifests: RenderedManifest[] = [];
  const problems: ManifestProblem[] = [];
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [];
  list.forEach((document, index) => {
    const contents = document.contents as { commentBefore?: string } | null;
    const source = sourceOf(document.commentBefore ?? contents?.commentBefore);
    const label = `document #${index + 1}`;
    if (document.errors.length > 0) {
      problems.push({
        document: label,
        source,
        violations: document.errors.map(e => ({
          field: '(yaml)',
          message: e.message.split('\n')[0],
        })),
      });
      return;
    }
    const object: unknown = document.toJS();
    if (object === null || object === undefined) return; // empty document
    if (!isRecord(object)) {
      problems.push({
        document: label,
        source,
        violations: [
          { field: '(document)', message: 'is not a Kubernetes object' },
        ],
      });
      return;
    }
    const violations = checkRequired(object, [
      ['apiVersion', 'string'],
      ['kind', 'string'],
      ['metadata', 'object'],
      ['metadata.name', 'string'],
    ]);
    const kind = typeof object.kind === 'string' ? object.kind : undefined;
    const name = getField(object, 'metadata.name');
    if (violations.length > 0) {
      problems.push({
        document: kind && typeof name === 'string' ? `${kind}/${name}` : label,
        source,
        violations,
      });
      return;
    }
    manifests.push({
      apiVersion: object.apiVersion as string,
      kind: kind as string,
      name: name as string,
      source,
      object,
    });
  });
  return { manifests, problems };
}

/**
 * Validates rendered manifests: built-in kinds against the Kubernetes
 * OpenAPI schemas of `kubernetes-models`, the known custom resources
 * (ServiceMonitor, PrometheusRule, Application, HelmRelease, Kustomization)
 * structurally. Other custom resources only need apiVersion/kind/name.
 */
export async function validateManifests(
  manifests: RenderedManifest[],
  options: { timeoutMs?: number } = {},
): Promise<ManifestProblem[]> {
  const violationsOf = new Map<RenderedManifest, SchemaViolation[]>();
  const add = (manifest: RenderedManifest, found: SchemaViolation[]) => {
    if (found.length === 0) return;
    violationsOf.set(manifest, [
      ...(violationsOf.get(manifest) ?? []),
      ...found,
    ]);
  };

  const builtIn: RenderedManifest[] = [];
  for (const manifest of manifests) {
    if (isBuiltInApiGroup(manifest.apiVersion)) {
      if (isServedApiVersion(manifest.apiVersion)) {
        builtIn.push(manifest);
      } else {
        add(manifest, [
          {
            field: 'apiVersion',
            message: `'${
              manifest.apiVersion
            }' is not a known version of the Kubernetes API group '${
              apiGroupOf(manifest.apiVersion) || 'core'
            }'`,
          },
        ]);
      }
      continue;
    }
    const rule = CUSTOM_RESOURCE_RULES[manifest.kind];
    if (rule && apiGroupOf(manifest.apiVersion) === rule.group) {
      const spec = manifest.object.spec;
      if (!isRecord(spec)) {
        add(manifest, checkRequired(manifest.object, [['spec', 'object']]));
        continue;
      }
      add(manifest, checkRequired(manifest.object, rule.required));
      add(manifest, rule.check?.(spec) ?? []);
    }
  }

  const results = await validateWithKubernetesModels(
    builtIn.map(({ apiVersion, kind, object }) => ({
      apiVersion,
      kind,
      object,
    })),
    options,
  );
  results.forEach((result, i) => {
    const manifest = builtIn[i];
    if (result.status === 'invalid') add(manifest, result.violations);
    if (result.status === 'unknown-kind') {
      add(manifest, [
        {
          field: 'kind',
          message: `'${manifest.kind}' is not a kind of the Kubernetes API '${manifest.apiVersion}'`,
        },
      ]);
    }
  });

  return manifests.flatMap(manifest => {
    const violations = violationsOf.get(manifest);
    return violations
      ? [
          {
            document: `${manifest.kind}/${manifest.name}`,
            source: manifest.source,
            violations,
          },
        ]
      : [];
  });
}

/** A readable multi-line description of manifest problems. */
export function formatManifestProblems(problems: ManifestProblem[]): string {
  return problems
    .map(problem => {
      const where = problem.source
        ? `${problem.document} (${problem.source})`
        : problem.document;
      const details = problem.violations
        .slice(0, 10)
        .map(v => `${v.field} ${v.message}`);
      if (problem.violations.length > 10) {
        details.push(`… and ${problem.violations.length - 10} more`);
      }
      return `  - ${where}: ${details.join('; ')}`;
    })
    .join('\n');
}
