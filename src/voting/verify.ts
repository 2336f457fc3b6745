import { verifyBundle, type BundleTerms, type ResultSummary } from '#verify-bundle';
import type { Kysely } from 'kysely';
import type { Database } from '../core/db/schema.js';
import { instanceSigningKey } from '../core/signing.js';
import { assembleBundle } from './bundle.js';
import { pollRow } from './queries.js';
import { changedTerms, termsOf } from './terms.js';

export interface Verification {
  pollId: string;
  ok: boolean;
  chainHead: string | null;
  problems: string[];
  /** What could not be checked, e.g. for a poll opened before its terms were logged. */
  notes: string[];
}

/**
 * What the vote-counting committee certifies. The checks that need nothing but the poll's bundle run
 * in the standalone verifier (tools/verify-bundle.mjs): the hash chain, the ballots replayed against
 * the entitlements frozen at opening, the result recounted under the terms logged at opening, and the
 * seal. Here the database is compared with the log as well: the poll row's terms and running chain
 * head, the decision taken on the poll, and the minutes' statement of it.
 */
export async function verifyPoll(db: Kysely<Database>, pollId: string): Promise<Verification> {
  const poll = await pollRow(db, pollId);
  const bundle = await assembleBundle(db, poll);
  const checked = verifyBundle(bundle);
  const problems = [...checked.problems];
  const opened = bundle.log[0]?.kind === 'opened' ? (bundle.log[0].payload as { terms?: BundleTerms }) : undefined;

  if (opened?.terms)
    for (const change of changedTerms(opened.terms, termsOf(poll) as unknown as Record<string, unknown>))
      problems.push(`the poll's terms differ from those logged at opening: ${change}`);
  if ((opened?.terms || poll.chain_head) && poll.chain_head !== checked.chainHead) {
    problems.push(
      `the poll recorded chain head ${poll.chain_head ?? '(none)'}, but the log ends at ${checked.chainHead ?? '(nothing)'}: log entries were removed or added`,
    );
  }
  if (bundle.seal && bundle.seal.publicKey !== instanceSigningKey().publicKey)
    problems.push(`the poll was sealed with key ${bundle.seal.keyId}, which is not this instance's signing key`);

  const closing = bundle.log.at(-1)?.kind === 'closed' ? ((bundle.log.at(-1)!.payload as { result?: ResultSummary }).result ?? null) : null;
  if (closing) problems.push(...(await decisionProblems(db, poll, closing)));
  return { pollId, ok: problems.length === 0, chainHead: checked.chainHead, problems, notes: checked.notes };
}

/** The decision taken on the poll says what the log says, and the minutes written since carry its statement. */
async function decisionProblems(
  db: Kysely<Database>,
  poll: { id: string; meeting_id: string; subject_type: string; subject_id: string | null; closed_at: Date | null },
  result: ResultSummary,
): Promise<string[]> {
  const problems: string[] = [];
  const decisions = await db.selectFrom('decisions').selectAll().where('poll_id', '=', poll.id).execute();
  const decides = result.outcome === 'adopted' || result.outcome === 'rejected';
  for (const d of decisions) {
    if (!decides) problems.push(`a decision (${d.outcome}) points at this poll, whose logged outcome ${result.outcome} decides nothing`);
    else if (d.outcome !== result.outcome && !(d.outcome === 'appointed' && result.outcome === 'adopted'))
      problems.push(`the decision records ${d.outcome}, but the logged outcome is ${result.outcome}`);
    if (d.subject_type !== poll.subject_type || d.subject_id !== poll.subject_id)
      problems.push(`the decision on this poll is about ${d.subject_type} ${d.subject_id}, not the poll's subject ${poll.subject_type} ${poll.subject_id}`);
    if (d.method !== 'vote') problems.push(`the decision on this poll says it was taken by ${d.method}, not by vote`);
    if (result.statement && d.note !== null && d.note !== result.statement.nl)
      problems.push(`the decision's statement "${d.note}" differs from the logged statement "${result.statement.nl}"`);
  }
  if (decides && decisions.length === 0 && poll.subject_id) {
    const other = await db
      .selectFrom('decisions')
      .select('id')
      .where('subject_type', '=', poll.subject_type as never)
      .where('subject_id', '=', poll.subject_id)
      .executeTakeFirst();
    if (!other) problems.push(`the poll's logged outcome ${result.outcome} is not recorded as a decision`);
  }
  // Minutes written after the vote carry its statement word for word (the draft does; staff may
  // rephrase the rest, not the figures and the conclusion).
  if (decides && decisions.length > 0 && result.statement && poll.closed_at) {
    const minutes = await db
      .selectFrom('minutes_versions')
      .select(['version', 'body', 'created_at'])
      .where('meeting_id', '=', poll.meeting_id)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (minutes && minutes.created_at >= poll.closed_at && !minutes.body.includes(result.statement.nl)) {
      problems.push(`the minutes (version ${minutes.version}) do not carry the poll's statement "${result.statement.nl}"`);
    }
  }
  return problems;
}
