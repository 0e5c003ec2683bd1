import { declaredImageReferences } from './declaredImages';

const entity = (annotations: Record<string, string>) => ({
  metadata: { name: 'cart', annotations },
});

describe('declaredImageReferences', () => {
  it('reads runtime-stack.io/images, trimmed and without blanks', () => {
    expect(
      declaredImageReferences(
        entity({
          'runtime-stack.io/images':
            ' registry.acme.internal/shop/cart , ,ghcr.io/acme/cart-worker',
        }),
      ),
    ).toEqual(['registry.acme.internal/shop/cart', 'ghcr.io/acme/cart-worker']);
  });

  it("takes the Quay plugin's repository slug as a repository on quay.io", () => {
    expect(
      declaredImageReferences(
        entity({
          'runtime-stack.io/images': 'quay.io/acme/cart',
          'quay.io/repository-slug': 'acme/cart',
          'goharbor.io/repository-slug': 'shop/cart',
        }),
      ),
    ).toEqual(['quay.io/acme/cart']);
    expect(
      declaredImageReferences(
        entity({ 'quay.io/repository-slug': 'acme/cart-worker' }),
      ),
    ).toEqual(['quay.io/acme/cart-worker']);
  });

  it('declares nothing without the annotations', () => {
    expect(declaredImageReferences({ metadata: { name: 'cart' } })).toEqual([]);
  });
});
