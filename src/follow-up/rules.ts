import type { IsoDate } from '../core/dates.js';
import type { LocalText } from '../core/i18n.js';

/** Pure rules of follow-up: statuses and their labels, what a status change needs, when it is overdue. */

export const FOLLOW_UP_STATUSES = ['open', 'in-progress', 'done', 'not-carried-out'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_KINDS = ['motion', 'decision', 'commitment'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const STATUS_LABELS: Record<FollowUpStatus, LocalText> = {
  open: { nl: 'Open', en: 'Open' },
  'in-progress': { nl: 'In uitvoering', en: 'In progress' },
  done: { nl: 'Afgerond', en: 'Done' },
  'not-carried-out': { nl: 'Niet uitgevoerd', en: 'Not carried out' },
};

export const KIND_LABELS: Record<FollowUpKind, LocalText> = {
  motion: { nl: 'Aangenomen motie', en: 'Adopted motion' },
  decision: { nl: 'Besluit', en: 'Decision' },
  commitment: { nl: 'Toezegging', en: 'Commitment' },
};

export const OVERDUE_LABEL: LocalText = { nl: 'Termijn verstreken', en: 'Overdue' };

/**
 * An adopted motion gets a due date half a year after its meeting unless staff set another: the
 * term the VNG's "stand van zaken" reports use between the June and November meetings.
 */
export const DEFAULT_TERM_MONTHS = 6;

/** Done and not carried out end the follow-up; open and in progress are still to be reported. */
export const isFinished = (status: FollowUpStatus) => status === 'done' || status === 'not-carried-out';

/** Overdue: the due date has passed (today is the last day) and the follow-up has not ended. Derived, never stored. */
export const isOverdue = (f: { dueDate: IsoDate; status: FollowUpStatus }, today: IsoDate) => !isFinished(f.status) && f.dueDate < today;

/** The date a number of months later, clamped to the month's last day (31 August + 6 months = 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface StatusChange {
  from: FollowUpStatus;
  to: FollowUpStatus;
  reason?: string | null | undefined;
}

/** Why a status change is refused, or null: "not carried out" needs its reason. */
export function statusChangeRefusal(change: StatusChange): LocalText | null {
  if (change.to === 'not-carried-out' && !change.reason?.trim()) {
    return {
      nl: 'Geef de reden waarom dit niet wordt uitgevoerd; de leden zien die reden.',
      en: 'Give the reason why this is not carried out; the members see that reason.',
    };
  }
  return null;
}

/**
 * The meetings a "stand van zaken" report covers: the last two general meetings held before the
 * date (the meeting the report is for), newest first.
 */
export function reportMeetings<M extends { date: IsoDate }>(meetings: readonly M[], before: IsoDate, count = 2): M[] {
  return meetings
    .filter((m) => m.date < before)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .slice(0, count);
}
