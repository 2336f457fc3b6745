import type { BundleTerms, Entitled, ResultSummary } from '#verify-bundle';
import type { PollResult } from './schemas.js';
import type { Row } from '../core/db/schema.js';
import type { PollOption } from './tables.js';

/**
 * Everything on the poll row that the outcome depends on, by its name in the opening log entry. The
 * opening entry records these terms, and verification compares the row with them field by field, so
 * a rule, quorum or option changed afterwards is found. A new column the outcome depends on (say a
 * rule's source) is one line here: polls opened before it simply lack the term and are not compared on it.
 */
const TERMS = {
  subjectType: (p) => p.subject_type,
  subjectId: (p) => p.subject_id,
  question: (p) => p.question,
  kind: (p) => p.kind,
  options: (p) => (p.options as unknown as PollOption[]).map((o) => ({ key: o.key, label: o.label })),
  rule: (p) => p.rule,
  // NUMERIC reads as a string ("50.00"); the term is the number.
  quorumPercent: (p) => (p.quorum_percent === null ? null : Number(p.quorum_percent)),
  tieOutcome: (p) => p.tie_outcome,
  secrecy: (p) => p.secrecy,
  allowRecast: (p) => p.allow_recast,
  percentDecimals: (p) => p.percent_decimals,
  referenceDate: (p) => p.reference_date,
  totalWeight: (p) => p.total_weight,
  // The statute's rule for a change of the statutes or rules of procedure (decision 0011).
  ruleSource: (p) => p.rule_source,
} satisfies Record<string, (poll: Row<'polls'>) => unknown>;

export function termsOf(poll: Row<'polls'>): BundleTerms {
  return Object.fromEntries(Object.entries(TERMS).map(([name, read]) => [name, read(poll)])) as unknown as BundleTerms;
}

/** The terms that differ between the opening entry and the row now, as "rule: simple → twoThirds". */
export function changedTerms(logged: Record<string, unknown>, now: Record<string, unknown>): string[] {
  const show = (value: unknown) => JSON.stringify(value);
  return Object.keys(logged)
    .filter((name) => name in now && canonicalEqual(logged[name], now[name]) === false)
    .map((name) => `${name}: ${show(logged[name])} at opening, ${show(now[name])} now`);
}

function canonicalEqual(a: unknown, b: unknown): boolean {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

/** The frozen entitlements as the log records them. */
export const entitledOf = (rows: readonly { member_id: string; weight: number; holder_person_id: string }[]): Entitled[] =>
  rows
    .map((e) => ({ memberId: e.member_id, weight: e.weight, holder: e.holder_person_id }))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));

/** The part of a result the closing entry records and the seal signs: no breakdown, no chain head. */
export function summaryOf(result: Omit<PollResult, 'chainHead'>): ResultSummary {
  return {
    outcome: result.outcome,
    ruleMet: result.ruleMet,
    quorumMet: result.quorum.met,
    totals: result.totals.map((t) => ({ option: t.option, members: t.members, weight: t.weight, percent: t.percent })),
    percentFor: result.percentFor,
    percentAgainst: result.percentAgainst,
    leader: result.leader,
    statement: result.statement,
  };
}
