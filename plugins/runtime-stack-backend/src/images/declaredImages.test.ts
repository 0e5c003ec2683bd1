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

  it('skips what the catalog reports as no repository: a tag, a digest, capitals', () => {
    expect(
      declaredImageReferences(
        entity({
          'runtime-stack.io/images': [
            'registry.acme.internal/shop/cart:1.0',
            'registry.acme.internal/shop/Cart',
            'registry.acme.internal/shop/cart@sha256:'.concat('a'.repeat(64)),
            'registry.acme.internal/shop/cart-worker',
          ].join(','),
        }),
      ),
    ).toEqual(['registry.acme.internal/shop/cart-worker']);
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

  it("takes the Harbor plugin's slug as a repository on its configured instance", () => {
    const annotated = entity({
      'goharbor.io/repository-slug': '/tap/workloads/cart/',
    });
    expect(
      declaredImageReferences(annotated, {
        harbor: { defaultHost: 'harbor.acme.internal', instanceHosts: [] },
      }),
    ).toEqual(['harbor.acme.internal/tap/workloads/cart']);
    // Without harbor.baseUrl the slug names no host.
    expect(declaredImageReferences(annotated)).toEqual([]);
    expect(
      declaredImageReferences(
        entity({
          'runtime-stack.io/images': 'harbor.acme.internal/shop/cart',
          'goharbor.io/repository-slug': 'shop/cart',
        }),
        {
          harbor: { defaultHost: 'harbor.acme.internal', instanceHosts: [] },
        },
      ),
    ).toEqual(['harbor.acme.internal/shop/cart']);
  });

  it("reads the Harbor plugin's list of slugs, each on the instance its host names", () => {
    const annotated = entity({
      'goharbor.io/repository-slug':
        'shop/cart, harbor.eu.acme.internal/shop/cart-worker, harbor.gone.internal/x/y',
    });
    const harbor = {
      defaultHost: 'harbor.acme.internal',
      instanceHosts: ['harbor.eu.acme.internal'],
    };
    expect(declaredImageReferences(annotated, { harbor })).toEqual([
      'harbor.acme.internal/shop/cart',
      'harbor.eu.acme.internal/shop/cart-worker',
      // No instance has that host, so it reads as a project on the default one.
      'harbor.acme.internal/harbor.gone.internal/x/y',
    ]);
    // With instances only, a slug without a known host names none.
    expect(
      declaredImageReferences(annotated, {
        harbor: { instanceHosts: ['harbor.eu.acme.internal'] },
      }),
    ).toEqual(['harbor.eu.acme.internal/shop/cart-worker']);
  });

  it('declares nothing without the annotations', () => {
    expect(declaredImageReferences({ metadata: { name: 'cart' } })).toEqual([]);
  });
});
