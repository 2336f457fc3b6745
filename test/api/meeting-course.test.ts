import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

/**
 * A whole extraordinary general meeting, modelled on the VNG's BALV of November 2016: the committees
 * appointed by acclamation, the previous minutes approved, a proposal adopted by acclamation, a motion
 * held by its submitters, three related motions taken over by the board and adopted together, an
 * amendment adopted before its proposal, one item's minutes approved at once, and the closing.
 */
let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let chair: AuthHeaders;
let utrecht: SignedIn;
let middelburg: SignedIn;
let groningen: SignedIn;
let minutesMember: SignedIn;
let previousId: string;
let meetingId: string;
const items: Record<string, string> = {};
const motions: Record<string, string> = {};
let amendmentId: string;

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  utrecht = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
  middelburg = await t.signInPerson({ representativeOf: m.Middelburg, name: 'Burgemeester Middelburg' });
  groningen = await t.signInPerson({ representativeOf: m.Groningen, kind: 'alderman', name: 'Wethouder Groningen' });
  minutesMember = await t.signInPerson({ representativeOf: m.Vlissingen, kind: 'council-clerk', name: 'Griffier Vlissingen' });
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: AuthHeaders | Record<string, never> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
const ok = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: AuthHeaders, payload?: object) => {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
};
const agenda = async () =>
  (await ok('GET', `/meetings/${meetingId}/agenda-items`, staff)).items as { id: string; number: string; kind: string; title: string }[];
const decide = (subjects: { type: 'agenda-item' | 'submission'; id: string }[], outcome: string, method = 'acclamation') =>
  api('POST', `/meetings/${meetingId}/decisions`, chair, { subjects, outcome, method });
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();
// The meeting lies a month ahead: members file before its motion deadline, which lies before its start.
const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

describe(`a general meeting from agenda to decision list (${TEST_DB})`, () => {
  it('prepares the meeting: template items, proposals, committees, deadline', async () => {
    previousId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'Algemene Ledenvergadering', date: '2024-06-12', location: 'Den Haag' })).id;
    await ok('POST', `/meetings/${previousId}/minutes/versions`, staff, { body: '# Notulen ALV 12 juni 2024\n\nDe ALV stemt in met de jaarrekening.' });
    await ok('POST', `/meetings/${previousId}/minutes/faithful`, staff);

    const balv = { kind: 'balv', title: 'Buitengewone Algemene Ledenvergadering', date: inAMonth, startTime: '10:00', location: 'Utrecht' };
    const meeting = await ok('POST', '/meetings', staff, { ...balv, motionDeadline: tomorrow() });
    meetingId = meeting.id;
    expect(meeting.status).toBe('preparing');
    const template = await agenda();
    expect(template.map((i) => `${i.number} ${i.kind}`)).toEqual(['1 opening', '2 appointments', '3 previous-minutes', '4 any-other-business', '5 closing']);
    for (const i of template) items[i.kind] = i.id;

    const add = (payload: object) => ok('POST', `/meetings/${meetingId}/agenda-items`, staff, payload);
    items.budget = (
      await add({
        title: 'Begroting 2025',
        purpose: 'decision',
        portfolioHolder: 'Penningmeester',
        decisionText: 'De BALV stemt in met de begroting 2025 en de contributie per inwoner.',
        summary: 'De begroting voor 2025.',
      })
    ).id;
    items.youth = (await add({ title: 'Jeugdzorg', purpose: 'discussion' })).id;
    items.statutes = (
      await add({ title: 'Wijziging statuten', purpose: 'decision', decisionText: 'De BALV besluit de statuten te wijzigen zoals voorgesteld in bijlage 1.' })
    ).id;
    items.annualPlan = (await add({ title: 'Jaarplan 2025', purpose: 'information' })).id;
    items.personnel = (await add({ title: 'Personele aangelegenheden', purpose: 'discussion', public: false })).id;
    items.statutesA = (
      await add({
        title: 'Artikel 12: stemverhouding',
        purpose: 'decision',
        parentId: items.statutes,
        decisionText: 'Artikel 12 luidt voortaan zoals bijgevoegd.',
      })
    ).id;
    const numbered = await agenda();
    expect(numbered.map((i) => `${i.number} ${i.title}`)).toEqual([
      '1 Opening en mededelingen',
      '2 Benoeming commissie van stemopneming en notulencommissie',
      '3 Notulen van de vorige vergadering',
      '4 Begroting 2025',
      '5 Jeugdzorg',
      '6 Wijziging statuten',
      '6a Artikel 12: stemverhouding',
      '7 Jaarplan 2025',
      '8 Personele aangelegenheden',
      '9 Rondvraag en wat verder ter tafel komt',
      '10 Sluiting',
    ]);
    // The public sees the public items only.
    const publicAgenda = (await api('GET', `/meetings/${meetingId}/agenda-items`)).json().items.map((i: { title: string }) => i.title);
    expect(publicAgenda).not.toContain('Personele aangelegenheden');
    expect(publicAgenda).toContain('Begroting 2025');

    await ok('POST', `/meetings/${meetingId}/appointments`, staff, { function: 'chair', name: 'Jan van Zanen' });
    for (const name of ['A. de Vries', 'B. Jansen', 'F. Bos'])
      await ok('POST', `/meetings/${meetingId}/appointments`, staff, { function: 'counting-committee', name });
    await ok('POST', `/meetings/${meetingId}/appointments`, staff, {
      function: 'minutes-committee',
      name: 'Griffier Vlissingen',
      personId: minutesMember.personId,
    });
    await ok('POST', `/meetings/${meetingId}/appointments`, staff, { function: 'minutes-committee', name: 'C. Bakker' });
  });

  it('takes motions and amendments from members before the deadline', async () => {
    motions.youth = (
      await ok('POST', '/motions', utrecht.headers, {
        meetingId,
        agendaItemId: items.youth,
        title: 'Tekorten jeugdzorg',
        memberIds: [m.Utrecht],
        considerations: 'Gemeenten kampen met tekorten.',
        request: 'Verzoekt het bestuur het Rijk aan te spreken.',
      })
    ).id;
    // A member co-submits with the first submitter's consent: invited, it accepts.
    expect((await api('POST', `/motions/${motions.youth}/co-submitters`, groningen.headers, { memberId: m.Groningen })).statusCode).toBe(403);
    await ok('POST', `/motions/${motions.youth}/invitations`, utrecht.headers, { memberId: m.Groningen });
    expect((await api('POST', `/motions/${motions.youth}/invitations/${m.Groningen}/accept`, middelburg.headers)).statusCode).toBe(403);
    await ok('POST', `/motions/${motions.youth}/invitations/${m.Groningen}/accept`, groningen.headers);
    for (const [key, title] of [
      ['m1', 'Woningbouw'],
      ['m2', 'Huisvesting statushouders'],
      ['m3', 'Bouwgrond'],
    ] as const) {
      motions[key] = (
        await ok('POST', '/motions', middelburg.headers, {
          meetingId,
          agendaItemId: items['any-other-business'],
          title,
          memberIds: [m.Middelburg],
          onBehalfOf: 'de P10',
          request: `Verzoekt het bestuur werk te maken van ${title.toLowerCase()}.`,
        })
      ).id;
    }
    amendmentId = (
      await ok('POST', '/amendments', groningen.headers, {
        meetingId,
        agendaItemId: items.statutes,
        title: 'Statuten per 2026',
        memberIds: [m.Groningen],
        proposedText: 'De BALV besluit de statuten met ingang van 2026 te wijzigen zoals voorgesteld in bijlage 1.',
      })
    ).id;
    motions.staleAmendment = (
      await ok('POST', '/amendments', utrecht.headers, {
        meetingId,
        agendaItemId: items.statutes,
        title: 'Bijlage 2',
        memberIds: [m.Utrecht],
        proposedText: 'De BALV besluit de statuten te wijzigen zoals voorgesteld in bijlage 2.',
      })
    ).id;
    // Filing for a member one does not act for is refused.
    expect(
      (
        await api('POST', '/motions', utrecht.headers, {
          meetingId,
          agendaItemId: items.budget,
          title: 'Namens een ander',
          memberIds: [m.Middelburg],
          request: 'Verzoekt iets.',
        })
      ).statusCode,
    ).toBe(403);
    const amendment = await ok('GET', `/amendments/${amendmentId}`, staff);
    expect(amendment.diff.filter((p: { op: string }) => p.op === 'insert').map((p: { text: string }) => p.text.trim())).toEqual(['met ingang van 2026']);

    // The board advises; related motions are grouped in a speaking order.
    for (const [key, position] of [
      ['m1', 1],
      ['m2', 2],
      ['m3', 3],
    ] as const) {
      await ok('PUT', `/motions/${motions[key]}/advice`, staff, { advice: 'take-over', reasoning: 'Het bestuur neemt de motie over.' });
      await ok('PUT', `/motions/${motions[key]}/group`, chair, { label: 'Wonen', position });
    }
    await ok('PUT', `/motions/${motions.youth}/advice`, staff, { advice: 'leave-to-meeting' });
    const listed = (await ok('GET', `/motions?meetingId=${meetingId}`, utrecht.headers)).items;
    expect(listed.map((x: { title: string; agendaItemNumber: string }) => `${x.agendaItemNumber} ${x.title}`)).toEqual([
      '5 Tekorten jeugdzorg',
      '9 Woningbouw',
      '9 Huisvesting statushouders',
      '9 Bouwgrond',
    ]);
    expect(listed[0].submitters.map((s: { memberName: string; coSubmitter: boolean }) => `${s.memberName}:${s.coSubmitter}`)).toEqual([
      'Utrecht:false',
      'Groningen:true',
    ]);
  });

  it('refuses a late motion without the chair, a motion on another meeting’s item, and an amendment to an item for information', async () => {
    const late = { meetingId, agendaItemId: items.budget, title: 'Te laat', memberIds: [m.Utrecht], request: 'Verzoekt iets.' };
    await ok('PATCH', `/meetings/${meetingId}`, staff, { motionDeadline: new Date(Date.now() - 60_000).toISOString() });
    const refused = await api('POST', '/motions', { ...utrecht.headers, 'accept-language': 'nl' } as AuthHeaders, late);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toBe(
      'De indieningstermijn is verstreken. Alleen de voorzitter kan een motie of amendement nu nog toelaten; vraag het de voorzitter.',
    );
    const admitted = await ok('POST', '/motions', chair, { ...late, title: 'Toegelaten na de termijn' });
    const admittedMotion = await ok('GET', `/motions/${admitted.id}`, staff);
    expect(admittedMotion).toMatchObject({ late: true });
    await ok('POST', `/motions/${admitted.id}/withdraw`, utrecht.headers);

    const otherItem = (await agendaOf(previousId))[0]!.id;
    const elsewhere = await api('POST', '/motions', chair, {
      meetingId,
      agendaItemId: otherItem,
      title: 'Verkeerde vergadering',
      memberIds: [m.Utrecht],
      request: 'Verzoekt iets.',
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().errors[0].name).toBe('agendaItemId');

    const onInformation = await api('POST', '/amendments', chair, {
      meetingId,
      agendaItemId: items.annualPlan,
      title: 'Ander jaarplan',
      memberIds: [m.Utrecht],
      proposedText: 'Iets anders.',
    });
    expect(onInformation.statusCode).toBe(422);
    expect(onInformation.json().detail).toMatch(/niet ter besluitvorming|not for decision/);
  });

  it('runs the meeting: the chair decides item by item in the right order', async () => {
    const early = await decide([{ type: 'agenda-item', id: items.opening! }], 'done', 'none');
    expect(early.statusCode, early.body).toBe(409); // not open yet
    await ok('POST', `/meetings/${meetingId}/open?confirmEarly=true`, chair);
    // The order of the agenda is fixed once the meeting is open.
    expect((await api('PUT', `/meetings/${meetingId}/agenda-order`, staff, { order: [{ id: items.opening, parentId: null }] })).statusCode).toBe(409);
    await ok('PUT', `/meetings/${meetingId}/current-item`, chair, { itemId: items.opening });
    expect((await decide([{ type: 'agenda-item', id: items.opening! }], 'done', 'none')).json().items[0].phrase.nl).toBe('De voorzitter opent de vergadering.');

    // The minutes committee needs three members under the VNG profile.
    const tooFew = await decide([{ type: 'agenda-item', id: items.appointments! }], 'appointed');
    expect(tooFew.statusCode).toBe(422);
    await ok('POST', `/meetings/${meetingId}/appointments`, staff, { function: 'minutes-committee', name: 'D. Smit' });
    expect((await decide([{ type: 'agenda-item', id: items.appointments! }], 'appointed')).statusCode).toBe(201);
    expect((await ok('GET', `/meetings/${meetingId}`, staff)).appointments.every((a: { appointed: boolean }) => a.appointed)).toBe(true);
    // Once appointed, the committees are fixed.
    expect((await api('POST', `/meetings/${meetingId}/appointments`, staff, { function: 'minutes-committee', name: 'Te laat' })).statusCode).toBe(409);

    expect((await decide([{ type: 'agenda-item', id: items['previous-minutes']! }], 'approved')).statusCode).toBe(201);

    await ok('PUT', `/meetings/${meetingId}/current-item`, chair, { itemId: items.budget });
    await ok('POST', `/agenda-items/${items.budget}/speakers`, chair, { round: 1, name: 'Burgemeester Utrecht', memberId: m.Utrecht });
    await ok('POST', `/agenda-items/${items.budget}/speakers`, chair, { round: 2, name: 'Wethouder Groningen', memberId: m.Groningen });
    expect((await decide([{ type: 'agenda-item', id: items.budget! }], 'adopted')).json().items[0].phrase.nl).toBe(
      'De BALV stemt per acclamatie in met het voorstel.',
    );

    // The motion on youth care is held by its submitters: no vote, the meeting takes note.
    expect((await api('POST', `/motions/${motions.youth}/hold`, middelburg.headers)).statusCode).toBe(403);
    const held = await ok('POST', `/motions/${motions.youth}/hold`, utrecht.headers);
    expect(held.phrase.nl).toBe('De indieners houden de motie aan; de vergadering neemt hier kennis van.');
    expect((await decide([{ type: 'agenda-item', id: items.youth! }], 'discussed', 'none')).statusCode).toBe(201);

    // Statutes: the proposal waits for its amendment.
    expect((await decide([{ type: 'agenda-item', id: items.statutes! }], 'adopted')).statusCode).toBe(409);
    expect((await decide([{ type: 'submission', id: amendmentId }], 'adopted')).json().items[0].phrase.nl).toBe(
      'De BALV neemt het amendement per acclamatie aan.',
    );
    // The second amendment was written against the original text, which the first has changed.
    expect((await decide([{ type: 'submission', id: motions.staleAmendment! }], 'adopted')).statusCode).toBe(409);
    await ok('POST', `/amendments/${motions.staleAmendment}/withdraw`, utrecht.headers);
    const rewritten = await ok('POST', '/amendments', chair, {
      meetingId,
      agendaItemId: items.statutes,
      title: 'Bijlage 2, op de gewijzigde tekst',
      memberIds: [m.Utrecht],
      proposedText: 'De BALV besluit de statuten met ingang van 2026 te wijzigen zoals voorgesteld in bijlage 2.',
    });
    const rewrittenDiff = (await ok('GET', `/amendments/${rewritten.id}`, staff)).diff;
    expect(rewrittenDiff.filter((p: { op: string }) => p.op !== 'equal').map((p: { op: string; text: string }) => `${p.op}:${p.text.trim()}`)).toEqual([
      'delete:1',
      'insert:2',
    ]);
    expect((await decide([{ type: 'submission', id: rewritten.id }], 'adopted')).statusCode).toBe(201);
    const statutes = (await ok('GET', `/meetings/${meetingId}/agenda-items`, staff)).items.find((i: { id: string }) => i.id === items.statutes);
    expect(statutes.effectiveDecisionText).toBe('De BALV besluit de statuten met ingang van 2026 te wijzigen zoals voorgesteld in bijlage 2.');
    const statutesDecision = (await decide([{ type: 'agenda-item', id: items.statutes! }], 'adopted')).json().items[0];
    // The notary needs this decision at once: its minutes are approved in the meeting.
    expect((await ok('POST', `/decisions/${statutesDecision.id}/minutes-approval`, chair)).minutesApprovedAt).not.toBeNull();
    expect((await decide([{ type: 'agenda-item', id: items.statutesA! }], 'adopted')).statusCode).toBe(201);
    expect((await decide([{ type: 'agenda-item', id: items.annualPlan! }], 'adopted')).statusCode).toBe(422);
    expect((await decide([{ type: 'agenda-item', id: items.annualPlan! }], 'taken-note', 'none')).statusCode).toBe(201);
    await ok('POST', `/agenda-items/${items.personnel}/speakers`, chair, { round: 1, name: 'Burgemeester Middelburg' });
    expect((await api('GET', `/agenda-items/${items.personnel}/speakers`)).statusCode).toBe(401);
    expect((await decide([{ type: 'agenda-item', id: items.personnel! }], 'discussed', 'none')).statusCode).toBe(201);

    // Three related motions, taken over by the board, adopted together by acclamation.
    const together = await decide(
      [motions.m1!, motions.m2!, motions.m3!].map((id) => ({ type: 'submission' as const, id })),
      'adopted',
    );
    expect(together.json().items.map((d: { phrase: { nl: string } }) => d.phrase.nl)).toEqual(Array(3).fill('De BALV neemt de motie per acclamatie aan.'));
    expect((await decide([{ type: 'agenda-item', id: items['any-other-business']! }], 'done', 'none')).statusCode).toBe(201);
    expect((await decide([{ type: 'agenda-item', id: items.closing! }], 'done', 'none')).statusCode).toBe(201);
    await ok('POST', `/meetings/${meetingId}/close`, chair);
    expect((await ok('GET', `/meetings/${meetingId}`, staff)).status).toBe('closed');
  });

  it('produces the decision list with the right phrase for each item, for the public too', async () => {
    const list = await api('GET', `/meetings/${meetingId}/decisions`);
    expect(list.statusCode).toBe(200);
    const phrases = Object.fromEntries(list.json().items.map((i: { number: string; phrases: { nl: string }[] }) => [i.number, i.phrases.map((p) => p.nl)]));
    expect(phrases).toEqual({
      '1': ['De voorzitter opent de vergadering.'],
      '2': ['De BALV benoemt per acclamatie de commissie van stemopneming en de notulencommissie.'],
      '3': ['De BALV stelt de notulen van de vergadering van 12 juni 2024 vast.'],
      '4': ['De indieners trekken de motie in.', 'De BALV stemt per acclamatie in met het voorstel.'],
      '5': ['De indieners houden de motie aan; de vergadering neemt hier kennis van.', 'De BALV bespreekt het onderwerp.'],
      '6': [
        'De BALV neemt het amendement per acclamatie aan.',
        'De indieners trekken het amendement in.',
        'De BALV neemt het amendement per acclamatie aan.',
        'De BALV stemt per acclamatie in met het voorstel.',
        'De notulen van dit agendapunt worden direct vastgesteld.',
      ],
      '6a': ['De BALV stemt per acclamatie in met het voorstel.'],
      '7': ['De BALV neemt hiervan kennis.'],
      '9': Array(3).fill('De BALV neemt de motie per acclamatie aan.').concat(['Dit agendapunt is behandeld.']),
      '10': ['De voorzitter sluit de vergadering.'],
    });
    // The previous meeting's minutes are now approved, and public.
    const previous = await api('GET', `/meetings/${previousId}/minutes`);
    expect(previous.statusCode).toBe(200);
    expect(previous.json().status).toBe('approved');
  });

  it('drafts the minutes from the course, has them reviewed by the minutes committee, and publishes a PDF', async () => {
    expect((await api('GET', `/meetings/${meetingId}/minutes`)).statusCode).toBe(401);
    const { version } = await ok('POST', `/meetings/${meetingId}/minutes/generate`, staff);
    expect(version).toBe(1);
    const draft = await ok('GET', `/meetings/${meetingId}/minutes`, utrecht.headers);
    expect(draft.status).toBe('draft');
    expect(draft.current.body).toContain('## 4. Begroting 2025');
    expect(draft.current.body).toContain('Eerste termijn: Burgemeester Utrecht (Utrecht).');
    expect(draft.current.body).toContain(
      'Motie "Woningbouw" (ingediend door de P10; advies van het bestuur: overnemen). De BALV neemt de motie per acclamatie aan.',
    );
    expect(draft.current.html).toContain('<h2>4. Begroting 2025</h2>');
    // The minutes say what was decided: the proposal's text with its decision.
    expect(draft.current.body).toMatch(/Voorstel: De BALV stemt in met de begroting 2025 en de contributie per inwoner\.\n\n(\*\*De BALV[^\n]*\*\*)/);
    // What was discussed behind closed doors stays out of minutes that become public.
    expect(draft.current.body).toContain('## 8. Personele aangelegenheden\n\nDit agendapunt is besloten behandeld.');
    expect(draft.current.body).not.toContain('Burgemeester Middelburg');

    // Only the minutes committee (or staff) finds them "een getrouw beeld".
    expect((await api('POST', `/meetings/${meetingId}/minutes/faithful`, utrecht.headers)).statusCode).toBe(403);
    await ok('POST', `/meetings/${meetingId}/minutes/versions`, staff, {
      body: `${draft.current.body}\nDe voorzitter dankt de aanwezigen.\n`,
      note: 'Slotwoord toegevoegd',
    });
    expect((await api('POST', `/meetings/${meetingId}/minutes/faithful`, minutesMember.headers)).statusCode).toBe(204);
    const reviewed = await ok('GET', `/meetings/${meetingId}/minutes`, staff);
    expect(reviewed).toMatchObject({ status: 'faithful', current: { version: 2 } });
    expect(reviewed.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const pdf = await api('GET', `/meetings/${meetingId}/minutes.pdf`, staff);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

async function agendaOf(id: string) {
  return (await ok('GET', `/meetings/${id}/agenda-items`, staff)).items as { id: string }[];
}
