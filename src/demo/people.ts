import type { Kysely } from 'kysely';
import { createPerson } from '../core/auth/accounts.js';
import type { GrantedRole } from '../core/auth/roles.js';
import type { Actor } from '../core/audit.js';
import { today } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { memberStatesAsOf } from '../members/store.js';
import type { OfficeKind } from '../people/rules.js';
import { addDesignation } from '../people/designations.js';
import { addOffice } from '../people/offices.js';

/** Every demo account shares this password; the README lists the accounts. */
export const DEMO_PASSWORD = 'verenigd-demo';

interface DemoPerson {
  email: string;
  name: string;
  roles?: GrantedRole[];
  offices?: { member: string; kind: OfficeKind; party?: string; local?: boolean; since: string; designated: boolean }[];
}

// Fictitious people in real municipalities.
export const DEMO_PEOPLE: DemoPerson[] = [
  { email: 'medewerker@verenigd.demo', name: 'Sanne de Vries', roles: ['staff'] },
  { email: 'voorzitter@verenigd.demo', name: 'Jan van den Berg', roles: ['chair'] },
  { email: 'stemcommissie@verenigd.demo', name: 'Fatima El Amrani', roles: ['counting-committee'] },
  { email: 'burgemeester.utrecht@verenigd.demo', name: 'Els Bakker', offices: [{ member: 'GM0344', kind: 'mayor', since: '2020-10-01', designated: true }] },
  {
    email: 'wethouder.utrecht@verenigd.demo',
    name: 'Pieter Jansen',
    offices: [{ member: 'GM0344', kind: 'alderman', party: 'GroenLinks', since: '2022-06-01', designated: true }],
  },
  {
    email: 'raadslid.utrecht@verenigd.demo',
    name: 'Noor Visser',
    offices: [{ member: 'GM0344', kind: 'council-member', party: 'Stadsbelang Utrecht', local: true, since: '2022-03-30', designated: false }],
  },
  { email: 'burgemeester.middelburg@verenigd.demo', name: 'Karel Smit', offices: [{ member: 'GM0687', kind: 'mayor', since: '2018-09-01', designated: true }] },
  {
    email: 'griffier.vlissingen@verenigd.demo',
    name: 'Marloes Mulder',
    offices: [{ member: 'GM0718', kind: 'council-clerk', since: '2019-01-01', designated: true }],
  },
  {
    email: 'wethouder.groningen@verenigd.demo',
    name: 'Thijs de Boer',
    offices: [{ member: 'GM0014', kind: 'alderman', party: 'Stadspartij 100% voor Groningen', local: true, since: '2022-06-15', designated: true }],
  },
];

/** Staff, a chair, a vote-counting committee member and representatives of five members. */
export async function seedDemoPeople(db: Kysely<Database>, actor: Actor, password = DEMO_PASSWORD): Promise<void> {
  const members = new Map((await memberStatesAsOf(db, today())).map((m) => [m.code, m.id]));
  for (const p of DEMO_PEOPLE) {
    const person = await createPerson(db, actor, { email: p.email, name: p.name, roles: p.roles ?? [], password });
    for (const o of p.offices ?? []) {
      const memberId = members.get(o.member);
      if (!memberId) throw new Error(`demo: member ${o.member} not in the register`);
      const officeId = await addOffice(db, actor, person.id, { memberId, kind: o.kind, party: o.party, partyIsLocal: o.local ?? false, startDate: o.since });
      if (o.designated) await addDesignation(db, actor, { officeId, startDate: o.since });
    }
  }
}
