/**
 * The `fieldSelector` query parameter, limited to the two fields every
 * resource supports in kube-apiserver: metadata.name and metadata.namespace.
 */

const SUPPORTED_FIELDS = ['metadata.name', 'metadata.namespace'] as const;
type SupportedField = (typeof SUPPORTED_FIELDS)[number];

interface FieldRequirement {
  field: SupportedField;
  equals: boolean;
  value: string;
}

export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorError';
  }
}

export interface FieldSelector {
  readonly isEmpty: boolean;
  /** The namespace the selector pins, which lets a list skip the others. */
  readonly namespace?: string;
  matches(namespace: string, name: string): boolean;
}

export function parseFieldSelector(text: string | undefined): FieldSelector {
  const requirements = (text ?? '')
    .split(',')
    .filter(term => term.trim() !== '')
    .map(parseTerm);
  const pinned = requirements.find(
    r => r.field === 'metadata.namespace' && r.equals,
  );
  return {
    isEmpty: requirements.length === 0,
    namespace: pinned?.value,
    matches: (namespace, name) =>
      requirements.every(r => {
        const actual = r.field === 'metadata.name' ? name : namespace;
        return (actual === r.value) === r.equals;
      }),
  };
}

function parseTerm(term: string): FieldRequirement {
  const match = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(.*?)\s*$/.exec(term);
  if (!match) {
    throw new FieldSelectorError(
      `invalid selector: '${term}'; can't understand '${term}'`,
    );
  }
  const [, field, operator, value] = match;
  if (!(SUPPORTED_FIELDS as readonly string[]).includes(field)) {
    throw new FieldSelectorError(`field label not supported: ${field}`);
  }
  return { field: field as SupportedField, equals: operator !== '!=', value };
}
