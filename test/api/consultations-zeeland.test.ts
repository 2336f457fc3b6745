import { beforeAll, describe, expect, it } from 'vitest';
import { notificationRound } from '../../src/consultations/notifications.js';
import { TEST_DB } from '../support/database.js';
import { hours, consultationWorld, type Questions } from '../support/consultations.js';

/**
 * A quick member consultation for Zeeland (Middelburg and Vlissingen), from the invitation to the
 * deadline: who is invited, who may answer, concurrent answers, drafts, reminders, the live response
 * rate and the deadline (see test/support/consultations.ts).
 */

const { world: w, api, ok, openConsultation, answer, received, setClosesAt } = consultationWorld();

describe(`a quick consultation for Zeeland (${TEST_DB})`, () => {
  let id: string;
  let q: Questions;
  beforeAll(async () => {
    ({ id, q } = await openConsultation({ audience: { provinces: ['Zeeland'], sizeClasses: [], networks: [], memberClasses: [] } }));
  });

  it('invites the representatives of the audience only, and shows them their members', async () => {
    for (const who of [w.reps.Middelburg, w.clerkMiddelburg, w.reps.Vlissingen])
      expect(received(who, 'Ledenraadpleging: Verdeling gemeentefonds', id)).toHaveLength(1);
    expect(received(w.reps.Utrecht, 'Ledenraadpleging', id)).toEqual([]);
    const list = await ok('GET', '/consultations', w.clerkMiddelburg.headers);
    expect(list.items.find((c: { id: string }) => c.id === id).myMembers).toEqual([
      { memberId: w.m.Middelburg, memberName: 'Middelburg', responseStatus: 'none' },
    ]);
    expect((await ok('GET', '/consultations', w.reps.Utrecht.headers)).items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await api('GET', `/consultations/${id}`, w.reps.Utrecht.headers)).statusCode).toBe(404);
  });

  it('refuses a member outside the audience (403) and a person who does not answer for the member', async () => {
    const outside = await answer(w.reps.Utrecht, id, 'Utrecht', { answers: { [q.position]: { choice: 'agree' } }, submit: true });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toBe('Uw lid hoort niet bij de doelgroep van deze raadpleging.');
    expect((await answer(w.reps.Utrecht, id, 'Middelburg', { answers: {}, submit: false })).statusCode).toBe(403);
    expect((await api('GET', `/consultations/${id}/responses/${w.m.Middelburg}`, w.reps.Utrecht.headers)).statusCode).toBe(403);
  });

  it('keeps one response per member when two representatives answer at once', async () => {
    const [a, b] = await Promise.all([
      answer(w.reps.Middelburg, id, 'Middelburg', { answers: { [q.position]: { choice: 'disagree' } }, submit: false }),
      answer(w.clerkMiddelburg, id, 'Middelburg', { answers: { [q.position]: { choice: 'agree' } }, submit: false }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const rows = await w.t.database.db
      .selectFrom('consultation_responses')
      .select(['version', 'status'])
      .where('consultation_id', '=', id)
      .where('member_id', '=', w.m.Middelburg)
      .execute();
    expect(rows).toEqual([{ version: 1, status: 'draft' }]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({
      type: '/problems/version-conflict',
      detail: 'Een andere vertegenwoordiger heeft intussen opgeslagen. Laad de reactie opnieuw.',
    });
  });

  it('saves drafts, refuses an incomplete or stale submission, and stays editable until the deadline', async () => {
    const saved = await ok('GET', `/consultations/${id}/responses/${w.m.Middelburg}`, w.reps.Middelburg.headers);
    expect(saved).toMatchObject({ status: 'draft', version: 1, submittedAt: null });
    // Disagreeing makes "why" required.
    const incomplete = await answer(w.reps.Middelburg, id, 'Middelburg', { answers: { [q.position]: { choice: 'disagree' } }, submit: true, version: 1 });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().errors).toEqual([{ name: `answers.${q.why}`, code: 'required', reason: 'Beantwoord deze vraag.' }]);
    const submitted = await ok('PUT', `/consultations/${id}/responses/${w.m.Middelburg}`, w.reps.Middelburg.headers, {
      answers: {
        [q.position]: { choice: 'disagree', reason: 'Te duur' },
        [q.why]: { text: 'De verdeelsleutel benadeelt kleine gemeenten.' },
        [q.scale]: { value: 4 },
      },
      submit: true,
      version: 1,
    });
    expect(submitted).toMatchObject({ status: 'submitted', version: 2, personName: 'Burgemeester Middelburg', capacity: 'mayor' });
    const stale = await answer(w.clerkMiddelburg, id, 'Middelburg', { answers: { [q.position]: { choice: 'agree' } }, submit: true, version: 1 });
    expect(stale.statusCode).toBe(409);
    // The clerk reloads and changes the answer; the "why" of a disagreement is dropped with it.
    const current = await ok('GET', `/consultations/${id}/responses/${w.m.Middelburg}`, w.clerkMiddelburg.headers);
    const changed = await ok('PUT', `/consultations/${id}/responses/${w.m.Middelburg}`, w.clerkMiddelburg.headers, {
      answers: { ...current.answers, [q.position]: { choice: 'abstain' } },
      submit: true,
      version: current.version,
    });
    expect(changed.version).toBe(3);
    expect(changed.answers).toEqual({ [q.position]: { choice: 'abstain' }, [q.scale]: { value: 4 } });
    expect(changed.capacity).toBe('council-clerk');
  });

  it('reminds only members that have not submitted, once, however many instances run the scheduler', async () => {
    const before = w.mailbox.messages.length;
    // reminderHours [2] with the deadline an hour ahead: the reminder is due. Two rounds at once, as two instances would.
    const rounds = await Promise.all([notificationRound(w.t.app, new Date()), notificationRound(w.t.app, new Date())]);
    expect(rounds.reduce((sum, r) => sum + r.reminders, 0)).toBe(1);
    expect(rounds.reduce((sum, r) => sum + r.invitations, 0)).toBe(0);
    await w.t.app.mailQueue.drain();
    expect(received(w.reps.Vlissingen, 'Herinnering ledenraadpleging: Verdeling gemeentefonds', id)).toHaveLength(1);
    expect((await notificationRound(w.t.app, new Date())).reminders).toBe(0);
    expect(await ok('POST', `/consultations/${id}/reminders`, w.staff)).toEqual({ sent: 1 });
    expect(received(w.reps.Vlissingen, 'Herinnering', id)).toHaveLength(2);
    // Middelburg submitted: its representatives get no reminder.
    expect(w.mailbox.messages.slice(before).map((mail) => mail.to)).toEqual([w.reps.Vlissingen.email.toLowerCase(), w.reps.Vlissingen.email.toLowerCase()]);
  });

  it('shows staff the live response rate; others see no results before publication', async () => {
    const detail = await ok('GET', `/consultations/${id}`, w.staff);
    expect(detail.responseRate).toEqual({ audience: 2, responded: 1, drafts: 0, rate: '50.00' });
    const results = await ok('GET', `/consultations/${id}/results`, w.staff);
    expect(results.responseRate.members).toBe('50.00');
    expect(results.nonResponders).toEqual([{ memberId: w.m.Vlissingen, name: 'Vlissingen', code: 'GM0718', province: 'Zeeland', draft: false }]);
    expect((await api('GET', `/consultations/${id}/results`, w.reps.Middelburg.headers)).statusCode).toBe(403);
    expect((await api('GET', `/consultations/${id}/results`)).statusCode).toBe(404);
  });

  it('extends the deadline but never shortens it or changes anything else after launch', async () => {
    const detail = await ok('GET', `/consultations/${id}`, w.staff);
    expect((await api('PATCH', `/consultations/${id}`, w.staff, { title: 'Anders' })).statusCode).toBe(409);
    expect((await api('PATCH', `/consultations/${id}`, w.staff, { closesAt: hours(0.5) })).statusCode).toBe(422);
    expect((await api('PUT', `/consultations/${id}/questions`, w.staff, { items: [] })).statusCode).toBe(409);
    expect((await api('PATCH', `/consultations/${id}`, w.staff, { closesAt: hours(3) })).statusCode).toBe(204);
    expect(new Date((await ok('GET', `/consultations/${id}`, w.staff)).closesAt) > new Date(detail.closesAt)).toBe(true);
  });

  it('refuses answers after the deadline', async () => {
    await setClosesAt(id, new Date(Date.now() - 1000));
    const late = await answer(w.reps.Vlissingen, id, 'Vlissingen', { answers: { [q.position]: { choice: 'agree' } }, submit: true });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe('De termijn van deze raadpleging is verstreken; reacties worden niet meer aangenomen.');
    expect((await ok('GET', `/consultations/${id}`, w.staff)).status).toBe('closed');
  });
});
