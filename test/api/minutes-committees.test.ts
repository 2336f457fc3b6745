import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

/** The drafted minutes name the committees the meeting appointed, not the members merely proposed (issue 12). */
let t: TestApp;
let staff: AuthHeaders;
let chair: AuthHeaders;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
});
afterAll(() => t.close());

async function ok(method: 'GET' | 'POST', url: string, headers: AuthHeaders, payload?: object) {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}

async function draftOf(meetingId: string): Promise<string> {
  await ok('POST', `/meetings/${meetingId}/minutes/generate`, staff);
  return (await ok('GET', `/meetings/${meetingId}/minutes`, staff)).current.body;
}

describe(`committees in the drafted minutes (${TEST_DB})`, () => {
  it('leaves out members proposed for a committee the meeting never appointed', async () => {
    const meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV zonder benoeming', date: '2024-06-12' })).id;
    await ok('POST', `/meetings/${meetingId}/appointments`, staff, { function: 'counting-committee', name: 'Z. Voorgesteld' });
    await ok('POST', `/meetings/${meetingId}/open`, chair);
    await ok('POST', `/meetings/${meetingId}/close`, chair);
    const body = await draftOf(meetingId);
    expect(body).toContain('# Notulen ALV zonder benoeming');
    expect(body).not.toContain('Z. Voorgesteld');
    expect(body).not.toContain('Commissie van stemopneming');
  });

  it('names the members the meeting appointed', async () => {
    const meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV met benoeming', date: '2024-06-12' })).id;
    await ok('POST', `/meetings/${meetingId}/open`, chair);
    await appointCommittees(t, meetingId, { staff, chair });
    await ok('POST', `/meetings/${meetingId}/close`, chair);
    const body = await draftOf(meetingId);
    expect(body).toContain('- Commissie van stemopneming: A. de Vries, B. Jansen, F. Bos');
    expect(body).toContain('- Notulencommissie: C. Bakker, D. Smit, E. Visser');
  });
});
