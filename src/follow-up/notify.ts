import type { Kysely } from 'kysely';
import type { Config } from '../core/config.js';
import { today } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import type { Mail } from '../core/mail.js';
import { enqueueMails } from '../core/mail-queue.js';
import { representativesOn, type Recipient } from '../meetings/convocation.js';
import { STATUS_LABELS, type FollowUpStatus } from './rules.js';

type Db = Kysely<Database>;

export interface StatusChangeNotice {
  followUpId: string;
  from: FollowUpStatus;
  to: FollowUpStatus;
}

const followUpUrl = (config: Pick<Config, 'PUBLIC_URL'>, id: string) => `${config.PUBLIC_URL.replace(/\/+$/, '')}/opvolging/${id}`;

function statusMail(r: Recipient, f: { title: string; reason: string | null; meetingTitle: string }, n: StatusChangeNotice, url: string): Mail {
  const [from, to] = [STATUS_LABELS[n.from], STATUS_LABELS[n.to]];
  const lines = [
    `Geachte ${r.name},`,
    '',
    `De opvolging van de motie "${f.title}" (${f.meetingTitle}), ingediend namens ${r.memberName}, heeft een nieuwe status: ${to.nl} (was: ${from.nl}).`,
    ...(f.reason ? ['', `Reden: ${f.reason}`] : []),
    '',
    `De stand van zaken en alle voortgang: ${url}`,
    '',
    '---',
    '',
    `The follow-up of the motion "${f.title}", filed on behalf of ${r.memberName}, has a new status: ${to.en} (was: ${from.en}).`,
    ...(f.reason ? ['', `Reason: ${f.reason}`] : []),
    '',
    `Progress and updates: ${url}`,
  ];
  return { to: r.email, subject: `Opvolging motie "${f.title}": ${to.nl}`, text: lines.join('\n') };
}

/**
 * Tells the representatives of the members that submitted a motion that its follow-up's status
 * changed. The one place follow-up sends mail: queued in the status change's own transaction, so
 * the mail goes out exactly when the change stands. Returns how many mails were queued.
 */
export async function notifyStatusChange(db: Db, config: Pick<Config, 'PUBLIC_URL'>, notice: StatusChangeNotice): Promise<number> {
  const followUp = await db
    .selectFrom('follow_ups as f')
    .innerJoin('meetings as m', 'm.id', 'f.meeting_id')
    .select(['f.title', 'f.status_reason', 'f.submission_id', 'm.title as meeting_title'])
    .where('f.id', '=', notice.followUpId)
    .executeTakeFirst();
  if (!followUp?.submission_id) return 0;
  const submitters = await db.selectFrom('submission_members').select('member_id').where('submission_id', '=', followUp.submission_id).execute();
  const recipients = await representativesOn(
    db,
    today(),
    submitters.map((s) => s.member_id),
  );
  const subject = { title: followUp.title, reason: followUp.status_reason, meetingTitle: followUp.meeting_title };
  const url = followUpUrl(config, notice.followUpId);
  const about = { type: 'follow-up', id: notice.followUpId };
  const queued = await enqueueMails(
    db,
    recipients.map((r) => ({ ...statusMail(r, subject, notice, url), kind: 'follow-up-status', about })),
  );
  return queued.length;
}
