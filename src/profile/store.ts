import { inTransaction } from '../core/db/transaction.js';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { IsoDate } from '../core/dates.js';
import type { Database, Row } from '../core/db/schema.js';
import { Problem, problems, text } from '../core/errors.js';
import { profileProblems } from './rules.js';
import type { NewProfileVersion, ProfileDocument, ProfileVersion } from './schemas.js';

type Db = Kysely<Database>;

const toVersion = (row: Row<'profile_versions'>): ProfileVersion => ({
  id: row.id,
  effectiveFrom: row.effective_from,
  reason: row.reason,
  recordedBy: row.recorded_by,
  recordedAt: new Date(row.recorded_at).toISOString(),
  document: row.document,
});

export async function listProfileVersions(db: Db): Promise<ProfileVersion[]> {
  const rows = await db.selectFrom('profile_versions').selectAll().orderBy('effective_from').execute();
  return rows.map(toVersion);
}

/**
 * The profile in force on a date. Before the first version the first one applies:
 * the register's history starts there and the statutes did not start with it.
 */
export async function profileVersionAsOf(db: Db, date: IsoDate): Promise<ProfileVersion> {
  const row =
    (await db.selectFrom('profile_versions').selectAll().where('effective_from', '<=', date).orderBy('effective_from', 'desc').limit(1).executeTakeFirst()) ??
    (await db.selectFrom('profile_versions').selectAll().orderBy('effective_from').limit(1).executeTakeFirst());
  if (!row) throw notSetUp();
  return toVersion(row);
}

/** Where the first-run path starts: the API's set-up state and the web app's set-up page. */
export const SETUP_LINKS = { href: '/api/v1/setup', page: '/inrichten' } as const;

/**
 * The answer wherever the association's profile is needed before one was chosen: a 409 (the
 * request conflicts with the state of the installation) that says what to do next and where.
 */
export const notSetUp = () =>
  new Problem(
    409,
    'not-set-up',
    text('Vereniging nog niet ingericht', 'Association not set up yet'),
    text(
      'De vereniging is nog niet ingericht: kies eerst een profiel (een beheerder doet dat op de pagina Inrichten of met POST /api/v1/setup/profile).',
      'The association has not been set up yet: choose a profile first (an administrator does so on the Set-up page or with POST /api/v1/setup/profile).',
    ),
    [],
    { nextStep: 'choose-profile', setup: SETUP_LINKS },
  );

export async function profileAsOf(db: Db, date: IsoDate): Promise<ProfileDocument> {
  return (await profileVersionAsOf(db, date)).document;
}

/**
 * Records a new profile version. Past dates keep their rules: a change takes effect
 * today at the earliest and after every version already recorded, except for the very
 * first version, which sets up the association's history.
 */
export async function addProfileVersion(db: Db, actor: Actor, input: NewProfileVersion, todayDate: IsoDate): Promise<ProfileVersion> {
  const invalid = profileProblems(input.document);
  if (invalid.length) {
    throw problems.invalid(
      text('Het profiel is niet bruikbaar.', 'The profile is not usable.'),
      invalid.map((p) => ({ name: 'document', code: 'profile', reason: { nl: p, en: p } })),
    );
  }
  return inTransaction(db, async (trx) => {
    const latest = await trx.selectFrom('profile_versions').select(['id', 'effective_from']).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
    if (input.basedOn && latest && input.basedOn !== latest.id) {
      throw problems.conflict(
        text(
          'Het profiel is intussen gewijzigd; laad de laatste versie en breng uw wijziging opnieuw aan.',
          'The profile has changed meanwhile; load the latest version and make your change again.',
        ),
      );
    }
    if (latest && input.effectiveFrom < todayDate) {
      throw problems.invalid(
        text(
          'Een wijziging kan niet met terugwerkende kracht ingaan (ingangsdatum {d} ligt voor vandaag); gewichten van eerdere data veranderen niet.',
          'A change cannot take effect retroactively (effective date {d} is before today); weights of past dates do not change.',
          { d: input.effectiveFrom },
        ),
        [{ name: 'effectiveFrom', code: 'retroactive', reason: text('ligt in het verleden', 'is in the past') }],
      );
    }
    if (latest && input.effectiveFrom <= latest.effective_from) {
      throw problems.conflict(
        text('Er geldt al een versie vanaf {d}; kies een latere ingangsdatum.', 'A version already applies from {d}; choose a later effective date.', {
          d: latest.effective_from,
        }),
      );
    }
    const previous = latest ? await profileVersionAsOf(trx, latest.effective_from) : undefined;
    const row = {
      id: randomUUID(),
      effective_from: input.effectiveFrom,
      document: JSON.stringify(input.document),
      reason: input.reason,
      recorded_by: actor.label,
    };
    await trx.insertInto('profile_versions').values(row).execute();
    await recordAudit(trx, actor, {
      action: 'profile.version-added',
      entityType: 'profile',
      entityId: row.id,
      data: {
        effectiveFrom: input.effectiveFrom,
        reason: input.reason,
        changes: previous ? describeChanges(previous.document, input.document) : ['initial profile'],
      },
    });
    return profileVersionAsOf(trx, input.effectiveFrom);
  });
}

/** Dotted paths whose values differ, for the audit trail. */
export function describeChanges(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null || Array.isArray(before) !== Array.isArray(after)) {
    return [`${path || '(root)'}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) =>
    describeChanges((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
  );
}
