/**
 * Load benchmark of live voting: `npm run bench:vote -- --members 400 [--db pglite|postgres|both]`.
 * See docs/performance.md for the method and the latest figures.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import { parseArgs } from 'node:util';
import { insertBaseline, type BaselineFigures } from './lib/baseline.js';
import { ApiClient, castWithRetry, type CastOutcome } from './lib/http.js';
import { checkOutcome, meetingWithEveryoneCheckedIn, meetingWithEveryoneCheckedInDirectly, openVote, planBallots, type PlannedBallot } from './lib/meeting.js';
import { watchProcess, type UsageReport } from './lib/proc.js';
import { connectScreens } from './lib/screens.js';
import { scratchStore, seedAssociation, type Association } from './lib/seed.js';
import { freePort, startServer, type ServerProcess } from './lib/server.js';
import { mb, ms, perSecond, sleep, summarise, type LatencySummary } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '400' },
    db: { type: 'string', default: 'both' },
    spread: { type: 'string', default: '20' },
    sockets: { type: 'string', default: '256' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'log-level': { type: 'string', default: 'warn' },
    json: { type: 'string' },
    /** api: every representative checks in through the API; db: straight into the database (default above 1,000 members). */
    'check-in': { type: 'string' },
  },
});

const members = Number(args.members);
const spreadSeconds = Number(args.spread);
const sockets = Number(args.sockets);
const checkInVia = (args['check-in'] ?? (members > 1000 ? 'db' : 'api')) as 'api' | 'db';

interface RoundFigures {
  name: string;
  ballots: number;
  /** Ballots per second from the first press to the last answer. */
  throughput: number;
  latency: LatencySummary;
  errors: number;
  retries: number;
  closeToAllScreensMs: number;
  closeRequestMs: number;
  screens: number;
  screensConnectMs: number;
  screenErrors: number;
  usage: UsageReport;
  problems: string[];
}

interface RunFigures {
  db: 'pglite' | 'postgres';
  version: string;
  members: number;
  baseline: BaselineFigures;
  seedMs: number;
  checkInVia: 'api' | 'db';
  checkInMs: number;
  rounds: RoundFigures[];
  serverRssPeakBytes: number;
}

/** The machine, so a reader can judge the figures; the load average shows what else was running. */
function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

async function main() {
  console.log(`machine: ${JSON.stringify(machine())}`);
  const kinds = args.db === 'both' ? (['pglite', 'postgres'] as const) : [args.db as 'pglite' | 'postgres'];
  const runs: RunFigures[] = [];
  for (const kind of kinds) {
    if (kind === 'postgres' && !(await reachable(args['database-url']!))) {
      console.log(`PostgreSQL at ${args['database-url']} does not answer; skipping (set --database-url or BENCH_DATABASE_URL).`);
      continue;
    }
    console.log(`\n== ${kind}, ${members} members ==`);
    runs.push(await runOn(kind));
  }
  for (const run of runs) report(run);
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  if (args.json) writeFileSync(args.json, JSON.stringify({ at: new Date().toISOString(), machine: machine(), members, spreadSeconds, runs }, null, 2));
}

async function runOn(kind: 'pglite' | 'postgres'): Promise<RunFigures> {
  const scratch = await scratchStore(kind, args['database-url']!);
  let server: ServerProcess | undefined;
  try {
    const seeded = performance.now();
    const handle = await scratch.open();
    const { rows } = await sql<{ version: string }>`select current_setting('server_version') as version`.execute(handle.db);
    const version = rows[0]!.version;
    console.log(`${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${version}`);
    const association = await seedAssociation(handle.db, members);
    const seedMs = performance.now() - seeded;
    console.log(`seeded ${members} members with representatives and tokens in ${ms(seedMs)}`);
    const baseline = await insertBaseline(handle.db, { count: kind === 'postgres' ? 3000 : 1500, concurrency: 10 });
    console.log(
      `raw durable single-row inserts: ${perSecond(baseline.serialPerSecond)} one at a time, ${perSecond(baseline.concurrentPerSecond)} with ${baseline.concurrency} at once`,
    );
    const direct = checkInVia === 'db' ? await meetingWithEveryoneCheckedInDirectly(handle.db, association) : undefined;
    // PGlite is one process's folder: the bench lets go before the server opens it.
    await handle.close();

    server = await startServer(scratch.store, await freePort(), { logLevel: args['log-level']! });
    const overall = watchProcess(server.pid);
    const client = new ApiClient(server.base, sockets);
    const { meetingId, checkInMs } = direct ?? (await meetingWithEveryoneCheckedIn(client, association));
    console.log(`checked in ${members} representatives ${direct ? 'straight into the database' : 'through the API'} in ${ms(checkInMs)}`);

    const rounds: RoundFigures[] = [];
    rounds.push(await round(client, server, association, meetingId, 'burst', () => 0));
    rounds.push(await round(client, server, association, meetingId, `spread ${spreadSeconds} s`, () => Math.random() * spreadSeconds * 1000));
    client.close();
    const usage = overall.stop();
    return { db: kind, version, members, baseline, seedMs, checkInVia, checkInMs, rounds, serverRssPeakBytes: usage.rssPeakBytes };
  } catch (error) {
    if (server) console.error(server.output().split('\n').slice(-20).join('\n'));
    throw error;
  } finally {
    await server?.stop();
    await scratch.remove();
  }
}

/**
 * One vote: every representative's screen and the projector connect, every representative casts
 * (all at once, or each at its own moment), the chair closes, and every screen must show the result.
 */
async function round(
  client: ApiClient,
  server: ServerProcess,
  association: Association,
  meetingId: string,
  name: string,
  delayOf: () => number,
): Promise<RoundFigures> {
  const pollId = await openVote(client, association, meetingId, `Voorstel (${name})`);
  const connecting = performance.now();
  const screens = connectScreens(server.base, pollId, members + 1); // screen 0 is the projector
  await screens.ready;
  const screensConnectMs = performance.now() - connecting;
  console.log(`${name}: ${members + 1} screens connected in ${ms(screensConnectMs)}`);
  await sleep(500); // let the connection storm settle before measuring

  const planned = planBallots(association);
  const usage = watchProcess(server.pid);
  const started = performance.now();
  const outcomes = await Promise.all(planned.map((ballot) => castAt(client, pollId, ballot, delayOf())));
  const castSeconds = (performance.now() - started) / 1000;

  const closing = performance.now();
  await client.ok('POST', `/polls/${pollId}/close`, association.chairToken);
  const closeRequestMs = performance.now() - closing;
  let closeToAllScreensMs = Number.NaN;
  const problems: string[] = [];
  try {
    closeToAllScreensMs = (await screens.allClosed(30_000)) - closing;
  } catch (error) {
    problems.push(String(error));
  }
  const figures = usage.stop();
  const screenErrors = screens.errors();
  screens.close();

  const acknowledged = new Set(planned.filter((_, i) => outcomes[i]!.receipt).map((b) => b.clientBallotId));
  problems.push(...(await checkOutcome(client, association, pollId, planned, acknowledged)));
  const failed = outcomes.filter((o) => !o.receipt);
  const result: RoundFigures = {
    name,
    ballots: planned.length,
    throughput: planned.length / castSeconds,
    latency: summarise(outcomes.filter((o) => o.receipt).map((o) => o.latencyMs)),
    errors: failed.length,
    retries: outcomes.reduce((sum, o) => sum + o.retries, 0),
    closeToAllScreensMs,
    closeRequestMs,
    screens: members + 1,
    screensConnectMs,
    screenErrors,
    usage: figures,
    problems,
  };
  console.log(
    `${name}: ${perSecond(result.throughput)}, p50 ${ms(result.latency.p50)}, p95 ${ms(result.latency.p95)}, p99 ${ms(result.latency.p99)}, ` +
      `close to result on all screens ${ms(closeToAllScreensMs)}, errors ${result.errors}, server CPU ${figures.cpuPercent.toFixed(0)}%, RSS peak ${mb(figures.rssPeakBytes)}` +
      (problems.length ? `\n  PROBLEMS:\n  ${problems.slice(0, 10).join('\n  ')}` : ''),
  );
  return result;
}

async function castAt(client: ApiClient, pollId: string, ballot: PlannedBallot, delayMs: number): Promise<CastOutcome> {
  if (delayMs > 0) await sleep(delayMs);
  return castWithRetry(client, ballot.token, pollId, ballot);
}

function report(run: RunFigures) {
  const b = run.baseline;
  console.log(
    `\n${run.db} ${run.version}, ${run.members} members: raw durable inserts ${perSecond(b.serialPerSecond)} (1 at a time), ${perSecond(b.concurrentPerSecond)} (${b.concurrency} at once); server RSS peak ${mb(run.serverRssPeakBytes)}`,
  );
  console.log(
    '| round | ballots/s | % of raw (1 / 10 at once) | p50 | p95 | p99 | close to all screens | screens | errors | server CPU (mean/peak) | server RSS peak |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of run.rounds) {
    const ratio = (limit: number) => `${((100 * r.throughput) / limit).toFixed(0)}%`;
    console.log(
      `| ${r.name} | ${perSecond(r.throughput)} | ${ratio(b.serialPerSecond)} / ${ratio(b.concurrentPerSecond)} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.closeToAllScreensMs)} | ${r.screens} | ${r.errors}${r.problems.length ? ` (+${r.problems.length} problems)` : ''} | ${r.usage.cpuPercent.toFixed(0)}% / ${r.usage.cpuPeakPercent.toFixed(0)}% | ${mb(r.usage.rssPeakBytes)} |`,
    );
  }
}

async function reachable(url: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
