import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entryHash, recount, sealMessage, type BundleTerms, type Entitled, type ResultSummary } from '#verify-bundle';
import { verifySignature } from '../../src/core/signing.js';
import { verifyPoll } from '../../src/voting/verify.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';
import { asOwner } from '../support/owner.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Issue 11, tamper evidence. Each case changes the database as its owner could (past the append-only
 * triggers) and checks that verification names the change; the seal, the bundle and its standalone
 * verifier carry the proof outside the database.
 */
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const folder = mkdtempSync(join(tmpdir(), 'verenigd-tamper-'));

type Name = 'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam';
let t: TestApp;
let mailbox: Mailbox;
let m: Record<Name, string>;
let staff: AuthHeaders;
let chair: AuthHeaders;
let committee: AuthHeaders;
const reps = {} as Record<Name, SignedIn>;
let meetingId: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ config: { SMTP_URL: mailbox.url } });
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  committee = await t.signIn('counting-committee');
  for (const name of Object.keys(m) as Name[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  await ok('POST', `/meetings/${meetingId}/open`, chair);
  await appointCommittees(t, meetingId, { staff, chair });
  // Utrecht 75, Middelburg 50, Vlissingen 45, Groningen 75, Amsterdam 75.
  for (const name of Object.keys(m) as Name[]) await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
  rmSync(folder, { recursive: true, force: true });
});

const api = (method: 'GET' | 'POST', url: string, headers: AuthHeaders | Record<string, never> = {}, payload?: object) =>
  t.app.inject({ method, url: url.startsWith('/.well-known') ? url : `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST', url: string, headers: AuthHeaders | Record<string, never>, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const cast = (pollId: string, name: Name, option: string) =>
  api('POST', `/polls/${pollId}/ballots`, reps[name].headers, { memberId: m[name], option, clientBallotId: randomUUID() });

/** A proposal voted on: Utrecht, Middelburg and Vlissingen for (170), Groningen against (75): adopted. */
async function votedProposal(title: string, options: { close?: boolean; secrecy?: 'named' | 'secret' } = {}) {
  const item = (await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title, purpose: 'decision', decisionText: `De ALV stemt in met ${title}.` }))
    .id;
  const poll = await ok('POST', '/polls', chair, {
    meetingId,
    subject: { type: 'agenda-item', id: item },
    ...(options.secrecy ? { secrecy: options.secrecy } : {}),
  });
  for (const [name, option] of [
    ['Utrecht', 'for'],
    ['Middelburg', 'for'],
    ['Vlissingen', 'for'],
    ['Groningen', 'against'],
  ] as const)
    expect((await cast(poll.id, name, option)).statusCode).toBe(201);
  if (options.close !== false) await ok('POST', `/polls/${poll.id}/close`, chair);
  return poll.id as string;
}

/** The mail to a representative that carries this seal; mails of earlier polls are in the box too. */
function sealMail(to: string, signature: string) {
  return vi.waitFor(
    () => {
      const mail = mailbox.messages.find((x) => x.to === to.toLowerCase() && x.text.includes(signature));
      if (!mail) throw new Error(`no seal mail to ${to}`);
      return mail;
    },
    { timeout: 5000, interval: 50 },
  );
}

const problemsOf = async (pollId: string) => (await verifyPoll(t.database.db, pollId)).problems.join('\n');

describe(`tamper evidence (${TEST_DB})`, () => {
  it('refuses UPDATE and DELETE of the log, the ballots, the seals and the audit trail from the application (TRUNCATE: append-only.test.ts)', async () => {
    const pollId = await votedProposal('Append-only');
    const db = t.database.db;
    const refused = /append-only|refused/;
    await expect(db.updateTable('ballots').set({ option: 'against' }).where('poll_id', '=', pollId).execute()).rejects.toThrow(refused);
    await expect(db.deleteFrom('ballots').where('poll_id', '=', pollId).execute()).rejects.toThrow(refused);
    // Not even the defined change, unless the store asked for it in its transaction.
    await expect(db.updateTable('ballots').set({ superseded_at: new Date() }).where('poll_id', '=', pollId).execute()).rejects.toThrow(refused);
    await expect(db.updateTable('poll_log').set({ kind: 'x' }).where('poll_id', '=', pollId).execute()).rejects.toThrow(refused);
    await expect(db.deleteFrom('poll_log').where('poll_id', '=', pollId).execute()).rejects.toThrow(refused);
    await expect(db.deleteFrom('poll_seals').where('poll_id', '=', pollId).execute()).rejects.toThrow(refused);
    await expect(db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(refused);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(refused);
    expect((await verifyPoll(db, pollId)).ok).toBe(true);

    // The supersede path still works: a recast replaces the earlier ballot.
    const recast = await votedProposal('Herstemming', { close: false });
    expect((await cast(recast, 'Groningen', 'for')).json()).toMatchObject({ replaced: true });
    await ok('POST', `/polls/${recast}/close`, chair);
    const verification = await verifyPoll(db, recast);
    expect(verification.problems).toEqual([]);
  });

  it('finds the last ballot and its log entry deleted from an open poll, and writes nothing more to that log', async () => {
    const pollId = await votedProposal('Open stemming', { close: false });
    expect((await verifyPoll(t.database.db, pollId)).ok).toBe(true);
    const last = await t.database.db.selectFrom('poll_log').selectAll().where('poll_id', '=', pollId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const ballot = await t.database.db
      .selectFrom('ballots')
      .selectAll()
      .where('id', '=', (last.payload as unknown as { ballotId: string }).ballotId)
      .executeTakeFirstOrThrow();
    await asOwner(t.database.db, async (trx) => {
      await trx.deleteFrom('poll_log').where('poll_id', '=', pollId).where('seq', '=', last.seq).execute();
      await trx.deleteFrom('ballots').where('id', '=', ballot.id).execute();
    });
    // The chain itself is intact, and the stored ballots match it: only the recorded head gives it away.
    expect(await problemsOf(pollId)).toMatch(
      new RegExp(`recorded chain head ${last.hash}, but the log ends at ${last.prev_hash}: log entries were removed or added`),
    );
    // Closing would seal the shortened chain: refused, as is any further ballot.
    expect((await api('POST', `/polls/${pollId}/close`, chair)).statusCode).toBe(409);
    expect((await cast(pollId, 'Amsterdam', 'for')).statusCode).toBe(409);

    await asOwner(t.database.db, async (trx) => {
      await trx
        .insertInto('poll_log')
        .values({ ...last, payload: JSON.stringify(last.payload) })
        .execute();
      await trx.insertInto('ballots').values(ballot).execute();
    });
    expect((await verifyPoll(t.database.db, pollId)).ok).toBe(true);
    await ok('POST', `/polls/${pollId}/cancel`, chair);
  });

  it('finds a full rewrite with a recomputed chain, result and decision: only the seal gives it away', async () => {
    const pollId = await votedProposal('Herschreven');
    const db = t.database.db;
    const log = await db.selectFrom('poll_log').selectAll().where('poll_id', '=', pollId).orderBy('seq').execute();
    const opened = log[0]!.payload as unknown as { terms: BundleTerms; entitled: Entitled[] };
    // Vlissingen's "for" becomes "against"; everything after it is recomputed as a careful forger would.
    const target = log.find((e) => (e.payload as { memberId?: string }).memberId === m.Vlissingen)!;
    const ballots = log
      .filter((e) => e.kind === 'ballot')
      .map((e) => ({ ...(e.payload as unknown as { ballotId: string; memberId: string; option: string; weight: number }) }));
    ballots.find((b) => b.memberId === m.Vlissingen)!.option = 'against';
    const counted = recount(opened.terms, opened.entitled, ballots);
    const poll = await db.selectFrom('polls').select('result').where('id', '=', pollId).executeTakeFirstOrThrow();
    const old = poll.result as unknown as ResultSummary & { statement: { nl: string; en: string }; quorum: object };
    const dutch = (p: string) => `${p.replace('.', ',')}%`;
    const statement = {
      nl: old.statement.nl.replace(/^Voor: [^,]+,\d+%, Tegen: [^.]+,\d+%\./, `Voor: ${dutch(counted.percentFor!)}, Tegen: ${dutch(counted.percentAgainst!)}.`),
      en: old.statement.en.replace(/^For: [\d.]+%, Against: [\d.]+%\./, `For: ${counted.percentFor}%, Against: ${counted.percentAgainst}%.`),
    };
    const summary: ResultSummary = { ...counted, statement };
    let prev = '0'.repeat(64);
    const rewritten = log.map((e) => {
      const payload = e.seq === target.seq ? { ...(e.payload as object), option: 'against' } : e.kind === 'closed' ? { result: summary } : e.payload;
      const hash = entryHash(prev, { seq: e.seq, kind: e.kind, payload: payload as Record<string, unknown> });
      const row = { ...e, payload: JSON.stringify(payload), prev_hash: prev, hash };
      prev = hash;
      return row;
    });
    const head = prev;
    await asOwner(db, async (trx) => {
      await trx.deleteFrom('poll_log').where('poll_id', '=', pollId).execute();
      await trx.insertInto('poll_log').values(rewritten).execute();
      await trx.updateTable('ballots').set({ option: 'against' }).where('poll_id', '=', pollId).where('member_id', '=', m.Vlissingen).execute();
      const labels = { for: 'Voor', against: 'Tegen', abstain: 'Onthouden' } as Record<string, string>;
      const result = {
        ...old,
        ...counted,
        quorum: old.quorum,
        ruleMet: counted.ruleMet,
        totals: counted.totals.map((x) => ({ ...x, label: labels[x.option] })),
        statement,
        chainHead: head,
      };
      await trx
        .updateTable('polls')
        .set({ result: JSON.stringify(result), chain_head: head })
        .where('id', '=', pollId)
        .execute();
      await trx.updateTable('decisions').set({ note: statement.nl }).where('poll_id', '=', pollId).execute();
      // Even the seal's text is rewritten; its signature cannot be.
      await trx
        .updateTable('poll_seals')
        .set({ chain_head: head, message: sealMessage(pollId, head, summary) })
        .where('poll_id', '=', pollId)
        .execute();
    });
    const verification = await verifyPoll(db, pollId);
    expect(verification.problems).toEqual([
      "the seal's signature does not verify: the sealed chain head or result was changed, or the seal was not made with this key",
    ]);
  });

  it('finds a changed rule or quorum on the poll row, and a changed vote holder', async () => {
    const pollId = await votedProposal('Voorwaarden');
    const db = t.database.db;
    await db.updateTable('polls').set({ rule: 'twoThirds', quorum_percent: 80 }).where('id', '=', pollId).execute();
    const problems = await problemsOf(pollId);
    expect(problems).toContain(`the poll's terms differ from those logged at opening: rule: "simple" at opening, "twoThirds" now`);
    expect(problems).toMatch(/the poll's terms differ from those logged at opening: quorumPercent: (null|\d+) at opening, 80 now/);

    const other = await votedProposal('Stemhouder');
    await db
      .updateTable('poll_entitlements')
      .set({ holder_person_id: reps.Utrecht.personId })
      .where('poll_id', '=', other)
      .where('member_id', '=', m.Groningen)
      .execute();
    expect(await problemsOf(other)).toContain(
      `member ${m.Groningen}'s vote is held by ${reps.Utrecht.personId}, frozen at opening as ${reps.Groningen.personId}`,
    );
  });

  it("finds a ballot marked superseded behind the log's back, and a decision that says otherwise than the log", async () => {
    const pollId = await votedProposal('Vervangen');
    const db = t.database.db;
    const groningen = await db
      .selectFrom('ballots')
      .select(['id', 'receipt'])
      .where('poll_id', '=', pollId)
      .where('member_id', '=', m.Groningen)
      .executeTakeFirstOrThrow();
    await asOwner(db, (trx) => trx.updateTable('ballots').set({ superseded_at: new Date() }).where('id', '=', groningen.id).execute());
    expect(await problemsOf(pollId)).toContain(`ballot ${groningen.receipt} is marked replaced, but in the log it is the member's current ballot`);

    const decided = await votedProposal('Besluit');
    await db.updateTable('decisions').set({ outcome: 'rejected' }).where('poll_id', '=', decided).execute();
    expect(await problemsOf(decided)).toContain('the decision records rejected, but the logged outcome is adopted');
  });

  it('seals the result with the published key: the signature verifies, and fails after a change', async () => {
    const pollId = await votedProposal('Zegel');
    const wellKnown = await api('GET', '/.well-known/verenigd-signing-key');
    expect(wellKnown.statusCode).toBe(200);
    const key = wellKnown.json();
    expect(key).toMatchObject({ algorithm: 'Ed25519', publicKey: expect.stringContaining('BEGIN PUBLIC KEY'), keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await ok('GET', '/signing-key', {})).toEqual(key);

    const poll = await ok('GET', `/polls/${pollId}`, {});
    expect(poll.seal).toMatchObject({ chainHead: poll.result.chainHead, keyId: key.keyId });
    const seal = await t.database.db.selectFrom('poll_seals').selectAll().where('poll_id', '=', pollId).executeTakeFirstOrThrow();
    expect(verifySignature(key.publicKey, seal.message, seal.signature)).toBe(true);
    expect(verifySignature(key.publicKey, seal.message.replace('"adopted"', '"rejected"'), seal.signature)).toBe(false);

    // A changed published result no longer matches the closing entry the seal covers.
    await t.database.db
      .updateTable('polls')
      .set({ result: JSON.stringify({ ...poll.result, outcome: 'rejected' }) })
      .where('id', '=', pollId)
      .execute();
    expect(await problemsOf(pollId)).toContain('the published result differs from the closing entry: outcome "rejected" ≠ "adopted" (published ≠ logged)');

    // Every representative who voted was sent the seal with their receipts.
    const mail = await sealMail(reps.Groningen.email, seal.signature);
    expect(mail.text).toContain(seal.signature);
    expect(mail.text).toContain(seal.chain_head);
    const receipt = await t.database.db
      .selectFrom('ballots')
      .select('receipt')
      .where('poll_id', '=', pollId)
      .where('member_id', '=', m.Groningen)
      .executeTakeFirstOrThrow();
    expect(mail.text).toContain(receipt.receipt);
  });

  it('prints the seal in the draft minutes, and finds the vote statement edited in the minutes', async () => {
    const pollId = await votedProposal('Notulen');
    const seal = (await ok('GET', `/polls/${pollId}`, {})).seal;
    await ok('POST', `/meetings/${meetingId}/minutes/generate`, staff);
    const minutes = await ok('GET', `/meetings/${meetingId}/minutes`, staff);
    expect(minutes.current.body).toContain(
      `Zegel van de stemming: controlegetal \`${seal.chainHead}\`, sleutel \`${seal.keyId}\`, handtekening \`${seal.signature}\`.`,
    );
    expect((await verifyPoll(t.database.db, pollId)).ok).toBe(true);

    const statement = (await ok('GET', `/polls/${pollId}`, {})).result.statement.nl as string;
    await t.database.db
      .updateTable('minutes_versions')
      .set({ body: minutes.current.body.replaceAll(statement, statement.replace('Voor: 69,39%', 'Voor: 96,39%')) })
      .where('meeting_id', '=', meetingId)
      .where('version', '=', minutes.current.version)
      .execute();
    expect(await problemsOf(pollId)).toContain(`the minutes (version ${minutes.current.version}) do not carry the poll's statement "${statement}"`);
  });

  it('exports a bundle that the standalone verifier and `verenigd verify-bundle` accept, and rejects a modified one with the reason', async () => {
    const pollId = await votedProposal('Bundel');
    const response = await api('GET', `/polls/${pollId}/bundle`, reps.Utrecht.headers);
    expect(response.statusCode).toBe(200);
    const bundle = response.json();
    expect(bundle).toMatchObject({
      format: 'verenigd-poll-bundle/1',
      pollId,
      seal: { keyId: expect.any(String) },
      publicKey: expect.stringContaining('PUBLIC KEY'),
    });
    const file = join(folder, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    const verified = await run(process.execPath, ['tools/verify-bundle.mjs', file], { cwd: ROOT });
    expect(verified.stdout).toContain('OK: the chain is intact');
    const viaCli = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'verify-bundle', file, '--key-id', bundle.seal.keyId], { cwd: ROOT });
    expect(viaCli.stdout).toContain('OK: the chain is intact');

    const rejects = async (changed: object, reason: string) => {
      const modified = join(folder, `modified-${randomUUID()}.json`);
      writeFileSync(modified, JSON.stringify(changed));
      const failed = await run(process.execPath, ['tools/verify-bundle.mjs', modified], { cwd: ROOT }).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain(reason);
      expect(failed.stdout).toContain('NOT VERIFIED');
    };
    const entry = bundle.log.findIndex((e: { kind: string; payload: { memberId?: string } }) => e.kind === 'ballot' && e.payload.memberId === m.Groningen);
    const log = structuredClone(bundle.log);
    log[entry].payload.option = 'for';
    await rejects({ ...bundle, log }, `PROBLEM: log entry ${entry + 1} (ballot) was changed: its hash does not match its content`);
    await rejects(
      { ...bundle, result: { ...bundle.result, outcome: 'rejected' } },
      'PROBLEM: the published result differs from the closing entry: outcome "rejected" ≠ "adopted"',
    );
    await rejects({ ...bundle, seal: { ...bundle.seal, signature: Buffer.alloc(64).toString('base64') } }, "PROBLEM: the seal's signature does not verify");
    await rejects(
      { ...bundle, entitlements: bundle.entitlements.map((e: { memberId: string; weight: number }) => (e.memberId === m.Utrecht ? { ...e, weight: 750 } : e)) },
      `PROBLEM: member ${m.Utrecht} has weight 750, frozen at opening as 75`,
    );
    // The wrong key, pinned by the reader: the instance's seal does not count.
    const pinned = await run(process.execPath, ['tools/verify-bundle.mjs', file, '--key-id', '0'.repeat(64)], { cwd: ROOT }).catch(
      (error: { stdout: string }) => error,
    );
    expect(pinned.stdout).toContain(`not the expected key ${'0'.repeat(64)}`);
  }, 60_000);

  it("gives a secret poll's bundle to the counting committee only, and records each read", async () => {
    const pollId = await votedProposal('Geheim', { secrecy: 'secret' });
    expect((await api('GET', `/polls/${pollId}/bundle`)).statusCode).toBe(401);
    expect((await api('GET', `/polls/${pollId}/bundle`, staff)).statusCode).toBe(403);
    expect((await api('GET', `/polls/${pollId}/bundle`, reps.Utrecht.headers)).statusCode).toBe(403);
    const bundle = await ok('GET', `/polls/${pollId}/bundle`, committee);
    expect(bundle.pollId).toBe(pollId);
    const reads = await t.database.db.selectFrom('audit_log').select('data').where('action', '=', 'poll.secret-votes-read').execute();
    expect(reads.map((r) => r.data as { pollId: string; channel: string })).toContainEqual(expect.objectContaining({ pollId, channel: 'bundle' }));
  });
});
