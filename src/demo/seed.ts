import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { systemActor } from '../core/audit.js';
import { addDays } from '../core/dates.js';
import { inTransaction } from '../core/db/transaction.js';
import type { Database } from '../core/db/schema.js';
import { createPerson } from '../core/auth/accounts.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemoPeople } from './people.js';
import { seedDemoConsultations } from './consultation.js';
import { seedDemoMeetings } from './meeting.js';
import { vngProfile } from '../profile/vng.js';
import { addProfileVersion } from '../profile/store.js';
import { importPopulation } from '../imports/store.js';
import { createNetwork, memberStatesAsOf, setMemberNetworks } from '../members/store.js';
import { recordReorganisation } from '../members/reorganisations.js';
import type { NewReorganisation } from '../members/schemas.js';

type Db = Kysely<Database>;

// Data files sit in src/demo; the compiled build (dist/src/demo) reads them from there too.
const HERE = dirname(fileURLToPath(import.meta.url));
const DEMO_DIR = [HERE, join(HERE, '..', '..', '..', 'src', 'demo')].find((dir) => existsSync(join(dir, 'networks.json'))) ?? HERE;
const readDemo = (name: string) => readFileSync(join(DEMO_DIR, name), 'utf8');

export const DEMO_ADMIN = { email: 'beheer@verenigd.demo', name: 'Demo Beheerder', password: DEMO_PASSWORD } as const;
export const HISTORY_START = '2016-01-01';

type DemoReorganisation =
  | { kind: 'merge'; effectiveDate: string; from: string[]; into: string | { code: string; name: string; province: string }; note: string }
  | { kind: 'split'; effectiveDate: string; from: string; into: string[]; note: string }
  | { kind: 'rename'; effectiveDate: string; member: string; name: string; code?: string; note: string };

/**
 * The demo association: the VNG profile, the 390 municipalities of 2016, the
 * herindelingen up to 2024, the 342 municipalities of 2024 with their CBS populations,
 * networks G4, G40 and P10, demo accounts for every role, the last meeting (held, with results and
 * minutes), the next meeting (papers, motions, an amendment) and two consultations. Does nothing where data exists.
 */
export async function seedDemo(db: Db, log: (line: string) => void = () => {}, options: DemoOptions = {}): Promise<{ seeded: boolean }> {
  // One transaction: a demo is seeded whole or not at all.
  return inTransaction(db, (trx) => seed(trx, log, options));
}

export interface DemoOptions {
  /**
   * false: no meeting held in the past (its minutes read the speakers' list of migration 0015), so the
   * demo also fills the previous release's schema, as the upgrade test does. Default true.
   */
  finishedMeeting?: boolean;
}

async function seed(db: Db, log: (line: string) => void, options: DemoOptions): Promise<{ seeded: boolean }> {
  const actor = systemActor('demo-seed');
  const existing = await db.selectFrom('members').select('id').limit(1).executeTakeFirst();
  if (existing) return { seeded: false };

  const hasProfile = await db.selectFrom('profile_versions').select('id').limit(1).executeTakeFirst();
  if (!hasProfile) {
    await addProfileVersion(db, actor, { effectiveFrom: HISTORY_START, reason: 'VNG-profiel (demovereniging)', document: vngProfile }, HISTORY_START);
  }

  const first = await importPopulation(db, actor, { content: readDemo('data/gemeenten-2016.csv'), fileName: 'gemeenten-2016.csv', dryRun: false });
  log(`demo: ${first.report.added.length} gemeenten per ${first.report.effectiveDate}`);

  const reorganisations = JSON.parse(readDemo('reorganisations-2016-2024.json')) as DemoReorganisation[];
  for (const r of reorganisations) await recordReorganisation(db, actor, await toRequest(db, r));
  log(`demo: ${reorganisations.length} herindelingen 2017-2023`);

  const current = await importPopulation(db, actor, { content: readDemo('data/gemeenten-2024.csv'), fileName: 'gemeenten-2024.csv', dryRun: false });
  const r = current.report;
  if (r.added.length || r.removed.length) throw new Error(`demo data inconsistent: 2024 import adds ${r.added.length} and removes ${r.removed.length}`);
  log(`demo: ${r.totals.countAfter} gemeenten per ${r.effectiveDate}, ${r.populationChanges.length} nieuwe inwonertallen`);

  await seedNetworks(db);
  const anyone = await db.selectFrom('people').select('id').limit(1).executeTakeFirst();
  if (!anyone) {
    await createPerson(db, actor, { ...DEMO_ADMIN, roles: ['admin'] });
    await seedDemoPeople(db, actor);
    await seedDemoMeetings(db, { finished: options.finishedMeeting ?? true });
    await seedDemoConsultations(db, actor);
    log(
      `demo: ${DEMO_PEOPLE.length + 1} accounts (wachtwoord ${DEMO_PASSWORD}), waaronder beheerder ${DEMO_ADMIN.email}, een gehouden ALV met uitslagen en notulen, een BALV over twee weken met stukken, moties en een amendement, en twee ledenraadplegingen`,
    );
  }
  return { seeded: true };
}

/** Codes in the demo file name members as they were the day before the change. */
async function idsByCode(db: Db, date: string): Promise<Map<string, { id: string; population: number | null }>> {
  const members = await memberStatesAsOf(db, addDays(date, -1));
  return new Map(members.map((m) => [m.code, { id: m.id, population: m.population }]));
}

async function toRequest(db: Db, r: DemoReorganisation): Promise<NewReorganisation> {
  const byCode = await idsByCode(db, r.effectiveDate);
  // A split may go to a municipality created the same day.
  const sameDay = new Map((await memberStatesAsOf(db, r.effectiveDate)).map((m) => [m.code, { id: m.id, population: m.population }]));
  const id = (code: string) => {
    const found = byCode.get(code) ?? sameDay.get(code);
    if (!found) throw new Error(`demo reorganisation on ${r.effectiveDate}: unknown code ${code}`);
    return found.id;
  };
  switch (r.kind) {
    case 'merge': {
      if (typeof r.into === 'string')
        return { kind: 'merge', effectiveDate: r.effectiveDate, note: r.note, from: r.from.map(id), into: { memberId: id(r.into) } };
      // A new municipality has no CBS figure until the next file; the demo gives it the sum of its predecessors, labelled as such.
      const sum = r.from.reduce((total, code) => total + (byCode.get(code)?.population ?? 0), 0);
      return {
        kind: 'merge',
        effectiveDate: r.effectiveDate,
        note: r.note,
        from: r.from.map(id),
        into: { new: r.into },
        population: { population: sum, referenceDate: r.effectiveDate, source: 'Demo: som van de inwonertallen van de voorgangers' },
      };
    }
    case 'split':
      return { kind: 'split', effectiveDate: r.effectiveDate, note: r.note, from: id(r.from), into: r.into.map((code) => ({ memberId: id(code) })) };
    case 'rename':
      return { kind: 'rename', effectiveDate: r.effectiveDate, note: r.note, memberId: id(r.member), name: r.name, ...(r.code ? { code: r.code } : {}) };
  }
}

async function seedNetworks(db: Db) {
  const actor = systemActor('demo-seed');
  const data = JSON.parse(readDemo('networks.json')) as { networks: { code: string; name: string; description: string }[]; members: Record<string, string[]> };
  for (const network of data.networks) await createNetwork(db, actor, network);
  const firstDay = new Map<string, string>();
  for (const v of await db.selectFrom('member_versions').select(['member_id', 'valid_from']).execute()) {
    const known = firstDay.get(v.member_id);
    if (!known || v.valid_from < known) firstDay.set(v.member_id, v.valid_from);
  }
  const now = await idsByCode(db, '2024-01-02');
  const networksOf = new Map<string, string[]>();
  for (const [network, codes] of Object.entries(data.members)) {
    for (const code of codes) {
      const member = now.get(code);
      if (!member) throw new Error(`demo network ${network}: unknown code ${code}`);
      networksOf.set(member.id, [...(networksOf.get(member.id) ?? []), network]);
    }
  }
  for (const [memberId, networks] of networksOf) await setMemberNetworks(db, actor, memberId, networks, firstDay.get(memberId)!);
}
