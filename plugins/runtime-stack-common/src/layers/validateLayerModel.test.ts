import { InputError } from '@backstage/errors';
import type { LayerModel } from './types';
import { validateLayerModel } from './validateLayerModel';

function twoLayerModel(): LayerModel {
  return {
    version: '1',
    layers: [
      {
        id: 0,
        title: 'Platform',
        description: 'Where it runs',
        capabilities: [
          {
            id: 'ci-cd',
            title: 'CI/CD',
            description: 'Builds and delivers',
            tools: [{ id: 'argo-cd', title: 'Argo CD' }],
          },
        ],
      },
      {
        id: 1,
        title: 'Core runtime',
        description: 'Runs containers',
        capabilities: [
          {
            id: 'gitops',
            title: 'GitOps',
            description: 'Git as the source of truth',
            tools: [{ id: 'argo-cd', title: 'Argo CD' }],
          },
        ],
      },
    ],
  };
}

describe('validateLayerModel', () => {
  it('accepts a well-formed model and shares tool ids across capabilities', () => {
    const model = twoLayerModel();
    expect(validateLayerModel(model)).toEqual(model);
  });

  it('names the field of a malformed id', () => {
    const model = twoLayerModel();
    model.layers[1].capabilities[0].id = 'Git Ops';
    expect(() => validateLayerModel(model)).toThrow(
      /layers\.1\.capabilities\.0\.id: must be kebab-case/,
    );
    expect(() => validateLayerModel(model)).toThrow(InputError);
  });

  it('refuses an id longer than the 64 characters the store keeps', () => {
    const model = twoLayerModel();
    model.layers[1].capabilities[0].tools[0].id = `tool-${'x'.repeat(60)}`;
    expect(() => validateLayerModel(model)).toThrow(
      /layers\.1\.capabilities\.0\.tools\.0\.id: must be at most 64 characters/,
    );
    model.layers[1].capabilities[0].tools[0].id = `tool-${'x'.repeat(59)}`;
    expect(() => validateLayerModel(model)).not.toThrow();
  });

  it('rejects a missing description and a non-url link', () => {
    const model: any = twoLayerModel();
    delete model.layers[0].capabilities[0].description;
    model.layers[0].capabilities[0].tools[0].url = 'not a url';
    expect(() => validateLayerModel(model)).toThrow(
      /layers\.0\.capabilities\.0\.description.*layers\.0\.capabilities\.0\.tools\.0\.url/,
    );
  });

  it('rejects layers that are not numbered from 0 without gaps', () => {
    const model = twoLayerModel();
    model.layers[1].id = 3;
    expect(() => validateLayerModel(model)).toThrow(
      /layers\.1\.id: expected 1.*got 3/,
    );
  });

  it('rejects a capability id defined twice', () => {
    const model = twoLayerModel();
    model.layers[1].capabilities[0].id = 'ci-cd';
    expect(() => validateLayerModel(model)).toThrow(
      /capability 'ci-cd' is already defined in layer 0/,
    );
  });

  it('rejects a tool listed twice in one capability', () => {
    const model = twoLayerModel();
    model.layers[0].capabilities[0].tools.push({
      id: 'argo-cd',
      title: 'Argo CD',
    });
    expect(() => validateLayerModel(model)).toThrow(
      /tool 'argo-cd' is listed twice in 'ci-cd'/,
    );
  });

  it('rejects one tool id carrying two titles', () => {
    const model = twoLayerModel();
    model.layers[1].capabilities[0].tools[0].title = 'ArgoCD';
    expect(() => validateLayerModel(model)).toThrow(
      /tool 'argo-cd' is called 'Argo CD' elsewhere, not 'ArgoCD'/,
    );
  });

  it('accepts a tool that runs another tool of the same capability', () => {
    const model = twoLayerModel();
    model.layers[1].capabilities[0].tools = [
      { id: 'argo-cd', title: 'Argo CD', runs: ['kustomize'] },
      { id: 'kustomize', title: 'Kustomize' },
    ];
    expect(validateLayerModel(model)).toEqual(model);
  });

  it('rejects runs naming a tool of another capability, or none at all', () => {
    const model = twoLayerModel();
    model.layers[1].capabilities[0].tools = [
      { id: 'flux', title: 'Flux', runs: ['helm', 'argo-cd'] },
      { id: 'helm', title: 'Helm' },
    ];
    model.layers[0].capabilities[0].tools[0].runs = ['jenkins'];
    expect(() => validateLayerModel(model)).toThrow(
      "Invalid layer model: layers.0.capabilities.0.tools.0.runs.0: tool 'argo-cd' runs 'jenkins', which is not a tool of 'ci-cd'; layers.1.capabilities.0.tools.0.runs.1: tool 'flux' runs 'argo-cd', which is not a tool of 'gitops'",
    );
  });

  it('rejects a tool that runs itself', () => {
    const model = twoLayerModel();
    model.layers[1].capabilities[0].tools[0].runs = ['argo-cd'];
    expect(() => validateLayerModel(model)).toThrow(
      /layers\.1\.capabilities\.0\.tools\.0\.runs\.0: tool 'argo-cd' cannot run itself/,
    );
  });

  it('names a runs entry that is not a tool id', () => {
    const model: any = twoLayerModel();
    model.layers[0].capabilities[0].tools[0].runs = ['Flux'];
    expect(() => validateLayerModel(model)).toThrow(
      /layers\.0\.capabilities\.0\.tools\.0\.runs\.0: must be kebab-case/,
    );
  });

  it('rejects an empty model', () => {
    expect(() => validateLayerModel({ version: '1', layers: [] })).toThrow(
      /layers:/,
    );
    expect(() => validateLayerModel(undefined)).toThrow(InputError);
  });
});
