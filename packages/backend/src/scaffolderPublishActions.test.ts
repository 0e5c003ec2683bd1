/*
 * The runtime-service template publishes a new service to GitHub or GitLab,
 * wherever its repository location points: the portal's scaffolder, with the
 * modules src/index.ts adds, must offer each publish action the template
 * names, taking every input the template passes.
 */

import { mockServices } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { startTestBackendClosingDatabases } from '@internal/backend-test-kit';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const TEMPLATE = resolve(
  __dirname,
  '../../../examples/templates/runtime-service/template.yaml',
);

jest.setTimeout(60_000);

interface Step {
  id: string;
  action: string;
  input?: Record<string, unknown>;
}

/**
 * The template's steps of the GitHub and GitLab modules (publishing, and
 * protecting the new repository's main) and the inputs each passes.
 */
function publishSteps(): Step[] {
  const template = parse(readFileSync(TEMPLATE, 'utf8'));
  return (template.spec.steps as Step[]).filter(step =>
    /^(publish|github|gitlab):/.test(step.action),
  );
}

describe("the scaffolder's publish actions", () => {
  it('include every one the runtime-service template uses, with its inputs', async () => {
    const backend = await startTestBackendClosingDatabases({
      lingeringDatabasePlugins: ['scaffolder'],
      features: [
        scaffolderPlugin,
        githubModule,
        gitlabModule,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const response = await fetch(
        `http://localhost:${port}/api/scaffolder/v2/actions`,
      );
      expect(response.status).toBe(200);
      const actions = (await response.json()) as Array<{
        id: string;
        schema: { input: { properties: Record<string, unknown> } };
      }>;

      const steps = publishSteps();
      expect(steps.map(step => step.action).sort()).toEqual([
        'github:branch-protection:create',
        'publish:github',
        'publish:gitlab',
      ]);
      for (const step of steps) {
        const action = actions.find(a => a.id === step.action);
        expect({ step: step.id, offered: Boolean(action) }).toEqual({
          step: step.id,
          offered: true,
        });
        const accepted = Object.keys(action!.schema.input.properties);
        expect({
          step: step.id,
          unknownInputs: Object.keys(step.input ?? {}).filter(
            key => !accepted.includes(key),
          ),
        }).toEqual({ step: step.id, unknownInputs: [] });
      }
    } finally {
      await backend.stop();
    }
  });
});
