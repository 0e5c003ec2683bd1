import type { Entity } from '@backstage/catalog-model';
import { declaredEvidence } from './declaredEvidence';
import { mergeDeclaredStacks, readDeclaredStack } from './declaredStack';
import { defaultLayerModel } from './layers/defaultLayerModel';

const entity = (kind: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'web', annotations },
});

const declaredOf = (component: Entity, system?: Entity) =>
  declaredEvidence(
    mergeDeclaredStacks(
      readDeclaredStack(component, defaultLayerModel),
      system && readDeclaredStack(system, defaultLayerModel),
    ),
  );

describe('declaredEvidence', () => {
  it('claims each declared tool and each tool an ecosystem annotation implies, at full strength', () => {
    const evidence = declaredOf(
      entity('Component', {
        'runtime-stack.io/tools': 'gitops=argo-cd,metrics=prometheus',
        'github.com/project-slug': 'acme/web',
      }),
      entity('System', { 'runtime-stack.io/tools': 'logging=loki' }),
    );
    expect(evidence).toEqual([
      expect.objectContaining({
        source: 'declared',
        capability: 'gitops',
        tool: 'argo-cd',
        strength: 'full',
        detail: 'declared in runtime-stack.io/tools',
      }),
      expect.objectContaining({ capability: 'metrics', tool: 'prometheus' }),
      expect.objectContaining({
        capability: 'logging',
        tool: 'loki',
        detail: 'declared in runtime-stack.io/tools of its System',
      }),
      {
        source: 'declared',
        capability: 'source-control',
        tool: 'github',
        detail: 'github.com/project-slug: acme/web',
        strength: 'full',
      },
    ]);
  });

  it('claims nothing for annotations that name no tool, or one the layer model lacks', () => {
    expect(
      declaredOf(
        entity('Component', {
          'runtime-stack.io/tools': 'gitops=argo-cdx',
          'runtime-stack.io/images': 'registry.acme.internal/web',
          'prometheus.io/rule': 'web_error_rate',
        }),
      ),
    ).toEqual([]);
  });
});
