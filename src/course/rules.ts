import type { MajorityRule, ProfileDocument } from '../profile/schemas.js';
import { outcomeFits, type ItemOutcome } from '../agenda/phrases.js';
import type { AgendaItemKind, ChangeKind, Purpose } from '../agenda/rules.js';

/**
 * The order of the course (domain.md §2), as pure rules. Recording a decision, opening a poll and
 * closing one all judge a subject by these same functions, so a vote can never reach an outcome that
 * the chair could not have recorded by hand (and the other way round).
 */

export interface CourseItem {
  kind: AgendaItemKind;
  purpose: Purpose;
  /** The decision text put to the meeting (after adopted amendments); null when there is none. */
  proposal: string | null;
  changeKind?: ChangeKind | null;
}

export interface CourseState {
  /** Motions and amendments on the item that have no decision yet. */
  undecidedSubmissions: number;
}

export interface CourseRefusal {
  /** conflict (409): right request, wrong moment; invalid (422): this subject cannot have it. */
  status: 'conflict' | 'invalid';
  field: string;
  nl: string;
  en: string;
}

/** Outcomes that decide on a proposal: the minutes say "stemt (niet) in met het voorstel". */
const ON_THE_PROPOSAL: readonly ItemOutcome[] = ['adopted', 'rejected', 'approved'];

/** An ordinary item puts a proposal to the meeting when it is for decision or approval and has a decision text. */
export function putsProposal(item: CourseItem): boolean {
  if (item.kind !== 'regular') return false;
  return (item.purpose === 'decision' || item.purpose === 'approval') && !!item.proposal?.trim();
}

/** Whether the outcome may be recorded on the item now; null when it may. */
export function itemOutcomeRefusal(item: CourseItem, outcome: ItemOutcome, state: CourseState): CourseRefusal | null {
  if (!outcomeFits({ type: 'agenda-item', kind: item.kind, purpose: item.purpose }, outcome)) {
    return {
      status: 'invalid',
      field: 'outcome',
      nl: 'Deze uitkomst past niet bij dit agendapunt (bijvoorbeeld: een punt ter kennisname wordt niet aangenomen).',
      en: 'This outcome does not fit this item (e.g. an item for information is not adopted).',
    };
  }
  if (item.kind === 'regular' && ON_THE_PROPOSAL.includes(outcome) && !putsProposal(item)) {
    return {
      status: 'invalid',
      field: 'outcome',
      nl: 'Dit agendapunt heeft geen voorstel (geen besluittekst): er kan niet over een voorstel worden besloten of gestemd.',
      en: 'This item has no proposal (no decision text): nothing can be decided or voted on as its proposal.',
    };
  }
  // Motions and amendments on an item are handled before its proposal; holding the item over is always possible.
  if (state.undecidedSubmissions > 0 && outcome !== 'postponed') {
    return {
      status: 'conflict',
      field: 'subjects',
      nl: 'Beslis eerst over de moties en amendementen bij dit agendapunt.',
      en: 'Decide on the motions and amendments on this item first.',
    };
  }
  return null;
}

/**
 * The outcome a vote on the item leads to: a set of appointments voted en bloc is "appointed", minutes
 * and items for approval are "approved". Null when that outcome does not fit the item: then the vote
 * decides nothing and the item stays open (e.g. appointments voted down).
 */
export function voteOutcome(item: CourseItem, result: 'adopted' | 'rejected'): ItemOutcome | null {
  let outcome: ItemOutcome = result;
  if (result === 'adopted') {
    if (item.kind === 'appointments') outcome = 'appointed';
    else if (item.kind === 'previous-minutes' || item.purpose === 'approval') outcome = 'approved';
  }
  return outcomeFits({ type: 'agenda-item', kind: item.kind, purpose: item.purpose }, outcome) ? outcome : null;
}

/**
 * Whether a vote on the item may open now: only when adopting it by vote would be a decision the
 * chair may record (so no vote on the "proposal" of an item for information, nor before its motions
 * and amendments are decided).
 */
export function itemPollRefusal(item: CourseItem, state: CourseState): CourseRefusal | null {
  const outcome = voteOutcome(item, 'adopted');
  if (!outcome) {
    return {
      status: 'invalid',
      field: 'subject',
      nl: 'Over dit agendapunt kan niet worden gestemd: het legt de vergadering geen voorstel voor.',
      en: 'This item cannot be voted on: it puts no proposal to the meeting.',
    };
  }
  const refusal = itemOutcomeRefusal(item, outcome, state);
  return refusal && { ...refusal, field: 'subject' };
}

export interface RequiredRule {
  rule: MajorityRule;
  source: string;
  changeKind: ChangeKind;
}

/** The majority a change of the statutes or of the rules of procedure needs, with its source; null for other items. */
export function requiredRule(item: Pick<CourseItem, 'changeKind'>, majority: ProfileDocument['majority']): RequiredRule | null {
  if (item.changeKind === 'statutes') return { rule: majority.statuteChange, source: majority.statuteChangeSource ?? majority.source, changeKind: 'statutes' };
  if (item.changeKind === 'rules-of-procedure')
    return { rule: majority.rulesOfProcedureChange, source: majority.rulesOfProcedureChangeSource ?? majority.source, changeKind: 'rules-of-procedure' };
  return null;
}

/** The rule a poll on the item uses: the required one, unless the chair asks for another (refused). */
export function pollRule(chosen: string | undefined, required: RequiredRule | null, fallback: string): { rule: string } | CourseRefusal {
  if (!required) return { rule: chosen ?? fallback };
  if (chosen !== undefined && chosen !== required.rule) {
    const what =
      required.changeKind === 'statutes'
        ? { nl: 'een statutenwijziging', en: 'a change of the statutes' }
        : { nl: 'een wijziging van het huishoudelijk reglement', en: 'a change of the rules of procedure' };
    return {
      status: 'invalid',
      field: 'rule',
      nl: `Over ${what.nl} wordt gestemd met de regel die het profiel voorschrijft (${ruleName(required.rule).nl}; ${required.source}); een andere regel kan niet worden gekozen.`,
      en: `${capital(what.en)} is voted under the rule the profile prescribes (${ruleName(required.rule).en}; ${required.source}); another rule cannot be chosen.`,
    };
  }
  return { rule: required.rule };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function ruleName(rule: string): { nl: string; en: string } {
  switch (rule) {
    case 'twoThirds':
      return { nl: 'twee derde meerderheid', en: 'two-thirds majority' };
    case 'double':
      return { nl: 'dubbele meerderheid (leden en gewicht)', en: 'double majority (members and weight)' };
    case 'plurality':
      return { nl: 'meeste stemmen', en: 'plurality' };
    default:
      return { nl: 'gewone meerderheid', en: 'simple majority' };
  }
}

/** The sentence a result statement ends with when a stricter rule applied: the rule and where it comes from. */
export function ruleSentence(rule: string, source: string): { nl: string; en: string } {
  return { nl: `Vereist: ${ruleName(rule).nl} (${source}).`, en: `Required: ${ruleName(rule).en} (${source}).` };
}

/** Where the profile asks for it, a real vote waits for the meeting to appoint its vote-counting committee. */
export function countingCommitteeRefusal(profile: Pick<ProfileDocument, 'committees'>, appointedCountingMembers: number): CourseRefusal | null {
  if (!profile.committees.countingCommitteeBeforeVote || appointedCountingMembers > 0) return null;
  return {
    status: 'conflict',
    field: 'subject',
    nl: 'Er kan nog niet echt worden gestemd: de vergadering heeft haar commissie van stemopneming nog niet benoemd (agendapunt Benoemingen). Een proefstemming kan wel.',
    en: 'No real vote can open yet: the meeting has not appointed its vote-counting committee (appointments item). A trial vote can.',
  };
}
