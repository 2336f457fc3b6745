/**
 * Fault bench of live voting: `npm run bench:fault -- --members 1000 [--db pglite|postgres|both]`.
 * Kills the server during a burst, and (PostgreSQL) restarts the database during one; prints
 * whether every acknowledged ballot survived exactly once. See docs/performance.md.
 */
import { parseArgs } from 'node:util';
import { runFaultScenario, type Fault, type FaultRound } from './lib/fault.js';
import { findPostgresBin } from './lib/private-pg.js';
import { ms } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '400' },
    db: { type: 'string', default: 'both' },
    outage: { type: 'string', default: findPostgresBin() ? 'restart' : 'proxy' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'down-ms': { type: 'string', default: '3000' },
    faults: { type: 'string', default: 'kill-server,database-outage' },
  },
});

async function main() {
  const kinds = args.db === 'both' ? (['pglite', 'postgres'] as const) : [args.db as 'pglite' | 'postgres'];
  let failed = false;
  for (const kind of kinds) {
    const rounds = await runFaultScenario({
      kind,
      members: Number(args.members),
      faults: args.faults!.split(',') as Fault[],
      outage: args.outage as 'restart' | 'proxy',
      postgresUrl: args['database-url']!,
      downMs: Number(args['down-ms']),
      log: (line) => console.log(`  ${line}`),
    });
    console.log(`\n${kind}, ${args.members} members${kind === 'postgres' ? `, outage by ${args.outage}` : ''}`);
    console.log('| fault | ballots | acknowledged before the fault | retries | answered by replay | recovery | close to all screens | verdict |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rounds) console.log(row(r));
    for (const r of rounds) for (const p of r.problems) console.log(`  PROBLEM (${r.fault}): ${p}`);
    failed ||= rounds.some((r) => r.problems.length > 0);
  }
  process.exitCode = failed ? 1 : 0;
}

const row = (r: FaultRound) =>
  `| ${r.fault} | ${r.ballots} | ${r.acknowledgedBeforeFault} | ${r.retries} | ${r.replays} | ${ms(r.recoveryMs)} | ${ms(r.closeToAllScreensMs)} | ${r.problems.length ? 'FAILED' : 'every acknowledged ballot stored once, log verifies, result right'} |`;

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
