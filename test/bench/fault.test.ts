import { describe, expect, it } from 'vitest';
import { runFaultScenario } from '../../bench/lib/fault.js';
import { POSTGRES_URL, TEST_DB } from '../support/database.js';

/**
 * The fault bench (bench/fault.ts, `npm run bench:fault`) at CI scale: 200 representatives cast in
 * a burst; the server process is killed with SIGKILL after a quarter of them were acknowledged and
 * started again; on PostgreSQL the database connection is also cut for two seconds during a second
 * burst (through a TCP proxy: the shared test cluster is not restarted). The clients retry with the
 * same clientBallotId. Every acknowledged ballot must be stored exactly once with its receipt, the
 * hash chain must verify, and the poll must close with the result the ballots add up to, on every
 * screen.
 */
describe(`votes survive faults (${TEST_DB})`, () => {
  it(TEST_DB === 'postgres'
    ? 'survives SIGKILL of the server and a dropped database connection during a burst'
    : 'survives SIGKILL of the server during a burst', async () => {
    const rounds = await runFaultScenario({
      kind: TEST_DB,
      members: 200,
      faults: ['kill-server', 'database-outage'],
      outage: 'proxy',
      postgresUrl: POSTGRES_URL,
      downMs: 2000,
      screens: 5,
    });
    expect(rounds.map((r) => r.fault)).toEqual(TEST_DB === 'postgres' ? ['kill-server', 'database-outage'] : ['kill-server']);
    for (const round of rounds) {
      expect(round.problems, round.fault).toEqual([]);
      expect(round.acknowledgedBeforeFault).toBeGreaterThanOrEqual(50);
      expect(round.acknowledged).toBe(200);
    }
  }, 240_000);
});
