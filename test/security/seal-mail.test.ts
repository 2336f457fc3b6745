import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, type Mailbox, type ReceivedMail } from '../support/mailbox.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Issue 11, tamper evidence: at closing, the seal goes by mail to every representative who cast a
 * ballot, with their own receipts, so copies of it are in many hands. A proxy holder who voted for a
 * second member gets one mail with both receipts; a member who gave their vote away gets none.
 */

type Name = 'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam';
let t: TestApp;
let mailbox: Mailbox;
let m: Record<Name, string>;
let chair: AuthHeaders;
const reps = {} as Record<Name, SignedIn>;
let meetingId: string;
let staff: AuthHeaders;

async function ok(method: 'GET' | 'POST', url: string, headers: AuthHeaders | Record<string, never>, payload?: object) {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ config: { SMTP_URL: mailbox.url } });
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  for (const name of Object.keys(m) as Name[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  await ok('POST', `/meetings/${meetingId}/open`, chair);
  await appointCommittees(t, meetingId, { staff, chair });
  for (const name of ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen'] as const)
    await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
  // Amsterdam gives its vote to Utrecht's mayor.
  await ok('POST', `/meetings/${meetingId}/proxies`, reps.Amsterdam.headers, {
    grantorMemberId: m.Amsterdam,
    holderPersonId: reps.Utrecht.personId,
    holderMemberId: m.Utrecht,
  });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

/** The mails that carry this seal, once `count` have come (they go one by one after the commit). */
async function sealMails(signature: string, count: number): Promise<ReceivedMail[]> {
  const carrying = () => mailbox.messages.filter((x) => x.text.includes(signature));
  for (let waited = 0; carrying().length < count && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  // A moment more, so a mail too many would show.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return carrying();
}

describe(`seal mail (${TEST_DB})`, () => {
  it('mails the seal to every representative who voted, a proxy holder once with both receipts, and nobody else', async () => {
    const item = (
      await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, {
        title: 'Begroting',
        purpose: 'decision',
        decisionText: 'De ALV stelt de begroting vast.',
      })
    ).id;
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: item } });
    const ballots: [Name, Name, string][] = [
      ['Utrecht', 'Utrecht', 'for'],
      ['Utrecht', 'Amsterdam', 'for'],
      ['Middelburg', 'Middelburg', 'against'],
      ['Vlissingen', 'Vlissingen', 'abstain'],
      ['Groningen', 'Groningen', 'for'],
    ];
    for (const [voter, member, option] of ballots)
      await ok('POST', `/polls/${poll.id}/ballots`, reps[voter].headers, { memberId: m[member], option, clientBallotId: randomUUID() });
    await ok('POST', `/polls/${poll.id}/close`, chair);

    const seal = await t.database.db.selectFrom('poll_seals').selectAll().where('poll_id', '=', poll.id).executeTakeFirstOrThrow();
    const receipts = new Map(
      (await t.database.db.selectFrom('ballots').select(['member_id', 'receipt']).where('poll_id', '=', poll.id).execute()).map((b) => [
        b.member_id,
        b.receipt,
      ]),
    );
    const voters = ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen'] as const;
    const mails = await sealMails(seal.signature, voters.length);
    expect(mails.map((x) => x.to).sort()).toEqual(voters.map((name) => reps[name].email.toLowerCase()).sort());

    for (const name of voters) {
      const mail = mails.find((x) => x.to === reps[name].email.toLowerCase())!;
      expect(mail.subject).toBe(`Uitslag en zegel: ${poll.question}`);
      expect(mail.text).toContain(`Controlegetal (keten): ${seal.chain_head}`);
      expect(mail.text).toContain(`Sleutel: ${seal.key_id}`);
      expect(mail.text).toContain(`Handtekening: ${seal.signature}`);
      // Their own receipts, and nobody else's.
      const own = ballots.filter(([voter]) => voter === name).map(([, member]) => member);
      for (const member of Object.keys(m) as Name[]) {
        const line = `  ${receipts.get(m[member])}  ${member}`;
        if (own.includes(member)) expect(mail.text).toContain(line);
        else expect(mail.text).not.toContain(receipts.get(m[member])!);
      }
    }
    // Utrecht's mayor voted for Utrecht and, by proxy, for Amsterdam: one mail, both receipts.
    expect(mails.filter((x) => x.to === reps.Utrecht.email.toLowerCase())).toHaveLength(1);
    expect(mailbox.messages.filter((x) => x.to === reps.Amsterdam.email.toLowerCase() && x.text.includes(seal.signature))).toEqual([]);
  });
});
