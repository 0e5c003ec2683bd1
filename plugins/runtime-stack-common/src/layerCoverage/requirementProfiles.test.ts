import { defaultLayerModel } from '../layers/defaultLayerModel';
import type { LayerModel } from '../layers/types';
import { defaultRequirementProfiles } from './defaultRequirementProfiles';
import { resolveRequirements } from './profileEntries';
import { validateRequirementProfiles } from './validateRequirementProfiles';

const tinyModel: LayerModel = {
  version: '1',
  layers: [
    {
      id: 0,
      title: 'Base',
      description: 'base',
      capabilities: [
        { id: 'alpha', title: 'Alpha', description: 'a', tools: [] },
        { id: 'beta', title: 'Beta', description: 'b', tools: [] },
      ],
    },
    {
      id: 1,
      title: 'Top',
      description: 'top',
      capabilities: [
        { id: 'gamma', title: 'Gamma', description: 'g', tools: [] },
      ],
    },
  ],
};

describe('defaultRequirementProfiles', () => {
  it('validate clean against the default layer model', () => {
    expect(
      validateRequirementProfiles(
        defaultRequirementProfiles,
        defaultLayerModel,
      ),
    ).toEqual([]);
  });

  it('offers tier-1, tier-2 and experimental, strictest first', () => {
    const [tier1, tier2, experimental] = defaultRequirementProfiles;
    expect([tier1.id, tier2.id, experimental.id]).toEqual([
      'tier-1',
      'tier-2',
      'experimental',
    ]);
    expect(tier1.required.length).toBeGreaterThan(tier2.required.length);
    expect(tier2.required.length).toBeGreaterThan(experimental.required.length);
    expect(experimental.required).toEqual(['workloads', 'metrics']);
  });
});

describe('validateRequirementProfiles', () => {
  it('names the profile and entry of every problem', () => {
    expect(
      validateRequirementProfiles(
        [
          {
            id: 'p1',
            title: 'P1',
            required: ['alpha', 'teleportation', 'layer-7', 'alpha'],
            recommended: ['layer-x'],
            notApplicable: ['alpha'],
          },
          { id: 'p1', title: 'Again', required: [] },
        ],
        tinyModel,
      ),
    ).toEqual([
      "profile 'p1': required entry 'teleportation' is not a capability of the layer model",
      "profile 'p1': required entry 'layer-7' is not a layer of the model (expected layer-N with N one of 0, 1)",
      "profile 'p1': required entry 'alpha' is listed twice",
      "profile 'p1': recommended entry 'layer-x' is not a layer of the model (expected layer-N with N one of 0, 1)",
      "profile 'p1': capability 'alpha' is both required and notApplicable",
      "profile 'p1': duplicate profile id",
    ]);
  });

  it('refuses a profile id longer than the 64 characters the store keeps', () => {
    const id = `tier-${'1'.repeat(60)}`;
    expect(
      validateRequirementProfiles(
        [{ id, title: 'Long', required: [] }],
        tinyModel,
      ),
    ).toEqual([`profile '${id}': id longer than 64 characters`]);
    expect(
      validateRequirementProfiles(
        [{ id: id.slice(1), title: 'Long', required: [] }],
        tinyModel,
      ),
    ).toEqual([]);
  });

  it('allows a capability id to override a layer-N entry', () => {
    const profile = {
      id: 'p',
      title: 'P',
      required: ['layer-0'],
      notApplicable: ['beta'],
    };
    expect(validateRequirementProfiles([profile], tinyModel)).toEqual([]);
    expect(resolveRequirements(profile, tinyModel)).toEqual(
      new Map([
        ['alpha', 'required'],
        ['beta', 'not-applicable'],
      ]),
    );
  });

  it('only recommends an optional capability when a profile requires its whole layer', () => {
    const withOptionalBeta: LayerModel = {
      ...tinyModel,
      layers: tinyModel.layers.map(layer => ({
        ...layer,
        capabilities: layer.capabilities.map(c =>
          c.id === 'beta' ? { ...c, optional: true } : c,
        ),
      })),
    };
    const layerWide = { id: 'p', title: 'P', required: ['layer-0'] };
    expect(resolveRequirements(layerWide, withOptionalBeta)).toEqual(
      new Map([
        ['alpha', 'required'],
        ['beta', 'recommended'],
      ]),
    );
    // Named, it is required like any other capability.
    const named = { id: 'p', title: 'P', required: ['layer-0', 'beta'] };
    expect(resolveRequirements(named, withOptionalBeta).get('beta')).toBe(
      'required',
    );
    // Not optional, the layer entry requires it.
    expect(resolveRequirements(layerWide, tinyModel).get('beta')).toBe(
      'required',
    );
  });

  it('reports layer-N entries that contradict each other', () => {
    expect(
      validateRequirementProfiles(
        [
          {
            id: 'p',
            title: 'P',
            required: ['layer-1'],
            notApplicable: ['layer-1'],
          },
        ],
        tinyModel,
      ),
    ).toEqual([
      "profile 'p': capability 'gamma' is both required and notApplicable",
    ]);
  });
});
