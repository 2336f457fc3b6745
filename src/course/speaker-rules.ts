import type { SpeakerStatus } from './tables.js';
import type { CourseRefusal } from './rules.js';

/**
 * The speakers' list as pure rules: who may ask to speak (a person checked in, for themself, on the
 * item in hand, once per round) and how a turn moves on (waiting, speaking, done; or withdrawn).
 */

export interface SpeakRequest {
  inSession: boolean;
  /** The item asked on is the one the chair is handling now. */
  currentItem: boolean;
  /** The person holds a check-in at this meeting (not checked out). */
  checkedIn: boolean;
  /** The person already stands on the list in this round (not withdrawn). */
  alreadyInRound: boolean;
}

export function speakRequestRefusal(request: SpeakRequest, round: 1 | 2): CourseRefusal | null {
  if (!request.inSession) return { status: 'conflict', field: 'round', nl: 'De vergadering is niet geopend.', en: 'The meeting is not in session.' };
  if (!request.currentItem)
    return {
      status: 'conflict',
      field: 'round',
      nl: 'U kunt alleen het woord vragen over het agendapunt dat nu aan de orde is.',
      en: 'You can only ask to speak on the agenda item now under discussion.',
    };
  if (!request.checkedIn)
    return {
      status: 'conflict',
      field: 'round',
      nl: 'U bent niet aangemeld bij deze vergadering. Meld u eerst aan; daarna kunt u het woord vragen.',
      en: 'You are not checked in at this meeting. Check in first; then you can ask to speak.',
    };
  if (request.alreadyInRound)
    return {
      status: 'conflict',
      field: 'round',
      nl: `U staat al op de sprekerslijst voor de ${round === 1 ? 'eerste' : 'tweede'} termijn.`,
      en: `You are already on the speakers' list for the ${round === 1 ? 'first' : 'second'} round.`,
    };
  return null;
}

/** The moves a turn can make: the chair gives the floor, ends the turn, or takes the request off the list. */
const MOVES: Record<SpeakerStatus, readonly SpeakerStatus[]> = {
  waiting: ['speaking', 'withdrawn'],
  speaking: ['done', 'withdrawn'],
  done: [],
  withdrawn: [],
};

export function speakerMoveRefusal(from: SpeakerStatus, to: SpeakerStatus, byChair: boolean): CourseRefusal | null {
  // The person who asked may only take back a request that is still waiting.
  if (!byChair && !(from === 'waiting' && to === 'withdrawn'))
    return {
      status: 'conflict',
      field: 'status',
      nl: 'U kunt alleen uw eigen verzoek intrekken zolang u het woord nog niet hebt.',
      en: 'You can only withdraw your own request while you do not have the floor yet.',
    };
  if (!MOVES[from].includes(to))
    return {
      status: 'conflict',
      field: 'status',
      nl: 'Deze spreekbeurt is al afgerond of ingetrokken, of heeft deze status al.',
      en: 'This turn is already finished or withdrawn, or already has this status.',
    };
  return null;
}

/** Who the list shows first: whoever speaks now, then the first round before the second, each in the order asked. */
export function speakerOrder(a: { status: SpeakerStatus; round: 1 | 2; at: number }, b: { status: SpeakerStatus; round: 1 | 2; at: number }): number {
  const rank = (s: SpeakerStatus) => (s === 'speaking' ? 0 : s === 'waiting' ? 1 : 2);
  if (a.status === 'done' && b.status === 'done') return a.round - b.round || a.at - b.at;
  return rank(a.status) - rank(b.status) || a.round - b.round || a.at - b.at;
}
