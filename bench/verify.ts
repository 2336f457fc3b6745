/**
 * Verification bench: `npm run bench:verify [-- --db pglite|postgres|both --members 5000]`. A poll of
 * 5,000 members in which every member votes and then changes their vote (10,000 ballots, half of them
 * replaced), closed and sealed; then the vote-counting committee's verification (src/voting/verify.ts:
 * the database read, the bundle's checks and the comparison with the poll row, decision and minutes)
 * timed over several runs. Target (issue 19): under 200 ms.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { verifyBundle } from '#verify-bundle';
import { systemActor } from '../src/core/audit.js';
import { castBallot } from '../src/voting/ballots.js';
import { assembleBundle } from '../src/voting/bundle.js';
import { pollRow } from '../src/voting/queries.js';
import { closePoll, openPoll } from '../src/voting/store.js';
import { verifyPoll } from '../src/voting/verify.js';
import { addAgendaItem } from '../src/agenda/store.js';
import { meetingWithEveryoneCheckedInDirectly } from './lib/meeting.js';
import { scratchStore, seedAssociation } from './lib/seed.js';
import { ms, quantile } from './lib/stats.js';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'both' }, members: { type: 'string', default: '5000' }, runs: { type: 'string', default: '7' } },
});
const kinds = values.db === 'both' ? (['pglite', 'postgres'] as const) : ([values.db] as ('pglite' | 'postgres')[]);
const size = Number(values.members);
const runs = Number(values.runs);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`);
for (const kind of kinds) {
  const scratch = await scratchStore(kind, postgresUrl);
  const handle = await scratch.open();
  try {
    const db = handle.db;
    const association = await seedAssociation(db, size);
    const { meetingId } = await meetingWithEveryoneCheckedInDirectly(db, association);
    const actor = systemActor('bench');
    const itemId = await addAgendaItem(db, actor, meetingId, { title: 'Verificatie', purpose: 'decision', decisionText: 'De ALV stemt in.' });
    const pollId = await openPoll(db, actor, { meetingId, subject: { type: 'agenda-item', id: itemId } });
    const started = performance.now();
    for (const round of [
      ['for', 'against'],
      ['against', 'for'],
    ] as const) {
      // The group commit writes ballots that arrive together in one transaction: send them in waves.
      for (let i = 0; i < association.members.length; i += 250) {
        await Promise.all(
          association.members.slice(i, i + 250).map((m, j) =>
            castBallot(db, { actor: { id: m.personId, label: 'bench' }, subject: { id: m.personId, roles: ['representative'] } }, pollId, {
              memberId: m.memberId,
              option: round[(i + j) % 2]!,
              clientBallotId: randomUUID(),
            }),
          ),
        );
      }
    }
    await closePoll(db, actor, pollId);
    const castMs = performance.now() - started;

    const timings = { read: [] as number[], check: [] as number[], verify: [] as number[] };
    for (let run = 0; run < runs; run += 1) {
      let t = performance.now();
      const bundle = await assembleBundle(db, await pollRow(db, pollId));
      timings.read.push(performance.now() - t);
      t = performance.now();
      const checked = verifyBundle(bundle);
      timings.check.push(performance.now() - t);
      if (!checked.ok) throw new Error(`bundle does not verify: ${checked.problems.join('; ')}`);
      t = performance.now();
      const verification = await verifyPoll(db, pollId);
      timings.verify.push(performance.now() - t);
      if (!verification.ok) throw new Error(`poll does not verify: ${verification.problems.join('; ')}`);
    }
    const median = (list: number[]) => ms(quantile(list.slice(1), 0.5));
    console.log(
      `${kind}: ${size.toLocaleString('en')} members, ${(2 * size).toLocaleString('en')} ballots (cast and closed in ${ms(castMs)}); ` +
        `verification median of ${runs - 1} runs after one warm-up: ${median(timings.verify)} ` +
        `(reading the bundle ${median(timings.read)}, checking it ${median(timings.check)})`,
    );
  } finally {
    await handle.close();
    await scratch.remove();
  }
}
