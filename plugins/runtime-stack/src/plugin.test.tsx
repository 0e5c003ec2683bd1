import { renderTestApp } from '@backstage/frontend-test-utils';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { screen } from '@testing-library/react';
import { runtimeStackApiRef } from './api';
import { runtimeStackPlugin } from './plugin';

describe('runtime-stack frontend plugin', () => {
  it('serves the layer model page at /runtime-stack', async () => {
    renderTestApp({
      features: [runtimeStackPlugin],
      initialRouteEntries: ['/runtime-stack'],
      apis: [
        [runtimeStackApiRef, { getLayerModel: async () => defaultLayerModel }],
      ],
    });
    expect(
      await screen.findByText('Layer 0 · Platform & external services'),
    ).toBeInTheDocument();
  });
});
