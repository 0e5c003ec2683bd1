import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  defaultRequirementProfiles,
  validateRequirementProfiles,
  type LayerModel,
  type RequirementProfile,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { CoverageEvaluationSettings } from './CoverageEvaluationService';
import { readPositiveInteger } from '../config/readPositiveInteger';

export interface CoverageSettings {
  profiles: RequirementProfile[];
  byLifecycle?: Record<string, string>;
  defaultProfile?: string;
}

/**
 * `runtimeStack.coverage`: requirement profiles (replacing the defaults of
 * the same id), which lifecycle gets which profile, and the default.
 */
export function readCoverageSettings(
  config: Config,
  layerModel: LayerModel,
): CoverageSettings {
  const ours = config.getOptionalConfig('runtimeStack.coverage');
  const configured = (ours?.getOptionalConfigArray('profiles') ?? []).map(
    profile => ({
      id: profile.getString('id'),
      title: profile.getOptionalString('title') ?? profile.getString('id'),
      description: profile.getOptionalString('description'),
      required: profile.getOptionalStringArray('required') ?? [],
      recommended: profile.getOptionalStringArray('recommended'),
      notApplicable: profile.getOptionalStringArray('notApplicable'),
    }),
  );
  const profiles = [
    ...defaultRequirementProfiles.filter(
      d => !configured.some(c => c.id === d.id),
    ),
    ...configured,
  ];
  const problems = validateRequirementProfiles(profiles, layerModel);
  if (problems.length > 0) {
    throw new InputError(
      `Invalid runtimeStack.coverage.profiles: ${problems.join('; ')}`,
    );
  }
  const byLifecycleConfig = ours?.getOptionalConfig('byLifecycle');
  const byLifecycle = byLifecycleConfig
    ? Object.fromEntries(
        byLifecycleConfig.keys().map(k => [k, byLifecycleConfig.getString(k)]),
      )
    : undefined;
  const defaultProfile = ours?.getOptionalString('defaultProfile');
  for (const id of [...Object.values(byLifecycle ?? {}), defaultProfile]) {
    if (id !== undefined && !profiles.some(p => p.id === id)) {
      throw new InputError(
        `Invalid runtimeStack.coverage: no requirement profile '${id}'; known: ${profiles
          .map(p => p.id)
          .join(', ')}`,
      );
    }
  }
  return {
    profiles,
    ...(byLifecycle ? { byLifecycle } : {}),
    ...(defaultProfile ? { defaultProfile } : {}),
  };
}

/**
 * `runtimeStack.coverage.schedule` and `concurrency`: how often every
 * Component is evaluated besides after each collection.
 */
export function readCoverageEvaluationSettings(
  config: Config,
): CoverageEvaluationSettings {
  const ours = config.getOptionalConfig('runtimeStack.coverage');
  return {
    schedule: ours?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          ours.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 10 },
          timeout: { minutes: 30 },
          initialDelay: { seconds: 15 },
        },
    concurrency: readPositiveInteger(
      config,
      'runtimeStack.coverage.concurrency',
      8,
    ),
    retentionDays: readPositiveInteger(
      config,
      'runtimeStack.scorecards.retentionDays',
      180,
    ),
  };
}
