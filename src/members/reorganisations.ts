import { inTransaction } from '../core/db/transaction.js';
import { lockRegister } from '../core/db/locks.js';
import { recordPopulation } from './store.js';
import { validOn } from './periods.js';
import { reorganisationsOf } from './history.js';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { problems, text } from '../core/errors.js';
import { canonicalRegion, memberClassOf } from '../profile/rules.js';
import { profileAsOf } from '../profile/store.js';
import type { NewMemberIdentity, NewReorganisation, Reorganisation, ReorganisationKind, Target } from './schemas.js';

type Db = Kysely<Database>;

export interface Part {
  memberId: string;
  role: 'predecessor' | 'successor';
}

/**
 * Records a herindeling and changes the register from its effective date. Members that
 * end get their current version closed; new members get a first version; a rename closes
 * the old version and opens one with the new name, keeping the identity. Everything
 * happens in one transaction, with one audit entry.
 */
export async function recordReorganisation(db: Db, actor: Actor, input: NewReorganisation): Promise<Reorganisation> {
  return inTransaction(db, async (trx) => {
    await lockRegister(trx);
    const date = input.effectiveDate;
    const parts: Part[] = [];
    switch (input.kind) {
      case 'merge': {
        const continuing = 'memberId' in input.into ? input.into.memberId : undefined;
        const ending = input.from.filter((id) => id !== continuing);
        if (new Set(input.from).size !== input.from.length) throw invalid('from', text('Een lid staat dubbel in "from".', 'A member appears twice in "from".'));
        if (continuing ? ending.length < 1 : ending.length < 2) {
          throw invalid('from', text('Een samenvoeging heeft ten minste twee gemeenten.', 'A merger involves at least two members.'));
        }
        for (const id of ending) await openVersionOn(trx, id, date);
        const successor = continuing
          ? (await openVersionOn(trx, continuing, date)).member_id
          : await createMember(trx, input.into as { new: NewMemberIdentity }, date, await sharedClass(trx, ending));
        for (const id of ending) await endMember(trx, id, date);
        parts.push(...ending.map((memberId) => ({ memberId, role: 'predecessor' as const })));
        if (continuing) parts.push({ memberId: continuing, role: 'predecessor' });
        parts.push({ memberId: successor, role: 'successor' });
        if (input.population) await recordPopulation(trx, actor, successor, input.population);
        break;
      }
      case 'rename': {
        const current = await openVersionOn(trx, input.memberId, date);
        if (!input.name && !input.code && !input.province)
          throw invalid('name', text('Geef een nieuwe naam, code of provincie.', 'Give a new name, code or province.'));
        const province = input.province ? await regionOrFail(trx, input.province, date) : current.province;
        const next = { code: input.code ?? current.code, name: input.name ?? current.name, province };
        if (next.code === current.code && next.name === current.name && next.province === current.province) {
          throw invalid('name', text('Er verandert niets.', 'Nothing changes.'));
        }
        if (next.code !== current.code) await codeFreeOrFail(trx, next.code, date);
        await changeIdentity(trx, input.memberId, date, next);
        parts.push({ memberId: input.memberId, role: 'predecessor' }, { memberId: input.memberId, role: 'successor' });
        break;
      }
      case 'split': {
        const ending = await openVersionOn(trx, input.from, date);
        const memberClass = await sharedClass(trx, [ending.member_id]);
        const successors: string[] = [];
        for (const target of input.into) successors.push(await resolveTarget(trx, target, date, memberClass));
        if (successors.includes(input.from) || new Set(successors).size !== successors.length) {
          throw invalid('into', text('Een splitsing gaat naar verschillende andere leden.', 'A split goes to distinct other members.'));
        }
        await endMember(trx, input.from, date);
        parts.push({ memberId: input.from, role: 'predecessor' }, ...successors.map((memberId) => ({ memberId, role: 'successor' as const })));
        break;
      }
      case 'join': {
        const memberId = await createMember(trx, { new: input.member }, date, input.member.memberClass);
        if (input.population) await recordPopulation(trx, actor, memberId, input.population);
        parts.push({ memberId, role: 'successor' });
        break;
      }
      case 'leave': {
        await openVersionOn(trx, input.memberId, date);
        await endMember(trx, input.memberId, date);
        parts.push({ memberId: input.memberId, role: 'predecessor' });
        break;
      }
    }
    const id = await writeReorganisation(trx, actor, { kind: input.kind, date, note: input.note ?? '', parts });
    await recordAudit(trx, actor, { action: `reorganisation.${input.kind}`, entityType: 'reorganisation', entityId: id, data: { ...input } });
    const [recorded] = await reorganisationsOf(trx, { id });
    return recorded!;
  });
}

/**
 * Writes a reorganisation with its parties, nothing else: the register changes are the caller's,
 * in the same transaction. Population imports record the joins, leaves and renames they find here.
 */
export async function writeReorganisation(
  trx: Db,
  actor: Actor,
  reorganisation: { kind: ReorganisationKind; date: IsoDate; note: string; parts: readonly Part[] },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('reorganisations')
    .values({ id, kind: reorganisation.kind, effective_date: reorganisation.date, note: reorganisation.note, recorded_by: actor.label })
    .execute();
  await trx
    .insertInto('reorganisation_parts')
    .values(reorganisation.parts.map((p) => ({ reorganisation_id: id, member_id: p.memberId, role: p.role })))
    .execute();
  return id;
}

const invalid = (name: string, reason: { nl: string; en: string }) => problems.invalid(reason, [{ name, code: 'reorganisation', reason }]);

const laterChange = (name: string, from: IsoDate) =>
  problems.conflict(
    text(
      '{n} heeft al een wijziging per {d}; een herindeling moet daarna ingaan.',
      '{n} already changes on {d}; a reorganisation must take effect after that.',
      { n: name, d: from },
    ),
  );

/**
 * The version of a member that covers the date and is still open. A member whose history
 * continues after the date cannot be reorganised then: that would rewrite later history.
 */
async function openVersionOn(db: Db, memberId: string, date: IsoDate) {
  const version = await db
    .selectFrom('member_versions')
    .selectAll()
    .where('member_id', '=', memberId)
    .where(validOn('member_versions', date))
    .executeTakeFirst();
  if (!version) {
    throw problems.invalid(text('Lid {id} bestaat niet op {d}.', 'Member {id} does not exist on {d}.', { id: memberId, d: date }), [
      { name: 'memberId', code: 'not-a-member', reason: text('geen lid op {d}', 'not a member on {d}', { d: date }) },
    ]);
  }
  if (version.valid_to !== null) throw laterChange(version.name, version.valid_to);
  const later = await db.selectFrom('member_versions').select('valid_from').where('member_id', '=', memberId).where('valid_from', '>', date).executeTakeFirst();
  if (later) throw laterChange(version.name, later.valid_from);
  return version;
}

/** Closes the member's open version on the date and opens one with the new identity. */
export async function changeIdentity(db: Db, memberId: string, date: IsoDate, next: { code: string; name: string; province: string }) {
  const current = await openVersionOn(db, memberId, date);
  if (current.valid_from >= date) throw laterChange(current.name, current.valid_from);
  await closeVersion(db, current.id, date);
  await db
    .insertInto('member_versions')
    .values({ id: randomUUID(), member_id: memberId, valid_from: date, valid_to: null, ...next })
    .execute();
}

/** Closes a version that must still be open; if another writer closed it first, the change is refused. */
async function closeVersion(db: Db, versionId: string, date: IsoDate) {
  const result = await db.updateTable('member_versions').set({ valid_to: date }).where('id', '=', versionId).where('valid_to', 'is', null).executeTakeFirst();
  if (result.numUpdatedRows !== 1n) {
    throw problems.conflict(text('Het lid is intussen gewijzigd; probeer het opnieuw.', 'The member changed meanwhile; try again.'));
  }
}

/** Ends a member on the date, with its network memberships. */
export async function endMember(db: Db, memberId: string, date: IsoDate) {
  const version = await openVersionOn(db, memberId, date);
  if (version.valid_from >= date) throw laterChange(version.name, version.valid_from);
  await closeVersion(db, version.id, date);
  // Network memberships end with the member.
  await db
    .updateTable('member_networks')
    .set({ valid_to: date })
    .where('member_id', '=', memberId)
    .where('valid_to', 'is', null)
    .where('valid_from', '<', date)
    .execute();
  await db.deleteFrom('member_networks').where('member_id', '=', memberId).where('valid_to', 'is', null).where('valid_from', '>=', date).execute();
}

async function regionOrFail(db: Db, name: string, date: IsoDate): Promise<string> {
  const region = canonicalRegion(name, await profileAsOf(db, date));
  if (!region) {
    throw problems.invalid(text('Onbekende provincie "{p}".', 'Unknown province "{p}".', { p: name }), [
      { name: 'province', code: 'unknown-region', reason: text('onbekende provincie', 'unknown province') },
    ]);
  }
  return region;
}

async function codeFreeOrFail(db: Db, code: string, date: IsoDate) {
  const taken = await db
    .selectFrom('member_versions')
    .select('name')
    .where('code', '=', code)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .executeTakeFirst();
  if (taken) throw problems.conflict(text('Code {c} is al in gebruik door {n}.', 'Code {c} is already used by {n}.', { c: code, n: taken.name }));
}

/** The member class shared by all given members (a new member inherits it), if they share one. */
async function sharedClass(db: Db, memberIds: string[]): Promise<string | undefined> {
  const classes = await db.selectFrom('members').select('member_class').distinct().where('id', 'in', memberIds).execute();
  return classes.length === 1 ? classes[0]!.member_class : undefined;
}

export async function createMember(db: Db, target: { new: NewMemberIdentity }, date: IsoDate, inheritedClass?: string): Promise<string> {
  const profile = await profileAsOf(db, date);
  const memberClass = target.new.memberClass ?? inheritedClass ?? profile.memberClasses[0]!.code;
  if (!memberClassOf(profile, memberClass)) {
    throw problems.invalid(text('Onbekende ledencategorie "{c}".', 'Unknown member class "{c}".', { c: memberClass }), [
      { name: 'memberClass', code: 'unknown-class', reason: text('onbekende categorie', 'unknown class') },
    ]);
  }
  const province = await regionOrFail(db, target.new.province, date);
  await codeFreeOrFail(db, target.new.code, date);
  const id = randomUUID();
  await db.insertInto('members').values({ id, member_class: memberClass }).execute();
  await db
    .insertInto('member_versions')
    .values({ id: randomUUID(), member_id: id, valid_from: date, valid_to: null, code: target.new.code, name: target.new.name, province })
    .execute();
  return id;
}

async function resolveTarget(db: Db, target: Target, date: IsoDate, memberClass: string | undefined): Promise<string> {
  if ('memberId' in target) return (await openVersionOn(db, target.memberId, date)).member_id;
  return createMember(db, target, date, memberClass);
}
