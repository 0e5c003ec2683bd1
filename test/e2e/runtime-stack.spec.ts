import { expect, test } from '@playwright/test';
import {
  backendUrl,
  coverageFigure,
  expectAfterReloads,
  guestToken,
  navigateInApp,
  signInAsGuest,
  waitForBackend,
} from './portal';

test.beforeAll(async ({ request }) => {
  await waitForBackend(request);
});

// @smoke: what `bash scripts/portal.sh smoke` checks on the development portal.
test.describe('runtime-stack API with a real token', { tag: '@smoke' }, () => {
  test('serves layers 0 to 6 to the signed-in guest and 401 without a token', async ({
    request,
  }) => {
    const token = await guestToken(request);
    const res = await request.get(`${backendUrl}/api/runtime-stack/layers`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status()).toBe(200);
    const model = await res.json();
    expect(model.layers.map((l: { id: number }) => l.id)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);

    const anonymous = await request.get(
      `${backendUrl}/api/runtime-stack/layers`,
    );
    expect(anonymous.status()).toBe(401);
  });

  test('the catalog holds the example estate', async ({ request }) => {
    const token = await guestToken(request);
    const res = await request.get(
      `${backendUrl}/api/catalog/entities?filter=kind=component`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(res.status()).toBe(200);
    const names = (await res.json()).map(
      (e: { metadata: { name: string } }) => e.metadata.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'payments-api',
        'checkout-web',
        'platform-ingress-gateway',
      ]),
    );
    expect(names.length).toBeGreaterThanOrEqual(8);
  });
});

test.describe('the app', () => {
  test('/catalog leads to the catalog, which the example serves at /, and entity pages stay put', async ({
    page,
  }) => {
    await signInAsGuest(page, '/catalog?filters%5Bkind%5D=system');
    await page.waitForURL(url => url.pathname === '/');
    expect(new URL(page.url()).searchParams.get('filters[kind]')).toBe(
      'system',
    );
    await expect(page.getByText(/Systems \(\d+\)/)).toBeVisible();
    await navigateInApp(page, '/catalog/default/component/payments-api');
    await expect(
      page.getByRole('heading', { name: 'Payments API' }),
    ).toBeVisible();
  });
});

test.describe('cluster state from the fake clusters', () => {
  test('both example clusters are collected, with their platform detected', async ({
    request,
  }) => {
    const token = await guestToken(request);
    const headers = { Authorization: `Bearer ${token}` };
    await expect
      .poll(
        async () => {
          const res = await request.get(
            `${backendUrl}/api/runtime-stack/clusters`,
            { headers },
          );
          const { items } = await res.json();
          return items
            .filter((c: { lastSuccessAt?: string }) => c.lastSuccessAt)
            .map((c: { name: string }) => c.name);
        },
        { timeout: 60_000 },
      )
      .toEqual(['prod-eu-1', 'prod-us-1']);

    const { items } = await (
      await request.get(`${backendUrl}/api/runtime-stack/clusters`, {
        headers,
      })
    ).json();
    const tools = (name: string) =>
      items
        .find((c: { name: string }) => c.name === name)
        .platformTools.map((t: { tool: string }) => t.tool);
    // Both run on AWS, as their Nodes' providerID says.
    expect(tools('prod-eu-1')).toEqual(
      expect.arrayContaining(['aws', 'cilium', 'cert-manager', 'argo-cd']),
    );
    expect(tools('prod-us-1')).toEqual(
      expect.arrayContaining(['aws', 'calico', 'linkerd', 'flux']),
    );

    const entity = await request.get(
      `${backendUrl}/api/runtime-stack/entities/component/default/payments-api/clusters`,
      { headers },
    );
    expect(entity.status()).toBe(200);
    const body = await entity.json();
    expect(body.clusters.map((c: { cluster: string }) => c.cluster)).toEqual([
      'prod-eu-1',
    ]);
    expect(body.clusters[0].workloads).toContainEqual(
      expect.objectContaining({ kind: 'Deployment', name: 'payments-api' }),
    );
  });

  test('the Runtime Stack page lists the clusters and what runs on them', async ({
    page,
  }) => {
    await signInAsGuest(page, '/runtime-stack');
    const clusters = page.getByRole('table', { name: 'Collected clusters' });
    // The page reads what the collector stored; until the first run it says so.
    await expectAfterReloads(page, clusters.getByText('Cilium'), {
      timeout: 60_000,
    });
    await expect(clusters.getByText('prod-eu-1')).toBeVisible();
    await expect(clusters.getByText('Calico')).toBeVisible();
    await page.screenshot({ path: 'test/output/runtime-stack-clusters.png' });
  });
});

test.describe('registry images on the example estate', () => {
  test('payments-api runs an image whose tag moved and has a newer version', async ({
    request,
  }) => {
    const token = await guestToken(request);
    const url = `${backendUrl}/api/runtime-stack/entities/component/default/payments-api/images`;
    const headers = { Authorization: `Bearer ${token}` };
    // The registry is read on the scheduler, after the clusters.
    await expect
      .poll(
        async () => {
          const { images } = await (await request.get(url, { headers })).json();
          const api = images.find(
            (i: {
              registry?: string;
              repository?: string;
              declared: boolean;
            }) =>
              i.registry === 'registry.example.com' &&
              i.repository === 'payments/payments-api' &&
              i.declared,
          );
          return (api?.drift ?? []).map((d: { kind: string }) => d.kind);
        },
        { timeout: 90_000 },
      )
      .toEqual(expect.arrayContaining(['digest-mismatch', 'newer-tag']));
  });

  test('every service reads its images from the registry; drift shows where the example sets it up', async ({
    request,
  }) => {
    const token = await guestToken(request);
    const headers = { Authorization: `Bearer ${token}` };
    // The drift of each running image, by repository:tag.
    const expected: Record<string, string[]> = {
      'payments/payments-api:1.14.2': ['digest-mismatch', 'newer-tag'],
      'payments/payments-ledger:3.2.0': ['newer-tag', 'too-old'],
      'payments/fraud-scoring:0.9.7': [],
      'checkout/checkout-web:4.7.0': [],
      'checkout/checkout-api:2.11.4': ['newer-tag'],
      'checkout/cart-service:2.4.0': ['newer-tag'],
      'checkout/cart-service:2.4.1': [],
      'checkout/order-history:1.8.0': ['too-old'],
      'catalog/catalog-api:5.0.3': [],
      'catalog/search-indexer:2.1.0': [],
      'catalog/image-resizer:1.3.5': [],
      'catalog/catalog-admin-web:1.2.0': [],
    };
    const services = [
      'payments-api',
      'payments-ledger',
      'fraud-scoring',
      'checkout-web',
      'checkout-api',
      'cart-service',
      'order-history',
      'catalog-api',
      'search-indexer',
      'image-resizer',
      'catalog-admin-web',
    ];
    type Image = {
      registry?: string;
      repository?: string;
      tag?: string;
      registryConfigured: boolean;
      checkedAt?: string;
      lastError?: string;
      running: unknown[];
      drift: Array<{ kind: string }>;
      scans?: Array<{ cluster: string; counts: Record<string, number> }>;
    };
    const read = async () => {
      const images: Image[] = [];
      for (const name of services) {
        const url = `${backendUrl}/api/runtime-stack/entities/component/default/${name}/images`;
        images.push(
          ...(await (await request.get(url, { headers })).json()).images,
        );
      }
      return images.filter(i => i.registryConfigured);
    };
    // Every configured repository has been read, none failed.
    await expect
      .poll(async () => (await read()).filter(i => !i.checkedAt).length, {
        timeout: 90_000,
      })
      .toBe(0);
    const images = await read();
    expect(images.filter(i => i.lastError).map(i => i.lastError)).toEqual([]);
    const drift = Object.fromEntries(
      images
        .filter(i => i.running.length > 0)
        .map(i => [
          `${i.repository}:${i.tag}`,
          i.drift.map(d => d.kind).sort(),
        ]),
    );
    expect(drift).toEqual(expected);
    // prod-eu-1's Trivy Operator scans payments and checkout; prod-us-1
    // (cart-service 2.4.0) has no scanner.
    const scanned = Object.fromEntries(
      images
        .filter(i => i.scans && i.scans.length > 0)
        .map(i => [
          `${i.repository}:${i.tag}`,
          i.scans!.map(
            scan =>
              `${scan.cluster}: ${scan.counts.critical} critical, ${scan.counts.high} high`,
          ),
        ]),
    );
    expect(scanned).toEqual({
      'payments/payments-api:1.14.2': ['prod-eu-1: 0 critical, 1 high'],
      'payments/payments-ledger:3.2.0': ['prod-eu-1: 0 critical, 0 high'],
      'checkout/cart-service:2.4.1': ['prod-eu-1: 1 critical, 3 high'],
    });
  });
});

test.describe('observability on the example estate', () => {
  test('payments-api shows its firing alert, its dashboards and its log links', async ({
    request,
  }) => {
    const token = await guestToken(request);
    const url = `${backendUrl}/api/runtime-stack/entities/component/default/payments-api/observability`;
    const headers = { Authorization: `Bearer ${token}` };
    // Prometheus evaluates the example rules a few seconds after it starts.
    await expect
      .poll(
        async () =>
          (
            await (await request.get(url, { headers })).json()
          ).alerts.map((a: { name: string }) => a.name),
        { timeout: 60_000 },
      )
      .toContain('PaymentsApiHighErrorRate');
    const body = await (await request.get(url, { headers })).json();
    expect(body.errors).toEqual([]);
    expect(body.dashboards.length).toBeGreaterThan(0);
    expect(body.links).toContainEqual(
      expect.objectContaining({
        title: 'Logs',
        url: expect.stringContaining('var-namespace=payments'),
        cluster: 'prod-eu-1',
      }),
    );
  });
});

test.describe('ownership and declared stack on the example estate', () => {
  test('effective ownership comes from the organisation defaults in app-config', async ({
    request,
  }) => {
    const token = await guestToken(request);
    const res = await request.get(
      `${backendUrl}/api/runtime-stack/entities/component/default/payments-api/ownership`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(res.status()).toBe(200);
    const body = await res.json();
    const owners = (capability: string) =>
      body.capabilities.find(
        (c: { capability: string }) => c.capability === capability,
      ).owners;
    expect(owners('cni-networking')[0]).toMatchObject({
      owner: 'group:default/platform-team',
      inheritedFrom: { kind: 'organization', source: 'config' },
    });
    expect(owners('policy')[0].owner).toBe('group:default/security-team');
    expect(owners('source-control')[0]).toMatchObject({
      owner: 'group:default/platform-team',
      link: 'https://runbooks.acme.internal/delivery',
    });
  });

  test('a typo in an annotation shows in the catalog and the service stays listed', async ({
    request,
  }) => {
    const token = await guestToken(request);
    const headers = { Authorization: `Bearer ${token}` };
    const entityUrl = `${backendUrl}/api/catalog/entities/by-name/component/default/payments-ledger`;
    // The catalog processes asynchronously after start-up.
    await expect
      .poll(
        async () => {
          const entity = await (
            await request.get(entityUrl, { headers })
          ).json();
          return (entity.status?.items ?? [])
            .map((i: { error?: { message: string } }) => i.error?.message ?? '')
            .join('\n');
        },
        { timeout: 60_000 },
      )
      .toMatch(/linkerd2x/);

    const declared = await request.get(
      `${backendUrl}/api/runtime-stack/entities/component/default/payments-ledger/declared-stack`,
      { headers },
    );
    expect((await declared.json()).problems).toContainEqual(
      expect.objectContaining({ annotation: 'runtime-stack.io/tools' }),
    );
  });
});

test('the catalog entity page shows the annotation problem', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/payments-ledger');
  await expect(page.getByText(/linkerd2x/).first()).toBeVisible();
  await page.screenshot({
    path: 'test/output/payments-ledger-annotation-error.png',
  });
});

test.describe('runtime-stack page', () => {
  test(
    'renders every layer, filters, and is in the sidebar',
    {
      tag: '@smoke',
    },
    async ({ page }) => {
      await signInAsGuest(page);
      await page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Runtime Stack', exact: true })
        .click();
      await expect(page).toHaveURL(/\/runtime-stack$/);

      await expect(page.getByText('Layer 6 · Application')).toBeVisible();
      await expect(
        page.getByText('Layer 0 · Platform & external services'),
      ).toBeVisible();
      await expect(page.getByText(/^Layer \d · /)).toHaveCount(7);
      await expect(
        page
          .getByRole('table', { name: 'Capabilities of layer 3' })
          .getByText('Cilium'),
      ).toBeVisible();
      await page.screenshot({
        path: 'test/output/runtime-stack-page.png',
        fullPage: true,
      });

      await page
        .getByLabel('Filter by capability or tool')
        .fill('cert-manager');
      await expect(page.getByText(/^Layer \d · /)).toHaveCount(1);
      await expect(
        page.getByText('Layer 4 · Security, delivery & observability'),
      ).toBeVisible();
      await page.screenshot({ path: 'test/output/runtime-stack-filtered.png' });
    },
  );

  test('the Runtime stack tab shows workloads, image drift and alerts of a service', async ({
    page,
  }) => {
    await signInAsGuest(
      page,
      '/catalog/default/component/payments-api/runtime-stack',
    );
    await expect(
      page.getByRole('table', { name: 'Workloads on prod-eu-1' }),
    ).toBeVisible({ timeout: 30_000 });
    // Linked into the cluster's dashboard by the Kubernetes plugin's formatter.
    await expect(
      page
        .getByRole('table', { name: 'Workloads on prod-eu-1' })
        .getByRole('link', { name: /^Deployment payments-api/ }),
    ).toHaveAttribute(
      'href',
      /^https:\/\/dashboards\.acme\.internal\/.*#\/deployment\/payments\/payments-api\?namespace=payments$/,
    );
    await expect(
      page.getByRole('table', { name: 'Images' }).getByText('newer tag'),
    ).toBeVisible({ timeout: 30_000 });
    await expect(
      page
        .getByRole('table', { name: 'Images' })
        .getByText(
          /^Trivy 0\.52\.0, .+ ago: 0 critical · 1 high · 4 medium · 12 low$/,
        ),
    ).toBeVisible();
    await expect(
      page
        .getByRole('list', { name: 'Alerts' })
        .getByText(/^PaymentsApiHighErrorRate/),
    ).toBeVisible({
      timeout: 30_000,
    });
    await expect(coverageFigure(page, 'Overall coverage')).toHaveText(/^\d+%$/);
    await expect(
      page.getByRole('table', { name: 'Coverage by layer' }),
    ).toBeVisible();
    await page.screenshot({
      path: 'test/output/payments-api-runtime-stack-tab.png',
      fullPage: true,
    });
  });

  test('a service page offers the Kubernetes tab', async ({ page }) => {
    await signInAsGuest(page, '/catalog/default/component/payments-api');
    await expect(
      page.getByRole('heading', { name: 'Payments API' }),
    ).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Kubernetes' })
      .click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/payments-api\/kubernetes$/,
    );
    // The Kubernetes plugin reads the same fake cluster the collector does,
    // without an error: the fake serves every kind it asks for.
    await expect(page.getByText('3 pods')).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByText('There was a problem retrieving Kubernetes objects'),
    ).toHaveCount(0);
    await page.screenshot({
      path: 'test/output/payments-api-kubernetes-tab.png',
    });
  });
});
