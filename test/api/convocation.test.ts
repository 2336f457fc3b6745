import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { amsterdamInstant, notifyBoardAdvice } from '../../src/meetings/convocation.js';
import { updatePerson } from '../../src/people/accounts.js';
import { addDesignation } from '../../src/people/designations.js';
import { addOffice } from '../../src/people/offices.js';
import type { OfficeKind } from '../../src/people/rules.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

interface Captured {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string | undefined; contentType: string; content: string }[];
}

/**
 * A local SMTP server that, unlike test/support/mailbox.ts, keeps attachments, and refuses every
 * address with "weigeren" in it so a failing delivery can be tested.
 */
async function startCapture() {
  const messages: Captured[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address.includes('weigeren')) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(',');
          const attachments = parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString('utf8') }));
          messages.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', attachments });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let capture: Awaited<ReturnType<typeof startCapture>>;
let t: TestApp;
let members: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let meetingId: string;
let jaarrekening: string;
const actor = systemActor('test');

const person = async (name: string, email: string) => (await createPerson(t.database.db, actor, { email, name })).id;

/** An office in the member from 2024 on, with a designation from 2024 on (or for a given period). */
async function designate(personId: string, memberId: string, options: { kind?: OfficeKind; start?: string; end?: string } = {}) {
  const officeId = await addOffice(t.database.db, actor, personId, { memberId, kind: options.kind ?? 'mayor', startDate: '2024-01-01' });
  await addDesignation(t.database.db, actor, { officeId, startDate: options.start ?? '2024-01-01', ...(options.end ? { endDate: options.end } : {}) });
  return personId;
}

const convene = (id = meetingId, headers: Record<string, string> = staff) =>
  t.app.inject({ method: 'POST', url: `/api/v1/meetings/${id}/convocation`, headers });

beforeAll(async () => {
  capture = await startCapture();
  t = await createTestApp({ config: { SMTP_URL: capture.url, PUBLIC_URL: 'https://verenigd.example/' } });
  members = await withFiveMembers(t);
  staff = await t.signIn('staff');

  await designate(await person('Burgemeester Utrecht', 'burgemeester@utrecht.example'), members.Utrecht);
  await designate(await person('Wethouder Utrecht', 'wethouder@utrecht.example'), members.Utrecht, { kind: 'alderman' });
  await designate(await person('Weigeren Middelburg', 'weigeren@middelburg.example'), members.Middelburg);
  // One person acting for two members gets one mail for each; two offices in one member still make one mail.
  const secretary = await person('Secretaris Samen', 'secretaris@samen.example');
  await designate(secretary, members.Groningen, { kind: 'municipal-secretary' });
  await designate(secretary, members.Groningen, { kind: 'council-member' });
  await designate(secretary, members.Vlissingen, { kind: 'municipal-secretary' });
  // Not designated on the meeting date, or disabled: no mail.
  await designate(await person('Oud Amsterdam', 'oud@amsterdam.example'), members.Amsterdam, { end: '2025-01-31' });
  await designate(await person('Later Amsterdam', 'later@amsterdam.example'), members.Amsterdam, { start: '2025-07-01' });
  const disabled = await person('Uitgeschakeld Amsterdam', 'uit@amsterdam.example');
  await designate(disabled, members.Amsterdam);
  await updatePerson(t.database.db, actor, disabled, { disabled: true });

  meetingId = randomUUID();
  await t.database.db
    .insertInto('meetings')
    .values({
      id: meetingId,
      kind: 'alv',
      title: 'Algemene Ledenvergadering 2025',
      date: '2025-06-12',
      start_time: '10:00',
      location: 'Jaarbeurs, Utrecht',
      mode: 'hybrid',
      motion_deadline: new Date('2025-06-02T10:00:00Z'),
    })
    .execute();
  jaarrekening = randomUUID();
  const item = (
    id: string,
    position: number,
    title: string,
    purpose: 'decision' | 'information' | 'discussion' | 'approval',
    parentId: string | null = null,
  ) => ({
    id,
    meeting_id: meetingId,
    parent_id: parentId,
    position,
    title,
    purpose,
  });
  // Gaps and insertion order differ from the agenda order on purpose: numbers follow positions.
  await t.database.db
    .insertInto('agenda_items')
    .values([
      item(randomUUID(), 7, 'Sluiting', 'information'),
      item(randomUUID(), 0, 'Opening en mededelingen', 'information'),
      item(jaarrekening, 3, 'Jaarrekening 2024', 'decision'),
    ])
    .execute();
  await t.database.db
    .insertInto('agenda_items')
    .values([
      item(randomUUID(), 5, 'Benoeming accountant', 'approval', jaarrekening),
      item(randomUUID(), 1, 'Verslag auditcommissie', 'discussion', jaarrekening),
    ])
    .execute();
});
afterAll(async () => {
  await t.close();
  await capture.close();
});
beforeEach(() => {
  capture.messages.length = 0;
});

describe(`convocation (${TEST_DB})`, () => {
  it('mails every designated representative once per member, with the agenda and a calendar file', async () => {
    const response = await convene();
    expect(response.statusCode).toBe(202);
    // Five mails queued: two for Utrecht, one each for Middelburg, Groningen and Vlissingen; the server refuses Middelburg's.
    expect(response.json()).toEqual({ recipients: 5 });
    await t.app.mailQueue.drain();
    const counts = await t.app.inject({ url: `/api/v1/meetings/${meetingId}/mails`, headers: staff });
    expect(counts.json()).toEqual({ queued: 0, sending: 0, sent: 4, failed: 0, bounced: 1 });
    expect(capture.messages.map((m) => m.to).sort()).toEqual([
      'burgemeester@utrecht.example',
      'secretaris@samen.example',
      'secretaris@samen.example',
      'wethouder@utrecht.example',
    ]);
    const addressed = capture.messages.map((m) => m.text.split('\n')[0]).sort();
    expect(addressed).toEqual([
      'Aan het college en de gemeenteraad van Groningen',
      'Aan het college en de gemeenteraad van Utrecht',
      'Aan het college en de gemeenteraad van Utrecht',
      'Aan het college en de gemeenteraad van Vlissingen',
    ]);

    const mail = capture.messages.find((m) => m.to === 'wethouder@utrecht.example')!;
    expect(mail.subject).toBe('Uitnodiging ALV 12 juni 2025');
    expect(mail.text).toContain('t.a.v. Wethouder Utrecht');
    expect(mail.text).toContain('Datum: donderdag 12 juni 2025');
    expect(mail.text).toContain('Aanvang: 10:00 uur');
    expect(mail.text).toContain('Locatie: Jaarbeurs, Utrecht');
    expect(mail.text).toContain('Vorm: hybride (fysiek en online)');
    expect(mail.text).toContain(
      [
        '1. Opening en mededelingen (ter kennisname)',
        '2. Jaarrekening 2024 (ter besluitvorming)',
        '    2a. Verslag auditcommissie (ter bespreking)',
        '    2b. Benoeming accountant (ter accordering)',
        '3. Sluiting (ter kennisname)',
      ].join('\n'),
    );
    expect(mail.text).toContain('Moties en amendementen kunt u indienen tot maandag 2 juni 2025 12:00 uur.');
    expect(mail.text).toContain(`https://verenigd.example/vergaderingen/${meetingId}`);
    expect(mail.text).toContain('Vereniging van Nederlandse Gemeenten');
    expect(mail.text).not.toContain('herziene');

    expect(mail.attachments).toHaveLength(1);
    const [ics] = mail.attachments;
    expect(ics!.contentType).toBe('text/calendar');
    expect(ics!.filename).toBe('alv-2025-06-12.ics');
    expect(ics!.content).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics!.content).toContain(`UID:meeting-${meetingId}@verenigd`);
    // 10:00 in Amsterdam in summer is 08:00 UTC; three hours by default.
    expect(ics!.content).toContain('DTSTART:20250612T080000Z');
    expect(ics!.content).toContain('DTEND:20250612T110000Z');
    expect(ics!.content).toContain('SUMMARY:Algemene Ledenvergadering 2025');
    expect(ics!.content).toMatch(/END:VEVENT\r\nEND:VCALENDAR/);

    const meeting = await t.database.db.selectFrom('meetings').select('convened_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(meeting.convened_at).toBeInstanceOf(Date);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'meeting.convened')
      .where('entity_id', '=', meetingId)
      .execute();
    expect(audit.map((a) => a.data)).toEqual([{ recipients: 5, reissue: false }]);
  });

  it('re-sends on a second convocation and keeps the first convened_at', async () => {
    const before = await t.database.db.selectFrom('meetings').select('convened_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
    const response = await convene();
    expect(response.json()).toEqual({ recipients: 5 });
    await t.app.mailQueue.drain();
    expect(capture.messages).toHaveLength(4);
    expect(capture.messages[0]!.text).toContain('Dit is een herziene uitnodiging');
    const after = await t.database.db.selectFrom('meetings').select('convened_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(after.convened_at?.getTime()).toBe(before.convened_at?.getTime());
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'meeting.convened')
      .where('entity_id', '=', meetingId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.data)).toEqual([
      { recipients: 5, reissue: false },
      { recipients: 5, reissue: true },
    ]);
  });

  it('is for staff, for existing meetings that have not opened', async () => {
    // Amsterdam's: the other tests count Utrecht's representatives.
    const representative = (await t.signInPerson({ representativeOf: members.Amsterdam })).headers;
    expect((await convene(meetingId, representative)).statusCode).toBe(403);
    expect((await convene(meetingId, {})).statusCode).toBe(401);
    expect((await convene(randomUUID())).statusCode).toBe(404);
    const opened = randomUUID();
    await t.database.db
      .insertInto('meetings')
      .values({ id: opened, kind: 'alv', title: 'Lopende vergadering', date: '2025-06-12', opened_at: new Date() })
      .execute();
    const refused = await convene(opened);
    expect(refused.statusCode).toBe(409);
    expect(capture.messages).toHaveLength(0);
  });
});

describe(`meeting calendar (${TEST_DB})`, () => {
  it('serves the meeting as text/calendar to anyone', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${meetingId}/calendar.ics` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    // Long lines are folded (RFC 5545 3.1): a line break followed by a space continues the line.
    const body = response.body.replaceAll('\r\n ', '');
    expect(body).toMatch(/^BEGIN:VCALENDAR/);
    expect(body).toContain(`UID:meeting-${meetingId}@verenigd`);
    expect(body).toContain('DTSTART:20250612T080000Z');
    expect(body).toContain('LOCATION:Jaarbeurs\\, Utrecht');
    expect(body).toContain(`URL;VALUE=URI:https://verenigd.example/vergaderingen/${meetingId}`);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${randomUUID()}/calendar.ics` })).statusCode).toBe(404);
  });

  it('makes an all-day entry without a start time, and uses winter time in winter', async () => {
    const allDay = randomUUID();
    const winter = randomUUID();
    await t.database.db
      .insertInto('meetings')
      .values([
        { id: allDay, kind: 'balv', title: 'Buitengewone ALV', date: '2025-11-20' },
        { id: winter, kind: 'balv', title: 'BALV winter', date: '2025-12-03', start_time: '14:00' },
      ])
      .execute();
    const ics = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${id}/calendar.ics` })).body;
    expect(await ics(allDay)).toContain('DTSTART;VALUE=DATE:20251120');
    expect(await ics(allDay)).toContain('DTEND;VALUE=DATE:20251121');
    expect(await ics(winter)).toContain('DTSTART:20251203T130000Z');
    // The night clocks go forward: 03:00 summer time is 01:00 UTC.
    expect(amsterdamInstant('2025-03-30', '03:00').toISOString()).toBe('2025-03-30T01:00:00.000Z');
    expect(amsterdamInstant('2025-03-29', '23:30').toISOString()).toBe('2025-03-29T22:30:00.000Z');
  });
});

describe(`board advice mail (${TEST_DB})`, () => {
  async function motion(memberIds: string[], advice: 'take-over' | 'advise-against' | 'leave-to-meeting' | 'positive' | null, reasoning: string | null) {
    const id = randomUUID();
    await t.database.db
      .insertInto('submissions')
      .values({
        id,
        kind: 'motion',
        meeting_id: meetingId,
        agenda_item_id: jaarrekening,
        title: 'Reserves teruggeven',
        request: 'verzoekt het bestuur …',
        filed_by: 'test',
        board_advice: advice,
        advice_reasoning: reasoning,
      })
      .execute();
    await t.database.db
      .insertInto('submission_members')
      .values(memberIds.map((memberId, position) => ({ submission_id: id, member_id: memberId, position, joined_by: 'test' })))
      .execute();
    return id;
  }

  it("mails the advice to the submitting members' representatives", async () => {
    const id = await motion([members.Utrecht, members.Groningen], 'advise-against', 'De reserves zijn nodig voor de digitale agenda.');
    expect(await notifyBoardAdvice(t.database.db, t.app.config, id)).toBe(3);
    await t.app.mailQueue.drain();
    expect(capture.messages.map((m) => m.to).sort()).toEqual(['burgemeester@utrecht.example', 'secretaris@samen.example', 'wethouder@utrecht.example']);
    const mail = capture.messages.find((m) => m.to === 'secretaris@samen.example')!;
    // The secretary also acts for Vlissingen, which did not submit: the mail is about Groningen only.
    expect(mail.text.split('\n')[0]).toBe('Aan het college en de gemeenteraad van Groningen');
    expect(mail.subject).toBe('Advies van het bestuur op uw motie "Reserves teruggeven"');
    expect(mail.text).toContain('Namens Groningen is voor de ALV van 12 juni 2025 de motie "Reserves teruggeven" ingediend bij agendapunt 2.');
    expect(mail.text).toContain('Het advies van het bestuur luidt: ontraden.');
    expect(mail.text).toContain('De reserves zijn nodig voor de digitale agenda.');
  });

  it('names each kind of advice in Dutch, and sends nothing without advice', async () => {
    const expected = { 'take-over': 'overnemen', 'leave-to-meeting': 'oordeel vergadering', positive: 'positief advies' } as const;
    for (const [advice, dutch] of Object.entries(expected)) {
      capture.messages.length = 0;
      const id = await motion([members.Vlissingen], advice as keyof typeof expected, null);
      expect(await notifyBoardAdvice(t.database.db, t.app.config, id)).toBe(1);
      await t.app.mailQueue.drain();
      expect(capture.messages[0]!.text).toContain(`Het advies van het bestuur luidt: ${dutch}.`);
      expect(capture.messages[0]!.text).not.toContain('Toelichting');
    }
    capture.messages.length = 0;
    expect(await notifyBoardAdvice(t.database.db, t.app.config, await motion([members.Utrecht], null, null))).toBe(0);
    // A refused delivery is queued like any other and ends as bounced, not sent.
    const refused = await motion([members.Middelburg], 'positive', null);
    expect(await notifyBoardAdvice(t.database.db, t.app.config, refused)).toBe(1);
    await t.app.mailQueue.drain();
    expect(capture.messages).toHaveLength(0);
    const bounced = await t.database.db
      .selectFrom('mail_outbox')
      .select(['status', 'last_error'])
      .where('kind', '=', 'board-advice')
      .where('recipient', 'like', '%weigeren%')
      .execute();
    expect(bounced.at(-1)).toMatchObject({ status: 'bounced', last_error: expect.stringContaining('550') });
    await expect(notifyBoardAdvice(t.database.db, t.app.config, randomUUID())).rejects.toMatchObject({ status: 404 });
  });
});
