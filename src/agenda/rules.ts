import type { AgendaItemKind, Purpose } from './tables.js';

export type { AgendaItemKind, ChangeKind, Purpose } from './tables.js';

export interface OrderedItem {
  id: string;
  parentId: string | null;
  position: number;
}

/**
 * Agenda numbers follow the order: top-level items 1, 2, 3 …; sub-items take their parent's number
 * and a letter (11a, 11b). Numbers are derived, never stored, so reordering cannot leave stale ones.
 */
export function numberItems<T extends OrderedItem>(items: readonly T[]): (T & { number: string })[] {
  const byPosition = (a: T, b: T) => a.position - b.position;
  const top = items.filter((i) => i.parentId === null).sort(byPosition);
  return top.flatMap((item, index) => {
    const number = String(index + 1);
    const children = items
      .filter((c) => c.parentId === item.id)
      .sort(byPosition)
      .map((c, childIndex) => ({ ...c, number: `${number}${letter(childIndex)}` }));
    return [{ ...item, number }, ...children];
  });
}

// a … z, then aa, ab: agendas rarely need more than a handful.
const letter = (index: number): string => (index < 26 ? String.fromCharCode(97 + index) : letter(Math.floor(index / 26) - 1) + letter(index % 26));

/** The fixed items a new general meeting starts with (the profile's template). */
export interface TemplateItem {
  kind: AgendaItemKind;
  title: string;
  purpose: Purpose;
}

export const GENERAL_MEETING_TEMPLATE: readonly TemplateItem[] = [
  { kind: 'opening', title: 'Opening en mededelingen', purpose: 'information' },
  { kind: 'appointments', title: 'Benoeming commissie van stemopneming en notulencommissie', purpose: 'decision' },
  { kind: 'previous-minutes', title: 'Notulen van de vorige vergadering', purpose: 'approval' },
  { kind: 'any-other-business', title: 'Rondvraag en wat verder ter tafel komt', purpose: 'discussion' },
  { kind: 'closing', title: 'Sluiting', purpose: 'information' },
];

/** New items go before any-other-business and closing unless a position is asked for. */
export function defaultPosition(siblings: readonly { position: number; kind: AgendaItemKind }[]): number {
  const tail = siblings.filter((s) => s.kind === 'any-other-business' || s.kind === 'closing');
  if (tail.length) return Math.min(...tail.map((s) => s.position));
  return siblings.length ? Math.max(...siblings.map((s) => s.position)) + 1 : 0;
}

/** A new order must name every item once, keep sub-items one level deep and parents within the meeting. */
export function orderProblem(current: readonly { id: string }[], order: readonly { id: string; parentId: string | null }[]): string | null {
  const ids = new Set(current.map((i) => i.id));
  const seen = new Set<string>();
  for (const entry of order) {
    if (!ids.has(entry.id)) return `unknown item ${entry.id}`;
    if (seen.has(entry.id)) return `item ${entry.id} named twice`;
    seen.add(entry.id);
  }
  if (seen.size !== ids.size) return 'not every item is named';
  const parents = new Map(order.map((e) => [e.id, e.parentId]));
  for (const entry of order) {
    if (entry.parentId === null) continue;
    if (entry.parentId === entry.id || !ids.has(entry.parentId)) return `item ${entry.id} has an unknown parent`;
    if (parents.get(entry.parentId) !== null) return `item ${entry.id} would be a sub-item of a sub-item`;
  }
  return null;
}

/** Amendments change a decision text: only items put to a decision or an approval have one. */
export const acceptsAmendments = (purpose: Purpose) => purpose === 'decision' || purpose === 'approval';

export interface AdoptedAmendment {
  baseText: string | null;
  proposedText: string;
}

/**
 * The decision text put to the meeting: the proposal with each adopted amendment applied in turn.
 * An amendment replaces the text it was written against; adoption in that order is enforced when
 * it is recorded, so the chain is followed from the proposal.
 */
export function effectiveDecisionText(proposal: string | null, adopted: readonly AdoptedAmendment[]): string | null {
  let text = proposal;
  const left = [...adopted];
  for (;;) {
    const next = left.findIndex((a) => (a.baseText ?? proposal) === text);
    if (next === -1) return text;
    text = left[next]!.proposedText;
    left.splice(next, 1);
  }
}
