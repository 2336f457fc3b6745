import { diffWordsWithSpace } from 'diff';

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
