import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { pdfText } from '../support/pdf-text.js';

/**
 * Codes never reach a document meant for people: the PDFs and the exports of the demo's finished
 * meeting and closed consultation name size classes, options, statuses, advice, offices and member
 * classes in words, never by the code the API uses.
 */
const CODES = [
  // size classes
  'gte250k',
  '100k-250k',
  '50k-100k',
  '20k-50k',
  '10k-20k',
  'lt10k',
  // options and outcomes
  'for',
  'against',
  'abstain',
  'adopted',
  'rejected',
  'taken-note',
  'appointed',
  // statuses
  'draft',
  'faithful',
  'approved',
  'closed',
  'in-session',
  'preparing',
  'convened',
  'filed',
  // board advice
  'take-over',
  'advise-against',
  'leave-to-meeting',
  // offices and member classes
  'mayor',
  'alderman',
  'council-member',
  'council-clerk',
  'municipality',
  'gewest',
  // positions in a consultation
  'agree',
  'disagree',
];
/** Audit actions look like "decision.recorded". */
const AUDIT_ACTION = /\b[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)+\b|\b(?:decision|poll|meeting|motion|amendment|consultation|minutes)\.[a-z-]+\b/;

function codesIn(text: string): string[] {
  const found = CODES.filter((code) => new RegExp(`(^|[^\\p{L}\\d-])${code}($|[^\\p{L}\\d-])`, 'u').test(text));
  const action = text.match(AUDIT_ACTION);
  return action ? [...found, action[0]] : found;
}

let t: TestApp;
let staff: AuthHeaders;
const get = async (url: string) => {
  const response = await t.app.inject({ url: `/api/v1${url}`, headers: { ...staff, 'accept-language': 'nl' } });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  return response;
};

beforeAll(async () => {
  t = await createTestApp({ profileFrom: null });
  await seedDemo(t.database.db);
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

describe(`no codes in documents for people (${TEST_DB})`, () => {
  it('finds the codes it looks for (the check itself can fail)', () => {
    expect(codesIn('Advies: take-over. Grootteklasse gte250k.')).toEqual(['gte250k', 'take-over']);
    expect(codesIn('Voor: 12 leden; for: 3')).toEqual(['for']);
    expect(codesIn('zie decision.recorded')).toEqual(['decision.recorded']);
    expect(codesIn('De BALV stemt in met het voorstel. Advies: overnemen.')).toEqual([]);
  });

  it('the minutes PDF of the finished meeting', async () => {
    const meetings = (await get('/meetings')).json().items as { id: string; kind: string }[];
    const held = meetings.find((m) => m.kind === 'alv')!;
    const text = pdfText((await get(`/meetings/${held.id}/minutes.pdf`)).rawPayload);
    expect(text).toContain('Jaarrekening en jaarverslag 2025');
    expect(text).toMatch(/Motie "Structurele/);
    expect(codesIn(text)).toEqual([]);
  });

  it('the exports of the finished meeting’s votes', async () => {
    const meetings = (await get('/meetings')).json().items as { id: string; kind: string }[];
    const held = meetings.find((m) => m.kind === 'alv')!;
    const polls = (await get(`/polls?meetingId=${held.id}`)).json().items as { id: string }[];
    for (const poll of polls) {
      const csv = (await get(`/polls/${poll.id}/export.csv`)).body;
      expect(csv).toMatch(/\nlid,Utrecht,1,\d+,(Voor|Tegen|Onthouden)/);
      expect(codesIn(csv)).toEqual([]);
    }
  });

  it('the results PDF and CSV of the closed consultation', async () => {
    const list = (await get('/consultations')).json().items as { id: string; status: string }[];
    const closed = list.find((c) => c.status === 'closed')!;
    const text = pdfText((await get(`/consultations/${closed.id}/results.pdf`)).rawPayload);
    expect(text).toContain('Herverdeling gemeentefonds 2027');
    expect(codesIn(text)).toEqual([]);
    const csv = (await get(`/consultations/${closed.id}/results.csv`)).body;
    expect(codesIn(csv)).toEqual([]);
  });
});
