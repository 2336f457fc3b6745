import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every audit action the server records has a Dutch and an English label in the web app, so the audit
 * trail a person reads never shows a bare code like "decision.recorded".
 */
const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string, suffix: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, suffix);
    return suffix.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Literal actions, and `${kind}.x` / `${input.kind}.x` for motions and amendments. */
function recordedActions(): Set<string> {
  const actions = new Set<string>();
  for (const file of files(join(ROOT, 'src'), /\.ts$/)) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/action: '([a-z][a-z0-9-]*\.[a-z0-9.-]+)'/g)) actions.add(m[1]!);
    // An action named by a constant of the same file: `const ADOPTED = 'setup.template-adopted'` … `action: ADOPTED`.
    for (const m of source.matchAll(/action: ([A-Z][A-Z0-9_]*)\b/g)) {
      const value = new RegExp(`const ${m[1]} = '([a-z][a-z0-9-]*\\.[a-z0-9.-]+)'`).exec(source)?.[1];
      if (value) actions.add(value);
    }
    for (const m of source.matchAll(/action: `\$\{(?:input\.)?kind\}\.([a-z-]+)`/g)) for (const kind of ['motion', 'amendment']) actions.add(`${kind}.${m[1]}`);
  }
  return actions;
}

function labelled(language: 'nl' | 'en'): Set<string> {
  const keys = new Set<string>();
  for (const file of files(join(ROOT, 'web', 'src'), /texts\.ts$/)) {
    const source = readFileSync(file, 'utf8');
    // Each texts file holds a Dutch record first and its English twin after it.
    const english = source.search(/export const \w*En\b/);
    const part = language === 'nl' ? (english === -1 ? source : source.slice(0, english)) : english === -1 ? '' : source.slice(english);
    for (const m of part.matchAll(/'audit\.action\.([a-z0-9.-]+)':/g)) keys.add(m[1]!);
  }
  return keys;
}

describe('audit actions in words', () => {
  it('finds the actions the server records', () => {
    const actions = recordedActions();
    expect(actions.has('decision.recorded')).toBe(true);
    expect(actions.has('motion.filed')).toBe(true);
    expect(actions.size).toBeGreaterThan(40);
  });

  it('gives every recorded action a Dutch and an English label', () => {
    const actions = [...recordedActions()].sort();
    const reorganisation = /^reorganisation\.(merge|rename|split|join|leave)$/;
    for (const language of ['nl', 'en'] as const) {
      const labels = labelled(language);
      expect(
        actions.filter((a) => !labels.has(a) && !reorganisation.test(a)),
        `actions without a ${language} label`,
      ).toEqual([]);
    }
  });
});
