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

  it('tolerates spaces around = and , and reports malformed entries without dropping the good ones', () => {
    expect(
      parseDeclaredTools(
        ' gitops = flux, metrics =prometheus,,oops, tracing=, =jaeger, a=b=c ',
      ),
    ).toEqual({
      pairs: [
        { capability: 'gitops', tool: 'flux' },
        { capability: 'metrics', tool: 'prometheus' },
      ],
      problems: [
        "'oops' is not of the form capability=tool",
        "'tracing=' is not of the form capability=tool",
        "'=jaeger' is not of the form capability=tool",
        "'a=b=c' is not of the form capability=tool",
      ],
    });
  });

  it('says that ids are lower case rather than that the entry is malformed', () => {
    expect(
      parseDeclaredTools('Metrics = Prometheus,gitops=Argo-CD,logging=loki'),
    ).toEqual({
      pairs: [{ capability: 'logging', tool: 'loki' }],
      problems: [
        "'Metrics = Prometheus': tool and capability ids are lower case, as in metrics=prometheus",
        "'gitops=Argo-CD': tool and capability ids are lower case, as in gitops=argo-cd",
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
