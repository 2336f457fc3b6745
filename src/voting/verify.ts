import type { Kysely } from 'kysely';
import type { Database } from '../core/db/schema.js';
import { brokenLink, canonical } from './chain.js';
import type { PollResult } from './schemas.js';
import { computeResult, pollRow } from './store.js';

export interface Verification {
  pollId: string;
  ok: boolean;
  chainHead: string | null;
  problems: string[];
}

interface LoggedBallot {
  ballotId: string;
  memberId: string;
  option: string;
  weight: number;
  receipt: string;
}

/**
 * What the vote-counting committee certifies: the log's hash chain is intact, the stored ballots are
 * exactly the ones the log recorded (none changed, removed or added), the weights are those frozen at
 * opening, and the stored result is what the ballots add up to.
 */
export async function verifyPoll(db: Kysely<Database>, pollId: string): Promise<Verification> {
  const poll = await pollRow(db, pollId);
  const problems: string[] = [];
  const log = await db.selectFrom('poll_log').selectAll().where('poll_id', '=', pollId).orderBy('seq').execute();
  const broken = brokenLink(log.map((e) => ({ seq: e.seq, kind: e.kind, payload: e.payload as unknown as Record<string, unknown>, prevHash: e.prev_hash, hash: e.hash })));
  if (broken !== null) problems.push(`the log's hash chain breaks at entry ${broken}`);
  const head = log.at(-1)?.hash ?? null;
  if (poll.chain_head && poll.chain_head !== head) problems.push('the published chain head is not the hash of the last log entry');

  const opened = log.find((e) => e.kind === 'opened')?.payload as unknown as { entitled: { memberId: string; weight: number }[] } | undefined;
  const entitlements = await db.selectFrom('poll_entitlements').selectAll().where('poll_id', '=', pollId).execute();
  const frozen = new Map((opened?.entitled ?? []).map((e) => [e.memberId, e.weight]));
  if (entitlements.length !== frozen.size || entitlements.some((e) => frozen.get(e.member_id) !== e.weight)) problems.push('the voting weights differ from those frozen at opening');

  const logged = log.filter((e) => e.kind === 'ballot').map((e) => e.payload as unknown as LoggedBallot);
  const stored = await db.selectFrom('ballots').selectAll().where('poll_id', '=', pollId).execute();
  if (stored.length !== logged.length) problems.push(`${stored.length} ballots are stored but the log recorded ${logged.length}`);
  for (const entry of logged) {
    const row = stored.find((b) => b.id === entry.ballotId);
    if (!row) problems.push(`ballot ${entry.receipt} is in the log but not stored`);
    else if (row.member_id !== entry.memberId || row.option !== entry.option || row.receipt !== entry.receipt) problems.push(`ballot ${entry.receipt} differs from the log`);
  }
  for (const row of stored) if (!logged.some((e) => e.ballotId === row.id)) problems.push(`ballot ${row.receipt} is stored but not in the log`);
  // The current ballot of each member is the last one the log recorded for it.
  const lastByMember = new Map(logged.map((e) => [e.memberId, e.ballotId]));
  for (const row of stored.filter((b) => !b.superseded_at)) if (lastByMember.get(row.member_id) !== row.id) problems.push(`ballot ${row.receipt} counts but was replaced in the log`);

  if (poll.closed_at && poll.result) {
    const weight = new Map(frozen);
    const ballots = logged.filter((e) => lastByMember.get(e.memberId) === e.ballotId).map((e) => ({ memberId: e.memberId, option: e.option, weight: weight.get(e.memberId) ?? 0 }));
    const recomputed = await computeResult(db, poll, { ballots, entitlements }, (poll.result as unknown as PollResult).chainHead);
    const published = poll.result as unknown as PollResult;
    // jsonb reorders keys, so compare canonically.
    const same = (a: PollResult, b: PollResult) => canonical(a.totals) === canonical(b.totals) && a.outcome === b.outcome && a.percentFor === b.percentFor;
    if (!same(recomputed, published)) problems.push('the published result is not what the logged ballots add up to');
  }
  return { pollId, ok: problems.length === 0, chainHead: head, problems };
}
