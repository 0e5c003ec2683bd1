import { FieldSelectorError, parseFieldSelector } from './fieldSelector';

describe('parseFieldSelector', () => {
  it('matches on name and namespace', () => {
    const selector = parseFieldSelector(
      'metadata.name=web,metadata.namespace==checkout',
    );
    expect(selector.namespace).toBe('checkout');
    expect(selector.matches('checkout', 'web')).toBe(true);
    expect(selector.matches('checkout', 'api')).toBe(false);
    expect(selector.matches('catalog', 'web')).toBe(false);
  });

  it('supports !=', () => {
    const selector = parseFieldSelector('metadata.namespace!=kube-system');
    expect(selector.namespace).toBeUndefined();
    expect(selector.matches('default', 'x')).toBe(true);
    expect(selector.matches('kube-system', 'x')).toBe(false);
  });

  it('rejects other fields, as the fake does not index them', () => {
    expect(() => parseFieldSelector('spec.nodeName=node-1')).toThrow(
      new FieldSelectorError('field label not supported: spec.nodeName'),
    );
    expect(() => parseFieldSelector('metadata.name')).toThrow(
      FieldSelectorError,
    );
  });
});
