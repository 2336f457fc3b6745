import type { Kysely } from 'kysely';
import type { Database, Row } from '../core/db/schema.js';
import { problems, text } from '../core/errors.js';
import { voteOutcome } from '../course/rules.js';
import { itemPhrase, submissionPhrase, type Phrase } from '../agenda/phrases.js';
import { meetingRow } from '../meetings/store.js';
import { labelOf } from '../agenda/phrases.js';
import { entryHash, GENESIS } from './chain.js';

type Db = Kysely<Database>;

type PollRow = Row<'polls'>;

export const POLL = text('Stemming', 'Poll');

export const closedProblem = () => problems.conflict(text('Deze stemming is gesloten.', 'This poll is closed.'));

export async function pollRow(db: Db, id: string): Promise<PollRow> {
  const row = await db.selectFrom('polls').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(POLL, id);
  return row;
}

export async function lockPoll(trx: Db, id: string): Promise<PollRow> {
  const row = await trx.selectFrom('polls').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw problems.notFound(POLL, id);
  return row;
}

export const isOpen = (poll: PollRow) => !poll.closed_at && !poll.cancelled_at;

/**
 * Appends entries to the poll's hash chain and returns the hash of the last; the caller holds the
 * poll's row lock, so entries never race.
 */
export async function appendLog(trx: Db, pollId: string, entries: readonly { kind: string; payload: Record<string, unknown> }[]): Promise<string> {
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

interface SubjectInfo {
  title: string;
  phrase(outcome: 'adopted' | 'rejected'): Phrase;
}

export async function subjectOf(db: Db, poll: Pick<PollRow, 'subject_type' | 'subject_id' | 'meeting_id'>): Promise<SubjectInfo | null> {
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
