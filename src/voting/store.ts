import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Subject } from '../core/auth/policy.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import { publish } from '../core/events.js';
import { registerAsOf } from '../members/store.js';
import { mandatesInForce } from '../people/store.js';
import { attendanceOf } from '../meetings/attendance.js';
import { assertDecidable, courseProblem, courseView, recordVoteDecision } from '../course/course.js';
import {
  countingCommitteeRefusal,
  itemPollRefusal,
  pollRule,
  requiredRule,
  ruleSentence,
  voteOutcome,
  type CourseRefusal,
  type RequiredRule,
} from '../course/rules.js';
import { itemPhrase, submissionPhrase, type Phrase } from '../agenda/phrases.js';
import { appointmentDecisions, isAppointed, lockMeeting, meetingRow } from '../meetings/store.js';
import { labelOf } from '../agenda/phrases.js';
import { profileAsOf } from '../profile/store.js';
import { entitlementsDigest, sealMessage } from '#verify-bundle';
import { instanceSigningKey, signText } from '../core/signing.js';
import { entryHash, GENESIS } from './chain.js';
import { votingPolicy } from './policy.js';
import { entitledOf, summaryOf, termsOf } from './terms.js';
import type { NewPoll, Poll, PollResult } from './schemas.js';
import type { PollOption } from './tables.js';
import { bySegment, choose, decide, dutchPercent, type Ballot } from './tally.js';

type Db = Kysely<Database>;
type PollRow = Row<'polls'>;

export const POLL = text('Stemming', 'Poll');
const FOR_AGAINST: PollOption[] = [
  { key: 'for', label: 'Voor' },
  { key: 'against', label: 'Tegen' },
  { key: 'abstain', label: 'Onthouden' },
];

/** Who casts: the audit actor and the signed-in person, whom the voting policy judges against the entitlement. */
export interface Voter {
  actor: Actor;
  subject: NonNullable<Subject>;
}

const closedProblem = () => problems.conflict(text('Deze stemming is gesloten.', 'This poll is closed.'));

export async function pollRow(db: Db, id: string): Promise<PollRow> {
  const row = await db.selectFrom('polls').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(POLL, id);
  return row;
}

async function lockPoll(trx: Db, id: string): Promise<PollRow> {
  const row = await trx.selectFrom('polls').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw problems.notFound(POLL, id);
  return row;
}

const isOpen = (poll: PollRow) => !poll.closed_at && !poll.cancelled_at;

/**
 * Appends entries to the poll's hash chain and returns the hash of the last; the caller holds the
 * poll's row lock, so entries never race.
 */
async function appendLog(trx: Db, pollId: string, entries: readonly { kind: string; payload: Record<string, unknown> }[]): Promise<string> {
  const last = await trx.selectFrom('poll_log').select(['seq', 'hash']).where('poll_id', '=', pollId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  // A log that no longer ends at the head the poll recorded was cut short behind the application's
  // back: nothing more is written to it (a closing seal would otherwise cover the shortened chain).
  const recorded = await trx.selectFrom('polls').select('chain_head').where('id', '=', pollId).executeTakeFirst();
  if (recorded?.chain_head && recorded.chain_head !== last?.hash) {
    throw problems.conflict(
      text(
        'Het logboek van deze stemming eindigt niet bij het vastgelegde controlegetal; er wordt niets meer aan toegevoegd. Laat de stemming controleren.',
        "This poll's log does not end at its recorded chain head; nothing more is added to it. Have the poll verified.",
      ),
    );
  }
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS;
  const rows = entries.map(({ kind, payload }) => {
    seq += 1;
    const hash = entryHash(prevHash, { seq, kind, payload });
    const row = { poll_id: pollId, seq, kind, payload: JSON.stringify(payload), prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  await trx.insertInto('poll_log').values(rows).execute();
  // The row carries the running head, so a log cut short (its last ballot deleted with its entry) no
  // longer ends at the head the poll recorded, even before the poll is closed and sealed.
  await trx.updateTable('polls').set({ chain_head: prevHash }).where('id', '=', pollId).execute();
  return prevHash;
}

// Receipt codes avoid look-alike characters: read aloud or typed from a phone without doubt.
const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function receiptCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

interface SubjectInfo {
  title: string;
  phrase(outcome: 'adopted' | 'rejected'): Phrase;
}

async function subjectOf(db: Db, poll: Pick<PollRow, 'subject_type' | 'subject_id' | 'meeting_id'>): Promise<SubjectInfo | null> {
  const label = labelOf(await meetingRow(db, poll.meeting_id));
  if (poll.subject_type === 'submission' && poll.subject_id) {
    const s = await db.selectFrom('submissions').select(['title', 'kind']).where('id', '=', poll.subject_id).executeTakeFirstOrThrow();
    return { title: s.title, phrase: (outcome) => submissionPhrase(label, { type: 'submission', kind: s.kind }, outcome, 'vote') };
  }
  if (poll.subject_type === 'agenda-item' && poll.subject_id) {
    const i = await db.selectFrom('agenda_items').select(['title', 'kind', 'purpose']).where('id', '=', poll.subject_id).executeTakeFirstOrThrow();
    // The course rules say what a vote decides: a set of appointments voted en bloc is "appointed".
    const as = (outcome: 'adopted' | 'rejected') => voteOutcome({ kind: i.kind, purpose: i.purpose, proposal: null }, outcome) ?? outcome;
    return { title: i.title, phrase: (outcome) => itemPhrase(label, { type: 'agenda-item', kind: i.kind, purpose: i.purpose }, as(outcome), 'vote') };
  }
  return null;
}

/** A ballot whose caster no longer holds the mandate it rests on. */
const mandateEnded = () =>
  new Problem(
    403,
    'mandate-ended',
    text('Geen mandaat', 'No mandate'),
    text(
      'U bent niet meer aangewezen om namens dit lid te stemmen: de aanwijzing, het ambt of het account is beëindigd. Uw stem is niet uitgebracht.',
      'You are no longer designated to vote for this member: the designation, the office or the account has ended. Your ballot was not cast.',
    ),
  );

/**
 * Whether the entitlement's holder holds a mandate in force on the poll's reference date (decision
 * 0010): a confirmed designation and its office covering the date, the account not blocked, for the
 * member itself (check-in) or for the member through which they hold the proxy.
 */
function mandateInForceOf(poll: Pick<PollRow, 'meeting_id' | 'reference_date'>) {
  const day = sql`${poll.reference_date}::date`;
  return sql<boolean>`exists (
    select 1 from designations d
    join offices o on o.id = d.office_id
    join people p on p.id = o.person_id
    where o.person_id = e.holder_person_id
      and p.disabled_at is null
      and d.status = 'in-force'
      and d.start_date <= ${day} and (d.end_date is null or d.end_date >= ${day})
      and o.start_date <= ${day} and (o.end_date is null or o.end_date >= ${day})
      and ((e.via = 'check-in' and o.member_id = e.member_id)
        or (e.via = 'proxy' and o.member_id in (
          select x.holder_member_id from proxies x
          where x.meeting_id = ${poll.meeting_id} and x.grantor_member_id = e.member_id and x.holder_person_id = e.holder_person_id)))
  )`;
}

/** Opens a vote: who may vote and with which weight is fixed now, from attendance and the register. */
export async function openPoll(db: Db, actor: Actor, input: NewPoll, replaces: string | null = null): Promise<string> {
  const id = randomUUID();
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, input.meetingId);
    if (!meeting.opened_at || meeting.closed_at) throw problems.conflict(text('De vergadering is niet geopend.', 'The meeting is not in session.'));
    const subject = input.subject;
    const profile = await profileAsOf(trx, meeting.date);
    const required = subject.type === 'trial' ? null : await assertVotable(trx, meeting.id, subject, profile.majority);
    if (subject.type !== 'trial') {
      const refusal = countingCommitteeRefusal(profile, await appointedCountingMembers(trx, meeting.id));
      if (refusal) throw courseProblem(refusal);
    }
    const open = await trx
      .selectFrom('polls')
      .select('id')
      .where('meeting_id', '=', meeting.id)
      .where('closed_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    if (open)
      throw problems.conflict(
        text('Er loopt al een stemming in deze vergadering; sluit die eerst.', 'A poll is already open in this meeting; close it first.'),
      );

    const register = new Map((await registerAsOf(trx, meeting.date)).map((m) => [m.id, m]));
    const attendance = await attendanceOf(trx, meeting.id);
    // Every path that ends a mandate ends its check-in; this keeps anyone without one out regardless.
    const mandates = await mandatesInForce(trx, [...new Set(attendance.voteHolders.map((h) => h.personId))], meeting.date);
    const holdsVia = (h: (typeof attendance.voteHolders)[number]) =>
      h.via === 'check-in'
        ? h.memberId
        : attendance.proxies.find((p) => !p.revokedAt && p.grantorMemberId === h.memberId && p.holderPersonId === h.personId)?.holderMemberId;
    const holders = attendance.voteHolders.filter((h) => h.holderPresent && mandates.has(`${h.personId}:${holdsVia(h)}`));
    if (holders.length === 0) throw problems.conflict(text('Niemand kan stemmen: er is geen lid aangemeld.', 'Nobody can vote: no member is checked in.'));
    const choice = !!input.options;
    const options = input.options ?? FOR_AGAINST;
    const chosen = pollRule(input.rule, required, choice ? 'plurality' : profile.majority.default);
    if ('status' in chosen) throw courseProblem(chosen);
    const rule = chosen.rule as PollRow['rule'];
    if (choice !== (rule === 'plurality')) {
      throw problems.invalid(
        text(
          'Een keuze tussen opties gaat bij meeste stemmen; voor/tegen bij een meerderheidsregel.',
          'A choice between options is decided by plurality; for/against by a majority rule.',
        ),
        [{ name: 'rule', code: 'rule', reason: text('Past niet bij de opties.', 'Does not fit the options.') }],
      );
    }
    const totalWeight = [...register.values()].reduce((sum, m) => sum + (m.voteWeight ?? 0), 0);
    await trx
      .insertInto('polls')
      .values({
        id,
        meeting_id: meeting.id,
        subject_type: subject.type,
        subject_id: subject.type === 'trial' ? null : subject.id,
        question:
          input.question ??
          (subject.type === 'trial'
            ? 'Proefstemming: werkt uw stemkastje?'
            : ((await subjectOf(trx, { subject_type: subject.type, subject_id: subject.id, meeting_id: meeting.id }))?.title ?? '')),
        kind: choice ? 'choice' : 'for-against',
        options: JSON.stringify(options),
        rule,
        quorum_percent: profile.quorum.presentWeightPercent,
        tie_outcome: profile.tie.outcome,
        secrecy: input.secrecy ?? (profile.voting.perMemberVotesVisibleTo === 'committee' ? 'secret' : 'named'),
        allow_recast: profile.voting.allowRecast,
        show_running: profile.voting.showRunningResult,
        percent_decimals: profile.voting.percentDecimals,
        reference_date: meeting.date,
        total_weight: totalWeight,
        opened_by: actor.label,
        closes_at: input.closesAt ? new Date(input.closesAt) : null,
        replaces_poll_id: replaces,
        rule_source: required?.source ?? null,
      })
      .execute();
    const entitled = holders.map((h) => {
      const member = register.get(h.memberId);
      return {
        poll_id: id,
        member_id: h.memberId,
        weight: member?.voteWeight ?? 0,
        holder_person_id: h.personId,
        via: h.via,
        segments: JSON.stringify({
          province: member ? [member.province] : [],
          sizeClass: member?.sizeClass ? [member.sizeClass] : [],
          network: member?.networks ?? [],
        }),
      };
    });
    await trx.insertInto('poll_entitlements').values(entitled).execute();
    // The opening entry records everything the outcome depends on: the terms as stored on the poll
    // row and the frozen entitlements (member, weight, holder), so the result can be recounted from
    // the log alone and a later change to the row or the entitlements is found.
    const frozen = entitledOf(entitled);
    await appendLog(trx, id, [
      { kind: 'opened', payload: { pollId: id, terms: termsOf(await pollRow(trx, id)), entitled: frozen, entitlementsDigest: entitlementsDigest(frozen) } },
    ]);
    await recordAudit(trx, actor, {
      action: 'poll.opened',
      entityType: 'meeting',
      entityId: meeting.id,
      data: { pollId: id, subject, rule, entitled: entitled.length, replaces },
    });
    await publish(trx, `poll:${id}`, { pollId: id });
    await publish(trx, `meeting:${meeting.id}`, { pollId: id });
  });
  return id;
}

/**
 * A vote opens only where the course rules allow the outcome adopting it would give (the same rules
 * as for a decision the chair records): no vote on a proposal before its motions and amendments, none
 * on the "proposal" of an item that has none. Returns the stricter rule the subject demands, if any.
 */
async function assertVotable(
  trx: Db,
  meetingId: string,
  subject: { type: 'agenda-item' | 'submission'; id: string },
  majority: Parameters<typeof requiredRule>[1],
): Promise<RequiredRule | null> {
  await assertUndecidedSubject(trx, meetingId, subject);
  if (subject.type === 'submission') {
    await assertDecidable(trx, meetingId, subject, 'adopted');
    return null;
  }
  const row = await trx.selectFrom('agenda_items').selectAll().where('id', '=', subject.id).executeTakeFirstOrThrow();
  const { item, state } = await courseView(trx, row);
  const refusal: CourseRefusal | null = itemPollRefusal(item, state);
  if (refusal) throw courseProblem(refusal);
  await assertDecidable(trx, meetingId, subject, voteOutcome(item, 'adopted')!);
  return requiredRule(item, majority);
}

/** Members of the vote-counting committee the meeting has appointed (by its decision on the appointments item). */
async function appointedCountingMembers(trx: Db, meetingId: string): Promise<number> {
  const decidedAt = (await appointmentDecisions(trx, [meetingId])).get(meetingId);
  if (!decidedAt) return 0;
  const members = await trx
    .selectFrom('meeting_appointments')
    .select('created_at')
    .where('meeting_id', '=', meetingId)
    .where('function', '=', 'counting-committee')
    .execute();
  return members.filter((m) => isAppointed(m, decidedAt)).length;
}

async function assertUndecidedSubject(trx: Db, meetingId: string, subject: { type: 'agenda-item' | 'submission'; id: string }) {
  const table = subject.type === 'agenda-item' ? 'agenda_items' : 'submissions';
  const row = await trx.selectFrom(table).select('meeting_id').where('id', '=', subject.id).executeTakeFirst();
  if (!row || row.meeting_id !== meetingId) {
    throw problems.invalid(text('Dit onderwerp hoort niet bij deze vergadering.', 'This subject does not belong to this meeting.'), [
      { name: 'subject', code: 'other-meeting', reason: text('Ander onderwerp.', 'Other subject.') },
    ]);
  }
  const decided = await trx
    .selectFrom('decisions')
    .select('id')
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .executeTakeFirst();
  if (decided) throw problems.conflict(text('Hierover is al besloten.', 'This has already been decided.'));
}

export interface CastResult {
  ballotId: string;
  memberId: string;
  option: string;
  receipt: string;
  castAt: string;
  replaced: boolean;
  /** True when this was a retry of a ballot already stored. */
  replay: boolean;
}

type BallotInput = { memberId: string; option: string; clientBallotId: string };
type BallotRow = Row<'ballots'>;

/**
 * Stores one member's ballot. Idempotent by the client's ballot id, so a retry over a bad connection
 * gets the same receipt; the answer comes after the commit, so an accepted ballot is durable.
 *
 * Ballots that arrive for the same poll while an earlier group is being written wait and are then
 * written together in one transaction (group commit): the poll's row lock is taken once per group
 * instead of once per ballot, which is what bounds a burst. Each ballot is still judged on its own
 * and answered only after the group's commit.
 */
export async function castBallot(db: Db, voter: Voter, pollId: string, input: BallotInput): Promise<CastResult> {
  // Inside a caller's transaction there is nothing to group with: cast right there.
  if (db.isTransaction) return settle((await castGroup(db, pollId, [{ voter, input }]))[0]!);
  return new Promise((resolve, reject) => enqueue(db, pollId, { voter, input, resolve, reject }));
}

interface Pending {
  voter: Voter;
  input: BallotInput;
  resolve(result: CastResult): void;
  reject(error: unknown): void;
}

/** At most this many ballots per transaction; keeps statements well below PostgreSQL's parameter limit. */
const MAX_GROUP = 500;
/** Waiting ballots per database handle (tests run several apps in one process) and poll. */
const queues = new WeakMap<Db, Map<string, Pending[]>>();

function enqueue(db: Db, pollId: string, pending: Pending) {
  let byPoll = queues.get(db);
  if (!byPoll) queues.set(db, (byPoll = new Map()));
  const queue = byPoll.get(pollId);
  if (queue) {
    queue.push(pending);
    return;
  }
  const fresh = [pending];
  byPoll.set(pollId, fresh);
  void drain(db, byPoll, pollId, fresh);
}

/** Writes the poll's waiting ballots group by group until none are left; one writer per poll and process. */
async function drain(db: Db, byPoll: Map<string, Pending[]>, pollId: string, queue: Pending[]) {
  // Let the ballots that arrive in this same tick join the first group.
  await new Promise((resolve) => setImmediate(resolve));
  while (queue.length > 0) await write(db, pollId, queue.splice(0, MAX_GROUP));
  byPoll.delete(pollId);
}

/** Writes one group in one transaction and answers each of its callers after the commit. */
async function write(db: Db, pollId: string, group: Pending[]): Promise<void> {
  try {
    const outcomes = await db.transaction().execute((trx) => castGroup(trx, pollId, group));
    for (const [i, outcome] of outcomes.entries()) {
      if ('error' in outcome) group[i]!.reject(outcome.error);
      else group[i]!.resolve(outcome.result);
    }
  } catch (error) {
    // Nothing of the group was stored. If the database refused the data of one ballot (class 22,
    // say a NUL character in its client id; 23, a constraint), each is written alone, so only that
    // ballot fails. Any other error (a lost connection) reaches every caller; a retry is safe.
    if (group.length > 1 && refusedData(error)) for (const pending of group) await write(db, pollId, [pending]);
    else for (const pending of group) pending.reject(error);
  }
}

const refusedData = (error: unknown) => /^2[23]/.test(String((error as { code?: unknown } | null)?.code ?? ''));

type Outcome = { result: CastResult } | { error: unknown };
const settle = (outcome: Outcome) => {
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
};

/**
 * Judges and stores a group of ballots for one poll under its row lock, in arrival order, exactly
 * as if they had come one by one: a repeated client id is a retry of the ballot stored first, a
 * second ballot of a member supersedes the first. One refused ballot does not affect the others.
 */
async function castGroup(trx: Db, pollId: string, group: readonly Pick<Pending, 'voter' | 'input'>[]): Promise<Outcome[]> {
  const poll = await lockPoll(trx, pollId);
  const clientIds = [...new Set(group.map((g) => g.input.clientBallotId))];
  const memberIds = [...new Set(group.map((g) => g.input.memberId))];
  const stored = await trx.selectFrom('ballots').selectAll().where('poll_id', '=', pollId).where('client_ballot_id', 'in', clientIds).execute();
  // The mandate is judged in the same read as the entitlement (no extra round trip per group): the
  // holder must still be designated for the member (check-in) or for their own member (proxy).
  const entitlements = await trx
    .selectFrom('poll_entitlements as e')
    .selectAll('e')
    .select(mandateInForceOf(poll).as('mandate_in_force'))
    .where('e.poll_id', '=', pollId)
    .where('e.member_id', 'in', memberIds)
    .execute();
  const currents = await trx
    .selectFrom('ballots')
    .select(['id', 'member_id'])
    .where('poll_id', '=', pollId)
    .where('member_id', 'in', memberIds)
    .where('superseded_at', 'is', null)
    .execute();

  const byClientId = new Map<string, BallotRow | NewBallotRow>(stored.map((b) => [b.client_ballot_id, b]));
  const entitlementOf = new Map(entitlements.map((e) => [e.member_id, e]));
  const currentOf = new Map<string, { id: string; fresh?: NewBallotRow }>(currents.map((c) => [c.member_id, { id: c.id }]));
  const open = isOpen(poll) && !(poll.closes_at && poll.closes_at.getTime() <= Date.now());
  const options = poll.options as unknown as PollOption[];

  const fresh: NewBallotRow[] = [];
  const supersededStored: string[] = [];
  const entries: Record<string, unknown>[] = [];
  const decisions = group.map(({ voter, input }): { error: unknown } | { ballot: BallotRow | NewBallotRow; replay: boolean; replaced: boolean } => {
    const prior = byClientId.get(input.clientBallotId);
    if (prior) {
      if (prior.cast_by !== voter.subject.id || prior.member_id !== input.memberId || prior.option !== input.option) {
        return { error: problems.conflict(text('Dit stem-id is al gebruikt voor een andere stem.', 'This ballot id was already used for another ballot.')) };
      }
      return { ballot: prior, replay: true, replaced: false };
    }
    if (!open) return { error: closedProblem() };
    const entitlement = entitlementOf.get(input.memberId);
    if (!entitlement || !votingPolicy.can(voter.subject, 'cast', entitlement)) return { error: problems.forbidden() };
    if (!entitlement.mandate_in_force) return { error: mandateEnded() };
    if (!options.some((o) => o.key === input.option)) {
      return {
        error: problems.invalid(text('Deze keuze hoort niet bij de stemming.', 'This option is not part of the poll.'), [
          { name: 'option', code: 'option', reason: text('Onbekende keuze.', 'Unknown option.') },
        ]),
      };
    }
    const current = currentOf.get(input.memberId);
    if (current && !poll.allow_recast)
      return {
        error: problems.conflict(
          text(
            'Dit lid heeft al gestemd; opnieuw stemmen is bij deze stemming niet toegestaan.',
            'This member has voted; voting again is not allowed in this poll.',
          ),
        ),
      };
    if (current?.fresh) current.fresh.superseded_at = new Date();
    else if (current) supersededStored.push(current.id);
    const ballot: NewBallotRow = {
      id: randomUUID(),
      poll_id: pollId,
      member_id: input.memberId,
      option: input.option,
      cast_by: voter.subject.id,
      client_ballot_id: input.clientBallotId,
      receipt: receiptCode(),
      superseded_at: null,
    };
    fresh.push(ballot);
    byClientId.set(input.clientBallotId, ballot);
    currentOf.set(input.memberId, { id: ballot.id, fresh: ballot });
    entries.push({
      ballotId: ballot.id,
      memberId: ballot.member_id,
      option: ballot.option,
      weight: entitlement.weight,
      receipt: ballot.receipt,
      supersedes: current?.id ?? null,
    });
    return { ballot, replay: false, replaced: !!current };
  });

  if (fresh.length > 0) {
    // The stored current ballots step aside first, so the one-current-ballot-per-member index holds.
    // The ballots table is append-only (migration 0012); marking a ballot superseded is the one change
    // its trigger allows, and only when asked for in this transaction.
    if (supersededStored.length > 0) {
      await sql`select set_config('verenigd.supersede', 'on', true)`.execute(trx);
      await trx.updateTable('ballots').set({ superseded_at: new Date() }).where('id', 'in', supersededStored).execute();
    }
    const inserted = await trx.insertInto('ballots').values(fresh).returning(['id', 'cast_at']).execute();
    const castAt = new Map(inserted.map((r) => [r.id, r.cast_at]));
    for (const ballot of fresh) ballot.cast_at = castAt.get(ballot.id)!;
    await appendLog(
      trx,
      pollId,
      entries.map((payload) => ({ kind: 'ballot', payload })),
    );
    await publish(trx, `poll:${pollId}`, { pollId });
  }
  return decisions.map((d) => {
    if ('error' in d) return d;
    const b = d.ballot;
    return {
      result: {
        ballotId: b.id,
        memberId: b.member_id,
        option: b.option,
        receipt: b.receipt,
        castAt: b.cast_at!.toISOString(),
        replaced: d.replaced,
        replay: d.replay,
      },
    };
  });
}

/** A ballot written in this group: cast_at comes from the database once inserted. */
interface NewBallotRow extends Omit<BallotRow, 'cast_at'> {
  cast_at?: Date;
}

interface Counted {
  ballots: Ballot[];
  entitlements: Row<'poll_entitlements'>[];
}

async function counted(db: Db, pollId: string): Promise<Counted> {
  const [entitlements, rows] = await Promise.all([
    db.selectFrom('poll_entitlements').selectAll().where('poll_id', '=', pollId).execute(),
    db.selectFrom('ballots').select(['member_id', 'option']).where('poll_id', '=', pollId).where('superseded_at', 'is', null).execute(),
  ]);
  const weight = new Map(entitlements.map((e) => [e.member_id, e.weight]));
  return { entitlements, ballots: rows.map((b) => ({ memberId: b.member_id, option: b.option, weight: weight.get(b.member_id) ?? 0 })) };
}

/** A trial vote tests the voting devices: whatever the figures, it adopts or rejects nothing, anywhere. */
const TRIAL_CONCLUSION: Phrase = { nl: 'Proefstemming: telt niet als besluit.', en: 'Trial vote: not a decision.' };

/**
 * The breakdown per province, size class and network, for named polls only. In a secret poll a
 * segment of one or a few voters (and the difference between overlapping segments, or a segment
 * and the totals) would give away how a member voted, so a secret poll publishes totals per option
 * only, on every channel; the vote-counting committee reads the votes themselves.
 */
function segmentsToPublish(
  poll: Pick<PollRow, 'secrecy'>,
  ballots: readonly Ballot[],
  entitlements: readonly Row<'poll_entitlements'>[],
  options: readonly PollOption[],
): PollResult['segments'] {
  if (poll.secrecy === 'secret') return {};
  return bySegment(
    ballots,
    entitlements.map((e) => ({ memberId: e.member_id, segments: e.segments as unknown as Record<string, string[]> })),
    options.map((o) => o.key),
  );
}

/** The result from the ballots and frozen weights: what closing stores and what verification recomputes. */
export async function computeResult(db: Db, poll: PollRow, { ballots, entitlements }: Counted, chainHead: string): Promise<PollResult> {
  const options = poll.options as unknown as PollOption[];
  const label = (key: string) => options.find((o) => o.key === key)?.label ?? key;
  const presentWeight = entitlements.reduce((sum, e) => sum + e.weight, 0);
  const quorumPercent = poll.quorum_percent === null ? null : Number(poll.quorum_percent);
  const segments = segmentsToPublish(poll, ballots, entitlements, options);
  const quorum = { percent: quorumPercent, presentWeight, totalWeight: poll.total_weight };
  const trial = poll.subject_type === 'trial';
  if (poll.kind === 'choice') {
    const chosen = choose(
      ballots,
      options.map((o) => o.key),
      poll.percent_decimals,
    );
    const quorumMet = quorumPercent === null || presentWeight * 100 >= quorumPercent * poll.total_weight;
    const leader = quorumMet && !trial ? chosen.leader : null;
    return {
      outcome: trial ? 'trial' : leader ? 'chosen' : 'undecided',
      rule: poll.rule,
      ruleMet: trial ? null : !!leader,
      quorum: { ...quorum, met: quorumMet },
      percentFor: null,
      percentAgainst: null,
      totals: chosen.totals.map((t) => ({ ...t, label: label(t.option) })),
      leader,
      segments,
      statement: trial
        ? TRIAL_CONCLUSION
        : leader
          ? { nl: `Gekozen: ${label(leader)}.`, en: `Chosen: ${label(leader)}.` }
          : { nl: 'Geen keuze: de stemmen staken of het quorum is niet gehaald.', en: 'No choice: a tie, or no quorum.' },
      chainHead,
    };
  }
  const result = decide(ballots, poll.rule === 'plurality' ? 'simple' : poll.rule, quorum, poll.tie_outcome, poll.percent_decimals);
  const figures = {
    nl: `Voor: ${dutchPercent(result.percentFor)}, Tegen: ${dutchPercent(result.percentAgainst)}.`,
    en: `For: ${result.percentFor}%, Against: ${result.percentAgainst}%.`,
  };
  const subject = await subjectOf(db, poll);
  const conclusion: Phrase = trial
    ? TRIAL_CONCLUSION
    : result.outcome === 'tie'
      ? { nl: 'De stemmen staken; de voorzitter beslist.', en: 'The votes are tied; the chair decides.' }
      : !result.quorumMet
        ? { nl: 'Het quorum is niet gehaald; het voorstel is niet aangenomen.', en: 'The quorum was not met; the proposal is not adopted.' }
        : subject!.phrase(result.outcome);
  return {
    outcome: trial ? 'trial' : result.outcome,
    rule: result.rule,
    ruleMet: trial ? null : result.majorityMet,
    quorum: { ...quorum, met: result.quorumMet },
    percentFor: result.percentFor,
    percentAgainst: result.percentAgainst,
    totals: [result.for, result.against, result.abstain].map((t) => ({
      ...t,
      label: label(t.option),
      percent: t.option === 'for' ? result.percentFor : t.option === 'against' ? result.percentAgainst : null,
    })),
    leader: null,
    segments,
    statement: withRule(poll, { nl: `${figures.nl} ${conclusion.nl}`, en: `${figures.en} ${conclusion.en}` }),
    chainHead,
  };
}

/** A vote under a stricter rule (a statute change) names the rule and its article in its statement, and so in the minutes. */
function withRule(poll: Pick<PollRow, 'rule' | 'rule_source' | 'subject_type'>, statement: Phrase): Phrase {
  if (!poll.rule_source || poll.subject_type === 'trial') return statement;
  const rule = ruleSentence(poll.rule, poll.rule_source);
  return { nl: `${statement.nl} ${rule.nl}`, en: `${statement.en} ${rule.en}` };
}

/** Closes the vote, stores the result with the chain head and records the decision on its subject. */
export async function closePoll(db: Db, actor: Actor, pollId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!isOpen(poll)) throw closedProblem();
    const count = await counted(trx, pollId);
    const provisional = await computeResult(trx, poll, count, '');
    const summary = summaryOf(provisional);
    const head = await appendLog(trx, pollId, [{ kind: 'closed', payload: { result: summary } }]);
    const result = { ...provisional, chainHead: head };
    // The seal: the chain head and the result signed with the instance's key, which is not in the
    // database, so a rewrite of log, ballots and result together cannot be sealed again.
    const key = instanceSigningKey();
    const message = sealMessage(pollId, head, summary);
    await trx
      .insertInto('poll_seals')
      .values({ poll_id: pollId, chain_head: head, message, signature: signText(key, message), public_key: key.publicKey, key_id: key.keyId })
      .execute();
    await trx
      .updateTable('polls')
      .set({ closed_at: new Date(), closed_by: actor.label, result: JSON.stringify(result), chain_head: head })
      .where('id', '=', pollId)
      .execute();
    if (poll.subject_type !== 'trial' && poll.subject_id && (result.outcome === 'adopted' || result.outcome === 'rejected')) {
      const decided = await trx
        .selectFrom('decisions')
        .select('id')
        .where('subject_type', '=', poll.subject_type)
        .where('subject_id', '=', poll.subject_id)
        .executeTakeFirst();
      const outcome = decided ? null : await decisionOutcome(trx, poll.subject_type, poll.subject_id, result.outcome);
      if (outcome) {
        const subject = { type: poll.subject_type as 'agenda-item' | 'submission', id: poll.subject_id };
        await recordVoteDecision(trx, actor, { meetingId: poll.meeting_id, subject, outcome, pollId, statement: result.statement.nl });
      }
    }
    await recordAudit(trx, actor, {
      action: 'poll.closed',
      entityType: 'meeting',
      entityId: poll.meeting_id,
      data: { pollId, outcome: result.outcome, percentFor: result.percentFor, chainHead: head, keyId: key.keyId },
    });
    await publish(trx, `poll:${pollId}`, { pollId });
    await publish(trx, `meeting:${poll.meeting_id}`, { pollId });
  });
}

/** What the vote decides on its subject; null when that outcome does not fit it (the subject stays open). */
async function decisionOutcome(trx: Db, type: 'agenda-item' | 'submission', id: string, result: 'adopted' | 'rejected'): Promise<string | null> {
  if (type === 'submission') return result;
  const item = await trx.selectFrom('agenda_items').select(['kind', 'purpose']).where('id', '=', id).executeTakeFirstOrThrow();
  return voteOutcome({ kind: item.kind, purpose: item.purpose, proposal: null }, result);
}

export async function cancelPoll(db: Db, actor: Actor, pollId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!isOpen(poll)) throw closedProblem();
    const head = await appendLog(trx, pollId, [{ kind: 'cancelled', payload: {} }]);
    await trx.updateTable('polls').set({ cancelled_at: new Date(), closed_by: actor.label, chain_head: head }).where('id', '=', pollId).execute();
    await recordAudit(trx, actor, { action: 'poll.cancelled', entityType: 'meeting', entityId: poll.meeting_id, data: { pollId } });
    await publish(trx, `poll:${pollId}`, { pollId });
    await publish(trx, `meeting:${poll.meeting_id}`, { pollId });
  });
}

/** Votes again on the same question as a new poll; an open earlier poll is cancelled first. */
export async function reopenPoll(db: Db, actor: Actor, pollId: string): Promise<string> {
  return inTransaction(db, async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (isOpen(poll)) await cancelPoll(trx, actor, pollId);
    const decidedByIt = await trx.selectFrom('decisions').select('id').where('poll_id', '=', pollId).executeTakeFirst();
    if (decidedByIt) throw problems.conflict(text('Deze stemming heeft al tot een besluit geleid.', 'This poll has already led to a decision.'));
    const options = poll.options as unknown as PollOption[];
    return openPoll(
      trx,
      actor,
      {
        meetingId: poll.meeting_id,
        subject: poll.subject_type === 'trial' || !poll.subject_id ? { type: 'trial' } : { type: poll.subject_type, id: poll.subject_id },
        question: poll.question,
        ...(poll.kind === 'choice' ? { options } : {}),
        rule: poll.rule,
        secrecy: poll.secrecy,
      },
      pollId,
    );
  });
}

type Progress = Poll['progress'];

/** Voted and entitled members and weight, from counted() or from progressSums' narrower rows. */
const progressOf = (count: { ballots: readonly { weight: number }[]; entitlements: readonly { weight: number }[] }): Progress => ({
  votedMembers: count.ballots.length,
  votedWeight: count.ballots.reduce((sum, b) => sum + b.weight, 0),
  entitledMembers: count.entitlements.length,
  entitledWeight: count.entitlements.reduce((sum, e) => sum + e.weight, 0),
});

/**
 * The same figures from two narrow reads. Deliberately no join: PGlite has no autovacuum, so on
 * fresh tables the planner may join 5,000 entitlements to 5,000 ballots by nested loop.
 */
async function progressSums(db: Db, pollId: string): Promise<Progress> {
  const entitlements = await db.selectFrom('poll_entitlements').select(['member_id', 'weight']).where('poll_id', '=', pollId).execute();
  const voted = await db.selectFrom('ballots').select('member_id').where('poll_id', '=', pollId).where('superseded_at', 'is', null).execute();
  const weight = new Map(entitlements.map((e) => [e.member_id, e.weight]));
  return progressOf({ entitlements, ballots: voted.map((b) => ({ weight: weight.get(b.member_id) ?? 0 })) });
}

/** A poll as everyone may see it: progress always; the result only after closing, or running if the profile allows. */
export async function getPoll(db: Db, id: string): Promise<Poll> {
  let poll = await pollRow(db, id);
  // A poll with a closing time closes when first looked at after it.
  if (isOpen(poll) && poll.closes_at && poll.closes_at.getTime() <= Date.now()) {
    await closePoll(db, { id: null, label: 'automatisch (sluitingstijd)' }, id).catch(() => undefined);
    poll = await pollRow(db, id);
  }
  // A running result of a secret poll would show each ballot's effect as it comes in (who just voted
  // is visible in the progress), so a secret poll never has one, whatever the profile says.
  const running = !poll.result && poll.show_running && poll.secrecy !== 'secret' && isOpen(poll);
  // Live screens read this after every change; without a running result the sums will do, which
  // spares reading whole entitlement and ballot rows of a 5,000-member poll several times a second.
  const count = running ? await counted(db, id) : undefined;
  const progress = count ? progressOf(count) : await progressSums(db, id);
  const subject = await subjectOf(db, poll);
  const result = poll.result ? published(poll, poll.result as unknown as PollResult) : count ? await computeResult(db, poll, count, '') : null;
  return {
    id: poll.id,
    meetingId: poll.meeting_id,
    subject: { type: poll.subject_type, id: poll.subject_id, title: subject?.title ?? 'Proefstemming' },
    question: poll.question,
    kind: poll.kind,
    options: poll.options as unknown as PollOption[],
    rule: poll.rule,
    ruleSource: poll.rule_source,
    secrecy: poll.secrecy,
    allowRecast: poll.allow_recast,
    status: poll.cancelled_at ? 'cancelled' : poll.closed_at ? 'closed' : 'open',
    openedAt: poll.opened_at.toISOString(),
    closesAt: poll.closes_at?.toISOString() ?? null,
    closedAt: (poll.closed_at ?? poll.cancelled_at)?.toISOString() ?? null,
    replacesPollId: poll.replaces_poll_id,
    progress,
    result,
    seal: poll.closed_at ? await sealOf(db, poll.id) : null,
  };
}

async function sealOf(db: Db, pollId: string): Promise<Poll['seal']> {
  const seal = await db.selectFrom('poll_seals').select(['chain_head', 'key_id', 'signature', 'sealed_at']).where('poll_id', '=', pollId).executeTakeFirst();
  return seal ? { chainHead: seal.chain_head, keyId: seal.key_id, signature: seal.signature, sealedAt: seal.sealed_at.toISOString() } : null;
}

/**
 * A stored result as it may be shown. Migration 0008 rewrote results stored before these rules; this
 * holds them on the read path too, since every channel (API, live screens, exports) reads through here.
 */
function published(poll: PollRow, result: PollResult): PollResult {
  const trial =
    poll.subject_type === 'trial'
      ? { outcome: 'trial' as const, ruleMet: null, leader: null, statement: poll.kind === 'choice' ? TRIAL_CONCLUSION : result.statement }
      : {};
  return { ...result, ...trial, segments: poll.secrecy === 'secret' ? {} : result.segments };
}

export async function listPolls(db: Db, meetingId: string): Promise<Poll[]> {
  const rows = await db.selectFrom('polls').select('id').where('meeting_id', '=', meetingId).orderBy('opened_at', 'desc').execute();
  return Promise.all(rows.map((r) => getPoll(db, r.id)));
}

/** The members a person casts for in a poll, with their ballots so far. */
export async function myBallots(db: Db, personId: string, pollId: string) {
  await pollRow(db, pollId);
  const rows = await db
    .selectFrom('poll_entitlements as e')
    .innerJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 'e.member_id').on('v.valid_to', 'is', null))
    .leftJoin('ballots as b', (join) => join.onRef('b.poll_id', '=', 'e.poll_id').onRef('b.member_id', '=', 'e.member_id').on('b.superseded_at', 'is', null))
    .select(['e.member_id', 'v.name', 'e.weight', 'e.via', 'b.option', 'b.receipt'])
    .where('e.poll_id', '=', pollId)
    .where('e.holder_person_id', '=', personId)
    .orderBy('e.via')
    .orderBy('v.name')
    .execute();
  return {
    pollId,
    members: rows.map((r) => ({
      memberId: r.member_id,
      memberName: r.name,
      weight: r.weight,
      via: r.via,
      option: r.option ?? null,
      receipt: r.receipt ?? null,
    })),
  };
}

/** A member checks its receipt: stored, not replaced, in the chain, and in the count. */
export async function checkReceipt(db: Db, pollId: string, receipt: string, viewerId: string | null) {
  const poll = await pollRow(db, pollId);
  const ballot = await db
    .selectFrom('ballots as b')
    .innerJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 'b.member_id').on('v.valid_to', 'is', null))
    .innerJoin('poll_entitlements as e', (join) => join.onRef('e.poll_id', '=', 'b.poll_id').onRef('e.member_id', '=', 'b.member_id'))
    .select(['b.id', 'b.option', 'b.cast_at', 'b.superseded_at', 'v.name', 'e.holder_person_id'])
    .where('b.poll_id', '=', pollId)
    .where('b.receipt', '=', receipt.toUpperCase())
    .executeTakeFirst();
  if (!ballot) throw problems.notFound(text('Ontvangstbewijs', 'Receipt'), receipt);
  const entry = await db
    .selectFrom('poll_log')
    .select('seq')
    .where('poll_id', '=', pollId)
    .where('kind', '=', 'ballot')
    .where((eb) => eb(eb.ref('payload', '->>').key('ballotId' as never), '=', ballot.id))
    .executeTakeFirst();
  // A secret ballot's option is shown only to the person who holds that member's vote (who cast it).
  const mayKnow =
    (poll.secrecy === 'named' && !!poll.closed_at && (await namedVotesReadable(db, poll, viewerId !== null))) ||
    (viewerId !== null && ballot.holder_person_id === viewerId);
  return {
    pollId,
    receipt: receipt.toUpperCase(),
    memberName: ballot.name,
    counted: !ballot.superseded_at && !poll.cancelled_at && !!entry,
    superseded: !!ballot.superseded_at,
    castAt: ballot.cast_at.toISOString(),
    option: mayKnow ? ballot.option : null,
    logSeq: entry?.seq ?? 0,
  };
}

/** Who may read a named poll's per-member votes: the profile says the public, or the members (signed in). */
async function namedVotesReadable(db: Db, poll: PollRow, signedIn: boolean): Promise<boolean> {
  return signedIn || (await profileAsOf(db, poll.reference_date)).voting.perMemberVotesVisibleTo === 'public';
}

/** Where per-member votes were read: the audit trail says which channel served them. */
export type VotesChannel = 'votes' | 'export.json' | 'export.csv' | 'bundle';

export interface VotesViewer {
  actor: Actor;
  subject: Subject;
}

/** Per-member votes (and what carries them, like the poll bundle) are readable after closing, as the poll's secrecy says. */
export async function assertMayReadVotes(db: Db, poll: PollRow, viewer: VotesViewer): Promise<void> {
  if (!poll.closed_at) throw problems.conflict(text('De stemming is nog niet gesloten.', 'The poll has not closed yet.'));
  if (poll.secrecy === 'secret') votingPolicy.authorize(viewer.subject, 'readSecretVotes');
  if (poll.secrecy === 'named' && !(await namedVotesReadable(db, poll, viewer.subject !== null))) throw problems.unauthenticated();
}

/**
 * Per-member votes after closing. Named polls: for the members (or everyone, if the profile says so);
 * secret polls: for the vote-counting committee only, and each such read goes into the audit trail
 * (who, which poll, which channel) in the same transaction, so no read goes unrecorded.
 */
export async function memberVotes(db: Db, pollId: string, viewer: VotesViewer, channel: VotesChannel) {
  const poll = await pollRow(db, pollId);
  await assertMayReadVotes(db, poll, viewer);
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('poll_entitlements as e')
      .innerJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 'e.member_id').on('v.valid_to', 'is', null))
      .leftJoin('ballots as b', (join) => join.onRef('b.poll_id', '=', 'e.poll_id').onRef('b.member_id', '=', 'e.member_id').on('b.superseded_at', 'is', null))
      .select(['e.member_id', 'v.name', 'e.weight', 'b.option'])
      .where('e.poll_id', '=', pollId)
      .orderBy('v.name')
      .execute();
    if (poll.secrecy === 'secret') {
      await recordAudit(trx, viewer.actor, {
        action: 'poll.secret-votes-read',
        entityType: 'meeting',
        entityId: poll.meeting_id,
        data: { pollId, channel, members: rows.length },
      });
    }
    return rows.map((r) => ({ memberId: r.member_id, memberName: r.name, weight: r.weight, option: r.option ?? null }));
  });
}
