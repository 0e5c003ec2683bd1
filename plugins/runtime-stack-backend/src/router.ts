import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  BUILT_IN_PROFILE_LIFECYCLES,
  chooseRequirementProfile,
  type LayerModel,
  type RequirementProfileSettings,
} from '@internal/backstage-plugin-runtime-stack-common';
import express from 'express';
import Router from 'express-promise-router';
import { refuseNulInPath } from './http/refuseNulInPath';
import { jsonBody } from './http/jsonBody';

/** Parses the `:layerId` path parameter, naming it in the error. */
function parseLayerId(raw: string): number {
  if (!/^\d+$/.test(raw)) {
    throw new InputError(
      `Invalid path parameter 'layerId': expected a layer number such as 3, got '${raw}'`,
    );
  }
  return Number(raw);
}

/**
 * The profiles with the rules the coverage engine applies when a service
 * names no profile: the built-in lifecycle mapping and default with
 * app-config's on top, each as `chooseRequirementProfile` resolves it, so the
 * rules served are the ones the evaluation uses, configured or not.
 */
export function effectiveProfileSettings(
  settings: RequirementProfileSettings,
): RequirementProfileSettings {
  const { profiles, byLifecycle, defaultProfile } = settings;
  if (profiles.length === 0) return { profiles };
  const rules = {
    ...(byLifecycle ? { byLifecycle } : {}),
    ...(defaultProfile ? { defaultProfile } : {}),
  };
  const choose = (lifecycle?: string) =>
    chooseRequirementProfile({ lifecycle }, profiles, rules);
  const lifecycles = new Set(
    [...BUILT_IN_PROFILE_LIFECYCLES, ...Object.keys(byLifecycle ?? {})].map(
      key => key.trim().toLowerCase(),
    ),
  );
  const mapping: Record<string, string> = {};
  for (const lifecycle of lifecycles) {
    const choice = choose(lifecycle);
    if (choice.reasonParts?.rule === 'lifecycle') {
      mapping[lifecycle] = choice.profile.id;
    }
  }
  return {
    profiles,
    byLifecycle: mapping,
    defaultProfile: choose().profile.id,
  };
}

/**
 * The layer model and the requirement profiles, readable by any signed-in
 * user or backend service.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  layerModel: LayerModel;
  /**
   * The requirement profiles and rules the coverage engine uses, as
   * `readCoverageSettings` resolves them from config; served at
   * `GET /profiles` with the built-in rules filled in
   * ({@link effectiveProfileSettings}).
   */
  requirementProfiles: RequirementProfileSettings;
}): Promise<express.Router> {
  const { httpAuth, layerModel, requirementProfiles } = options;
  const router = Router();
  // Mounted first of the plugin's routers, so this guards every route.
  router.use(refuseNulInPath);
  router.use(jsonBody());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/layers', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(layerModel);
  });

  router.get('/layers/:layerId', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const layerId = parseLayerId(req.params.layerId);
    const layer = layerModel.layers.find(l => l.id === layerId);
    if (!layer) {
      throw new NotFoundError(
        `No layer ${req.params.layerId}; layers are numbered 0 to ${
          layerModel.layers.length - 1
        }`,
      );
    }
    res.json(layer);
  });

  // Only the fields of the served type, whatever else the settings carry.
  const served = effectiveProfileSettings(requirementProfiles);
  router.get('/profiles', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(served);
  });

  return router;
}
