import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { IsoDate } from '../core/dates.js';
import type { Database, NewRow } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { MEMBER, memberStatesAsOf } from '../members/store.js';
import { mandatesEnded } from './mandate-ended.js';
import { memberClassOf, officeKindsOf } from '../profile/rules.js';
import { profileAsOf } from '../profile/store.js';
import { OFFICE_LABELS, type OfficeKind, periodIsValid } from './rules.js';
import type { NewOffice, OfficeUpdate } from './schemas.js';
import { OFFICE, PERSON } from './store.js';

type Db = Kysely<Database>;

export const badPeriod = () =>
  problems.invalid(text('De einddatum ligt voor de begindatum.', 'The end date lies before the start date.'), [
    { name: 'endDate', code: 'period', reason: text('Voor de begindatum.', 'Before the start date.') },
  ]);

async function assertMemberExists(db: Db, memberId: string, date: IsoDate) {
  const exists = await db.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst();
  if (!exists) throw problems.notFound(MEMBER, memberId);
  const [state] = await memberStatesAsOf(db, date, memberId);
  if (!state) {
    throw problems.invalid(text('Dit lid bestond niet op {date}.', 'This member did not exist on {date}.', { date }), [
      { name: 'startDate', code: 'member', reason: text('Lid bestond toen niet.', 'Member did not exist then.') },
    ]);
  }
  return state;
}

/**
 * The member's class names the offices that may represent it (a gewest its chair or a member of its
 * executive, not a mayor); an office of another kind is refused when it is recorded.
 */
async function assertKindFitsMember(db: Db, kind: OfficeKind, member: { name: string; memberClass: string }, date: IsoDate) {
  const profile = await profileAsOf(db, date);
  const memberClass = memberClassOf(profile, member.memberClass);
  const allowed = memberClass ? officeKindsOf(memberClass) : [];
  if (allowed.includes(kind)) return;
  const list = (lang: 'nl' | 'en') => allowed.map((k) => OFFICE_LABELS[k][lang]).join(', ');
  const className = memberClass?.name ?? { nl: member.memberClass, en: member.memberClass };
  throw problems.invalid(
    text(
      'Een {kind} kan {member} niet vertegenwoordigen: een lid van de categorie {class} wordt vertegenwoordigd door een {allowed}.',
      'A {kindEn} cannot represent {member}: a member of the class {classEn} is represented by a {allowedEn}.',
      {
        kind: OFFICE_LABELS[kind].nl,
        kindEn: OFFICE_LABELS[kind].en,
        member: member.name,
        class: className.nl,
        classEn: className.en,
        allowed: list('nl'),
        allowedEn: list('en'),
      },
    ),
    [{ name: 'kind', code: 'office-kind', reason: text('Past niet bij de categorie van het lid.', "Does not fit the member's class.") }],
  );
}

export async function addOffice(db: Db, actor: Actor, personId: string, input: NewOffice): Promise<string> {
  const period = { startDate: input.startDate, endDate: input.endDate ?? null };
  if (!periodIsValid(period)) throw badPeriod();
  return inTransaction(db, async (trx) => {
    const person = await trx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw problems.notFound(PERSON, personId);
    const member = await assertMemberExists(trx, input.memberId, input.startDate);
    await assertKindFitsMember(trx, input.kind, member, input.startDate);
    const id = randomUUID();
    await trx
      .insertInto('offices')
      .values({
        id,
        person_id: personId,
        member_id: input.memberId,
        kind: input.kind,
        party: input.party?.trim() ?? null,
        party_is_local: input.partyIsLocal ?? false,
        portfolio: input.portfolio?.trim() ?? null,
        start_date: period.startDate,
        end_date: period.endDate,
      })
      .execute();
    await recordAudit(trx, actor, { action: 'office.created', entityType: 'office', entityId: id, data: { personId, ...input } });
    return id;
  });
}

export async function updateOffice(db: Db, actor: Actor, id: string, update: OfficeUpdate): Promise<void> {
  await inTransaction(db, async (trx) => {
    const office = await trx.selectFrom('offices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!office) throw problems.notFound(OFFICE, id);
    const endDate = update.endDate === undefined ? office.end_date : update.endDate;
    if (!periodIsValid({ startDate: office.start_date, endDate })) throw badPeriod();
    await trx
      .updateTable('offices')
      .set({
        party: update.party === undefined ? office.party : (update.party?.trim() ?? null),
        party_is_local: update.partyIsLocal ?? office.party_is_local,
        portfolio: update.portfolio === undefined ? office.portfolio : (update.portfolio?.trim() ?? null),
        end_date: endDate,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'office.updated', entityType: 'office', entityId: id, data: { ...update } });
    if (update.endDate !== undefined) await mandatesEnded(trx, actor, [office.person_id], 'office-ended');
  });
}

/** Records offices in one statement, unchecked and unaudited: for the demo seed, which audits the batch. */
export async function addOfficesInBulk(db: Db, offices: readonly NewRow<'offices'>[]): Promise<void> {
  if (offices.length)
    await db
      .insertInto('offices')
      .values([...offices])
      .execute();
}
