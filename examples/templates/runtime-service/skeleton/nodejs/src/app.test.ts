import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp } from './app.js';

describe('app', () => {
  const app = createApp();
  let base = '';

  before(async () => {
    await new Promise<void>(resolve => app.server.listen(0, resolve));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  after(() => {
    app.server.close();
  });

  it('is live at once and ready when told', async () => {
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 503);
    app.setReady(true);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
  });

  it('counts requests in /metrics', async () => {
    await fetch(`${base}/`);
    await fetch(`${base}/missing`);
    const text = await (await fetch(`${base}/metrics`)).text();
    assert.match(
      text,
      /http_requests_total\{method="GET",route="\/",code="200"\} 1/,
    );
    assert.match(
      text,
      /http_requests_total\{method="GET",route="other",code="404"\} 1/,
    );
    assert.match(text, /http_request_duration_seconds_bucket\{.*le="\+Inf"\}/);
  });

  it('leaves probes and scrapes out of /metrics', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      await fetch(`${base}${path}`);
    }
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const route of ['/healthz', '/readyz', '/metrics']) {
      assert.doesNotMatch(text, new RegExp(`route="${route}"`));
    }
  });
});
