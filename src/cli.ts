import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { systemActor } from './core/audit.js';
import { today } from './core/dates.js';
import { Problem } from './core/errors.js';
import { createPerson } from './core/auth/accounts.js';
import { verifyPoll } from './voting/verify.js';
import { GRANTED_ROLES, isGrantedRole } from './core/auth/roles.js';
import { openConfiguredDatabase } from './core/runtime.js';
import { loadConfig } from './core/config.js';
import { loadSigningKey, installSigningKey } from './core/signing.js';
import { runHousekeeping } from './core/housekeeping.js';
import { backupCommands } from './backup-cli.js';
import { main as verifyBundleMain } from '#verify-bundle';
import type { DatabaseHandle } from './core/db/database.js';
import { seedDemo } from './demo/seed.js';
import { composeFeatures } from './app.js';
import { importPopulation } from './imports/store.js';
import type { PopulationImportReport } from './imports/schemas.js';
import { filterMembers, sortMembers, totals } from './members/register.js';
import { registerAsOf } from './members/store.js';
import { membersToCsv } from './members/export.js';
import { profileAsOf } from './profile/store.js';
import { TEMPLATE_CODES, type TemplateCode } from './profile/templates.js';
import type { SetupState } from './setup/schemas.js';
import { adoptTemplate, setupState } from './setup/store.js';

const actor = () => systemActor(`cli:${userInfo().username}`);

async function withDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  // The features' hooks hold here as in the server (an adopted motion becomes a follow-up).
  composeFeatures();
  const config = loadConfig();
  // The same key as the server's, so polls closed or verified here are sealed and checked alike.
  installSigningKey(loadSigningKey(config, (message) => console.error(message)));
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export function printReport(report: PopulationImportReport, out: (line: string) => void = console.log) {
  const t = report.totals;
  out(`Bestand ${report.fileName}: ${report.rowCount} rijen, ingangsdatum ${report.effectiveDate}, categorie ${report.memberClass}`);
  out(
    `Leden: ${t.countBefore} -> ${t.countAfter}; stemgewicht: ${t.voteWeightBefore} -> ${t.voteWeightAfter}; inwoners: ${t.populationBefore} -> ${t.populationAfter}`,
  );
  for (const a of report.added) out(`  + ${a.code} ${a.name} (${a.province}), ${a.population} inwoners, ${a.voteWeight} stemmen`);
  for (const r of report.removed) out(`  - ${r.code} ${r.name} (${r.province})`);
  for (const r of report.renamed) out(`  ~ ${r.code} ${r.nameBefore} -> ${r.nameAfter}`);
  for (const p of report.provinceChanged) out(`  ~ ${p.code} ${p.name}: ${p.provinceBefore} -> ${p.provinceAfter}`);
  out(
    `Inwonertallen gewijzigd: ${report.populationChanges.length}, waarvan ${report.weightChangeCount} met ander stemgewicht; ongewijzigd: ${report.unchangedCount}`,
  );
  for (const p of report.populationChanges.filter((c) => c.voteWeightBefore !== c.voteWeightAfter)) {
    out(
      `  ${p.code} ${p.name}: ${p.populationBefore ?? '?'} -> ${p.populationAfter} inwoners, stemgewicht ${p.voteWeightBefore ?? '?'} -> ${p.voteWeightAfter}`,
    );
  }
  for (const b of report.blocking) out(`  ! ${b.code} ${b.name}: heeft al een latere wijziging; leg dit vast als herindeling`);
}

const NEXT_STEP: Record<NonNullable<SetupState['nextStep']>, string> = {
  'create-administrator': 'maak de eerste beheerder aan: verenigd users create --role admin --email <e-mail> --name <naam>',
  'choose-profile': 'kies een profiel: verenigd setup --template vng|ipo|uvw|empty',
  'import-members': 'importeer de leden uit een CBS-bestand: verenigd import population <bestand> --apply',
};

export function printSetupState(state: SetupState, out: (line: string) => void = console.log) {
  const mark = (done: boolean) => (done ? '[x]' : '[ ]');
  out(`${mark(state.administrator.done)} beheerder: ${state.administrator.count}`);
  out(
    `${mark(state.profile.done)} profiel: ${state.profile.done ? `${state.profile.shortName} (${state.profile.name}), vanaf ${state.profile.effectiveFrom}${state.profile.template ? `, sjabloon ${state.profile.template}` : ''}` : 'nog niet gekozen'}`,
  );
  out(`${mark(state.members.done)} leden: ${state.members.count}`);
  out(state.nextStep ? `Volgende stap: ${NEXT_STEP[state.nextStep]}` : 'De inrichting is klaar.');
}

export function buildCli(): Command {
  const program = new Command('verenigd').description('Beheer van Verenigd (uses DATABASE_URL or the PGlite folder in DATA_DIR)');

  program
    .command('migrate')
    .description('Apply database migrations')
    .action(() => withDatabase(async () => console.log('database is up to date')));

  program
    .command('demo')
    .description('Fill an empty database with the demo association (VNG, 2016-2024)')
    .action(() =>
      withDatabase(async ({ db }) => console.log((await seedDemo(db, console.log)).seeded ? 'demo seeded' : 'register already filled; nothing done')),
    );

  program
    .command('setup')
    .description('First-run set-up: show what is done and what is next; with --template, adopt a profile template as the first profile')
    .addOption(
      new Option('--template <template>', 'profile template: vng (municipalities), ipo (provinces), uvw (water boards), empty').choices([...TEMPLATE_CODES]),
    )
    .option('--name <name>', "the association's name instead of the template's")
    .option('--short-name <shortName>', "the association's short name instead of the template's")
    .option('--effective-date <date>', 'date the profile applies from (default today)')
    .action((options: { template?: TemplateCode; name?: string; shortName?: string; effectiveDate?: string }) =>
      withDatabase(async ({ db }) => {
        if (options.template) {
          const version = await adoptTemplate(
            db,
            actor(),
            { template: options.template, name: options.name, shortName: options.shortName, effectiveFrom: options.effectiveDate },
            today(),
          );
          console.log(`Profiel ${version.document.shortName} (${version.document.name}) vastgelegd, geldig vanaf ${version.effectiveFrom}.`);
        }
        printSetupState(await setupState(db));
      }),
    );

  const importCmd = program.command('import').description('Import data');
  importCmd
    .command('population <file>')
    .description('Import a CBS population file (code,name,province,population,population_date); a dry run unless --apply')
    .option('--apply', 'apply the changes (all or nothing)')
    .option('--class <memberClass>', 'member class of the rows')
    .option('--effective-date <date>', 'date membership changes take effect (default: the population date)')
    .action((file: string, options: { apply?: boolean; class?: string; effectiveDate?: string }) =>
      withDatabase(async ({ db }) => {
        const result = await importPopulation(db, actor(), {
          content: readFileSync(file, 'utf8'),
          fileName: basename(file),
          dryRun: !options.apply,
          memberClass: options.class,
          effectiveDate: options.effectiveDate,
        });
        printReport(result.report);
        console.log(
          result.dryRun
            ? 'Proefimport: er is niets gewijzigd. Gebruik --apply om toe te passen.'
            : result.applied
              ? `Toegepast (import ${result.importId}).`
              : 'Niets te wijzigen: dit bestand is al verwerkt.',
        );
      }),
    );

  program
    .command('export')
    .description('Export data')
    .command('members')
    .description('Export the register with vote weights')
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).default('csv'))
    .option('--as-of <date>', 'date of the register (default today)')
    .option('--province <province>')
    .option('--network <network>')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action((options: { format: 'csv' | 'json'; asOf?: string; province?: string; network?: string; output?: string }) =>
      withDatabase(async ({ db }) => {
        const asOf = options.asOf ?? today();
        const members = sortMembers(filterMembers(await registerAsOf(db, asOf), options));
        const sum = totals(members);
        const body =
          options.format === 'csv'
            ? membersToCsv(members, await profileAsOf(db, asOf))
            : `${JSON.stringify({ asOf, items: members, total: sum.count, totalVoteWeight: sum.voteWeight, totalPopulation: sum.population }, null, 2)}\n`;
        if (options.output) writeFileSync(options.output, body);
        else process.stdout.write(body);
      }),
    );

  program
    .command('polls')
    .description('Live votes')
    .command('verify <pollId>')
    .description("Recompute a poll's tally from its stored ballots and weights and check its hash chain (exit 1 on any difference)")
    .action((pollId: string) =>
      withDatabase(async ({ db }) => {
        const verification = await verifyPoll(db, pollId);
        console.log(`chain head: ${verification.chainHead ?? '(none)'}`);
        for (const note of verification.notes) console.log(`NOTE: ${note}`);
        for (const problem of verification.problems) console.log(`PROBLEM: ${problem}`);
        console.log(verification.ok ? 'OK: the chain is intact, the published result is what the ballots add up to, and the seal verifies.' : 'NOT VERIFIED');
        if (!verification.ok) process.exitCode = 1;
      }),
    );

  program
    .command('verify-bundle <file>')
    .description(
      'Verify an exported poll bundle (GET /api/v1/polls/{id}/bundle) without the database: chain, ballots, recount and seal (exit 1 on any problem)',
    )
    .option('--key-id <keyId>', 'the expected signing key (sha256, from /.well-known/verenigd-signing-key or the minutes)')
    .action((file: string, options: { keyId?: string }) => {
      process.exitCode = verifyBundleMain([file, ...(options.keyId ? ['--key-id', options.keyId] : [])]);
    });

  backupCommands(program, withDatabase);

  program
    .command('housekeeping')
    .description('Delete expired sessions, invitation and reset links and API tokens now (skipped while another instance does it)')
    .action(() =>
      withDatabase(async ({ db }) => {
        const result = await runHousekeeping(db, loadConfig());
        console.log(
          result.skipped
            ? 'skipped: another instance is doing housekeeping right now'
            : `deleted: ${result.sessions} sessions, ${result.accountTokens} invitation and reset links, ${result.apiTokens} API tokens, ${result.attemptCounters} sign-in counters`,
        );
      }),
    );

  const users = program.command('users').description('Accounts');
  users
    .command('create')
    .description('Create an account; the password is read from VERENIGD_PASSWORD or standard input')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .addOption(new Option('--role <role>', 'granted role').choices([...GRANTED_ROLES]).default('admin'))
    .action((options: { email: string; name: string; role: string }) =>
      withDatabase(async ({ db }) => {
        const password = process.env.VERENIGD_PASSWORD ?? readFileSync(0, 'utf8').trim();
        if (!isGrantedRole(options.role)) throw new Error(`unknown role ${options.role}`);
        const person = await createPerson(db, actor(), { email: options.email, name: options.name, roles: [options.role], password });
        console.log(`account ${person.email} (${person.roles.join(', ')}) created`);
      }),
    );
  return program;
}

export async function runCli(argv: string[]) {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof Problem) {
      console.error(error.detail.nl);
      for (const e of error.errors) console.error(`  ${e.name}: ${e.reason.nl}`);
    } else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

if (process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1])) await runCli(process.argv);
