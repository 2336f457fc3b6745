import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../core/audit.js';
import type { Subject } from '../core/auth/policy.js';
import type { Database, Row } from '../core/db/schema.js';
import { Problem, problems, text } from '../core/errors.js';
import { publish } from '../core/events.js';
import { countBallotGroup } from '../core/metrics.js';
import { votingPolicy } from './policy.js';
import type { PollOption } from './tables.js';
import { appendLog, closedProblem, isOpen, lockPoll } from './queries.js';

type Db = Kysely<Database>;
type PollRow = Row<'polls'>;

/** Who casts: the audit actor and the signed-in person, whom the voting policy judges against the entitlement. */
export interface Voter {
  actor: Actor;
  subject: NonNullable<Subject>;
}

// Receipt codes avoid look-alike characters: read aloud or typed from a phone without doubt.
const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function receiptCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
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
    countBallotGroup(db, group.length, outcomes.filter((o) => 'result' in o && !o.result.replay).length);
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
