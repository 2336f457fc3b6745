// Types for the standalone verifier (tools/verify-bundle.mjs), which the server also runs.
export const BUNDLE_FORMAT: 'verenigd-poll-bundle/1';
export const SEAL_FORMAT: 'verenigd-seal/1';
export const GENESIS: string;

export interface BundleTerms {
  subjectType: 'agenda-item' | 'submission' | 'trial';
  subjectId: string | null;
  question: string;
  kind: 'for-against' | 'choice';
  options: { key: string; label: string }[];
  rule: string;
  quorumPercent: number | null;
  tieOutcome: string;
  secrecy: string;
  allowRecast: boolean;
  percentDecimals: number;
  referenceDate: string;
  totalWeight: number;
  /** Where a statute demands the rule (a change of the statutes or rules of procedure). */
  ruleSource?: string | null;
  [column: string]: unknown;
}
export interface Entitled {
  memberId: string;
  weight: number;
  holder: string;
}
export interface ResultSummary {
  outcome: string;
  ruleMet: boolean | null;
  quorumMet: boolean;
  totals: { option: string; members: number; weight: number; percent: string | null }[];
  percentFor: string | null;
  percentAgainst: string | null;
  leader: string | null;
  statement?: { nl: string; en: string };
}
export interface BundleEntry {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
export interface Seal {
  chainHead: string;
  message: string;
  signature: string;
  publicKey: string;
  keyId: string;
  sealedAt: string;
}
export interface Bundle {
  format: 'verenigd-poll-bundle/1';
  pollId: string;
  log: BundleEntry[];
  entitlements?: Entitled[];
  ballots?: { ballotId: string; memberId: string; option: string; receipt: string; superseded: boolean }[];
  result: (ResultSummary & { chainHead: string }) | null;
  seal: Seal | null;
  publicKey: string;
  [extra: string]: unknown;
}
export interface BundleVerification {
  ok: boolean;
  pollId: string | null;
  chainHead: string | null;
  problems: string[];
  notes: string[];
}
export function canonical(value: unknown): string;
export function entryHash(prevHash: string, entry: { seq: number; kind: string; payload: Record<string, unknown> }): string;
export function entitlementsDigest(entitled: readonly Entitled[]): string;
export function sealMessage(pollId: string, chainHead: string, result: ResultSummary): string;
export function keyIdOf(publicKeyPem: string): string;
export function percentages(parts: readonly number[], decimals: number): string[];
export function recount(
  terms: BundleTerms,
  entitled: readonly Entitled[],
  ballots: readonly { memberId: string; option: string; weight: number }[],
): Omit<ResultSummary, 'statement'>;
export function resultDifferences(a: unknown, b: unknown, fields?: readonly string[]): string[];
export function verifyBundle(bundle: unknown, options?: { keyId?: string }): BundleVerification;
export function main(argv?: string[], out?: (line: string) => void): number;
