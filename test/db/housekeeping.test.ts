import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { HOUSEKEEPING_LOCK } from '../../src/core/db/locks.js';
import { runHousekeeping, scheduleHousekeeping } from '../../src/core/housekeeping.js';
import { createTestApp } from '../support/app.js';
import { createTestDatabase, openSecondHandle, TEST_DB, type TestDatabase } from '../support/database.js';

/**
 * Housekeeping deletes expired credentials (sessions, invitation and reset links, API tokens,
 * sign-in counters), keeps everything still usable and the audit trail, and runs on one instance
 * at a time.
 */
let database: TestDatabase;
let personId: string;
const config = { SESSION_MAX_HOURS: 12, MAIL_RETENTION_DAYS: 30 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  database = await createTestDatabase();
  personId = (await createPerson(database.db, systemActor('test'), { email: 'beheer@test.example', name: 'Beheer' })).id;
});
afterAll(() => database.close());

/** Rows of every kind, each either past its use (the name says `gone`) or still usable (`kept`). */
async function fill() {
  const db = database.db;
  await db.deleteFrom('sessions').execute();
  await db.deleteFrom('account_tokens').execute();
  await db.deleteFrom('api_tokens').execute();
  await db.deleteFrom('attempt_counters').execute();
  await db.deleteFrom('mail_outbox').execute();
  // Sent mails go after MAIL_RETENTION_DAYS; a failed or bounced one stays however old.
  const mail = (subject: string, status: 'sent' | 'failed' | 'bounced', sentAt: Date | null) => ({
    id: randomUUID(),
    recipient: 'a@test.example',
    subject,
    body: '',
    kind: 'test',
    status,
    sent_at: sentAt,
    created_at: ago(40 * DAY),
  });
  await db
    .insertInto('mail_outbox')
    .values([
      mail('gone', 'sent', ago(31 * DAY)),
      mail('kept-recent', 'sent', ago(DAY)),
      mail('kept-failed', 'failed', null),
      mail('kept-bounced', 'bounced', null),
    ])
    .execute();
  const session = (name: string, createdAt: Date, expiresAt: Date) => ({
    token_hash: name,
    person_id: personId,
    csrf_token: name,
    created_at: createdAt,
    expires_at: expiresAt,
  });
  await db
    .insertInto('sessions')
    .values([session('gone-idle', ago(2 * HOUR), ago(1000)), session('gone-absolute', ago(13 * HOUR), ahead(HOUR)), session('kept', ago(HOUR), ahead(HOUR))])
    .execute();
  const link = (name: string, purpose: 'invitation' | 'password-reset', expiresAt: Date, usedAt: Date | null = null) => ({
    token_hash: name,
    person_id: personId,
    purpose,
    expires_at: expiresAt,
    used_at: usedAt,
  });
  await db
    .insertInto('account_tokens')
    .values([
      link('gone-invitation', 'invitation', ago(1000)),
      link('gone-reset-used', 'password-reset', ago(1000), ago(HOUR)),
      link('kept-invitation', 'invitation', ahead(DAY)),
      link('kept-reset', 'password-reset', ahead(HOUR)),
    ])
    .execute();
  const token = (name: string, expiresAt: Date, revokedAt: Date | null = null) => ({
    id: randomUUID(),
    person_id: personId,
    name,
    token_hash: name,
    expires_at: expiresAt,
    revoked_at: revokedAt,
  });
  await db
    .insertInto('api_tokens')
    .values([
      token('gone-expired', ago(31 * DAY)),
      token('gone-revoked', ahead(DAY), ago(31 * DAY)),
      token('kept-recently-expired', ago(DAY)),
      token('kept-recently-revoked', ahead(DAY), ago(DAY)),
      token('kept', ahead(30 * DAY)),
    ])
    .execute();
  await db
    .insertInto('attempt_counters')
    .values([
      { key: 'gone', window_started_at: ago(2 * DAY), attempts: 3 },
      { key: 'kept', window_started_at: ago(1000), attempts: 3 },
    ])
    .execute();
}

const names = async () => ({
  sessions: (await database.db.selectFrom('sessions').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash),
  accountTokens: (await database.db.selectFrom('account_tokens').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash),
  apiTokens: (await database.db.selectFrom('api_tokens').select('name').orderBy('name').execute()).map((r) => r.name),
  attemptCounters: (await database.db.selectFrom('attempt_counters').select('key').orderBy('key').execute()).map((r) => r.key),
  mails: (await database.db.selectFrom('mail_outbox').select('subject').orderBy('subject').execute()).map((r) => r.subject),
});
const auditCount = async () =>
  Number(
    (
      await database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`housekeeping (${TEST_DB})`, () => {
  beforeEach(fill);

  it('deletes what can no longer be used and keeps the rest and the audit trail', async () => {
    const audit = await auditCount();
    const result = await runHousekeeping(database.db, config);
    expect(result).toEqual({ skipped: false, sessions: 2, accountTokens: 2, apiTokens: 2, attemptCounters: 1, mails: 1 });
    expect(await names()).toEqual({
      sessions: ['kept'],
      accountTokens: ['kept-invitation', 'kept-reset'],
      apiTokens: ['kept', 'kept-recently-expired', 'kept-recently-revoked'],
      attemptCounters: ['kept'],
      mails: ['kept-bounced', 'kept-failed', 'kept-recent'],
    });
    expect(await auditCount()).toBe(audit);
    // A second round finds nothing left.
    expect(await runHousekeeping(database.db, config)).toEqual({ skipped: false, sessions: 0, accountTokens: 0, apiTokens: 0, attemptCounters: 0, mails: 0 });
  });

  it.runIf(TEST_DB === 'postgres')('skips the round while another instance holds it, and runs once it is free', async () => {
    const other = await openSecondHandle(database);
    try {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const otherRound = other.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${HOUSEKEEPING_LOCK})`.execute(trx);
        holding();
        await released;
      });
      await held;
      const before = await names();
      expect((await runHousekeeping(database.db, config)).skipped).toBe(true);
      expect(await names()).toEqual(before);
      release();
      await otherRound;
      expect(await runHousekeeping(database.db, config)).toMatchObject({ skipped: false, sessions: 2 });
    } finally {
      await other.close();
    }
  });

  it.runIf(TEST_DB === 'postgres')('has two instances started together delete each row once', async () => {
    const other = await openSecondHandle(database);
    try {
      const results = await Promise.all([runHousekeeping(database.db, config), runHousekeeping(other.db, config)]);
      const total = results.reduce((sum, r) => sum + r.sessions + r.accountTokens + r.apiTokens + r.attemptCounters, 0);
      expect(total).toBe(7);
      expect((await names()).sessions).toEqual(['kept']);
    } finally {
      await other.close();
    }
  });

  it('runs on its own in a running app, every HOUSEKEEPING_INTERVAL_MINUTES', async () => {
    const t = await createTestApp({ profileFrom: null, config: { HOUSEKEEPING_INTERVAL_MINUTES: 60 }, beforeReady: (app) => scheduleHousekeeping(app, 1500) });
    // The first round comes 1.5 s after start: time for the rows below even on a busy machine (50 ms was not always enough).
    try {
      const owner = (await createPerson(t.database.db, systemActor('test'), { email: 'beheer@test.example', name: 'Beheer' })).id;
      const session = (name: string, expiresAt: Date) => ({ token_hash: name, person_id: owner, csrf_token: name, expires_at: expiresAt });
      await t.database.db
        .insertInto('sessions')
        .values([session('gone', ago(1000)), session('kept', ahead(HOUR))])
        .execute();
      await expect
        .poll(async () => (await t.database.db.selectFrom('sessions').select('token_hash').execute()).map((r) => r.token_hash), { timeout: 10_000 })
        .toEqual(['kept']);
    } finally {
      await t.close();
    }
  });
});
