import { longDate } from '../core/dates.js';
import type { AgendaItemKind, Purpose } from './tables.js';

/**
 * The minutes' fixed phrasing (domain.md §2): "De ALV stemt in met het voorstel", "De ALV neemt de
 * motie aan", "De ALV neemt per acclamatie … aan", "De indieners houden de motie aan; de vergadering
 * neemt hier kennis van". Every recorded outcome yields exactly one phrase, in Dutch and English.
 */
export interface Phrase {
  nl: string;
  en: string;
}

export type MeetingLabel = 'ALV' | 'BALV';

/** "ALV" or "BALV", as the minutes name the meeting. */
export const labelOf = (meeting: { kind: 'alv' | 'balv' }): MeetingLabel => (meeting.kind === 'balv' ? 'BALV' : 'ALV');

/** How an outcome was reached: by acclamation, by a vote, or without either (held, withdrawn, taken note of). */
export type DecisionMethod = 'acclamation' | 'vote' | 'none';

export const ITEM_OUTCOMES = ['adopted', 'rejected', 'taken-note', 'discussed', 'approved', 'appointed', 'postponed', 'done'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];
export const SUBMISSION_OUTCOMES = ['adopted', 'rejected', 'held', 'withdrawn'] as const;
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number];

export interface ItemSubject {
  type: 'agenda-item';
  kind: AgendaItemKind;
  purpose: Purpose;
  /** For a previous-minutes item: the date (YYYY-MM-DD) of the meeting whose minutes it approves. */
  approvesDate?: string | null;
}

export interface SubmissionSubject {
  type: 'submission';
  kind: 'motion' | 'amendment';
}

const en = (label: MeetingLabel) => (label === 'ALV' ? 'The general meeting' : 'The extraordinary general meeting');

export function itemPhrase(label: MeetingLabel, item: ItemSubject, outcome: ItemOutcome, method: DecisionMethod): Phrase {
  const acclamation = method === 'acclamation';
  switch (outcome) {
    case 'adopted':
      return acclamation
        ? { nl: `De ${label} stemt per acclamatie in met het voorstel.`, en: `${en(label)} approves the proposal by acclamation.` }
        : { nl: `De ${label} stemt in met het voorstel.`, en: `${en(label)} approves the proposal.` };
    case 'rejected':
      return { nl: `De ${label} stemt niet in met het voorstel.`, en: `${en(label)} does not approve the proposal.` };
    case 'approved':
      if (item.kind === 'previous-minutes') {
        const on = item.approvesDate;
        return {
          nl: `De ${label} stelt de notulen van de vergadering${on ? ` van ${longDate(on, 'nl')}` : ''} vast.`,
          en: `${en(label)} approves the minutes of the meeting${on ? ` of ${longDate(on, 'en')}` : ''}.`,
        };
      }
      return { nl: `De ${label} stemt in met het voorstel.`, en: `${en(label)} approves the proposal.` };
    case 'appointed':
      return {
        nl: `De ${label} benoemt${acclamation ? ' per acclamatie' : ''} de commissie van stemopneming en de notulencommissie.`,
        en: `${en(label)} appoints the vote-counting committee and the minutes committee${acclamation ? ' by acclamation' : ''}.`,
      };
    case 'taken-note':
      return { nl: `De ${label} neemt hiervan kennis.`, en: `${en(label)} takes note of this.` };
    case 'discussed':
      return { nl: `De ${label} bespreekt het onderwerp.`, en: `${en(label)} discusses the subject.` };
    case 'postponed':
      return { nl: 'Het agendapunt wordt aangehouden tot een volgende vergadering.', en: 'The item is held over to a later meeting.' };
    case 'done':
      if (item.kind === 'opening') return { nl: 'De voorzitter opent de vergadering.', en: 'The chair opens the meeting.' };
      if (item.kind === 'closing') return { nl: 'De voorzitter sluit de vergadering.', en: 'The chair closes the meeting.' };
      return { nl: 'Dit agendapunt is behandeld.', en: 'This item has been dealt with.' };
  }
}

export function submissionPhrase(label: MeetingLabel, subject: SubmissionSubject, outcome: SubmissionOutcome, method: DecisionMethod): Phrase {
  const noun = subject.kind === 'motion' ? { nl: 'de motie', en: 'the motion' } : { nl: 'het amendement', en: 'the amendment' };
  switch (outcome) {
    case 'adopted':
      return method === 'acclamation'
        ? { nl: `De ${label} neemt ${noun.nl} per acclamatie aan.`, en: `${en(label)} adopts ${noun.en} by acclamation.` }
        : { nl: `De ${label} neemt ${noun.nl} aan.`, en: `${en(label)} adopts ${noun.en}.` };
    case 'rejected':
      return { nl: `De ${label} verwerpt ${noun.nl}.`, en: `${en(label)} rejects ${noun.en}.` };
    case 'held':
      return { nl: `De indieners houden ${noun.nl} aan; de vergadering neemt hier kennis van.`, en: `The submitters hold ${noun.en}; the meeting takes note.` };
    case 'withdrawn':
      return { nl: `De indieners trekken ${noun.nl} in.`, en: `The submitters withdraw ${noun.en}.` };
  }
}

export const EARLY_MINUTES: Phrase = {
  nl: 'De notulen van dit agendapunt worden direct vastgesteld.',
  en: 'The minutes of this item are approved at once.',
};

/** Which outcomes fit an item; e.g. an item for information is taken note of, not adopted. */
export function outcomeFits(item: ItemSubject, outcome: ItemOutcome): boolean {
  switch (item.kind) {
    case 'opening':
    case 'closing':
      return outcome === 'done';
    case 'appointments':
      return outcome === 'appointed' || outcome === 'postponed';
    case 'previous-minutes':
      return outcome === 'approved' || outcome === 'postponed';
    default:
      break;
  }
  switch (item.purpose) {
    case 'decision':
      return ['adopted', 'rejected', 'postponed', 'discussed'].includes(outcome);
    case 'approval':
      return ['approved', 'rejected', 'postponed'].includes(outcome);
    case 'information':
      return ['taken-note', 'discussed', 'postponed', 'done'].includes(outcome);
    case 'discussion':
      return ['discussed', 'taken-note', 'postponed', 'done'].includes(outcome);
  }
}

/** Held, withdrawn and taken-note need no count; adopted and rejected need acclamation or a vote. */
export function methodFits(outcome: ItemOutcome | SubmissionOutcome, method: DecisionMethod): boolean {
  if (outcome === 'adopted' || outcome === 'approved' || outcome === 'appointed') return method === 'acclamation' || method === 'vote';
  if (outcome === 'rejected') return method === 'vote';
  return method === 'none';
}
