import { describe, expect, it } from 'vitest';
import { notificationRound } from '../../src/consultations/notifications.js';
import { TEST_DB } from '../support/database.js';
import { hours, consultationWorld } from '../support/consultations.js';

/**
 * Member consultations end to end (see test/support/consultations.ts for the register and the clock):
 * drafting, launching, papers, reminders before an extended deadline, a named office answering and a
 * scheduled opening. The Zeeland consultation is in consultations-zeeland.test.ts, results in consultation-results.test.ts.
 */

const { world: w, api, ok, qid, draft, openConsultation, answer, received } = consultationWorld();

describe(`member consultations (${TEST_DB})`, () => {
  it('refuses bad input with a Dutch problem and changes nothing', async () => {
    const before = await w.t.database.db.selectFrom('consultations').select('id').execute();
    const reversed = await api('POST', '/consultations', w.staff, { title: 'X', dossier: 'Y', owner: 'Z', opensAt: hours(2), closesAt: hours(1) });
    expect(reversed.statusCode).toBe(422);
    expect(reversed.headers['content-type']).toContain('application/problem+json');
    expect(reversed.json()).toMatchObject({ detail: 'De sluitingstijd moet na de openingstijd liggen.', errors: [{ name: 'closesAt' }] });
    expect((await api('POST', '/consultations', w.staff, { title: ' ', dossier: 'Y', owner: 'Z', opensAt: hours(0), closesAt: hours(1) })).statusCode).toBe(
      400,
    );
    expect(await w.t.database.db.selectFrom('consultations').select('id').execute()).toEqual(before);

    const id = await draft();
    const first = qid();
    await ok('PUT', `/consultations/${id}/questions`, w.staff, { items: [{ id: first, kind: 'position', text: 'Eens?' }] });
    const later = qid();
    const badCondition = await api('PUT', `/consultations/${id}/questions`, w.staff, {
      items: [
        { id: first, kind: 'open', text: 'Toelichting', condition: { questionId: later, anyOf: ['agree'] } },
        { id: later, kind: 'position', text: 'Eens?' },
      ],
    });
    expect(badCondition.statusCode).toBe(422);
    expect(badCondition.json().errors[0]).toMatchObject({ name: 'items[0].condition.questionId', code: 'earlier-question' });
    const tooFew = await api('PUT', `/consultations/${id}/questions`, w.staff, { items: [{ kind: 'single', text: 'Kies', options: ['Alleen'] }] });
    expect(tooFew.statusCode).toBe(400); // minItems in the schema
    const detail = await ok('GET', `/consultations/${id}`, w.staff);
    expect(detail.questions.map((q: { id: string; kind: string }) => [q.id, q.kind])).toEqual([[first, 'position']]);
    expect(detail.explanationHtml).toContain('<strong>het voorstel</strong>');
  });

  it('launches only with questions, a deadline ahead and members in the audience', async () => {
    const empty = await draft();
    expect((await api('POST', `/consultations/${empty}/launch`, w.staff)).json()).toMatchObject({ status: 422, errors: [{ name: 'questions' }] });
    const nobody = await draft({ audience: { provinces: ['Friesland'], sizeClasses: [], networks: [], memberClasses: [] } });
    await ok('PUT', `/consultations/${nobody}/questions`, w.staff, { items: [{ id: qid(), kind: 'position', text: 'Eens?' }] });
    expect((await api('POST', `/consultations/${nobody}/launch`, w.staff)).statusCode).toBe(409);
    const past = await draft({ opensAt: hours(-3), closesAt: hours(-1) });
    await ok('PUT', `/consultations/${past}/questions`, w.staff, { items: [{ id: qid(), kind: 'position', text: 'Eens?' }] });
    expect((await api('POST', `/consultations/${past}/launch`, w.staff)).json()).toMatchObject({ status: 422, errors: [{ name: 'closesAt' }] });
    expect(
      await w.t.database.db.selectFrom('consultation_audience').select('member_id').where('consultation_id', 'in', [empty, nobody, past]).execute(),
    ).toEqual([]);
  });

  it('keeps drafts to staff; papers can be added, read with the consultation, and removed only from a draft', async () => {
    // Noord-Holland only, without reminders: the mails of this one stay out of the other tests' way.
    const id = await draft({
      title: 'Stukken',
      reminderHours: [],
      audience: { provinces: ['Noord-Holland'], sizeClasses: [], networks: [], memberClasses: [] },
    });
    expect((await api('GET', `/consultations/${id}`, w.reps.Amsterdam.headers)).statusCode).toBe(404);
    expect((await api('GET', `/consultations/${id}`)).statusCode).toBe(404);
    expect((await ok('GET', '/consultations', w.reps.Utrecht.headers)).items.map((c: { id: string }) => c.id)).not.toContain(id);
    const boundary = 'grens';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="title"',
      '',
      'Voorstel',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="voorstel.txt"',
      'Content-Type: text/plain',
      '',
      'Het voorstel.',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const upload = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/papers`,
      headers: { ...w.staff, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(upload.statusCode).toBe(201);
    const paper = upload.json();
    expect(paper).toMatchObject({ title: 'Voorstel', fileName: 'voorstel.txt', size: 13 });
    const file = await api('GET', `/consultations/${id}/papers/${paper.id}`, w.staff);
    expect(file.body).toBe('Het voorstel.');
    expect((await api('GET', `/consultations/${id}/papers/${paper.id}`, w.reps.Amsterdam.headers)).statusCode).toBe(404);
    await ok('PUT', `/consultations/${id}/questions`, w.staff, { items: [{ id: qid(), kind: 'position', text: 'Eens?' }] });
    await ok('POST', `/consultations/${id}/launch`, w.staff);
    expect((await api('GET', `/consultations/${id}/papers/${paper.id}`, w.reps.Amsterdam.headers)).body).toBe('Het voorstel.');
    expect((await api('GET', `/consultations/${id}/papers/${paper.id}`, w.reps.Utrecht.headers)).statusCode).toBe(404);
    expect((await api('DELETE', `/consultations/${id}/papers/${paper.id}`, w.staff)).statusCode).toBe(409);
  });

  it('reminds again before an extended deadline', async () => {
    const { id } = await openConsultation({
      title: 'Verlengd',
      reminderHours: [2],
      audience: { provinces: ['Groningen'], sizeClasses: [], networks: [], memberClasses: [] },
    });
    expect((await notificationRound(w.t.app, new Date())).reminders).toBe(1);
    expect((await notificationRound(w.t.app, new Date())).reminders).toBe(0);
    // Extended by half an hour: the reminder two hours before the new deadline is due as well.
    expect((await api('PATCH', `/consultations/${id}`, w.staff, { closesAt: hours(1.5) })).statusCode).toBe(204);
    expect((await notificationRound(w.t.app, new Date())).reminders).toBe(1);
    await w.t.app.mailQueue.drain();
    expect(received(w.reps.Groningen, 'Herinnering ledenraadpleging: Verlengd', id)).toHaveLength(2);
    // Invitation and two reminders went through the mail queue; staff see them counted, others may not.
    const mails = await ok('GET', `/consultations/${id}/mails`, w.staff);
    expect(mails).toMatchObject({ queued: 0, sending: 0, failed: 0, bounced: 0 });
    expect(mails.sent).toBeGreaterThanOrEqual(3);
    expect(mails.sent).toBeGreaterThanOrEqual(received(w.reps.Groningen, '', id).length);
    expect((await api('GET', `/consultations/${id}/mails`, w.reps.Groningen.headers)).statusCode).toBe(403);
  });

  it('lets a named office answer: the alderman for finance, not the designated mayor', async () => {
    const { id, q } = await openConsultation({
      responder: { kind: 'office', officeKind: 'alderman', portfolio: 'financiën' },
      audience: { provinces: ['Utrecht'], sizeClasses: [], networks: [], memberClasses: [] },
    });
    expect((await answer(w.reps.Utrecht, id, 'Utrecht', { answers: { [q.position]: { choice: 'agree' } }, submit: true })).statusCode).toBe(403);
    const saved = await ok('PUT', `/consultations/${id}/responses/${w.m.Utrecht}`, w.financeUtrecht.headers, {
      answers: { [q.position]: { choice: 'agree' } },
      submit: true,
    });
    expect(saved).toMatchObject({ status: 'submitted', capacity: 'alderman' });
    expect(received(w.financeUtrecht, 'Ledenraadpleging', id)).toHaveLength(1);
    expect(received(w.reps.Utrecht, 'Ledenraadpleging', id)).toEqual([]);
  });

  it('invites when a scheduled consultation opens, and answers are refused before that', async () => {
    const id = await draft({
      title: 'Later',
      opensAt: hours(1),
      closesAt: hours(5),
      reminderHours: [],
      audience: { provinces: ['Groningen'], sizeClasses: [], networks: [], memberClasses: [] },
    });
    const position = qid();
    await ok('PUT', `/consultations/${id}/questions`, w.staff, { items: [{ id: position, kind: 'position', text: 'Eens?' }] });
    const launched = await ok('POST', `/consultations/${id}/launch`, w.staff);
    expect(launched.status).toBe('scheduled');
    expect(received(w.reps.Groningen, 'Ledenraadpleging', id)).toEqual([]);
    const early = await answer(w.reps.Groningen, id, 'Groningen', { answers: { [position]: { choice: 'agree' } }, submit: true });
    expect(early.statusCode).toBe(409);
    // The opening time passes (moved in the database, see above); the scheduler's next round invites.
    await w.t.database.db
      .updateTable('consultations')
      .set({ opens_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await notificationRound(w.t.app, new Date())).invitations).toBe(1);
    await w.t.app.mailQueue.drain();
    expect(received(w.reps.Groningen, 'Ledenraadpleging: Later', id)).toHaveLength(1);
    expect((await answer(w.reps.Groningen, id, 'Groningen', { answers: { [position]: { choice: 'agree' } }, submit: true })).statusCode).toBe(200);
  });
});
