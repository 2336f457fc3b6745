import type { Kysely } from 'kysely';
import type { Database } from '../core/db/schema.js';
import type { Phrase } from './phrases.js';

/**
 * For decisions taken by vote: the statement of the counted poll, figures first ("Voor: 97,68%,
 * Tegen: 2,32%. De ALV stemt in met het voorstel."), by subject id.
 */
export async function voteStatements(db: Kysely<Database>, subjectIds: readonly string[]): Promise<Map<string, Phrase>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('polls as p', 'p.id', 'd.poll_id')
    .select(['d.subject_id', 'p.result'])
    .where('d.subject_id', 'in', [...subjectIds])
    .where('d.method', '=', 'vote')
    .execute();
  return new Map(rows.map((r) => [r.subject_id, (r.result as unknown as { statement: Phrase }).statement]));
}

export interface VoteSeal {
  chainHead: string;
  keyId: string;
  signature: string;
}

/** For decisions taken by vote: the seal of the counted poll (migration 0012), by subject id. */
export async function voteSeals(db: Kysely<Database>, subjectIds: readonly string[]): Promise<Map<string, VoteSeal>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('poll_seals as s', 's.poll_id', 'd.poll_id')
    .select(['d.subject_id', 's.chain_head', 's.key_id', 's.signature'])
    .where('d.subject_id', 'in', [...subjectIds])
    .where('d.method', '=', 'vote')
    .execute();
  return new Map(rows.map((r) => [r.subject_id, { chainHead: r.chain_head, keyId: r.key_id, signature: r.signature }]));
}

/** The seal as the minutes print it: anyone can check it against the published key. */
export const sealLine = (seal: VoteSeal) =>
  `Zegel van de stemming: controlegetal \`${seal.chainHead}\`, sleutel \`${seal.keyId}\`, handtekening \`${seal.signature}\`.`;
