import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { lockRegister } from '../core/db/locks.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, text } from '../core/errors.js';
import type { ProfileVersion } from '../profile/schemas.js';
import { addProfileVersion, SETUP_LINKS } from '../profile/store.js';
import { isTemplateCode, PROFILE_TEMPLATES, TEMPLATE_CODES } from '../profile/templates.js';
import type { AdoptTemplate, ProfileTemplate, SetupState } from './schemas.js';

type Db = Kysely<Database>;

const ADOPTED = 'setup.template-adopted';

export const profileTemplates = (): ProfileTemplate[] =>
  TEMPLATE_CODES.map((code) => ({ code, description: PROFILE_TEMPLATES[code].description, document: PROFILE_TEMPLATES[code].document }));

/**
 * Where a fresh installation stands on its first-run path: an administrator (created on the command
 * line), a profile (a template adopted, or a version recorded by hand), and members (a CBS-layout
 * population import). Set-up is done when all three are there.
 */
export async function setupState(db: Db): Promise<SetupState> {
  const [admins, first, members, adopted] = await Promise.all([
    db
      .selectFrom('person_roles')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow(),
    db.selectFrom('profile_versions').select(['document', 'effective_from']).orderBy('effective_from').limit(1).executeTakeFirst(),
    db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('audit_log').select('data').where('action', '=', ADOPTED).orderBy('id').limit(1).executeTakeFirst(),
  ]);
  const template = (adopted?.data as { template?: string } | undefined)?.template;
  const administrator = { done: Number(admins.n) > 0, count: Number(admins.n), how: 'verenigd users create --role admin --email <e-mail> --name <naam>' };
  const profile = {
    done: Boolean(first),
    name: first?.document.name ?? null,
    shortName: first?.document.shortName ?? null,
    effectiveFrom: first?.effective_from ?? null,
    template: template && isTemplateCode(template) ? template : null,
    href: SETUP_LINKS.href,
  };
  const register = { done: Number(members.n) > 0, count: Number(members.n), href: '/api/v1/imports/population' };
  const nextStep = !administrator.done ? 'create-administrator' : !profile.done ? 'choose-profile' : !register.done ? 'import-members' : null;
  return { done: nextStep === null, nextStep, administrator, profile, members: register };
}

const alreadySetUp = () =>
  new Problem(
    409,
    'already-set-up',
    text('Profiel al gekozen', 'Profile already chosen'),
    text(
      'De vereniging heeft al een profiel; een sjabloon kiest alleen het eerste. Wijzig het profiel met een nieuwe versie op de profielpagina (POST /api/v1/profile/versions).',
      'The association already has a profile; a template only chooses the first one. Change the profile with a new version on the profile page (POST /api/v1/profile/versions).',
    ),
    [],
    { profile: '/api/v1/profile/versions' },
  );

/**
 * Adopts a template as the association's first profile version, audited. Only the first: once a
 * profile exists a template would overwrite its history, so a second adoption is refused and a change
 * is a new profile version from a later date, like any other.
 */
export async function adoptTemplate(db: Db, actor: Actor, input: AdoptTemplate, todayDate: IsoDate): Promise<ProfileVersion> {
  const template = PROFILE_TEMPLATES[input.template];
  const document = {
    ...structuredClone(template.document),
    ...(input.name ? { name: input.name.trim() } : {}),
    ...(input.shortName ? { shortName: input.shortName.trim() } : {}),
  };
  return inTransaction(db, async (trx) => {
    // Two administrators adopting at once: the second waits here and then finds the first's version.
    await lockRegister(trx);
    const existing = await trx.selectFrom('profile_versions').select('id').limit(1).executeTakeFirst();
    if (existing) throw alreadySetUp();
    const version = await addProfileVersion(
      trx,
      actor,
      {
        effectiveFrom: input.effectiveFrom ?? todayDate,
        reason: `Ingericht met het sjabloon ${template.document.shortName} (${template.document.name})`,
        document,
      },
      todayDate,
    );
    await recordAudit(trx, actor, {
      action: ADOPTED,
      entityType: 'profile',
      entityId: version.id,
      data: { template: input.template, effectiveFrom: version.effectiveFrom, name: document.name, shortName: document.shortName },
    });
    return version;
  });
}
