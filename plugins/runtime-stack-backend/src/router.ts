import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import express from 'express';
import Router from 'express-promise-router';

/** Parses the `:layerId` path parameter, naming it in the error. */
function parseLayerId(raw: string): number {
  if (!/^\d+$/.test(raw)) {
    throw new InputError(
      `Invalid path parameter 'layerId': expected a layer number such as 3, got '${raw}'`,
    );
  }
  return Number(raw);
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  layerModel: LayerModel;
}): Promise<express.Router> {
  const { httpAuth, layerModel } = options;
  const router = Router();
  router.use(express.json());

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
        `No layer ${layerId}; layers are numbered 0 to ${
          layerModel.layers.length - 1
        }`,
      );
    }
    res.json(layer);
  });

  return router;
}
