import { http, HttpResponse } from 'msw';
import { baseUrl } from './runtimeStackClient';

/**
 * `POST /ownership/check` allowing every record, for tests about something
 * else than the up-front check of an owner without a stored record.
 */
export const allowingOwnershipChecks = () =>
  http.post(`${baseUrl}/ownership/check`, async ({ request }) => {
    const { records } = (await request.json()) as { records: unknown[] };
    return HttpResponse.json({
      results: records.map(record => ({ record, allowed: true })),
    });
  });
