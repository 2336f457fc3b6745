import { sql, type Kysely } from 'kysely';
import { BUNDLE_FORMAT, type Bundle } from '#verify-bundle';
import { recordAudit } from '../core/audit.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { instanceSigningKey } from '../core/signing.js';
import { entitledOf, summaryOf } from './terms.js';
import type { PollResult } from './schemas.js';
import { pollRow } from './queries.js';
import { assertMayReadVotes, type VotesViewer } from './votes.js';

type Db = Kysely<Database>;

/**
 * Everything needed to check a poll without the server: the hash-chained log, the entitlements and
 * ballots as stored, the published result, the seal and the instance's public key. It carries
 * per-member votes (the log does), so it is read like GET /polls/{id}/votes.
 */
export async function assembleBundle(db: Db, poll: Row<'polls'>): Promise<Bundle> {
  const [log, entitlements, ballots, seal] = await Promise.all([
    // Only the columns the bundle carries: a 10,000-ballot poll is read whole for every verification.
    db.selectFrom('poll_log').select(['seq', 'kind', 'payload', 'prev_hash', 'hash']).where('poll_id', '=', poll.id).orderBy('seq').execute(),
    db.selectFrom('poll_entitlements').select(['member_id', 'weight', 'holder_person_id']).where('poll_id', '=', poll.id).execute(),
    db
      .selectFrom('ballots')
      .select(['id', 'member_id', 'option', 'receipt', sql<boolean>`superseded_at is not null`.as('superseded')])
      .where('poll_id', '=', poll.id)
      .orderBy('cast_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('poll_seals').selectAll().where('poll_id', '=', poll.id).executeTakeFirst(),
  ]);
  const result = poll.result as unknown as PollResult | null;
  return {
    format: BUNDLE_FORMAT,
    pollId: poll.id,
    question: poll.question,
    log: log.map((e) => ({ seq: e.seq, kind: e.kind, payload: e.payload as unknown as Record<string, unknown>, prevHash: e.prev_hash, hash: e.hash })),
    entitlements: entitledOf(entitlements),
    ballots: ballots.map((b) => ({ ballotId: b.id, memberId: b.member_id, option: b.option, receipt: b.receipt, superseded: b.superseded })),
    result: result ? { ...summaryOf(result), chainHead: result.chainHead } : null,
    seal: seal
      ? {
          chainHead: seal.chain_head,
          message: seal.message,
          signature: seal.signature,
          publicKey: seal.public_key,
          keyId: seal.key_id,
          sealedAt: seal.sealed_at.toISOString(),
        }
      : null,
    publicKey: instanceSigningKey().publicKey,
  };
}

/** The bundle for a reader: as the poll's secrecy allows, and a secret poll's read goes into the audit trail. */
export async function pollBundle(db: Db, pollId: string, viewer: VotesViewer): Promise<Bundle> {
  const poll = await pollRow(db, pollId);
  await assertMayReadVotes(db, poll, viewer);
  return inTransaction(db, async (trx) => {
    const bundle = await assembleBundle(trx, poll);
    if (poll.secrecy === 'secret')
      await recordAudit(trx, viewer.actor, {
        action: 'poll.secret-votes-read',
        entityType: 'meeting',
        entityId: poll.meeting_id,
        data: { pollId, channel: 'bundle', members: bundle.entitlements?.length ?? 0 },
      });
    return bundle;
  });
}
