import { describe, expect, it } from 'vitest';
import { problemOf, queryString, type Method, type ProblemCheck } from '../support/bad-input.js';
import { openCampaign } from '../support/bad-input-campaign.js';
import { TEST_DB } from '../support/database.js';

/**
 * The bad-input campaign (issue 6, see bad-input.test.ts): requests the router refuses before any
 * route runs, and text with a NUL character, which PostgreSQL cannot store. None may change the database.
 */

const c = await openCampaign();
const { t, operations, urlOf } = c;

describe(`requests the router refuses (${TEST_DB})`, () => {
  it('answers an undecodable %-escape or an over-long path parameter with a problem', async () => {
    for (const url of [
      `/api/v1/members/%E0%A4%A`,
      '/api/v1/meetings/%/attendance',
      `/api/v1/members/${'a'.repeat(101)}`,
      `/api/v1/polls/${'9'.repeat(5000)}/close`,
    ]) {
      const response = await t.app.inject({ method: url.endsWith('close') ? 'POST' : 'GET', url, headers: { ...c.admin, 'accept-language': 'nl' } });
      problemOf(response, url);
    }
  });

  // Every item is wrong, and AJV (allErrors) reports each: the answer names only the first 50.
  it('answers a body of 300,000 wrong items (just under the 1 MB limit) with a problem naming at most 50 of them', async () => {
    const items = Array.from({ length: 300_000 }, () => '{}').join(',');
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/members/${c.ids.member}/networks`,
      headers: { ...c.admin, 'content-type': 'application/json' },
      payload: `{"networks":[${items}],"effectiveDate":"2024-06-12"}`,
    });
    const problem = problemOf(response, '300,000 items') as ProblemCheck & { errors: unknown[] };
    expect(problem.errors).toHaveLength(50);
    expect(response.body.length).toBeLessThan(20_000);
  });
});

describe(`text with a NUL character, which PostgreSQL cannot store (${TEST_DB})`, () => {
  const NUL = 'a\u0000b';
  const searchable = operations.filter((op) => op.method === 'GET' && op.query.some((p) => p.schema.type === 'string' && !p.schema.format && !p.schema.enum));
  it.each(searchable.map((op) => [op.key, op] as const))('%s: a NUL in a query parameter is no server error', async (_, op) => {
    const query = Object.fromEntries(op.query.filter((p) => p.schema.type === 'string' && !p.schema.format && !p.schema.enum).map((p) => [p.name, NUL]));
    const response = await t.app.inject({ url: `${urlOf(op)}${queryString(query)}`, headers: c.admin });
    expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
    if (response.statusCode >= 400) problemOf(response, op.key);
  });

  const writes: [string, Method, () => string, () => object][] = [
    ['a meeting title', 'POST', () => '/meetings', () => ({ kind: 'alv', title: NUL, date: '2024-06-12' })],
    ['a changed meeting location', 'PATCH', () => `/meetings/${c.ids.preparing}`, () => ({ location: NUL })],
    ['an agenda item', 'POST', () => `/meetings/${c.ids.preparing}/agenda-items`, () => ({ title: NUL, purpose: 'decision' })],
    ["a person's name", 'POST', () => '/people', () => ({ name: NUL, email: 'nul@example.org' })],
    ['a changed name', 'PATCH', () => `/people/${c.ids.person}`, () => ({ name: NUL })],
    [
      'a motion',
      'POST',
      () => '/motions',
      () => ({ meetingId: c.ids.preparing, agendaItemId: c.ids.item, title: 'Motie', memberIds: [c.ids.member], request: NUL }),
    ],
    ['minutes', 'POST', () => `/meetings/${c.ids.preparing}/minutes/versions`, () => ({ body: NUL })],
  ];
  it.each(writes)('refuses %s with a NUL character as a 400 problem', async (_, method, url, payload) => {
    const response = await t.app.inject({ method, url: `/api/v1${url()}`, headers: { ...c.admin, 'accept-language': 'nl' }, payload: payload() });
    expect(problemOf(response, url())).toMatchObject({ status: 400, type: '/problems/invalid-characters', title: 'Ongeldige tekens' });
  });
});

describe(`after the campaign (${TEST_DB})`, () => {
  it('changed nothing in the database, and the server still answers', () => c.expectUnchanged());
});
