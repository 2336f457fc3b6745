import type { TextKey } from '../i18n';
import type {
  AgendaItem,
  AppointmentFunction,
  BoardAdvice,
  DecisionMethod,
  ItemOutcome,
  MeetingKind,
  MeetingMode,
  MeetingStatus,
  Purpose,
  SubmissionOutcome,
  SubmissionStatus,
} from '../types';

/** The words for the meeting's enumerations, one text key each. */
export const kindKey = (kind: MeetingKind): TextKey => `meeting.kind.${kind}`;
export const modeKey = (mode: MeetingMode): TextKey => `meeting.mode.${mode}`;
export const statusKey = (status: MeetingStatus): TextKey => `meeting.status.${status}`;
export const functionKey = (fn: AppointmentFunction): TextKey => `meeting.function.${fn}`;
export const purposeKey = (purpose: Purpose): TextKey => `agenda.purpose.${purpose}`;
export const adviceKey = (advice: BoardAdvice): TextKey => `motion.advice.${advice}`;
export const submissionStatusKey = (status: SubmissionStatus): TextKey => `motion.status.${status}`;
export const methodKey = (method: DecisionMethod): TextKey => `course.method.${method}`;
export const itemOutcomeKey = (outcome: ItemOutcome): TextKey => `course.outcome.item.${outcome}`;
export const submissionOutcomeKey = (outcome: SubmissionOutcome): TextKey => `course.outcome.submission.${outcome}`;

export const MEETING_KINDS: readonly MeetingKind[] = ['alv', 'balv'];
export const MEETING_MODES: readonly MeetingMode[] = ['in-person', 'online', 'hybrid'];
export const FUNCTIONS: readonly AppointmentFunction[] = ['chair', 'technical-chair', 'counting-committee', 'minutes-committee'];
export const PURPOSES: readonly Purpose[] = ['decision', 'information', 'discussion', 'approval'];
export const ADVICES: readonly BoardAdvice[] = ['take-over', 'advise-against', 'leave-to-meeting', 'positive'];

/** The outcome a chair most often records for an item: what "agreed" means for its kind and purpose. */
export function usualOutcome(item: Pick<AgendaItem, 'kind' | 'purpose'>): ItemOutcome {
  if (item.kind === 'opening' || item.kind === 'closing') return 'done';
  if (item.kind === 'appointments') return 'appointed';
  if (item.kind === 'previous-minutes') return 'approved';
  switch (item.purpose) {
    case 'decision':
      return 'adopted';
    case 'approval':
      return 'approved';
    case 'information':
      return 'taken-note';
    case 'discussion':
      return 'discussed';
  }
}

/** Motions go with a regular item or with any other business (rondvraag); not with opening, appointments, minutes or closing. */
export const takesMotions = (item: Pick<AgendaItem, 'kind'>) => item.kind === 'regular' || item.kind === 'any-other-business';

/** Amendments change the proposal's text: only items put to the meeting for a decision or approval take them. */
export const takesAmendments = (item: Pick<AgendaItem, 'purpose' | 'kind'>) =>
  item.kind === 'regular' && (item.purpose === 'decision' || item.purpose === 'approval');

/**
 * How an outcome is reached, as the server accepts it here: adopting, approving and appointing by
 * acclamation; noting, discussing, postponing, holding and withdrawing without a vote. Rejecting
 * takes a vote, which the voting feature records.
 */
export function usualMethod(outcome: ItemOutcome | SubmissionOutcome): DecisionMethod {
  if (outcome === 'adopted' || outcome === 'approved' || outcome === 'appointed') return 'acclamation';
  if (outcome === 'rejected') return 'vote';
  return 'none';
}

/** The outcomes that fit an item, by its kind and purpose (the server's rule), without those that need a vote. */
export function itemOutcomesFor(item: Pick<AgendaItem, 'kind' | 'purpose'>): ItemOutcome[] {
  switch (item.kind) {
    case 'opening':
    case 'closing':
      return ['done'];
    case 'appointments':
      return ['appointed', 'postponed'];
    case 'previous-minutes':
      return ['approved', 'postponed'];
    default:
      break;
  }
  switch (item.purpose) {
    case 'decision':
      return ['adopted', 'discussed', 'postponed'];
    case 'approval':
      return ['approved', 'postponed'];
    case 'information':
      return ['taken-note', 'discussed', 'done', 'postponed'];
    case 'discussion':
      return ['discussed', 'taken-note', 'done', 'postponed'];
  }
}

/** What the chair records for a motion or amendment here; rejection follows from a vote. */
export const SUBMISSION_CHAIR_OUTCOMES: readonly SubmissionOutcome[] = ['adopted', 'held', 'withdrawn'];
