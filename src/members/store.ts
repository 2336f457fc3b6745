import { inTransaction } from '../core/db/transaction.js';
import { lockRegister } from '../core/db/locks.js';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { problems, text } from '../core/errors.js';
import { profileAsOf } from '../profile/store.js';
import { memberClassOf, sizeClassOf, voteWeight } from '../profile/rules.js';
import { deriveMember, type MemberState } from './register.js';
import { validOn } from './periods.js';
import type { ContactUpdate, MemberDetail, MemberSummary, PopulationInput } from './schemas.js';
import { reorganisationsOf } from './history.js';

type Db = Kysely<Database>;

export const MEMBER = text('Lid', 'Member');

/** Members that exist on a date, with the names, populations and networks of that date. */
export async function memberStatesAsOf(db: Db, date: IsoDate, onlyMemberId?: string): Promise<MemberState[]> {
  let query = db
    .selectFrom('members as m')
    .innerJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 'm.id').on(validOn('v', date)))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('member_populations as p')
          .select(['p.population', 'p.reference_date'])
          .whereRef('p.member_id', '=', 'm.id')
          .where('p.reference_date', '<=', date)
          .orderBy('p.reference_date', 'desc')
          .limit(1)
          .as('pop'),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      'm.id',
      'm.member_class',
      'v.code',
      'v.name',
      'v.province',
      'pop.population',
      'pop.reference_date',
      eb
        .selectFrom('member_networks as n')
        .select(sql<string[]>`coalesce(array_agg(n.network_code order by n.network_code), '{}')`.as('codes'))
        .whereRef('n.member_id', '=', 'm.id')
        .where(validOn('n', date))
        .as('networks'),
    ]);
  if (onlyMemberId) query = query.where('m.id', '=', onlyMemberId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    memberClass: r.member_class,
    code: r.code,
    name: r.name,
    province: r.province,
    population: r.population ?? null,
    populationDate: r.reference_date ?? null,
    networks: r.networks ?? [],
  }));
}

/** The register on a date with weights derived under the profile in force that day. */
export async function registerAsOf(db: Db, date: IsoDate): Promise<MemberSummary[]> {
  const [states, profile] = await Promise.all([memberStatesAsOf(db, date), profileAsOf(db, date)]);
  return states.map((s) => deriveMember(s, profile));
}

export async function memberDetail(db: Db, id: string, asOf: IsoDate): Promise<MemberDetail> {
  const member = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
  if (!member) throw problems.notFound(MEMBER, id);
  const versions = await db.selectFrom('member_versions').selectAll().where('member_id', '=', id).orderBy('valid_from').execute();
  const populations = await db.selectFrom('member_populations').selectAll().where('member_id', '=', id).orderBy('reference_date').execute();
  const networkPeriods = await db.selectFrom('member_networks').selectAll().where('member_id', '=', id).orderBy('valid_from').orderBy('network_code').execute();
  const profile = await profileAsOf(db, asOf);
  const [stateOnDate] = await memberStatesAsOf(db, asOf, id);
  // A member that did not exist on asOf is shown as it was last (or first) registered.
  const shownVersion = versions.findLast((v) => v.valid_from <= asOf) ?? versions[0]!;
  const lastPopulation = populations.findLast((p) => p.reference_date <= asOf) ?? null;
  const summary = deriveMember(
    stateOnDate ?? {
      id,
      memberClass: member.member_class,
      code: shownVersion.code,
      name: shownVersion.name,
      province: shownVersion.province,
      population: lastPopulation?.population ?? null,
      populationDate: lastPopulation?.reference_date ?? null,
      networks: [],
    },
    profile,
  );
  const populationEntries = [];
  for (const p of populations) {
    const profileThen = await profileAsOf(db, p.reference_date);
    const rule = memberClassOf(profileThen, member.member_class)?.voteWeight;
    populationEntries.push({
      referenceDate: p.reference_date,
      population: p.population,
      source: p.source,
      voteWeight: rule ? voteWeight(p.population, rule) : 0,
      sizeClass: sizeClassOf(p.population, profileThen.sizeClasses.items)?.code ?? null,
      ruleSource: rule?.source ?? '',
    });
  }
  return {
    ...summary,
    asOf,
    existsOnAsOf: Boolean(stateOnDate),
    contact: { email: member.email, phone: member.phone, website: member.website, address: member.address },
    versions: versions.map((v) => ({ validFrom: v.valid_from, validTo: v.valid_to, code: v.code, name: v.name, province: v.province })),
    populations: populationEntries,
    networkPeriods: networkPeriods.map((n) => ({ network: n.network_code, validFrom: n.valid_from, validTo: n.valid_to })),
    reorganisations: await reorganisationsOf(db, { memberId: id }),
  };
}

async function requireMember(db: Db, id: string) {
  const member = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
  if (!member) throw problems.notFound(MEMBER, id);
  return member;
}

/**
 * Records a population figure. A figure for a date that already has one replaces it
 * (a correction) and the audit trail keeps the old value; the same figure again changes nothing.
 */
export async function recordPopulation(
  db: Db,
  actor: Actor,
  memberId: string,
  input: PopulationInput,
  importId: string | null = null,
): Promise<'added' | 'corrected' | 'unchanged'> {
  await requireMember(db, memberId);
  const existing = await db
    .selectFrom('member_populations')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('reference_date', '=', input.referenceDate)
    .executeTakeFirst();
  if (existing && existing.population === input.population) return 'unchanged';
  if (existing) {
    await db
      .updateTable('member_populations')
      .set({ population: input.population, source: input.source, import_id: importId })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await db
      .insertInto('member_populations')
      .values({
        id: randomUUID(),
        member_id: memberId,
        reference_date: input.referenceDate,
        population: input.population,
        source: input.source,
        import_id: importId,
      })
      .execute();
  }
  await recordAudit(db, actor, {
    action: existing ? 'member.population-corrected' : 'member.population-added',
    entityType: 'member',
    entityId: memberId,
    data: { referenceDate: input.referenceDate, population: input.population, previous: existing?.population ?? null, source: input.source, importId },
  });
  return existing ? 'corrected' : 'added';
}

export async function updateContact(db: Db, actor: Actor, memberId: string, update: ContactUpdate): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await requireMember(trx, memberId);
    await trx.updateTable('members').set(update).where('id', '=', memberId).execute();
    const previous = Object.fromEntries(Object.keys(update).map((k) => [k, before[k as keyof typeof before]]));
    await recordAudit(trx, actor, { action: 'member.contact-updated', entityType: 'member', entityId: memberId, data: { previous, update } });
  });
}

export async function listNetworks(db: Db, date: IsoDate) {
  return db
    .selectFrom('networks as n')
    .select((eb) => [
      'n.code',
      'n.name',
      'n.description',
      eb
        .selectFrom('member_networks as mn')
        .innerJoin('member_versions as v', (j) => j.onRef('v.member_id', '=', 'mn.member_id').on(validOn('v', date)))
        .select((s) => s.fn.countAll<number>().as('c'))
        .whereRef('mn.network_code', '=', 'n.code')
        .where(validOn('mn', date))
        .as('memberCount'),
    ])
    .orderBy('n.code')
    .execute();
}

export async function createNetwork(db: Db, actor: Actor, input: { code: string; name: string; description?: string }) {
  await inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('networks').select('code').where('code', '=', input.code).executeTakeFirst();
    if (existing) throw problems.conflict(text('Netwerk {c} bestaat al.', 'Network {c} already exists.', { c: input.code }));
    await trx
      .insertInto('networks')
      .values({ code: input.code, name: input.name, description: input.description ?? '' })
      .execute();
    await recordAudit(trx, actor, { action: 'network.created', entityType: 'network', entityId: input.code, data: input });
  });
}

/** Sets which networks a member belongs to from a date on: periods are closed or opened, never rewritten. */
export async function setMemberNetworks(db: Db, actor: Actor, memberId: string, networks: string[], effectiveDate: IsoDate): Promise<void> {
  await inTransaction(db, async (trx) => {
    await requireMember(trx, memberId);
    const known = new Set((await trx.selectFrom('networks').select('code').execute()).map((n) => n.code));
    const unknown = networks.filter((n) => !known.has(n));
    if (unknown.length) {
      throw problems.invalid(
        text('Onbekend netwerk: {n}.', 'Unknown network: {n}.', { n: unknown.join(', ') }),
        unknown.map((n) => ({ name: 'networks', code: 'unknown', reason: text('onbekend netwerk {n}', 'unknown network {n}', { n }) })),
      );
    }
    await lockRegister(trx);
    const periods = await trx.selectFrom('member_networks').selectAll().where('member_id', '=', memberId).execute();
    // Periods are appended to, never rewritten: nothing may start or end after the new date.
    const later = periods.find((p) => p.valid_from > effectiveDate || (p.valid_to !== null && p.valid_to > effectiveDate));
    if (later) {
      throw problems.conflict(
        text('Er is al een latere netwerkwijziging (per {d}).', 'A later network change exists (on {d}).', { d: later.valid_to ?? later.valid_from }),
      );
    }
    const open = periods.filter((p) => p.valid_to === null);
    const current = new Set(open.map((p) => p.network_code));
    const wanted = new Set(networks);
    for (const period of open.filter((p) => !wanted.has(p.network_code))) {
      if (period.valid_from === effectiveDate) await trx.deleteFrom('member_networks').where('id', '=', period.id).execute();
      else await trx.updateTable('member_networks').set({ valid_to: effectiveDate }).where('id', '=', period.id).execute();
    }
    for (const code of networks.filter((n) => !current.has(n))) {
      await trx
        .insertInto('member_networks')
        .values({ id: randomUUID(), member_id: memberId, network_code: code, valid_from: effectiveDate, valid_to: null })
        .execute();
    }
    await recordAudit(trx, actor, {
      action: 'member.networks-set',
      entityType: 'member',
      entityId: memberId,
      data: { effectiveDate, before: [...current].sort(), after: [...wanted].sort() },
    });
  });
}
