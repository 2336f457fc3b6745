import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { featureOf, ROOT } from './support.js';

/**
 * The import graph of the server: no cycles anywhere, a kernel (src/core) that knows no feature,
 * and no feature that imports another feature's table types (it calls that feature's functions).
 */
interface Module {
  source: string;
  dependencies: { resolved: string; circular: boolean; coreModule: boolean }[];
}

async function graph(): Promise<Module[]> {
  process.chdir(ROOT);
  const result = await cruise(['src'], {
    exclude: { path: ['\\.test\\.ts$', 'node_modules'] },
    doNotFollow: { path: ['node_modules'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser answered text, not a graph');
  return result.output.modules as unknown as Module[];
}

const modules = await graph();
const edges = modules.flatMap((m) =>
  m.dependencies.filter((d) => d.resolved.startsWith('src/')).map((d) => ({ from: m.source, to: d.resolved, circular: d.circular })),
);

describe('the architecture of src/', () => {
  it('sees the whole server', () => {
    expect(modules.filter((m) => m.source.startsWith('src/')).length).toBeGreaterThan(100);
  });

  it('has no import cycles', () => {
    expect(edges.filter((e) => e.circular).map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('has no cycles between features either', () => {
    const features = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      const [a, b] = [featureOf(from), featureOf(to)];
      if (a !== b) features.set(a, (features.get(a) ?? new Set()).add(b));
    }
    const reaches = (start: string, target: string, seen = new Set<string>()): boolean =>
      [...(features.get(start) ?? [])].some((next) => {
        if (next === target) return true;
        if (seen.has(next)) return false;
        seen.add(next);
        return reaches(next, target, seen);
      });
    const cyclic = [...features.keys()].filter((feature) => reaches(feature, feature));
    expect(cyclic).toEqual([]);
  });

  it('keeps the kernel free of features: src/core imports only src/core', () => {
    expect(edges.filter((e) => featureOf(e.from) === 'core' && featureOf(e.to) !== 'core').map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("lets no feature import another feature's table types", () => {
    const crossing = edges.filter((e) => e.to.endsWith('/tables.ts') && featureOf(e.from) !== featureOf(e.to) && featureOf(e.from) !== '.');
    expect(crossing.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });
});
