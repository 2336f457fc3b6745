import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

/**
 * A refused field says what to do in the domain's words, in Dutch and English: never the validator's
 * "moet overeenkomen met het patroon", "must match format \"date-time\"" or a keyword name.
 */

let t: TestApp;
let staff: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.signIn('staff');
});
afterAll(() => t?.close());

async function reasons(lang: 'nl' | 'en', payload: object) {
  const before = await t.database.db.selectFrom('meetings').select('id').execute();
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/meetings', headers: { ...staff, 'accept-language': lang }, payload });
  expect(response.statusCode).toBe(400);
  expect(await t.database.db.selectFrom('meetings').select('id').execute()).toEqual(before);
  return Object.fromEntries((response.json() as { errors: { name: string; reason: string }[] }).errors.map((e) => [e.name, e.reason]));
}

describe(`refusals in plain words (${TEST_DB})`, () => {
  it('asks to fill in an empty or blank field, names the length limit, and asks for a valid date and time', async () => {
    expect(await reasons('nl', { kind: 'alv', title: '   ', date: '2027-06-10' })).toEqual({ title: 'Vul een titel in.' });
    expect(await reasons('en', { kind: 'alv', title: '', date: '2027-06-10' })).toEqual({ title: 'Fill in a title.' });
    expect(await reasons('nl', { kind: 'alv', title: 'x'.repeat(201), date: '2027-06-10' })).toEqual({ title: 'Gebruik hoogstens 200 tekens.' });
    expect(await reasons('en', { kind: 'alv', title: 'ALV', date: '2027-06-10', motionDeadline: 'morgen' })).toEqual({
      motionDeadline: 'Enter a valid date and time.',
    });
    expect(await reasons('nl', { kind: 'alv', title: 'ALV', date: '10-06-2027' })).toEqual({ date: 'Vul een geldige datum in.' });
    expect(await reasons('nl', { kind: 'vergadering', title: 'ALV', date: '2027-06-10' })).toEqual({ kind: 'Kies een van de mogelijke waarden.' });
    expect(await reasons('nl', { kind: 'alv', date: '2027-06-10' })).toEqual({ title: 'Vul een titel in.' });
    // A field without a word of its own still gets a plain request.
    expect(await reasons('nl', { title: 'ALV', date: '2027-06-10' })).toEqual({ kind: 'Vul dit veld in.' });
  });
});
