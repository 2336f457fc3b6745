import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { addProfileVersion } from '../../src/profile/store.js';
import { vngProfile } from '../../src/profile/vng.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Submitting a motion together needs consent: a member becomes co-submitter only when the first
 * submitter invites it (and it accepts) or adds it; a co-submitter cannot hold or withdraw someone
 * else's motion, and leaving takes only their own name off. Under 'all-submitters' a hold or
 * withdrawal waits until every submitter has agreed. A withdrawn motion is not voted on.
 */
type Name = 'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam';
let t: TestApp;
let m: Record<Name, string>;
const reps = {} as Record<Name, SignedIn>;
let staff: AuthHeaders;
let chair: AuthHeaders;
/** Under the VNG profile: the first submitter holds or withdraws. */
let meetingId: string;
let itemId: string;
/** After a profile change: all submitters together. */
let laterMeetingId: string;
let laterItemId: string;

beforeAll(async () => {
  t = await createTestApp({ profileFrom: null });
  const db = t.database.db;
  const actor = systemActor('test');
  await addProfileVersion(db, actor, { effectiveFrom: '2015-01-01', reason: 'VNG', document: vngProfile }, '2015-01-01');
  await addProfileVersion(
    db,
    actor,
    { effectiveFrom: '2025-01-01', reason: 'indieners samen', document: { ...vngProfile, motions: { holdWithdrawBy: 'all-submitters', source: 'test' } } },
    '2025-01-01',
  );
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  for (const name of Object.keys(m) as Name[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  itemId = (await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title: 'Jeugdzorg', purpose: 'decision', decisionText: 'De ALV stemt in.' })).id;
  laterMeetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV 2025', date: '2025-06-12' })).id;
  laterItemId = (await ok('POST', `/meetings/${laterMeetingId}/agenda-items`, staff, { title: 'Wonen', purpose: 'discussion' })).id;
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: AuthHeaders | Record<string, never> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST' | 'DELETE', url: string, headers: AuthHeaders, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const status = async (method: 'GET' | 'POST' | 'DELETE', url: string, as: Name | AuthHeaders, payload?: object) =>
  (await api(method, url, typeof as === 'string' ? reps[as].headers : as, payload)).statusCode;

async function fileMotion(by: Name, title: string, meeting = meetingId, item = itemId): Promise<string> {
  return (
    await ok('POST', '/motions', reps[by].headers, {
      meetingId: meeting,
      agendaItemId: item,
      title,
      memberIds: [m[by]],
      request: `Verzoekt het bestuur: ${title}.`,
    })
  ).id;
}
const motion = (id: string) => ok('GET', `/motions/${id}`, staff);
const submitterNames = async (id: string) => (await motion(id)).submitters.map((s: { memberName: string }) => s.memberName);
const audited = async (action: string, id: string) =>
  (await t.database.db.selectFrom('audit_log').select('data').where('action', '=', action).execute()).filter((r) => (r.data as { id?: string }).id === id)
    .length;

describe(`co-submitting a motion only with consent (${TEST_DB})`, () => {
  it('refuses a representative who joins another member’s motion without the first submitter’s consent', async () => {
    const id = await fileMotion('Utrecht', 'Tekorten jeugdzorg');
    expect(await status('POST', `/motions/${id}/co-submitters`, 'Groningen', { memberId: m.Groningen })).toBe(403);
    // Nor can they invite themselves, or accept an invitation nobody sent.
    expect(await status('POST', `/motions/${id}/invitations`, 'Groningen', { memberId: m.Groningen })).toBe(403);
    expect(await status('POST', `/motions/${id}/invitations/${m.Groningen}/accept`, 'Groningen')).toBe(404);
    expect(await submitterNames(id)).toEqual(['Utrecht']);
    expect((await motion(id)).invitations).toEqual([]);

    // The same holds for an amendment.
    const amendment = (
      await ok('POST', '/amendments', reps.Utrecht.headers, {
        meetingId,
        agendaItemId: itemId,
        title: 'Anders',
        memberIds: [m.Utrecht],
        proposedText: 'De ALV stemt niet in.',
      })
    ).id;
    expect(await status('POST', `/amendments/${amendment}/co-submitters`, 'Groningen', { memberId: m.Groningen })).toBe(403);
    expect((await ok('GET', `/amendments/${amendment}`, staff)).submitters.map((s: { memberName: string }) => s.memberName)).toEqual(['Utrecht']);

    // The first submitter may add a member directly; a co-submitter cannot bring in others.
    await ok('POST', `/motions/${id}/co-submitters`, reps.Utrecht.headers, { memberId: m.Groningen });
    expect(await status('POST', `/motions/${id}/co-submitters`, 'Groningen', { memberId: m.Middelburg })).toBe(403);
    expect(await status('POST', `/motions/${id}/invitations`, 'Groningen', { memberId: m.Middelburg })).toBe(403);
    expect(await submitterNames(id)).toEqual(['Utrecht', 'Groningen']);
    expect(await audited('motion.co-submitter-added', id)).toBe(1);
  });

  it('lets the invited member accept or decline, and the first submitter cancel an invitation', async () => {
    const id = await fileMotion('Utrecht', 'Woningbouw');
    for (const name of ['Groningen', 'Middelburg', 'Amsterdam'] as const)
      await ok('POST', `/motions/${id}/invitations`, reps.Utrecht.headers, { memberId: m[name] });
    expect(await status('POST', `/motions/${id}/invitations`, 'Utrecht', { memberId: m.Groningen })).toBe(409);
    expect((await motion(id)).invitations.map((i: { memberName: string }) => i.memberName).sort()).toEqual(['Amsterdam', 'Groningen', 'Middelburg']);
    // Invited, but not yet a submitter.
    expect(await submitterNames(id)).toEqual(['Utrecht']);

    // Only the invited member answers: not another member, not the first submitter, not staff.
    expect(await status('POST', `/motions/${id}/invitations/${m.Groningen}/accept`, 'Middelburg')).toBe(403);
    expect(await status('POST', `/motions/${id}/invitations/${m.Groningen}/accept`, 'Utrecht')).toBe(403);
    expect(await status('POST', `/motions/${id}/invitations/${m.Groningen}/accept`, staff)).toBe(403);
    await ok('POST', `/motions/${id}/invitations/${m.Groningen}/accept`, reps.Groningen.headers);
    await ok('POST', `/motions/${id}/invitations/${m.Middelburg}/decline`, reps.Middelburg.headers);
    // Only the first submitter cancels.
    expect(await status('DELETE', `/motions/${id}/invitations/${m.Amsterdam}`, 'Groningen')).toBe(403);
    await ok('DELETE', `/motions/${id}/invitations/${m.Amsterdam}`, reps.Utrecht.headers);
    expect(await status('POST', `/motions/${id}/invitations/${m.Amsterdam}/accept`, 'Amsterdam')).toBe(404);
    expect(await status('POST', `/motions/${id}/invitations/${m.Middelburg}/accept`, 'Middelburg')).toBe(404);

    const now = await motion(id);
    expect(now.submitters.map((s: { memberName: string; coSubmitter: boolean; first: boolean }) => `${s.memberName}:${s.first}:${s.coSubmitter}`)).toEqual([
      'Utrecht:true:false',
      'Groningen:false:true',
    ]);
    expect(now.invitations).toEqual([]);
    for (const action of ['motion.co-submitter-invited', 'motion.invitation-accepted', 'motion.invitation-declined', 'motion.invitation-cancelled']) {
      expect(await audited(action, id), action).toBeGreaterThan(0);
    }
  });

  it('keeps a co-submitter from holding or withdrawing someone else’s motion', async () => {
    const id = await fileMotion('Utrecht', 'Bouwgrond');
    await ok('POST', `/motions/${id}/co-submitters`, reps.Utrecht.headers, { memberId: m.Groningen });
    const refused = await api('POST', `/motions/${id}/withdraw`, { ...reps.Groningen.headers, 'accept-language': 'nl' } as AuthHeaders);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/eerste indiener/);
    expect(await status('POST', `/motions/${id}/hold`, 'Groningen')).toBe(403);
    expect(await status('POST', `/motions/${id}/withdraw`, 'Middelburg')).toBe(403);
    expect((await motion(id)).status).toBe('filed');
    // The first submitter does it alone under the VNG profile.
    const decision = await ok('POST', `/motions/${id}/withdraw`, reps.Utrecht.headers);
    expect(decision.outcome).toBe('withdrawn');
    expect((await motion(id)).status).toBe('withdrawn');
  });

  it('takes off only their own name when a co-submitter leaves', async () => {
    const id = await fileMotion('Utrecht', 'Statushouders');
    for (const name of ['Groningen', 'Middelburg'] as const) await ok('POST', `/motions/${id}/co-submitters`, reps.Utrecht.headers, { memberId: m[name] });
    expect(await status('DELETE', `/motions/${id}/co-submitters/${m.Middelburg}`, 'Groningen')).toBe(403);
    expect(await status('DELETE', `/motions/${id}/co-submitters/${m.Utrecht}`, 'Groningen')).toBe(409);
    await ok('DELETE', `/motions/${id}/co-submitters/${m.Groningen}`, reps.Groningen.headers);
    const after = await motion(id);
    expect(after.submitters.map((s: { memberName: string }) => s.memberName)).toEqual(['Utrecht', 'Middelburg']);
    expect(after.status).toBe('filed');
    expect(await audited('motion.co-submitter-left', id)).toBe(1);
    // The first submitter may remove a co-submitter; that is recorded as a removal.
    await ok('DELETE', `/motions/${id}/co-submitters/${m.Middelburg}`, reps.Utrecht.headers);
    expect(await submitterNames(id)).toEqual(['Utrecht']);
    expect(await audited('motion.co-submitter-removed', id)).toBe(1);
  });

  it('needs every submitter’s agreement when the profile says all submitters decide together', async () => {
    const id = await fileMotion('Utrecht', 'Samen intrekken', laterMeetingId, laterItemId);
    await ok('POST', `/motions/${id}/invitations`, reps.Utrecht.headers, { memberId: m.Groningen });
    await ok('POST', `/motions/${id}/invitations/${m.Groningen}/accept`, reps.Groningen.headers);

    const first = await api('POST', `/motions/${id}/withdraw`, reps.Utrecht.headers);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ outcome: 'withdrawn', agreed: [m.Utrecht], missing: [m.Groningen] });
    const waiting = await motion(id);
    expect(waiting).toMatchObject({ status: 'filed', holdWithdrawBy: 'all-submitters', pendingRequest: { outcome: 'withdrawn', missing: [m.Groningen] } });
    // Agreeing twice changes nothing; an outsider cannot agree; a different request waits its turn.
    expect(await status('POST', `/motions/${id}/withdraw`, 'Utrecht')).toBe(202);
    expect(await status('POST', `/motions/${id}/withdraw`, 'Middelburg')).toBe(403);
    expect(await status('POST', `/motions/${id}/hold`, 'Groningen')).toBe(409);
    expect((await motion(id)).status).toBe('filed');

    const last = await api('POST', `/motions/${id}/withdraw`, reps.Groningen.headers);
    expect(last.statusCode).toBe(200);
    expect(last.json().outcome).toBe('withdrawn');
    expect(await motion(id)).toMatchObject({ status: 'withdrawn', pendingRequest: null });

    // One submitter's refusal ends the request; the motion stays.
    const other = await fileMotion('Utrecht', 'Samen aanhouden', laterMeetingId, laterItemId);
    await ok('POST', `/motions/${other}/co-submitters`, reps.Utrecht.headers, { memberId: m.Groningen });
    expect(await status('POST', `/motions/${other}/hold`, 'Groningen')).toBe(202);
    expect(await status('DELETE', `/motions/${other}/pending-request`, 'Middelburg')).toBe(403);
    await ok('DELETE', `/motions/${other}/pending-request`, reps.Utrecht.headers);
    expect(await motion(other)).toMatchObject({ status: 'filed', pendingRequest: null });
    expect(await audited('motion.hold-declined', other)).toBe(1);
    // The chair records the meeting's outcome directly, whatever is pending.
    expect(await status('POST', `/motions/${other}/hold`, 'Groningen')).toBe(202);
    expect(await status('POST', `/motions/${other}/withdraw`, chair)).toBe(200);
    expect(await motion(other)).toMatchObject({ status: 'withdrawn', pendingRequest: null });

    // When the one still missing leaves, everyone left has agreed: the request takes effect.
    const third = await fileMotion('Utrecht', 'Zonder Groningen', laterMeetingId, laterItemId);
    await ok('POST', `/motions/${third}/co-submitters`, reps.Utrecht.headers, { memberId: m.Groningen });
    expect(await status('POST', `/motions/${third}/hold`, 'Utrecht')).toBe(202);
    await ok('DELETE', `/motions/${third}/co-submitters/${m.Groningen}`, reps.Groningen.headers);
    expect(await motion(third)).toMatchObject({ status: 'held', pendingRequest: null, submitters: [{ memberName: 'Utrecht' }] });
  });

  it('does not vote on a withdrawn motion, and does not let a submitter withdraw one being voted on', async () => {
    const id = await fileMotion('Utrecht', 'Ter stemming');
    await ok('POST', `/meetings/${meetingId}/open`, chair);
    await appointCommittees(t, meetingId, { staff, chair });
    for (const name of ['Utrecht', 'Groningen'] as const) await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'submission', id } });
    expect(await status('POST', `/motions/${id}/withdraw`, 'Utrecht')).toBe(409);
    // Nor does the chair record another outcome while the meeting votes on it.
    expect(
      await status('POST', `/meetings/${meetingId}/decisions`, chair, { subjects: [{ type: 'submission', id }], outcome: 'withdrawn', method: 'none' }),
    ).toBe(409);
    await ok('POST', `/polls/${poll.id}/cancel`, chair);
    await ok('POST', `/motions/${id}/withdraw`, reps.Utrecht.headers);
    expect(await status('POST', '/polls', chair, { meetingId, subject: { type: 'submission', id } })).toBe(409);
    expect((await motion(id)).status).toBe('withdrawn');
  });
});
