import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { jsonBody } from './jsonBody';

describe('jsonBody', () => {
  const app = express()
    .use(jsonBody())
    .post('/', (req, res) => {
      res.json({ received: req.body });
    })
    .use(mockErrorHandler());

  it('parses a JSON body', async () => {
    const res = await request(app).post('/').send({ a: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: { a: 1 } });
  });

  it('refuses a body that is not JSON as an InputError naming the body', async () => {
    for (const body of ['{"a":', '"text"']) {
      const res = await request(app)
        .post('/')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(
        /^Invalid body: expected a JSON object \(.*JSON/,
      );
    }
  });

  it('keeps the parser’s own answer to a body too large', async () => {
    const res = await request(app)
      .post('/')
      .send({ note: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
  });
});
