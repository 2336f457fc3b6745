import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Subject } from '../core/auth/policy.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { profileAsOf } from '../profile/store.js';
import { votingPolicy } from './policy.js';
import { pollRow } from './queries.js';

type Db = Kysely<Database>;
type PollRow = Row<'polls'>;

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
export type VotesChannel = 'votes' | 'export.json' | 'export.csv' | 'bundle' | 'what-if';

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
