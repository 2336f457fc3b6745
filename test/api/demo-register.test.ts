import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { seedDemo } from '../../src/demo/seed.js';
import { verifyPoll } from '../../src/voting/verify.js';

let t: TestApp;
interface Item {
  id: string;
  code: string;
  name: string;
  province: string;
  population: number;
  voteWeight: number;
  networks: string[];
  sizeClass: string;
}

beforeAll(async () => {
  t = await createTestApp({ profileFrom: null });
  await seedDemo(t.database.db);
});
afterAll(() => t.close());

const list = async (query: string) => {
  const response = await t.app.inject({ url: `/api/v1/members?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Item[]; total: number; totalVoteWeight: number; totalPopulation: number; asOf: string };
};

describe(`the demo association (${TEST_DB})`, () => {
  it('has the 342 municipalities of 2024 and reports a total weight equal to the sum of member weights', async () => {
    const register = await list('asOf=2024-06-01');
    expect(register.total).toBe(342);
    expect(register.items).toHaveLength(342);
    expect(register.totalPopulation).toBe(17_942_942);
    expect(register.totalVoteWeight).toBe(register.items.reduce((sum, m) => sum + m.voteWeight, 0));
    expect(register.totalVoteWeight).toBe(13_111);
    const amsterdam = register.items.find((m) => m.name === 'Amsterdam')!;
    expect(amsterdam).toMatchObject({ code: 'GM0363', population: 931_298, voteWeight: 75, sizeClass: 'gte250k', networks: ['G4'] });
    expect(register.items.find((m) => m.name === 'Vlieland')).toMatchObject({ population: 1_255, voteWeight: 1 });
  });

  it('keeps the 2016 set as history', async () => {
    const past = await list('asOf=2016-06-01');
    expect(past.total).toBe(390);
    expect(past.totalPopulation).toBe(16_979_120);
    expect(past.items.find((m) => m.name === 'Haren')).toMatchObject({ province: 'Groningen', population: expect.any(Number) });
    const reorganisations = (await t.app.inject({ url: '/api/v1/reorganisations?from=2017-01-01&to=2023-12-31' })).json();
    expect(reorganisations.total).toBe(28);
  });

  it('filters by province, network and size class, and sorts', async () => {
    const zeeland = await list('asOf=2024-06-01&province=Zeeland');
    expect(zeeland.total).toBe(13);
    expect(zeeland.totalVoteWeight).toBe(zeeland.items.reduce((s, m) => s + m.voteWeight, 0));
    expect((await list('network=G4&asOf=2024-06-01')).items.map((m) => m.name)).toEqual(['Amsterdam', "'s-Gravenhage", 'Rotterdam', 'Utrecht']);
    const g40 = await list('network=G40&asOf=2024-06-01');
    expect(g40.total).toBe(41);
    const biggest = await list('asOf=2024-06-01&sort=-population&limit=3');
    expect(biggest.items.map((m) => m.name)).toEqual(['Amsterdam', 'Rotterdam', "'s-Gravenhage"]);
    expect(biggest.total).toBe(342);
    const small = await list('asOf=2024-06-01&sizeClass=lt10k');
    expect(small.items.every((m) => m.population < 10_000)).toBe(true);
    expect(small.items.map((m) => m.name)).toContain('Schiermonnikoog');
  });

  it('exports the register as CSV and JSON with the same figures', async () => {
    const csv = await t.app.inject({ url: '/api/v1/members/export.csv?asOf=2024-06-01&province=Zeeland' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(13);
    expect(Object.keys(rows[0]!)).toEqual([
      'code',
      'name',
      'province',
      'member_class',
      'population',
      'population_date',
      'vote_weight',
      'size_class',
      'networks',
      'member_class_name',
      'size_class_name',
    ]);
    // People read the classes by name.
    expect(rows.find((r) => r.name === 'Middelburg')).toMatchObject({ member_class_name: 'Gemeente', size_class_name: '50.000 tot 100.000' });
    const json = (await t.app.inject({ url: '/api/v1/members/export.json?asOf=2024-06-01&province=Zeeland' })).json();
    expect(rows.reduce((s, r) => s + Number(r.vote_weight), 0)).toBe(json.totalVoteWeight);
    const negotiated = await t.app.inject({ url: '/api/v1/members?asOf=2024-06-01&province=Zeeland', headers: { accept: 'text/csv' } });
    expect(negotiated.body).toBe(csv.body);
  });

  it('shows a merged municipality with its predecessors', async () => {
    const hogeland = (await list('asOf=2024-06-01&q=Het Hogeland')).items[0]!;
    const detail = (await t.app.inject({ url: `/api/v1/members/${hogeland.id}` })).json();
    const merge = detail.reorganisations.find((r: { kind: string }) => r.kind === 'merge');
    expect(merge.effectiveDate).toBe('2019-01-01');
    expect(merge.parts.filter((p: { role: string }) => p.role === 'predecessor').map((p: { name: string }) => p.name)).toEqual([
      'Bedum',
      'De Marne',
      'Eemsmond',
    ]);
  });

  it('has a finished general meeting with weighted, sealed and verifiable results, decisions and faithful minutes', async () => {
    const staff = await t.signIn('staff');
    const meetings = (await t.app.inject({ url: '/api/v1/meetings', headers: staff })).json().items as { id: string; kind: string; status: string }[];
    const held = meetings.find((m) => m.kind === 'alv')!;
    expect(held.status).toBe('closed');
    const polls = (await t.app.inject({ url: `/api/v1/polls?meetingId=${held.id}`, headers: staff })).json().items as {
      id: string;
      status: string;
      result: { outcome: string; totals: { option: string; members: number; weight: number }[] };
    }[];
    expect(polls.map((p) => `${p.status}:${p.result.outcome}`)).toEqual(['closed:adopted', 'closed:adopted', 'closed:rejected']);
    for (const poll of polls) {
      expect(poll.result.totals.reduce((sum, total) => sum + total.members, 0)).toBe(40);
      const verification = await verifyPoll(t.database.db, poll.id);
      expect(verification.problems).toEqual([]);
      expect(verification.ok).toBe(true);
    }
    const decisions = (await t.app.inject({ url: `/api/v1/meetings/${held.id}/decisions` })).json().items as { title: string; phrases: { nl: string }[] }[];
    expect(
      decisions
        .find((d) => d.title === 'Jaarrekening en jaarverslag 2025')!
        .phrases.map((p) => p.nl)
        .join(' '),
    ).toMatch(/stemt in met het voorstel/);
    const minutes = (await t.app.inject({ url: `/api/v1/meetings/${held.id}/minutes`, headers: staff })).json();
    expect(minutes.status).toBe('faithful');
    expect(minutes.current.body).toContain('Jaarrekening en jaarverslag 2025');
    // The adopted motion is followed up.
    const followUps = (await t.app.inject({ url: `/api/v1/follow-ups?meetingId=${held.id}` })).json();
    expect(followUps.items.length).toBeGreaterThanOrEqual(1);
    expect(followUps.items[0]).toMatchObject({ status: 'open' });
  });

  it('has a coming BALV with papers, the previous minutes to approve, motions with board advice and an amendment', async () => {
    const staff = await t.signIn('staff');
    const meetings = (await t.app.inject({ url: '/api/v1/meetings', headers: staff })).json().items as {
      id: string;
      kind: string;
      status: string;
      motionDeadline: string;
      date: string;
    }[];
    const coming = meetings.find((m) => m.kind === 'balv')!;
    expect(coming.status).toBe('preparing');
    expect(new Date(coming.motionDeadline).getTime()).toBeLessThan(new Date(`${coming.date}T10:00:00+01:00`).getTime());
    const agenda = (await t.app.inject({ url: `/api/v1/meetings/${coming.id}/agenda-items`, headers: staff })).json().items as {
      kind: string;
      title: string;
      papers: { title: string }[];
    }[];
    expect(agenda.find((i) => i.kind === 'previous-minutes')!.papers.map((p) => p.title)).toEqual(['Notulen van de vorige vergadering']);
    expect(agenda.find((i) => i.title === 'Begroting en contributie 2027')!.papers.map((p) => p.title)).toEqual(['Begroting 2027']);
    const filed = (await t.app.inject({ url: `/api/v1/motions?meetingId=${coming.id}`, headers: staff })).json().items as {
      title: string;
      boardAdvice: string;
    }[];
    expect(filed.map((m) => `${m.title}:${m.boardAdvice}`)).toEqual(['Ravijnjaar 2026:take-over', 'Maatstaf voor kernen en voorzieningen:leave-to-meeting']);
    const amendments = (await t.app.inject({ url: `/api/v1/amendments?meetingId=${coming.id}`, headers: staff })).json().items as {
      title: string;
      boardAdvice: string;
    }[];
    expect(amendments.map((a) => `${a.title}:${a.boardAdvice}`)).toEqual(['Contributie gelijk aan 2026:advise-against']);
  });

  it('has a consultation open from the day the demo is seeded', async () => {
    const staff = await t.signIn('staff');
    const list = (await t.app.inject({ url: '/api/v1/consultations', headers: staff })).json().items as { title: string; status: string; closesAt: string }[];
    const open = list.find((c) => c.status === 'open')!;
    expect(new Date(open.closesAt).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
  });

  it('answers unknown members and bad parameters with problem+json', async () => {
    const missing = await t.app.inject({ url: '/api/v1/members/00000000-0000-4000-8000-000000000000', headers: { 'accept-language': 'nl' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, title: 'Niet gevonden', detail: 'Lid 00000000-0000-4000-8000-000000000000 bestaat niet.' });
    const badDate = await t.app.inject({ url: '/api/v1/members?asOf=2024-13-01' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors).toEqual([expect.objectContaining({ name: 'asOf', code: 'format' })]);
    const badSort = await t.app.inject({ url: '/api/v1/members?sort=weight', headers: { 'accept-language': 'nl' } });
    expect(badSort.json()).toMatchObject({ title: 'Ongeldige invoer', errors: [expect.objectContaining({ name: 'sort' })] });
  });
});
