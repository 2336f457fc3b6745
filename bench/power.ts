/**
 * Voting-power bench: `npm run bench:power`. Exact Banzhaf and Shapley–Shubik indices for the 342
 * municipalities of 2024 (the demo's CBS figures) under the VNG rule (1 vote per 1,000 inhabitants, at
 * most 75) and under the 1-per-100 reading (at most 750), and for 400 members; simple and two-thirds
 * majorities, and the double majority (weight and more than half the members). Prints the time of each with the machine it ran on. Targets (issue 18): Banzhaf under
 * 100 ms, Shapley–Shubik under 1 s.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { banzhaf } from '../src/power/banzhaf.js';
import { DOUBLE_MAJORITY_CELLS, doubleMajorityCells, doubleMajorityPower } from '../src/power/double.js';
import { type Majority, quotaFor, totalWeight } from '../src/power/game.js';
import { shapleyShubik } from '../src/power/shapley.js';
import { voteWeight } from '../src/profile/rules.js';

const rows: { population: string }[] = parse(readFileSync(new URL('../src/demo/data/gemeenten-2024.csv', import.meta.url)), { columns: true });
const populations = rows.map((row) => Number(row.population));
// 400 members: the 342, and 58 of them again (a register after a wave of new members).
const fourHundred = [...populations, ...populations.slice(0, 58)];

const rules = {
  'VNG, 1 per 1,000, cap 75': { divisor: 1000, cap: 75 },
  '1 per 100, cap 750': { divisor: 100, cap: 750 },
};

const timed = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
};

console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`);
// Warm up the JIT and the prime table once, as a server would be after its first request.
banzhaf({ weights: populations.map((p) => voteWeight(p, { divisor: 1000, cap: 75, minimum: 1, rounding: 'down', source: '' })), quota: 100 });

for (const [label, rule] of Object.entries(rules)) {
  for (const [members, list] of [
    ['342', populations],
    ['400', fourHundred],
  ] as const) {
    const weights = list.map((p) => voteWeight(p, { ...rule, minimum: 1, rounding: 'down', source: '' }));
    const total = totalWeight(weights);
    for (const majority of ['simple', 'two-thirds'] as Majority[]) {
      const game = { weights, quota: quotaFor(total, majority) };
      const [b, banzhafMs] = timed(() => banzhaf(game));
      const [s, shapleyMs] = timed(() => shapleyShubik(game, b.swings));
      const largest = weights.indexOf(Math.max(...weights));
      console.log(
        `${label}, ${members} members (total ${total}, ${new Set(weights).size} distinct weights), ${majority} (quota ${game.quota}): ` +
          `Banzhaf ${banzhafMs.toFixed(1)} ms, Shapley–Shubik ${shapleyMs.toFixed(1)} ms; ` +
          `largest member: weight share ${((weights[largest] as number) / total).toFixed(4)}, Banzhaf ${b.index[largest]?.toFixed(4)}, Shapley–Shubik ${s[largest]?.toFixed(4)}`,
      );
    }
    const game = { weights, quota: quotaFor(total, 'simple'), memberQuota: Math.floor(weights.length / 2) + 1 };
    if (doubleMajorityCells(game) > DOUBLE_MAJORITY_CELLS) {
      console.log(`${label}, ${members} members, double majority: refused as too large (${doubleMajorityCells(game).toLocaleString('en')} table cells)`);
      continue;
    }
    const [d, doubleMs] = timed(() => doubleMajorityPower(game));
    const smallest = weights.indexOf(Math.min(...weights));
    console.log(
      `${label}, ${members} members, double majority (quota ${game.quota} and ${game.memberQuota} members): both indices ${doubleMs.toFixed(1)} ms; ` +
        `smallest member: weight share ${((weights[smallest] as number) / total).toFixed(5)}, Banzhaf ${d.banzhaf[smallest]?.toFixed(5)}, Shapley–Shubik ${d.shapleyShubik[smallest]?.toFixed(5)}`,
    );
  }
}
