import { beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { consultationWorld, type Name, type Questions } from '../support/consultations.js';

/**
 * The results of a consultation of all five members, of whom Amsterdam does not answer: exact
 * unweighted and weighted figures, breakdowns, exports, the outcome and publication (see
 * test/support/consultations.ts).
 */

const { world: w, api, ok, openConsultation, received, setClosesAt } = consultationWorld();

describe(`consultation results for all members (${TEST_DB})`, () => {
  let id: string;
  let q: Questions;
  beforeAll(async () => {
    ({ id, q } = await openConsultation());
    const submit = (who: SignedIn, member: Name, answers: object) =>
      ok('PUT', `/consultations/${id}/responses/${w.m[member]}`, who.headers, { answers, submit: true });
    // Amsterdam does not answer.
    await submit(w.reps.Utrecht, 'Utrecht', { [q.position]: { choice: 'agree' }, [q.scale]: { value: 5 } });
    await submit(w.reps.Middelburg, 'Middelburg', { [q.position]: { choice: 'disagree' }, [q.why]: { text: 'Te duur' }, [q.scale]: { value: 1 } });
    await submit(w.reps.Vlissingen, 'Vlissingen', { [q.position]: { choice: 'disagree' }, [q.why]: { text: 'Geen draagvlak' }, [q.scale]: { value: 2 } });
    await submit(w.reps.Groningen, 'Groningen', { [q.position]: { choice: 'agree' }, [q.scale]: { value: 4 }, [q.open]: { text: '=HYPERLINK("http://x")' } });
  });

  it('are exact, unweighted and weighted, and never count non-response as agreement', async () => {
    const results = await ok('GET', `/consultations/${id}/results`, w.staff);
    expect(results.audience).toEqual({ members: 5, voteWeight: 320, population: 1644697 });
    expect(results.responded).toEqual({ members: 4, voteWeight: 245, population: 713399 });
    expect(results.noResponse).toEqual({ members: 1, voteWeight: 75, population: 931298 });
    const position = results.questions[0];
    const agree = position.options.find((o: { option: string }) => o.option === 'agree');
    expect(agree).toMatchObject({ members: 2, voteWeight: 150, population: 618006 });
    expect(agree.ofAnswered).toEqual({ members: '50.00', voteWeight: '61.22', population: '86.63' });
    // Amsterdam's silence is not agreement: 2 of 5 members agree, 150 of 320 votes.
    expect(agree.ofAudience).toEqual({ members: '40.00', voteWeight: '46.88', population: '37.58' });
    expect(position.noResponse).toEqual({ members: 1, voteWeight: 75, population: 931298 });
    expect(results.questions[2].mean).toEqual({ unweighted: '3.00', weighted: '3.33' });
  });

  it('break down by segment and show divergence', async () => {
    const results = await ok('GET', `/consultations/${id}/results`, w.staff);
    const position = results.questions[0];
    const provinces = position.breakdowns.find((b: { dimension: string }) => b.dimension === 'province');
    expect(
      provinces.segments.map((s: { segment: string; audience: number; responded: number; leading: string[] }) => [
        s.segment,
        s.audience,
        s.responded,
        s.leading,
      ]),
    ).toEqual([
      ['Groningen', 1, 1, ['agree']],
      ['Noord-Holland', 1, 0, []],
      ['Utrecht', 1, 1, ['agree']],
      ['Zeeland', 2, 2, ['disagree']],
    ]);
    expect(provinces.divergence).toEqual({ dimension: 'province', points: '100.00', majoritiesDiffer: true, segments: ['Groningen', 'Zeeland'] });
    const sizeClasses = position.breakdowns.find((b: { dimension: string }) => b.dimension === 'sizeClass');
    expect(sizeClasses.segments.map((s: { segment: string; audience: number; responseRate: string }) => [s.segment, s.audience, s.responseRate])).toEqual([
      ['100k-250k', 1, '100.00'],
      ['20k-50k', 1, '100.00'],
      ['50k-100k', 1, '100.00'],
      ['gte250k', 2, '50.00'],
    ]);
    const parties = position.breakdowns.find((b: { dimension: string }) => b.dimension === 'party');
    expect(parties.segments.map((s: { segment: string; responded: number; local?: boolean }) => [s.segment, s.responded, s.local])).toEqual([
      ['CDA', 1, false],
      ['Lokaal Vlissingen', 1, true],
      ['VVD', 2, false],
    ]);
    expect(results.questions[1].openAnswers.map((a: { memberName: string; text: string }) => `${a.memberName}: ${a.text}`)).toEqual([
      'Middelburg: Te duur',
      'Vlissingen: Geen draagvlak',
    ]);
  });

  it('export as CSV (formulas escaped, non-response its own row) and as a PDF', async () => {
    const csv = await api('GET', `/consultations/${id}/results.csv`, w.staff);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'question,questionText,kind,dimension,segment,option,members,voteWeight,population,percentMembers,percentVoteWeight,percentPopulation,points,weightedPoints',
    );
    expect(lines).toContain('1,Steunt u het voorstel?,position,alle leden,,eens,2,150,618006,50.00,61.22,86.63,,');
    expect(lines).toContain('1,Steunt u het voorstel?,position,alle leden,,geen reactie,1,75,931298,20.00,23.44,56.62,,');
    expect(lines).toContain('1,Steunt u het voorstel?,position,provincie,Zeeland,oneens,2,95,95393,100.00,100.00,100.00,,');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect((await api('GET', `/consultations/${id}/results.csv`, w.reps.Utrecht.headers)).statusCode).toBe(403);
    const pdf = await api('GET', `/consultations/${id}/results.pdf`, w.staff);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('records the outcome, tells every member that answered, and publishes only when closed', async () => {
    const outcome = await ok('PUT', `/consultations/${id}/outcome`, w.staff, {
      kind: 'differentiated',
      text: 'De vereniging bepleit een overgangsregeling voor kleine gemeenten.',
    });
    expect(outcome.kind).toBe('differentiated');
    for (const name of ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen'] as const) {
      const mails = received(w.reps[name], 'Uitkomst ledenraadpleging: Verdeling gemeentefonds', id);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain('overgangsregeling');
    }
    expect(received(w.reps.Amsterdam, 'Uitkomst', id)).toEqual([]);
    expect(received(w.clerkMiddelburg, 'Uitkomst', id)).toEqual([]);
    expect((await api('GET', `/consultations/${id}`)).statusCode).toBe(404);
    expect((await api('POST', `/consultations/${id}/publish`, w.staff)).statusCode).toBe(409);
    await setClosesAt(id, new Date(Date.now() - 1000));
    expect((await api('POST', `/consultations/${id}/publish`, w.staff)).statusCode).toBe(204);
    const audit = await w.t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'consultation.created',
        'consultation.launched',
        'consultation.response-submitted',
        'consultation.outcome-recorded',
        'consultation.published',
      ]),
    );
  });

  it('once published, the public reads questions, response, aggregates and outcome, without open answers', async () => {
    const detail = await ok('GET', `/consultations/${id}`, {});
    expect(detail).toMatchObject({ status: 'closed', published: true, outcome: { kind: 'differentiated' } });
    expect(detail.responseRate).toBeUndefined();
    const results = await ok('GET', `/consultations/${id}/results`, {});
    expect(results.responseRate.members).toBe('80.00');
    expect(results.nonResponders).toBeUndefined();
    expect(results.questions[1].openAnswers).toBeUndefined();
    expect((await ok('GET', '/consultations', {})).items.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});
