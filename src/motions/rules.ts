import { diffWordsWithSpace } from 'diff';

export type { BoardAdvice, SubmissionKind } from './tables.js';

/** Whether filing now is on time; without a deadline any time before the decision is. */
export function filedInTime(deadline: Date | null, now: Date): boolean {
  return deadline === null || now.getTime() <= deadline.getTime();
}

export interface Orderable {
  kind: 'motion' | 'amendment';
  groupLabel: string | null;
  groupPosition: number | null;
  filedAt: Date;
}

/**
 * The order in which an item's submissions are handled: motions first (related ones together, in
 * their speaking order, at the place of the group's first filing), then amendments; the proposal
 * itself comes after all of them.
 */
export function handlingOrder<T extends Orderable>(submissions: readonly T[]): T[] {
  const firstOfGroup = new Map<string, number>();
  for (const s of submissions) {
    if (s.groupLabel === null) continue;
    const earliest = firstOfGroup.get(s.groupLabel);
    if (earliest === undefined || s.filedAt.getTime() < earliest) firstOfGroup.set(s.groupLabel, s.filedAt.getTime());
  }
  const anchor = (s: T) => (s.groupLabel === null ? s.filedAt.getTime() : firstOfGroup.get(s.groupLabel)!);
  return [...submissions].sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'motion' ? -1 : 1) ||
      anchor(a) - anchor(b) ||
      (a.groupLabel ?? '').localeCompare(b.groupLabel ?? '') ||
      (a.groupPosition ?? 0) - (b.groupPosition ?? 0) ||
      a.filedAt.getTime() - b.filedAt.getTime(),
  );
}

export type DiffPart = { op: 'equal' | 'insert' | 'delete'; text: string };

/** The amendment as a readable change against the proposal, word by word. */
export function textDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((part) => ({ op: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value }));
}

/** Who holds or withdraws a motion or amendment (profile `motions.holdWithdrawBy`). */
export type HoldWithdrawBy = 'first-submitter' | 'all-submitters';

export interface SubmitterPlace {
  memberId: string;
  position: number;
}

/** The first submitter: the member named first at filing (lowest position). */
export function firstSubmitter(submitters: readonly SubmitterPlace[]): string | undefined {
  return [...submitters].sort((a, b) => a.position - b.position)[0]?.memberId;
}

/** What someone may try to do to a motion's submitters. */
export type SubmittersChange = 'invite' | 'cancel-invitation' | 'add' | 'remove' | 'answer-invitation';

/**
 * Whether a change to the submitters has the consent it needs. Joining needs the first submitter
 * (an invitation, or adding directly), and an invitation is answered by the invited member only. A
 * name is removed by its own member (leaving) or by the first submitter; the first submitter's own
 * name stays (they withdraw instead). `manages`: the chair or staff, who keep the list where the
 * procedure needs it, but never answer an invitation for a member.
 */
export function mayChangeSubmitters(
  change: SubmittersChange,
  who: { actsFor: (memberId: string) => boolean; manages: boolean },
  first: string | undefined,
  target: string,
): boolean {
  if (change === 'answer-invitation') return who.actsFor(target);
  if (change === 'remove') {
    if (target === first) return false;
    return who.manages || who.actsFor(target) || (first !== undefined && who.actsFor(first));
  }
  return who.manages || (first !== undefined && who.actsFor(first));
}

/** Whose agreement a hold or withdrawal needs: the first submitter's, or every submitter's. */
export function agreementNeeded(mode: HoldWithdrawBy, submitters: readonly SubmitterPlace[]): string[] {
  if (mode === 'all-submitters') return [...submitters].sort((a, b) => a.position - b.position).map((s) => s.memberId);
  const first = firstSubmitter(submitters);
  return first === undefined ? [] : [first];
}

/** The submitters whose agreement is still missing; the request takes effect when none is. */
export function missingAgreement(mode: HoldWithdrawBy, submitters: readonly SubmitterPlace[], agreed: ReadonlySet<string>): string[] {
  return agreementNeeded(mode, submitters).filter((memberId) => !agreed.has(memberId));
}
