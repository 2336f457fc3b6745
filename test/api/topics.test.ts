import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

/**
 * Members' own agenda items (issue 15): a representative proposes a topic, other members support it
 * until the threshold (here reached by vote weight with fewer members than the count asks), staff
 * triage it: route or decline with the reason; the submitter sees each status.
 */
let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
const reps = {} as Record<'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam', SignedIn>;
const weight: Record<string, number> = {};
const population: Record<string, number> = {};
let total = 0;
let topicId: string;

type Headers = AuthHeaders | Record<string, string>;
const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: object) => {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
};
const nl = (h: AuthHeaders) => ({ ...h, 'accept-language': 'nl' });

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  for (const name of Object.keys(m) as (keyof typeof m)[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  const register = await ok('GET', '/members?limit=1000', {});
  for (const member of register.items) {
    weight[member.name] = member.voteWeight;
    population[member.name] = member.population;
    total += member.voteWeight;
  }
});
afterAll(() => t.close());

describe(`members' own agenda items (${TEST_DB})`, () => {
  it('lets staff set the threshold: four members, or a share of the vote weight', async () => {
    const share = (weight.Utrecht! + weight.Middelburg! + weight.Amsterdam!) / total;
    // Utrecht and Middelburg alone stay below it; with Amsterdam they reach it, three members of five.
    expect((weight.Utrecht! + weight.Middelburg!) / total).toBeLessThan(share);
    const threshold = { members: 4, weightShare: share, populationShare: null, combine: 'any' };
    expect((await api('PUT', '/topic-threshold', reps.Utrecht.headers, threshold)).statusCode).toBe(403);
    expect((await api('PUT', '/topic-threshold', staff, { ...threshold, members: null, weightShare: null })).statusCode).toBe(422);
    expect(await ok('PUT', '/topic-threshold', staff, threshold)).toEqual(threshold);
  });

  it('takes a topic from a representative for their own member only', async () => {
    const topic = {
      memberId: m.Utrecht,
      title: 'Ruimte voor woningbouw',
      case: 'Gemeenten lopen vast op stikstof en netcongestie; de VNG moet dit agenderen.',
    };
    expect((await api('POST', '/topics', staff, topic)).statusCode).toBe(403);
    expect((await api('POST', '/topics', reps.Middelburg.headers, topic)).statusCode).toBe(403);
    expect((await api('POST', '/topics', reps.Utrecht.headers, { ...topic, case: ' ' })).statusCode).toBe(400);
    const created = await ok('POST', '/topics', reps.Utrecht.headers, topic);
    topicId = created.id;
    expect(created).toMatchObject({
      status: 'gathering',
      memberName: 'Utrecht',
      proposedBy: 'Burgemeester Utrecht',
      supporters: [{ memberName: 'Utrecht' }],
      support: { members: 1, voteWeight: weight.Utrecht, population: population.Utrecht },
      supportableBy: [],
    });
    expect((await ok('GET', `/topics/${topicId}`, reps.Middelburg.headers)).supportableBy).toEqual([m.Middelburg]);
    expect((await api('GET', '/topics', {})).statusCode).toBe(401);
  });

  it('refuses support for one’s own topic, twice, or for a member one does not represent', async () => {
    const own = await api('POST', `/topics/${topicId}/supports`, nl(reps.Utrecht.headers), { memberId: m.Utrecht });
    expect(own.statusCode).toBe(409);
    expect(own.json().detail).toBe('Dit lid heeft het onderwerp zelf voorgesteld en telt al als steun; steun het onderwerp van een ander lid.');
    expect((await api('POST', `/topics/${topicId}/supports`, reps.Middelburg.headers, { memberId: m.Groningen })).statusCode).toBe(403);

    const supported = await ok('POST', `/topics/${topicId}/supports`, reps.Middelburg.headers, { memberId: m.Middelburg });
    expect(supported.status).toBe('gathering');
    expect(supported.support).toMatchObject({
      members: 2,
      voteWeight: weight.Utrecht! + weight.Middelburg!,
      population: population.Utrecht! + population.Middelburg!,
    });
    expect(supported.support.weightShare).toBeCloseTo((weight.Utrecht! + weight.Middelburg!) / total, 10);
    const twice = await api('POST', `/topics/${topicId}/supports`, nl(reps.Middelburg.headers), { memberId: m.Middelburg });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('Dit lid steunt dit onderwerp al; elk lid steunt één keer.');
    // Not yet at the threshold: nothing to triage.
    expect((await api('POST', `/topics/${topicId}/triage`, staff, { decision: 'route', route: 'general-meeting' })).statusCode).toBe(409);
  });

  it('goes to triage when the support reaches the threshold by weight, with three members of the four the count asks', async () => {
    const reached = await ok('POST', `/topics/${topicId}/supports`, reps.Amsterdam.headers, { memberId: m.Amsterdam });
    expect(reached.status).toBe('triage');
    expect(reached.support.members).toBe(3);
    expect(reached.reachedAt).not.toBeNull();
    expect((await ok('GET', `/topics/${topicId}`, reps.Utrecht.headers)).status).toBe('triage');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', topicId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['topic.proposed', 'topic.supported', 'topic.supported', 'topic.threshold-reached']);
  });

  it('lets staff route it; a committee needs its name; the submitter sees where it went', async () => {
    expect((await api('POST', `/topics/${topicId}/triage`, reps.Utrecht.headers, { decision: 'route', route: 'general-meeting' })).statusCode).toBe(403);
    const nameless = await api('POST', `/topics/${topicId}/triage`, nl(staff), { decision: 'route', route: 'committee' });
    expect(nameless.statusCode).toBe(422);
    expect(nameless.json().errors[0].name).toBe('routeTo');
    await ok('POST', `/topics/${topicId}/triage`, staff, { decision: 'route', route: 'committee', routeTo: 'Commissie Ruimte en Wonen' });
    const seen = await ok('GET', `/topics/${topicId}`, reps.Utrecht.headers);
    expect(seen).toMatchObject({ status: 'routed', route: 'committee', routeTo: 'Commissie Ruimte en Wonen', reason: null });
    expect((await api('POST', `/topics/${topicId}/supports`, reps.Groningen.headers, { memberId: m.Groningen })).statusCode).toBe(409);
    expect((await api('POST', `/topics/${topicId}/triage`, staff, { decision: 'decline', reason: 'Toch niet.' })).statusCode).toBe(409);
  });

  it('declines a topic only with a reason, which the submitter sees', async () => {
    const topic = await ok('POST', '/topics', reps.Groningen.headers, {
      memberId: m.Groningen,
      title: 'Gaswinning',
      case: 'De afhandeling van schade moet op de agenda.',
    });
    for (const name of ['Vlissingen', 'Middelburg'] as const) {
      expect((await ok('POST', `/topics/${topic.id}/supports`, reps[name].headers, { memberId: m[name] })).status).toBe('gathering');
    }
    // The fourth member reaches the count.
    expect((await ok('POST', `/topics/${topic.id}/supports`, reps.Utrecht.headers, { memberId: m.Utrecht })).status).toBe('triage');
    const reasonless = await api('POST', `/topics/${topic.id}/triage`, nl(staff), { decision: 'decline' });
    expect(reasonless.statusCode).toBe(422);
    expect(reasonless.json().errors[0]).toMatchObject({ name: 'reason', reason: 'Geef de reden van de afwijzing; de indiener ziet die.' });
    expect((await ok('GET', `/topics/${topic.id}`, reps.Groningen.headers)).status).toBe('triage');
    await ok('POST', `/topics/${topic.id}/triage`, staff, { decision: 'decline', reason: 'Dit loopt al via het expertiseteam Mijnbouw.' });
    const seen = await ok('GET', `/topics/${topic.id}`, reps.Groningen.headers);
    expect(seen).toMatchObject({ status: 'declined', route: null, reason: 'Dit loopt al via het expertiseteam Mijnbouw.' });
    const list = await ok('GET', '/topics?status=declined', reps.Groningen.headers);
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([topic.id]);
    expect(list.threshold.members).toBe(4);
  });
});
