import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { publish } from '../core/events.js';
import { problems, text } from '../core/errors.js';
import { today, type IsoDate } from '../core/dates.js';
import { opensEarly } from '../meetings/rules.js';
import { lockMeeting, recordMoments } from '../meetings/store.js';
import { conflict, notInSession, refuse } from './problems.js';

type Db = Kysely<Database>;

/**
 * Opens the meeting. Before its date this needs the chair's confirmation (`confirmEarly`); the audit
 * entry then records that it opened early, and on which day.
 */
export async function openMeeting(db: Db, actor: Actor, meetingId: string, options: { confirmEarly?: boolean; today?: IsoDate } = {}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (meeting.opened_at) throw conflict('De vergadering is al geopend.', 'The meeting has already been opened.');
    const day = options.today ?? today();
    const early = opensEarly(meeting.date, day);
    if (early && !options.confirmEarly) {
      throw problems.conflict(
        text(
          'Deze vergadering staat gepland op {date}; vandaag is het {today}. Bevestig dat u haar nu al wilt openen (confirmEarly=true).',
          'This meeting is scheduled for {date}; today is {today}. Confirm that you want to open it now (confirmEarly=true).',
          { date: meeting.date, today: day },
        ),
      );
    }
    await recordMoments(trx, meetingId, { opened_at: new Date() });
    await recordAudit(trx, actor, {
      action: 'meeting.opened',
      entityType: 'meeting',
      entityId: meetingId,
      ...(early ? { data: { early: true, scheduledFor: meeting.date, openedOn: day } } : {}),
    });
    await publish(trx, `meeting:${meetingId}`, { what: 'session' });
  });
}

export async function closeMeeting(db: Db, actor: Actor, meetingId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (!meeting.opened_at || meeting.closed_at) throw notInSession();
    await recordMoments(trx, meetingId, { closed_at: new Date(), current_item_id: null });
    await recordAudit(trx, actor, { action: 'meeting.closed', entityType: 'meeting', entityId: meetingId });
    await publish(trx, `meeting:${meetingId}`, { what: 'session' });
  });
}

/** The item the chair is handling now; everyone following the meeting sees it. */
export async function setCurrentItem(db: Db, actor: Actor, meetingId: string, itemId: string | null): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (!meeting.opened_at || meeting.closed_at) throw notInSession();
    if (itemId) {
      const item = await trx.selectFrom('agenda_items').select('meeting_id').where('id', '=', itemId).executeTakeFirst();
      if (!item || item.meeting_id !== meetingId)
        throw refuse('Dit agendapunt hoort niet bij deze vergadering.', 'This item is not on this meeting’s agenda.', 'itemId');
    }
    await recordMoments(trx, meetingId, { current_item_id: itemId });
    await recordAudit(trx, actor, { action: 'meeting.item-opened', entityType: 'meeting', entityId: meetingId, data: { itemId } });
    await publish(trx, `meeting:${meetingId}`, { what: 'current-item', itemId });
  });
}
