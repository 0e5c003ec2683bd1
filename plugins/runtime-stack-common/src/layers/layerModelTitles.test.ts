import { defaultLayerModel } from './defaultLayerModel';
import { layerModelTitlesOf } from './layerModelTitles';

describe('layerModelTitlesOf', () => {
  it('names capabilities and tools by their titles, and unknown ids by the id', () => {
    const titles = layerModelTitlesOf(defaultLayerModel);
    expect(titles.capabilityTitleOf('gitops')).toBe('GitOps');
    expect(titles.toolTitleOf('argo-cd')).toBe('Argo CD');
    expect(titles.capabilityTitleOf('chaos-engineering')).toBe(
      'chaos-engineering',
    );
    expect(titles.toolTitleOf('homegrown-mesh')).toBe('homegrown-mesh');
  });

  it('names everything by its id until there is a model', () => {
    const titles = layerModelTitlesOf(undefined);
    expect(titles.capabilityTitleOf('gitops')).toBe('gitops');
    expect(titles.toolTitleOf('argo-cd')).toBe('argo-cd');
  });
});
