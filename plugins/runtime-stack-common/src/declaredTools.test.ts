import {
  findUnknownDeclaredTools,
  formatDeclaredTools,
  parseDeclaredTools,
} from './declaredTools';
import { defaultLayerModel } from './layers/defaultLayerModel';

describe('declared tools annotation', () => {
  it('formats sorted by capability and parses back to the same pairs', () => {
    const text = formatDeclaredTools([
      { capability: 'metrics', tool: 'prometheus' },
      { capability: 'gitops', tool: 'argo-cd' },
    ]);
    expect(text).toBe('gitops=argo-cd,metrics=prometheus');
    expect(parseDeclaredTools(text)).toEqual({
      pairs: [
        { capability: 'gitops', tool: 'argo-cd' },
        { capability: 'metrics', tool: 'prometheus' },
      ],
      problems: [],
    });
  });

  it('tolerates spaces and reports malformed entries without dropping the good ones', () => {
    expect(
      parseDeclaredTools(' gitops = flux, metrics=prometheus,,oops '),
    ).toEqual({
      pairs: [{ capability: 'metrics', tool: 'prometheus' }],
      problems: [
        "'gitops = flux' is not of the form capability=tool",
        "'oops' is not of the form capability=tool",
      ],
    });
  });

  it('names unknown capabilities and tools against the layer model', () => {
    expect(
      findUnknownDeclaredTools(defaultLayerModel, [
        { capability: 'gitops', tool: 'argo-cd' },
        { capability: 'teleportation', tool: 'x' },
        { capability: 'service-mesh', tool: 'linkerd2x' },
      ]),
    ).toEqual([
      "unknown capability 'teleportation'",
      expect.stringMatching(
        /^unknown tool 'linkerd2x' for capability 'service-mesh' \(known: .*linkerd/,
      ),
    ]);
  });
});
