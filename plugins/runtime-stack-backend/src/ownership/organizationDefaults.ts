import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  OWNERSHIP_RESPONSIBILITIES,
  normalizeEntityRef,
  resolveOwnershipTarget,
  type LayerModel,
  type OwnershipResponsibility,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { OwnershipClaim } from './resolveEffectiveOwnership';

const CONFIG_KEY = 'runtimeStack.ownership.defaults';

function readTargets(
  entry: Config,
  key: string,
): Array<{ layer?: number; capability?: string }> {
  const layers = entry.getOptional('layers');
  const capabilities = entry.getOptionalStringArray('capabilities') ?? [];
  if (
    layers !== undefined &&
    !(Array.isArray(layers) && layers.every(l => Number.isInteger(l)))
  ) {
    throw new InputError(
      `Invalid ${key}.layers: expected a list of layer numbers`,
    );
  }
  const targets = [
    ...((layers as number[] | undefined) ?? []).map(layer => ({ layer })),
    ...capabilities.map(capability => ({ capability })),
  ];
  if (targets.length === 0) {
    throw new InputError(`Invalid ${key}: give 'layers' or 'capabilities'`);
  }
  return targets;
}

/**
 * The organisation's default owners from `runtimeStack.ownership.defaults`:
 * what every service inherits unless a narrower scope says otherwise.
 * Errors name the config key, e.g. `runtimeStack.ownership.defaults[2].owner`.
 */
export function readOrganizationDefaults(
  config: Config,
  model: LayerModel,
): OwnershipClaim[] {
  const entries = config.getOptionalConfigArray(CONFIG_KEY) ?? [];
  return entries.flatMap((entry, index) => {
    const key = `${CONFIG_KEY}[${index}]`;
    const responsibility =
      entry.getOptionalString('responsibility') ?? 'operates';
    if (
      !OWNERSHIP_RESPONSIBILITIES.includes(
        responsibility as OwnershipResponsibility,
      )
    ) {
      throw new InputError(
        `Invalid ${key}.responsibility: '${responsibility}' is not one of ${OWNERSHIP_RESPONSIBILITIES.join(
          ', ',
        )}`,
      );
    }
    const owner = normalizeEntityRef(
      entry.getString('owner'),
      'group',
      `${key}.owner`,
    );
    const note = entry.getOptionalString('note');
    const link = entry.getOptionalString('link');
    return readTargets(entry, key).map(target => {
      let resolved;
      try {
        resolved = resolveOwnershipTarget(model, target);
      } catch (error) {
        throw new InputError(`Invalid ${key}: ${(error as Error).message}`);
      }
      return {
        origin: {
          kind: 'organization' as const,
          ref: 'organization',
          source: 'config' as const,
        },
        ...resolved,
        owner,
        responsibility: responsibility as OwnershipResponsibility,
        ...(note ? { note } : {}),
        ...(link ? { link } : {}),
      };
    });
  });
}
