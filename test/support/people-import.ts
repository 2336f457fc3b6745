import type { Kysely } from 'kysely';
import type { Database } from '../../src/core/db/schema.js';
import type { OfficeKind } from '../../src/people/rules.js';
import type { AuthHeaders, TestApp } from './app.js';

/** The members in the register on a date, by code: the rows a representatives file points at. */
export async function registerCodes(db: Kysely<Database>, asOf: string): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('member_versions')
    .select(['code', 'name'])
    .where('valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', asOf)]))
    .orderBy('code')
    .execute();
}

export const IMPORT_HEADER_NL = 'naam,e-mailadres,lidcode,ambt,partij,lokale_partij,portefeuille,begindatum,einddatum,aanwijzing';

/**
 * A people-import CSV (Dutch headers) of `count` representatives: one per member of the register in
 * turn, a mayor first, then (past the number of members) an alderman and a council member each,
 * every one designated from `startDate`. The 309 representatives: `representativesCsv(members, 309)`.
 */
export function representativesCsv(
  members: readonly { code: string; name: string }[],
  count: number,
  options: { startDate?: string; kinds?: readonly OfficeKind[]; designated?: boolean; domain?: string } = {},
): string {
  const kinds = options.kinds ?? ['mayor', 'alderman', 'council-member'];
  const startDate = options.startDate ?? '2024-01-01';
  const domain = options.domain ?? 'import.example';
  if (count > members.length * kinds.length) throw new Error(`${count} rows need more than ${members.length} members × ${kinds.length} kinds`);
  const rows = Array.from({ length: count }, (_, i) => {
    const member = members[i % members.length]!;
    const kind = kinds[Math.floor(i / members.length)]!;
    const name = `${kind === 'mayor' ? 'Burgemeester' : kind === 'alderman' ? 'Wethouder' : 'Raadslid'} van ${member.name.replace(/,/g, '')}`;
    const email = `${kind}.${member.code.toLowerCase()}@${domain}`;
    const party = kind === 'mayor' ? '' : 'Lokaal Belang';
    const local = kind === 'mayor' ? 'nee' : 'ja';
    return [name, email, member.code, kind, party, local, '', startDate, '', options.designated === false ? 'nee' : 'ja'].join(',');
  });
  return `${[IMPORT_HEADER_NL, ...rows].join('\n')}\n`;
}

/** Posts a people import as raw CSV (or XLSX bytes); `apply` sends dryRun=false. */
export function postPeopleImport(t: TestApp, headers: AuthHeaders | Record<string, never>, content: string | Buffer, apply = false) {
  const xlsx = Buffer.isBuffer(content);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/people/imports?dryRun=${apply ? 'false' : 'true'}&fileName=${xlsx ? 'personen.xlsx' : 'personen.csv'}`,
    headers: {
      ...headers,
      'content-type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
      'accept-language': 'nl',
    },
    payload: content,
  });
}
