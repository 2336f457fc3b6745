import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { publish } from '../core/events.js';
import { lockMeeting, meetingRow } from '../meetings/store.js';
import { refuse } from './problems.js';
import type { ScreenContent } from './tables.js';

type Db = Kysely<Database>;

export interface Screen {
  content: ScreenContent;
  subjectId: string | null;
  chosenAt: string | null;
}

/** What the projector shows now; 'auto' (the item in hand and the newest vote) until the chair chooses. */
export async function screenOf(db: Db, meetingId: string): Promise<Screen> {
  await meetingRow(db, meetingId);
  const row = await db.selectFrom('meeting_screens').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
  return row
    ? { content: row.content, subjectId: row.subject_id, chosenAt: row.chosen_at.toISOString() }
    : { content: 'auto', subjectId: null, chosenAt: null };
}

const NEEDS_SUBJECT: readonly ScreenContent[] = ['submission', 'poll'];

/**
 * The chair chooses what the projector shows: the agenda, the item in hand, a motion or amendment of
 * this meeting, the speakers' list, or one of its votes. A secret vote shows no running result there
 * either: the projector reads the poll as the public does.
 */
export async function chooseScreen(db: Db, actor: Actor, meetingId: string, input: { content: ScreenContent; subjectId?: string | null }): Promise<Screen> {
  const subjectId = input.subjectId ?? null;
  if (NEEDS_SUBJECT.includes(input.content) && !subjectId)
    throw refuse(
      'Kies welke motie, welk amendement of welke stemming het scherm toont.',
      'Choose which motion, amendment or vote the screen shows.',
      'subjectId',
    );
  if (!NEEDS_SUBJECT.includes(input.content) && subjectId)
    throw refuse('Bij deze keuze hoort geen motie, amendement of stemming.', 'This choice takes no motion, amendment or vote.', 'subjectId');
  return inTransaction(db, async (trx) => {
    await lockMeeting(trx, meetingId);
    if (input.content === 'submission' && subjectId) {
      const found = await trx.selectFrom('submissions').select('meeting_id').where('id', '=', subjectId).executeTakeFirst();
      if (!found || found.meeting_id !== meetingId)
        throw refuse('Deze motie of dit amendement hoort niet bij deze vergadering.', 'This motion or amendment is not part of this meeting.', 'subjectId');
    }
    if (input.content === 'poll' && subjectId) {
      const found = await trx.selectFrom('polls').select('meeting_id').where('id', '=', subjectId).executeTakeFirst();
      if (!found || found.meeting_id !== meetingId)
        throw refuse('Deze stemming hoort niet bij deze vergadering.', 'This vote is not part of this meeting.', 'subjectId');
    }
    const chosenAt = new Date();
    await trx
      .insertInto('meeting_screens')
      .values({ meeting_id: meetingId, content: input.content, subject_id: subjectId, chosen_at: chosenAt, chosen_by: actor.label })
      .onConflict((oc) => oc.column('meeting_id').doUpdateSet({ content: input.content, subject_id: subjectId, chosen_at: chosenAt, chosen_by: actor.label }))
      .execute();
    await recordAudit(trx, actor, { action: 'meeting.screen-chosen', entityType: 'meeting', entityId: meetingId, data: { content: input.content, subjectId } });
    await publish(trx, `meeting:${meetingId}`, { what: 'screen' });
    return { content: input.content, subjectId, chosenAt: chosenAt.toISOString() };
  });
}
