import { InputError } from '@backstage/errors';

/** An image reference split the way docker and containerd read it. */
export interface ImageReference {
  /** `host[:port]`; Docker Hub is `docker.io`. */
  registry: string;
  /** Docker Hub's official images get `library/`: `library/nginx`. */
  repository: string;
  tag?: string;
  /** `sha256:<64 hex>` */
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';

// The grammar of github.com/distribution/reference.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };
const MAX_NAME_LENGTH = 255;

const describe = (reference: string) =>
  reference.length > 200 ? `${reference.slice(0, 200)}…` : reference;

const invalid = (reference: string, why: string) =>
  new InputError(`Invalid image reference '${describe(reference)}': ${why}`);

/** Why a digest is malformed, or undefined when it is fine. */
export function digestProblem(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = colon < 0 ? '' : digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (!length) {
    return `digest '${digest}' must be sha256:<64 hex digits> (or sha512)`;
  }
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
    return `digest '${digest}' must have ${length} lower-case hex digits after '${algorithm}:'`;
  }
  return undefined;
}

/** Why a repository path is malformed, or undefined when it is fine. */
export function repositoryProblem(repository: string): string | undefined {
  if (repository === '') return 'the repository is empty';
  for (const component of repository.split('/')) {
    if (component === '') {
      return `repository '${repository}' has an empty path component`;
    }
    if (component !== component.toLowerCase()) {
      return `repository '${repository}' must be lower-case`;
    }
    if (!PATH_COMPONENT.test(component)) {
      return `repository component '${component}' may only hold a-z, 0-9 and single '.', '_', '__' or '-' runs between them`;
    }
  }
  return undefined;
}

export const isValidTag = (tag: string) => TAG.test(tag);

/**
 * Whether the first path component names a registry: distribution treats
 * it as one when it has a '.' or ':', is `localhost`, or has upper-case
 * letters (which no repository may have).
 */
const isRegistryComponent = (component: string) =>
  /[.:]/.test(component) ||
  component === 'localhost' ||
  component !== component.toLowerCase();

/**
 * Parses a reference as in a pod spec: `nginx`, `nginx:1.25`,
 * `localhost:5000/team/app:1`, `registry.example.com/app@sha256:…`.
 * Throws an InputError naming the reference and what is wrong with it.
 */
export function parseImageReference(reference: string): ImageReference {
  if (reference === '') throw invalid(reference, 'it is empty');
  if (/\s/.test(reference)) throw invalid(reference, 'it contains whitespace');
  // Docker reads a bare 64-hex string as an image id, not a name.
  if (/^[a-f0-9]{64}$/.test(reference)) {
    throw invalid(
      reference,
      'a 64-character hex string is an image id, not a reference',
    );
  }

  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) throw invalid(reference, problem);
  }

  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) {
      throw invalid(
        reference,
        `tag '${tag}' must be 1-128 characters of A-Z, a-z, 0-9, '_', '.' and '-', not starting with '.' or '-'`,
      );
    }
  }

  if (rest.length > MAX_NAME_LENGTH) {
    throw invalid(
      reference,
      `the name is longer than ${MAX_NAME_LENGTH} characters`,
    );
  }
  const slash = rest.indexOf('/');
  let registry = DOCKER_HUB;
  let repository = rest;
  if (slash >= 0 && isRegistryComponent(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    repository = rest.slice(slash + 1);
    if (!DOMAIN.test(registry)) {
      throw invalid(
        reference,
        `'${registry}' is not a valid registry host[:port]`,
      );
    }
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (
    registry === DOCKER_HUB &&
    repository !== '' &&
    !repository.includes('/')
  ) {
    repository = `library/${repository}`;
  }
  const problem = repositoryProblem(repository);
  if (problem) throw invalid(reference, problem);

  return {
    registry,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** The fully qualified form: `docker.io/library/nginx:1.25`. */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${
    ref.digest ? `@${ref.digest}` : ''
  }`;
}
