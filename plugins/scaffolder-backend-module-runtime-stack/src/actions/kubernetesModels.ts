import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';

/** One rendered manifest to check against the Kubernetes OpenAPI schemas. */
export interface ModelCheck {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

/** A schema violation: the field (as `spec.template.spec.containers[0]`) and what is wrong. */
export interface SchemaViolation {
  field: string;
  message: string;
}

/** The outcome for one {@link ModelCheck}, in the same order. */
export type ModelCheckResult =
  | { status: 'valid' }
  | { status: 'invalid'; violations: SchemaViolation[] }
  | { status: 'unknown-kind' };

/**
 * `kubernetes-models` is an ESM-only package whose exports map only has an
 * `import` condition, while this backend module (and Jest) run as CommonJS:
 * neither `require` nor, under Jest without `--experimental-vm-modules`, a
 * dynamic `import()` can load it in-process. The models are therefore loaded
 * with a native `import()` in a short-lived worker thread, which behaves the
 * same in the backend and in tests.
 */
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { join } = require('node:path');
(async () => {
  const groups = new Map();
  const results = [];
  for (const check of workerData.checks) {
    let group = groups.get(check.subpath);
    if (!group) {
      group = await import(pathToFileURL(join(workerData.packageDir, check.subpath, 'index.js')).href);
      groups.set(check.subpath, group);
    }
    const Model = group[check.kind];
    if (typeof Model !== 'function' || Model.kind !== check.kind || Model.apiVersion !== check.apiVersion) {
      results.push({ status: 'unknown-kind' });
      continue;
    }
    try {
      new Model(check.object).validate();
      results.push({ status: 'valid' });
    } catch (error) {
      const errors = Array.isArray(error && error.errors)
        ? error.errors.map(e => ({ instancePath: e.instancePath || '', keyword: e.keyword, params: e.params || {}, message: e.message || 'is invalid' }))
        : [{ instancePath: '', keyword: 'error', params: {}, message: String((error && error.message) || error) }];
      results.push({ status: 'invalid', errors });
    }
  }
  parentPort.postMessage({ results });
})().catch(error => parentPort.postMessage({ failure: String((error && error.stack) || error) }));
`;

interface RawSchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

type RawResult =
  | { status: 'valid' }
  | { status: 'invalid'; errors: RawSchemaError[] }
  | { status: 'unknown-kind' };

let packageInfo: { dir: string; apiVersions: Set<string> } | undefined;

function kubernetesModelsPackage() {
  if (!packageInfo) {
    const manifestPath = require.resolve('kubernetes-models/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      exports?: Record<string, unknown>;
    };
    // Export keys like './v1', './apps/v1', './networking.k8s.io/v1'.
    const apiVersions = new Set(
      Object.keys(manifest.exports ?? {})
        .map(key => key.replace(/^\.\//, ''))
        .filter(key => /^([a-z0-9.-]+\/)?v\d+[a-z0-9]*$/.test(key)),
    );
    packageInfo = { dir: dirname(manifestPath), apiVersions };
  }
  return packageInfo;
}

/** The API group of an apiVersion: `apps` for `apps/v1`, `` for `v1`. */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * Whether an apiVersion belongs to a built-in Kubernetes API group that
 * `kubernetes-models` has schemas for (core, apps, networking.k8s.io, …).
 */
export function isBuiltInApiGroup(apiVersion: string): boolean {
  const group = apiGroupOf(apiVersion);
  const { apiVersions } = kubernetesModelsPackage();
  return [...apiVersions].some(served => apiGroupOf(served) === group);
}

/** Whether `kubernetes-models` has schemas for this exact apiVersion. */
export function isServedApiVersion(apiVersion: string): boolean {
  return kubernetesModelsPackage().apiVersions.has(apiVersion);
}

function formatPointer(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => {
      if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
        return path ? `${path}.${segment}` : segment;
      }
      return `${path}[${JSON.stringify(segment)}]`;
    }, '');
}

function toViolation(error: RawSchemaError): SchemaViolation {
  const base = formatPointer(error.instancePath);
  if (error.keyword === 'required' && error.params.missingProperty) {
    const missing = String(error.params.missingProperty);
    return {
      field: base ? `${base}.${missing}` : missing,
      message: 'is required',
    };
  }
  let message = error.message;
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
    message = `must be one of ${error.params.allowedValues
      .map(v => JSON.stringify(v))
      .join(', ')}`;
  }
  return { field: base || '(document)', message };
}

/**
 * Validates built-in Kubernetes objects with the `kubernetes-models` schemas
 * (`new Deployment(obj).validate()`), returning one result per check.
 */
export async function validateWithKubernetesModels(
  checks: ModelCheck[],
  options: { timeoutMs?: number } = {},
): Promise<ModelCheckResult[]> {
  if (checks.length === 0) return [];
  const { dir } = kubernetesModelsPackage();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const raw = await new Promise<RawResult[]>((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, {
      eval: true,
      workerData: {
        packageDir: dir,
        // The package's subpath for a group version is the apiVersion itself.
        checks: checks.map(check => ({ ...check, subpath: check.apiVersion })),
      },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new Error(
          `Validating the manifests with kubernetes-models timed out after ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once(
      'message',
      (message: { results?: RawResult[]; failure?: string }) => {
        settle();
        if (message.results) resolve(message.results);
        else {
          reject(
            new Error(
              `Validating the manifests with kubernetes-models failed: ${message.failure}`,
            ),
          );
        }
      },
    );
    worker.once('error', error => {
      settle();
      reject(error);
    });
  });

  return raw.map(result => {
    if (result.status !== 'invalid') return result;
    const seen = new Set<string>();
    const violations: SchemaViolation[] = [];
    for (const error of result.errors) {
      const violation = toViolation(error);
      const key = `${violation.field} ${violation.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        violations.push(violation);
      }
    }
    return { status: 'invalid', violations };
  });
}
