import { entryHash, GENESIS } from '#verify-bundle';

/**
 * The hash chain of a poll's log. Canonical JSON, the entry hash and the genesis hash are the
 * standalone verifier's own (tools/verify-bundle.mjs), so the server writes exactly what it checks.
 */
export { canonical, entryHash, GENESIS } from '#verify-bundle';

export interface LogEntry {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
}

/** The first entry whose hash or link does not hold, or null when the whole chain is intact. */
export function brokenLink(entries: readonly (LogEntry & { prevHash: string; hash: string })[]): number | null {
  let prev = GENESIS;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1 || entry.prevHash !== prev || entry.hash !== entryHash(prev, { seq: entry.seq, kind: entry.kind, payload: entry.payload }))
      return entry.seq;
    prev = entry.hash;
  }
  return null;
}
