import type { LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/core/audit.js';
import { loadConfig, type Config } from '../../src/core/config.js';
import { buildApp, type App } from '../../src/app.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import type { GrantedRole } from '../../src/core/auth/roles.js';
import { addDesignation } from '../../src/people/designations.js';
import { addOffice } from '../../src/people/offices.js';
import type { OfficeKind } from '../../src/people/rules.js';
import { addProfileVersion } from '../../src/profile/store.js';
import { vngProfile } from '../../src/profile/vng.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { FIVE_MEMBERS } from './fixtures.js';
import { importPopulation } from '../../src/imports/store.js';

export interface TestApp {
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
  /** Signs in a new person with the granted role and returns headers for authenticated requests. */
  signIn(role: GrantedRole): Promise<AuthHeaders>;
  /** Signs in a new person, optionally designated to act for a member from 2024 on. */
  signInPerson(options?: { roles?: GrantedRole[]; representativeOf?: string; kind?: OfficeKind; name?: string }): Promise<SignedIn>;
}

export interface SignedIn {
  headers: AuthHeaders;
  personId: string;
  email: string;
  password: string;
}

export type AuthHeaders = {
  cookie: string;
  'x-csrf-token': string;
};

export async function createTestApp(
  options: {
    config?: Partial<Config>;
    profileFrom?: string | null;
    beforeReady?: (app: App) => void;
    /**
     * Delivers the queued mails before each answer goes out (the handler's transaction has committed by
     * then), for tests that read the mailbox right after a request. The real path answers first.
     */
    deliverMailsBeforeAnswer?: boolean;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  if (options.profileFrom !== null) {
    await addProfileVersion(
      database.db,
      systemActor('test'),
      { effectiveFrom: options.profileFrom ?? '2015-01-01', reason: 'test profile', document: vngProfile },
      '2015-01-01',
    );
  }
  // No housekeeping rounds unless a test asks: a round must not delete what a test set up to expire.
  const config = { ...loadConfig({}), LOG_LEVEL: 'silent' as const, HOUSEKEEPING_INTERVAL_MINUTES: 0, ...options.config };
  const app = await buildApp({ config, database });
  if (options.deliverMailsBeforeAnswer) app.addHook('onSend', async () => app.mailQueue.drain());
  options.beforeReady?.(app);
  await app.ready();
  let counter = 0;

  async function signInPerson(options: { roles?: GrantedRole[]; representativeOf?: string; kind?: OfficeKind; name?: string } = {}): Promise<SignedIn> {
    counter += 1;
    const label = options.roles?.join('-') || (options.representativeOf ? 'representative' : 'person');
    const email = `${label}-${counter}@test.example`;
    const password = 'correct horse battery';
    const actor = systemActor('test');
    const person = await createPerson(database.db, actor, { email, name: options.name ?? `${label} ${counter}`, roles: options.roles ?? [], password });
    if (options.representativeOf) {
      const officeId = await addOffice(database.db, actor, person.id, {
        memberId: options.representativeOf,
        kind: options.kind ?? 'mayor',
        startDate: '2024-01-01',
      });
      await addDesignation(database.db, actor, { officeId, startDate: '2024-01-01' });
    }
    const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
    if (response.statusCode !== 201) throw new Error(`sign-in failed: ${response.body}`);
    return { headers: authHeaders(response), personId: person.id, email, password };
  }

  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
    signIn: async (role) => (await signInPerson({ roles: [role] })).headers,
    signInPerson,
  };
}

export function authHeaders(response: LightMyRequestResponse): AuthHeaders {
  const cookie = response.cookies.find((c) => c.name === 'verenigd_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': response.json().csrfToken };
}

/** Imports the five-member register and returns member ids by name. */
export async function withFiveMembers(t: TestApp): Promise<Record<'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam', string>> {
  await importPopulation(t.database.db, systemActor('test'), { content: FIVE_MEMBERS, fileName: 'five.csv', dryRun: false });
  const rows = await t.database.db.selectFrom('member_versions').select(['member_id', 'name']).execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.member_id])) as never;
}
