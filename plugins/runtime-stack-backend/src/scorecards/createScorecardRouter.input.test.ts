import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { migrateToLatest } from '../database/migrations';
import { payApiScorecardApp } from '../__testUtils__/payApiScorecardApp';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/**
 * Input each database takes differently: PostgreSQL refuses a NUL character
 * in text and an integer past a column's range where SQLite stores or
 * compares them, so both must be answered before a query, alike.
 */
describe.each(databases.eachSupportedId())(
  'scorecard and exemption input on %s',
  databaseId => {
    let knex: Knex;
    let app: express.Express;
    const user = mockCredentials.user.header();
    const grant = (body: object) =>
      request(app)
        .post('/exemptions')
        .set('Authorization', user)
        .send({
          scope: { kind: 'component', ref: 'pay-api' },
          capability: 'data-protection',
          reason: 'stateless',
          expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          ...body,
        });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      app = payApiScorecardApp(knex).app;
    });

    it.each([
      ['/scorecards/services?search=%00', /^Invalid query: search: .*NUL/],
      ['/scorecards/services?team=a%00b', /^Invalid query: team: .*NUL/],
      ['/search/services?after=a%00', /^Invalid query: after: .*NUL/],
      ['/exemptions?scopeRef=a%00', /^Invalid query: scopeRef: .*NUL/],
      [
        '/exemptions?scopeRef=ok&scopeRef=a%00',
        /^Invalid query: scopeRef\.1: .*NUL/,
      ],
      ['/scorecards/services?layer=3000000000', /^Invalid query: layer: /],
      // Exemptions are of Components and Systems: another ref matches none.
      [
        '/exemptions?scopeRef=group:default/team-a',
        /^Invalid query: scopeRef: must be a Component or System entity ref/,
      ],
      [
        '/exemptions?scopeRef=pay-api&scopeRef=:',
        /^Invalid query: scopeRef\.1: must be a Component or System entity ref/,
      ],
    ])('refuses %s, naming the field', async (path, message) => {
      const res = await request(app).get(path).set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('refuses a grant with a NUL character, storing nothing', async () => {
      const res = await grant({ reason: 'a\u0000b' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Invalid body: reason: must not contain the NUL character/,
      );
      expect(await knex('coverage_exemptions')).toEqual([]);
    });

    it('refuses a grant that is not JSON, naming the body, storing nothing', async () => {
      const res = await request(app)
        .post('/exemptions')
        .set('Authorization', user)
        .set('Content-Type', 'application/json')
        .send('{"scope": {"kind": "component",');
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(
        /^Invalid body: expected a JSON object/,
      );
      expect(await knex('coverage_exemptions')).toEqual([]);
    });

    it('refuses a requester whose full ref outgrows its column, storing nothing', async () => {
      // 250 characters as sent, 263 as user:default/…
      const res = await grant({ requestedBy: 'a'.repeat(250) });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Invalid requestedBy: as a full entity ref it is 263 characters long/,
      );
      expect(await knex('coverage_exemptions')).toEqual([]);

      const scope = await grant({
        scope: { kind: 'component', ref: 'a'.repeat(250) },
      });
      expect(scope.status).toBe(400);
      expect(scope.body.error.message).toMatch(/^Invalid scope\.ref: /);
    });
  },
);
