import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../src/core/db/backup.js';
import { verifyClosedPolls } from '../../src/backup-cli.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { createTestDatabase, rowCounts, TEST_DB, type TestDatabase } from '../support/database.js';
import { openTrialPoll } from '../support/live.js';

/**
 * The backup of a running server (GET /api/v1/backup): how a PGlite installation is backed up without
 * stopping it. An administrator downloads it while the server keeps answering; restored into an empty
 * database it has every row and every closed poll verifies; nobody else may download it.
 */
let t: TestApp;
let target: TestDatabase;
let admin: AuthHeaders;
let chair: AuthHeaders;

beforeAll(async () => {
  t = await createTestApp();
  const members = await withFiveMembers(t);
  admin = await t.signIn('admin');
  chair = await t.signIn('chair');
  const staff = await t.signIn('staff');
  const representative = await t.signInPerson({ representativeOf: members.Utrecht });
  const pollId = await openTrialPoll(t, chair, staff, representative.headers, members.Utrecht);
  const closed = await t.app.inject({ method: 'POST', url: `/api/v1/polls/${pollId}/close`, headers: chair, payload: {} });
  expect(closed.statusCode, closed.body).toBeLessThan(300);
  target = await createTestDatabase();
});
afterAll(async () => {
  await target.close();
  await t.close();
});

describe(`the backup of a running server (${TEST_DB})`, () => {
  it('is for administrators only', async () => {
    for (const headers of [{}, chair, await t.signIn('staff')]) {
      const response = await t.app.inject({ url: '/api/v1/backup', headers });
      expect([401, 403]).toContain(response.statusCode);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('downloads while the server keeps answering, restores with every row, and every closed poll verifies', async () => {
    const [response, meanwhile] = await Promise.all([t.app.inject({ url: '/api/v1/backup', headers: admin }), t.app.inject({ url: '/api/v1/members' })]);
    expect(meanwhile.statusCode).toBe(200);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="verenigd-\d{4}-\d{2}-\d{2}\.jsonl\.gz"$/);
    const lines = gunzipSync(response.rawPayload).toString('utf8').trim().split('\n');
    const header = await restoreBackup(
      target.db,
      (async function* () {
        yield* lines;
      })(),
    );
    expect(header.format).toBe('verenigd-backup');
    // Every row, the audit entry of this very download included (it is written before the snapshot).
    expect(await rowCounts(target.db)).toEqual(await rowCounts(t.database.db));
    const printed: string[] = [];
    expect(await verifyClosedPolls(target.db, (line) => printed.push(line))).toBe(true);
    expect(printed.length).toBeGreaterThanOrEqual(1);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_label', 'data']).where('action', '=', 'backup.downloaded').execute();
    expect(audit).toHaveLength(1);
  });
});
