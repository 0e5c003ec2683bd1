import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import {
  capabilityCount,
  filterLayerModel,
  filterTermsOf,
} from './filterLayerModel';

describe('filterLayerModel', () => {
  it('keeps everything for a blank query', () => {
    expect(filterLayerModel(defaultLayerModel, '  ')).toBe(
      defaultLayerModel.layers,
    );
  });

  it('matches tools case-insensitively and keeps only matching capabilities', () => {
    const layers = filterLayerModel(defaultLayerModel, 'CILIUM');
    expect(layers.map(l => l.id)).toEqual([3]);
    expect(layers[0].capabilities.map(c => c.id)).toEqual(['cni-networking']);
  });

  it('matches capability titles across layers', () => {
    const ids = filterLayerModel(defaultLayerModel, 'argo cd').flatMap(l =>
      l.capabilities.map(c => c.id),
    );
    expect(ids).toEqual(expect.arrayContaining(['ci-cd', 'gitops']));
  });

  it('matches any of comma-separated terms, as the placeholder suggests', () => {
    const ids = filterLayerModel(
      defaultLayerModel,
      'cilium, , CERT-MANAGER',
    ).flatMap(l => l.capabilities.map(c => c.id));
    expect(ids).toEqual(
      expect.arrayContaining(['cni-networking', 'certificate-management']),
    );
    expect(ids).toHaveLength(2);
  });

  it('keeps everything for a query of commas alone', () => {
    expect(filterLayerModel(defaultLayerModel, ' , ,')).toBe(
      defaultLayerModel.layers,
    );
  });

  it('splits a query into lower-cased terms, none for commas and blanks', () => {
    expect(filterTermsOf(' Cilium, ,cert-MANAGER ')).toEqual([
      'cilium',
      'cert-manager',
    ]);
    expect(filterTermsOf(', ,')).toEqual([]);
  });

  it('counts the capabilities left', () => {
    expect(capabilityCount(filterLayerModel(defaultLayerModel, 'cilium'))).toBe(
      1,
    );
  });
});
