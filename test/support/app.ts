import type { LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/core/audit.js';
import { loadConfig, type Config } from '../../src/core/config.js';
import { buildApp, type App } from '../../src/core/http/app.js';
import { createUser } from '../../src/core/auth/users.js';
import type { Role } from '../../src/core/auth/roles.js';
import { addProfileVersion } from '../../src/profile/store.js';
import { vngProfile } from '../../src/profile/vng.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
  /** Signs in a new user with the role and returns headers for authenticated requests. */
  signIn(role: Role): Promise<AuthHeaders>;
}

export type AuthHeaders = {
  cookie: string;
  'x-csrf-token': string;
};

export async function createTestApp(
  options: { config?: Partial<Config>; profileFrom?: string | null; beforeReady?: (app: App) => void } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  if (options.profileFrom !== null) {
    await addProfileVersion(database.db, systemActor('test'), { effectiveFrom: options.profileFrom ?? '2015-01-01', reason: 'test profile', document: vngProfile }, '2015-01-01');
  }
  const config = { ...loadConfig({}), LOG_LEVEL: 'silent' as const, ...options.config };
  const app = await buildApp({ config, database });
  options.beforeReady?.(app);
  await app.ready();
  let counter = 0;
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
    signIn: async (role) => {
      counter += 1;
      const email = `${role}-${counter}@test.example`;
      const password = 'correct horse battery';
      await createUser(database.db, systemActor('test'), { email, name: `${role} ${counter}`, role, password });
      const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
      if (response.statusCode !== 201) throw new Error(`sign-in failed: ${response.body}`);
      return authHeaders(response);
    },
  };
}

export function authHeaders(response: LightMyRequestResponse): AuthHeaders {
  const cookie = response.cookies.find((c) => c.name === 'verenigd_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': response.json().csrfToken };
}
