import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { registryToolOfHost } from './registryTools';

const registry = (host: string, tool?: string) => ({
  host,
  insecure: false,
  ...(tool ? { tool } : {}),
});

describe('registryToolOfHost', () => {
  it("takes a configured registry's tool, else the well-known host's", () => {
    const toolOf = registryToolOfHost(
      [registry('registry.acme.internal', 'harbor'), registry('ghcr.io')],
      defaultLayerModel,
    );
    expect(toolOf('registry.acme.internal')).toBe('harbor');
    expect(toolOf('Registry.Acme.Internal')).toBe('harbor');
    expect(toolOf('ghcr.io')).toBe('github-container-registry');
    expect(toolOf('cr.l5d.io')).toBeUndefined();
  });

  it('refuses a tool the layer model does not list for container-registry, naming the field', () => {
    expect(() =>
      registryToolOfHost(
        [registry('registry.acme.internal'), registry('cr.acme.io', 'argo-cd')],
        defaultLayerModel,
      ),
    ).toThrow(
      /^Invalid runtimeStack\.images\.registries\[1\]\.tool 'argo-cd': not a container-registry tool of the layer model \(one of docker-hub, github-container-registry, /,
    );
  });
});
