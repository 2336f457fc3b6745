import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemOf, type Method } from '../support/bad-input.js';
import { openCampaign, RUNS, settings, UNKNOWN } from '../support/bad-input-campaign.js';
import { TEST_DB } from '../support/database.js';

/**
 * The bad-input campaign (issue 6, see bad-input.test.ts): requests out of order on records in every
 * state (a meeting being prepared, one in session, one held; polls decided, cancelled and open). Each
 * is refused with a problem in Dutch and English, alone and in random sequences, and none may change
 * the database.
 */

const c = await openCampaign();
const { t, tally } = c;

describe(`requests out of order (${TEST_DB})`, () => {
  type Step = { name: string; method: Method; url: () => string; by?: () => Record<string, string>; payload?: () => object; status: number };
  const steps: Step[] = [
    // A meeting being prepared has not started.
    { name: 'close a meeting that never opened', method: 'POST', url: () => `/meetings/${c.ids.preparing}/close`, status: 409 },
    {
      name: 'open an item before the meeting',
      method: 'PUT',
      url: () => `/meetings/${c.ids.preparing}/current-item`,
      payload: () => ({ itemId: c.ids.firstItem }),
      status: 409,
    },
    {
      name: 'give the floor before the meeting',
      method: 'POST',
      url: () => `/agenda-items/${c.ids.item}/speakers`,
      payload: () => ({ round: 1, name: 'Spreker' }),
      status: 409,
    },
    {
      name: 'decide before the meeting',
      method: 'POST',
      url: () => `/meetings/${c.ids.preparing}/decisions`,
      payload: () => ({ subjects: [{ type: 'agenda-item', id: c.ids.item }], outcome: 'adopted', method: 'acclamation' }),
      status: 409,
    },
    {
      name: 'vote before the meeting',
      method: 'POST',
      url: () => '/polls',
      payload: () => ({ meetingId: c.ids.preparing, subject: { type: 'trial' } }),
      status: 409,
    },
    { name: 'review minutes that do not exist', method: 'POST', url: () => `/meetings/${c.ids.preparing}/minutes/faithful`, status: 409 },
    // A meeting in session.
    { name: 'open a meeting twice', method: 'POST', url: () => `/meetings/${c.ids.live}/open`, status: 409 },
    { name: 'convene a meeting that is in session', method: 'POST', url: () => `/meetings/${c.ids.live}/convocation`, status: 409 },
    { name: 'check out twice', method: 'POST', url: () => `/meetings/${c.ids.live}/check-ins/${c.ids.checkedOut}/check-out`, status: 409 },
    { name: 'check out before checking in', method: 'POST', url: () => `/meetings/${c.ids.live}/check-ins/${UNKNOWN}/check-out`, status: 404 },
    { name: 'revoke a proxy never given', method: 'POST', url: () => `/meetings/${c.ids.live}/proxies/${UNKNOWN}/revoke`, status: 404 },
    {
      name: 'open a second poll while one is open',
      method: 'POST',
      url: () => '/polls',
      payload: () => ({ meetingId: c.ids.live, subject: { type: 'trial' } }),
      status: 409,
    },
    {
      name: 'decide again on a decided item',
      method: 'POST',
      url: () => `/meetings/${c.ids.live}/decisions`,
      payload: () => ({ subjects: [{ type: 'agenda-item', id: c.ids.proposal }], outcome: 'adopted', method: 'acclamation' }),
      status: 409,
    },
    { name: 'read per-member votes of an open poll', method: 'GET', url: () => `/polls/${c.ids.open}/votes`, status: 409 },
    // Polls that have ended.
    { name: 'close a closed poll', method: 'POST', url: () => `/polls/${c.ids.decided}/close`, status: 409 },
    { name: 'cancel a closed poll', method: 'POST', url: () => `/polls/${c.ids.decided}/cancel`, status: 409 },
    { name: 'close a cancelled poll', method: 'POST', url: () => `/polls/${c.ids.cancelled}/close`, status: 409 },
    { name: 'revote a poll that decided', method: 'POST', url: () => `/polls/${c.ids.decided}/reopen`, status: 409 },
    {
      name: 'vote on a closed poll',
      method: 'POST',
      url: () => `/polls/${c.ids.decided}/ballots`,
      by: () => c.utrecht.headers,
      payload: () => ({ memberId: c.ids.member, option: 'against', clientBallotId: randomUUID() }),
      status: 409,
    },
    {
      name: 'vote on a cancelled poll',
      method: 'POST',
      url: () => `/polls/${c.ids.cancelled}/ballots`,
      by: () => c.utrecht.headers,
      payload: () => ({ memberId: c.ids.member, option: 'for', clientBallotId: randomUUID() }),
      status: 409,
    },
    // A meeting that has been held.
    { name: 'reopen a closed meeting', method: 'POST', url: () => `/meetings/${c.ids.closed}/open`, status: 409 },
    { name: 'close a closed meeting', method: 'POST', url: () => `/meetings/${c.ids.closed}/close`, status: 409 },
    {
      name: 'open an item after the meeting',
      method: 'PUT',
      url: () => `/meetings/${c.ids.closed}/current-item`,
      payload: () => ({ itemId: c.ids.closedItem }),
      status: 409,
    },
    {
      name: 'vote after the meeting',
      method: 'POST',
      url: () => '/polls',
      payload: () => ({ meetingId: c.ids.closed, subject: { type: 'trial' } }),
      status: 409,
    },
    {
      name: 'check in after the meeting',
      method: 'POST',
      url: () => `/meetings/${c.ids.closed}/check-ins`,
      by: () => c.utrecht.headers,
      payload: () => ({ memberId: c.ids.member }),
      status: 409,
    },
    {
      name: 'give a proxy after the meeting',
      method: 'POST',
      url: () => `/meetings/${c.ids.closed}/proxies`,
      payload: () => ({ grantorMemberId: c.ids.member, holderPersonId: c.ids.middelburgRep, holderMemberId: c.ids.middelburg }),
      status: 409,
    },
    {
      name: 'file a motion after the meeting',
      method: 'POST',
      url: () => '/motions',
      payload: () => ({ meetingId: c.ids.closed, agendaItemId: c.ids.closedItem, title: 'Te laat', memberIds: [c.ids.member], request: 'Verzoekt iets.' }),
      status: 409,
    },
  ];

  const run = async (step: Step, lang: 'nl' | 'en') => {
    const response = await t.app.inject({
      method: step.method,
      url: `/api/v1${step.url()}`,
      headers: { ...(step.by?.() ?? c.admin), 'accept-language': lang },
      ...(step.payload ? { payload: step.payload() } : {}),
    });
    tally(`out of order → ${response.statusCode}`);
    const problem = problemOf(response, `${step.name} (${lang})`);
    expect(problem.status, step.name).toBe(step.status);
    return problem;
  };

  it.each(steps.map((step) => [step.name, step] as const))('refuses to %s, in Dutch and English', async (_, step) => {
    const [nl, en] = [await run(step, 'nl'), await run(step, 'en')];
    expect(nl.detail).not.toBe(en.detail);
  });

  it('refuses every step of random sequences of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...steps), { minLength: 2, maxLength: 8 }), async (sequence) => {
        for (const step of sequence) await run(step, 'en');
      }),
      settings(RUNS),
    );
  });
});

describe(`after the campaign (${TEST_DB})`, () => {
  it('changed nothing in the database, and the server still answers', () => c.expectUnchanged());
});
