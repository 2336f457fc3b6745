import { ApiClient, castWithRetry, type CastOutcome } from './http.js';
import { checkOutcome, meetingWithEveryoneCheckedIn, openVote, planBallots, type PlannedBallot } from './meeting.js';
import { startPrivateCluster, type PrivateCluster } from './private-pg.js';
import { startProxy, type Proxy as TcpProxy } from './proxy.js';
import { connectScreens } from './screens.js';
import { scratchStore, seedAssociation, type Association, type Scratch } from './seed.js';
import { freePort, startServer, type ServerProcess, type Store } from './server.js';
import { sleep } from './stats.js';

/**
 * Fault tests of live voting: during a burst of ballots the server is killed (SIGKILL) and
 * restarted, or the database goes away for a few seconds. The representatives' clients retry
 * with the same clientBallotId. Afterwards every acknowledged ballot must be stored exactly once
 * with the receipt its client got, the log must verify, and the poll must close with the result
 * the ballots add up to, shown on every screen.
 */
export type Fault = 'kill-server' | 'database-outage';

export interface FaultOptions {
  kind: 'pglite' | 'postgres';
  members: number;
  faults: Fault[];
  /** PostgreSQL: how the outage is made. `restart`: a private cluster is stopped and started; `proxy`: a TCP proxy in front of postgresUrl cuts every connection. */
  outage?: 'restart' | 'proxy';
  /** PostgreSQL server for the scratch database (not with outage `restart`, which brings its own). */
  postgresUrl?: string;
  /** Share of the ballots acknowledged when the fault strikes. */
  faultAfter?: number;
  /** How long the database stays away. */
  downMs?: number;
  screens?: number;
  log?: (line: string) => void;
}

export interface FaultRound {
  fault: Fault;
  ballots: number;
  /** Ballots answered 2xx before the fault: the ones that must survive it. */
  acknowledgedBeforeFault: number;
  acknowledged: number;
  /** Retries answered 200 with the stored receipt: the first attempt was stored, its answer lost. */
  replays: number;
  retries: number;
  /** From the fault until the server or database took ballots again. */
  recoveryMs: number;
  closeToAllScreensMs: number;
  problems: string[];
}

interface Rig {
  server: ServerProcess;
  client: ApiClient;
  association: Association;
  meetingId: string;
  serverStore: Store;
  port: number;
  outage(downMs: number): Promise<void>;
}

export async function runFaultScenario(options: FaultOptions): Promise<FaultRound[]> {
  const log = options.log ?? (() => {});
  const cleanup: (() => Promise<unknown>)[] = [];
  let rig: Rig | undefined;
  try {
    const { scratch, serverStore, outage } = await prepareStore(options, cleanup);
    const handle = await scratch.open();
    const association = await seedAssociation(handle.db, options.members);
    await handle.close();
    const port = await freePort();
    const server = await startServer(serverStore, port);
    const client = new ApiClient(server.base, 128);
    const { meetingId } = await meetingWithEveryoneCheckedIn(client, association);
    rig = { server, client, association, meetingId, serverStore, port, outage };
    log(`${options.kind}: ${options.members} members checked in`);

    const rounds: { round: FaultRound; pollId: string; planned: PlannedBallot[]; outcomes: CastOutcome[] }[] = [];
    for (const fault of options.faults) {
      if (fault === 'database-outage' && options.kind === 'pglite') continue; // embedded: no connection to lose
      rounds.push(await faultRound(rig, fault, options, log));
    }
    // The stored rows themselves, read after the server has let go (PGlite is one process's folder).
    await rig.server.stop();
    const check = await scratch.open();
    try {
      for (const r of rounds) r.round.problems.push(...(await storedExactlyOnce(check.db, r.pollId, r.planned, r.outcomes)));
    } finally {
      await check.close();
    }
    return rounds.map((r) => r.round);
  } catch (error) {
    if (rig) log(rig.server.output().split('\n').slice(-30).join('\n'));
    throw error;
  } finally {
    rig?.client.close();
    await rig?.server.stop();
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }
}

/** The scratch store, what the server connects to (maybe through the proxy), and how to make an outage. */
async function prepareStore(
  options: FaultOptions,
  cleanup: (() => Promise<unknown>)[],
): Promise<{ scratch: Scratch; serverStore: Store; outage: (downMs: number) => Promise<void> }> {
  const none = async () => {
    throw new Error('no database outage on this store');
  };
  if (options.kind === 'pglite') {
    const scratch = await scratchStore('pglite', '');
    cleanup.push(() => scratch.remove());
    return { scratch, serverStore: scratch.store, outage: none };
  }
  let cluster: PrivateCluster | undefined;
  if (options.outage === 'restart') {
    cluster = await startPrivateCluster(await freePort());
    cleanup.push(() => cluster!.remove());
  }
  const scratch = await scratchStore('postgres', cluster?.url ?? options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  if (!cluster) cleanup.push(() => scratch.remove());
  if (scratch.store.kind !== 'postgres') throw new Error('unreachable');
  if (cluster) return { scratch, serverStore: scratch.store, outage: (downMs) => cluster.restart(downMs) };
  if (options.outage !== 'proxy') return { scratch, serverStore: scratch.store, outage: none };
  const direct = new URL(scratch.store.url);
  const proxy: TcpProxy = await startProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  cleanup.push(() => proxy.close());
  const viaProxy = new URL(direct);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return { scratch, serverStore: { kind: 'postgres', url: viaProxy.toString() }, outage: (downMs) => proxy.cut(downMs) };
}

async function faultRound(rig: Rig, fault: Fault, options: FaultOptions, log: (line: string) => void) {
  const pollId = await openVote(rig.client, rig.association, rig.meetingId, `Voorstel (${fault})`);
  const screens = connectScreens(rig.server.base, pollId, options.screens ?? 10);
  await screens.ready;
  const planned = planBallots(rig.association);
  const threshold = Math.max(1, Math.ceil((options.faultAfter ?? 0.25) * planned.length));
  const acknowledged = new Set<string>();
  let before = 0;
  let injected: Promise<number | Error> | undefined;

  const outcomes = await Promise.all(
    planned.map(async (ballot) => {
      const outcome = await castWithRetry(rig.client, ballot.token, pollId, ballot, 90_000);
      if (outcome.receipt) acknowledged.add(ballot.clientBallotId);
      if (acknowledged.size === threshold && !injected) {
        before = acknowledged.size;
        // Kept as a value: a failure is reported with the round, not as an unhandled rejection.
        injected = inject(rig, fault, options.downMs ?? 3000, log).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      }
      return outcome;
    }),
  );
  const recovery = injected ? await injected : Number.NaN;
  const recoveryMs = typeof recovery === 'number' ? recovery : Number.NaN;
  const problems: string[] = [];
  if (!injected) problems.push('the burst ended before the fault could strike');
  if (recovery instanceof Error) {
    problems.push(`no recovery from the fault: ${recovery.message}`);
    if (rig.server.exited()) problems.push(`the server died:\n${rig.server.output().split('\n').slice(-15).join('\n')}`);
  }
  const unanswered = outcomes.filter((o) => !o.receipt);
  if (unanswered.length)
    problems.push(`${unanswered.length} ballots never acknowledged (statuses ${[...new Set(unanswered.map((o) => o.status))].join(', ')})`);

  const closing = performance.now();
  await untilOk(() => rig.client.ok('POST', `/polls/${pollId}/close`, rig.association.chairToken));
  let closeToAllScreensMs = Number.NaN;
  try {
    closeToAllScreensMs = (await screens.allClosed(20_000)) - closing;
  } catch (error) {
    problems.push(String(error));
  }
  screens.close();
  problems.push(...(await checkOutcome(rig.client, rig.association, pollId, planned, acknowledged)));
  const round: FaultRound = {
    fault,
    ballots: planned.length,
    acknowledgedBeforeFault: before,
    acknowledged: acknowledged.size,
    replays: outcomes.filter((o) => o.status === 200).length,
    retries: outcomes.reduce((sum, o) => sum + o.retries, 0),
    recoveryMs,
    closeToAllScreensMs,
    problems,
  };
  log(`${fault}: ${JSON.stringify(round)}`);
  return { round, pollId, planned, outcomes };
}

/** Strikes; resolves with the time until the server or database answers again. */
async function inject(rig: Rig, fault: Fault, downMs: number, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  if (fault === 'kill-server') {
    log('SIGKILL to the server');
    await rig.server.kill();
    rig.server = await startServer(rig.serverStore, rig.port);
  } else {
    log(`database away for ${downMs} ms`);
    await rig.outage(downMs);
    await untilOk(() => rig.client.ok('GET', `/polls?meetingId=${rig.meetingId}`, undefined));
  }
  return performance.now() - started;
}

async function untilOk<T>(work: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/** Every acknowledged ballot is stored exactly once with its receipt, and nothing else is. */
async function storedExactlyOnce(
  db: import('kysely').Kysely<import('../../src/core/db/schema.js').Database>,
  pollId: string,
  planned: readonly PlannedBallot[],
  outcomes: readonly CastOutcome[],
): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db.selectFrom('ballots').select(['client_ballot_id', 'receipt', 'member_id', 'superseded_at']).where('poll_id', '=', pollId).execute();
  const byClientId = new Map<string, typeof rows>();
  for (const row of rows) byClientId.set(row.client_ballot_id, [...(byClientId.get(row.client_ballot_id) ?? []), row]);
  planned.forEach((ballot, i) => {
    const receipt = outcomes[i]!.receipt;
    if (!receipt) return;
    const stored = byClientId.get(ballot.clientBallotId) ?? [];
    if (stored.length !== 1) problems.push(`acknowledged ballot ${receipt} is stored ${stored.length} times`);
    else if (stored[0]!.receipt !== receipt) problems.push(`acknowledged ballot ${receipt} is stored with receipt ${stored[0]!.receipt}`);
  });
  if (rows.length !== planned.length) problems.push(`${rows.length} ballots stored for ${planned.length} members who each voted once`);
  if (rows.some((r) => r.superseded_at)) problems.push('a ballot was superseded although every member voted once');
  return problems;
}
