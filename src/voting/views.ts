import type { Kysely } from 'kysely';
import type { Database } from '../core/db/schema.js';
import type { Poll, PollResult } from './schemas.js';
import type { PollOption } from './tables.js';
import { isOpen, pollRow, subjectOf } from './queries.js';
import { computeResult, counted, published } from './result.js';
import { closePoll } from './store.js';

type Db = Kysely<Database>;

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

export async function listPolls(db: Db, meetingId: string): Promise<Poll[]> {
  const rows = await db.selectFrom('polls').select('id').where('meeting_id', '=', meetingId).orderBy('opened_at', 'desc').execute();
  return Promise.all(rows.map((r) => getPoll(db, r.id)));
}
