import { createHash } from 'node:crypto';

/** The hash of the empty chain, before a poll's first entry. */
export const GENESIS = '0'.repeat(64);

export interface LogEntry {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
}

/** JSON with sorted keys, so the same entry always hashes the same on every machine. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const entryHash = (prevHash: string, entry: LogEntry) =>
  createHash('sha256')
    .update(`${prevHash}\n${canonical(entry)}`)
    .digest('hex');

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
