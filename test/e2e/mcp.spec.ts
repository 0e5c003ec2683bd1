import { expect, test, type APIRequestContext } from '@playwright/test';
import { backendUrl, guestToken, waitForBackend } from './portal';

/** One JSON-RPC request to the portal's MCP server, as an MCP client sends it. */
async function mcp(
  request: APIRequestContext,
  token: string,
  method: string,
  params: Record<string, unknown> = {},
) {
  const res = await request.post(`${backendUrl}/api/mcp-actions/v1`, {
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json, text/event-stream',
    },
    data: { jsonrpc: '2.0', id: 1, method, params },
  });
  expect(res.status()).toBe(200);
  // The streamable transport answers as server-sent events or plain JSON.
  const text = await res.text();
  const data = text.trimStart().startsWith('{')
    ? text
    : text
        .split('\n')
        .find(line => line.startsWith('data: '))!
        .slice('data: '.length);
  return JSON.parse(data);
}

test('an MCP client finds the runtime stack tools and asks one about a service', async ({
  request,
}) => {
  await waitForBackend(request);
  const token = await guestToken(request);

  const { result: listed } = await mcp(request, token, 'tools/list');
  const tool = (suffix: string) =>
    listed.tools.find((t: { name: string }) => t.name.endsWith(suffix));
  const stackTool = tool('get-service-runtime-stack');
  expect(stackTool).toMatchObject({
    annotations: { readOnlyHint: true, destructiveHint: false },
  });
  expect(tool('get-capability-owners')).toBeDefined();

  const { result } = await mcp(request, token, 'tools/call', {
    name: stackTool.name,
    arguments: { entityRef: 'payments-api' },
  });
  expect(result.isError).toBeFalsy();
  const stack = result.structuredContent;
  expect(stack.entityRef).toBe('component:default/payments-api');
  expect(stack.profile.id).toBe('tier-1');
  // Observed in the example cluster prod-eu-1.
  expect(
    stack.capabilities.find(
      (c: { capability: string }) => c.capability === 'workloads',
    ),
  ).toMatchObject({ status: 'covered', tools: ['deployment'] });

  // The images of cart-service, scanned by prod-eu-1's Trivy Operator.
  const { result: images } = await mcp(request, token, 'tools/call', {
    name: tool('get-service-images').name,
    arguments: { entityRef: 'cart-service' },
  });
  expect(images.isError).toBeFalsy();
  const scanned = images.structuredContent.images.find(
    (i: { reference: string }) =>
      i.reference === 'registry.example.com/checkout/cart-service:2.4.1',
  );
  expect(scanned.scans).toEqual([
    expect.objectContaining({ cluster: 'prod-eu-1', critical: 1, high: 3 }),
  ]);

  // Where a new service would get backups: prod-eu-1's Velero Schedule
  // includes the payments namespace.
  const { result: planned } = await mcp(request, token, 'tools/call', {
    name: tool('get-new-service-coverage-on-cluster').name,
    arguments: { cluster: 'prod-eu-1', namespace: 'payments', name: 'payouts' },
  });
  expect(planned.isError).toBeFalsy();
  expect(planned.structuredContent.gives).toContainEqual(
    expect.objectContaining({ capability: 'data-protection', tool: 'velero' }),
  );

  const { result: refused } = await mcp(request, token, 'tools/call', {
    name: stackTool.name,
    arguments: { entityRef: 'system:payments' },
  });
  expect(refused.isError).toBe(true);
  expect(JSON.stringify(refused.content)).toContain(
    'entityRef: system:default/payments is not a Component',
  );
});
