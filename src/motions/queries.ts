import type { Kysely } from 'kysely';
import type { Actor } from '../core/audit.js';
import type { Subject } from '../core/auth/policy.js';
import type { Database, Row } from '../core/db/schema.js';
import { problems, text } from '../core/errors.js';
import { profileAsOf } from '../profile/store.js';
import type { HoldWithdrawBy } from './rules.js';
import type { SubmissionKind } from './tables.js';

type Db = Kysely<Database>;
type SubmissionRow = Row<'submissions'>;

/** Who files or takes part: the audit actor, the signed-in person the motion policy judges, and their name for the record. */
export interface Filer {
  actor: Actor;
  subject: NonNullable<Subject>;
  name: string;
}

const NOUN = { motion: text('Motie', 'Motion'), amendment: text('Amendement', 'Amendment') };

export async function submissionRow(db: Db, kind: SubmissionKind, id: string): Promise<SubmissionRow> {
  const row = await db.selectFrom('submissions').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
  if (!row) throw problems.notFound(NOUN[kind], id);
  return row;
}

export async function assertOpen(db: Db, submission: SubmissionRow): Promise<void> {
  const decided = await db
    .selectFrom('decisions')
    .select('id')
    .where('subject_type', '=', 'submission')
    .where('subject_id', '=', submission.id)
    .executeTakeFirst();
  if (decided) throw problems.conflict(text('Hierover is al besloten.', 'This has already been decided.'));
}

/** Who holds or withdraws a motion: the first submitter, or all submitters together (profile). */
export const holdWithdrawMode = async (db: Db, date: string): Promise<HoldWithdrawBy> =>
  (await profileAsOf(db, date)).motions?.holdWithdrawBy ?? 'first-submitter';
