import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createDeclareStackAction } from './declareStack';

describe('runtime-stack:stack:declare', () => {
  const action = createDeclareStackAction();

  it('outputs the annotations for valid choices, skipping empty ones', async () => {
    const ctx = createMockActionContext({
      input: {
        tools: {
          metrics: 'prometheus',
          gitops: 'argo-cd',
          'service-mesh': 'none',
          tracing: '',
        },
        requirementProfile: 'tier-2',
      },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('annotations', {
      'runtime-stack.io/tools': 'gitops=argo-cd,metrics=prometheus',
      'runtime-stack.io/requirement-profile': 'tier-2',
    });
    expect(ctx.output).toHaveBeenCalledWith('capabilities', [
      'gitops',
      'metrics',
    ]);
  });

  it('fails naming the input and the unknown tool', async () => {
    const ctx = createMockActionContext({
      input: { tools: { 'service-mesh': 'linkerd2x' } },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /input 'tools': unknown tool 'linkerd2x' for capability 'service-mesh'/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('supports dry runs', () => {
    expect(action.supportsDryRun).toBe(true);
  });
});
