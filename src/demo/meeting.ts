import type { Kysely } from 'kysely';
import type { Actor } from '../core/audit.js';
import { addDays, today } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { addAgendaItem, numberedItems } from '../agenda/store.js';
import { createPaper } from '../agenda/papers.js';
import { addAppointment, createMeeting } from '../meetings/store.js';
import { memberStatesAsOf } from '../members/store.js';
import { minutesOf } from '../minutes/minutes.js';
import { minutesPdf } from '../minutes/pdf.js';
import { file, recordAdvice } from '../motions/store.js';
import { demoActor, seedFinishedMeeting, type DemoActor } from './finished-meeting.js';

type Db = Kysely<Database>;

/** The last general meeting, held and minuted, and the next BALV, which approves its minutes. */
export async function seedDemoMeetings(db: Db, options: { finished: boolean }): Promise<void> {
  const staff = await demoActor(db, 'medewerker@verenigd.demo', ['staff']);
  const finished = options.finished ? await seedFinishedMeeting(db, staff) : null;
  await seedComingMeeting(db, staff, finished);
}

const pdfOf = async (title: string, markdown: string) => ({
  fileName: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`,
  mediaType: 'application/pdf',
  content: await minutesPdf(markdown, title, title),
});

/**
 * The next BALV, two weeks ahead: the previous meeting's minutes to approve (with the minutes as a
 * paper), proposals with papers, a member letter, proposed committees, a motion deadline a week
 * before, motions with the board's advice and an amendment to the budget.
 */
async function seedComingMeeting(db: Db, staff: DemoActor, previousId: string | null): Promise<void> {
  const actor: Actor = staff.actor;
  const uploader = { actor, name: staff.name };
  const date = addDays(today(), 14);
  const meeting = await createMeeting(db, actor, {
    kind: 'balv',
    title: 'Buitengewone Algemene Ledenvergadering',
    date,
    startTime: '10:00',
    location: 'Jaarbeurs, Utrecht',
    mode: 'hybrid',
    // Filing stays open until a week before; a demo seeded today leaves a week to file.
    motionDeadline: `${addDays(date, -7)}T12:00:00+01:00`,
  });
  const budget = await addAgendaItem(db, actor, meeting.id, {
    title: 'Begroting en contributie 2027',
    purpose: 'decision',
    portfolioHolder: 'Penningmeester',
    decisionText: 'De BALV stemt in met de begroting 2027 en stelt de contributie vast op € 1,21 per inwoner.',
    summary: 'De begroting 2027 houdt de contributie per inwoner gelijk aan 2026, met een indexatie van 2,5%.',
    letter:
      'Aan het college en de gemeenteraad,\n\nHierbij ontvangt u de begroting 2027 van de vereniging. Het bestuur stelt voor de contributie per inwoner te indexeren met 2,5%.\n\nMet vriendelijke groet,\nde voorzitter',
  });
  const finances = await addAgendaItem(db, actor, meeting.id, {
    title: 'Financiële positie gemeenten',
    purpose: 'discussion',
    portfolioHolder: 'Voorzitter commissie Financiën',
  });
  const plan = await addAgendaItem(db, actor, meeting.id, {
    title: 'Jaarplan 2027',
    purpose: 'information',
    summary: 'De speerpunten van de vereniging voor 2027.',
  });
  await addAppointment(db, actor, meeting.id, { function: 'chair', name: 'Jan van den Berg' });
  for (const name of ['Fatima El Amrani', 'Karel Smit', 'Sanne de Wit']) await addAppointment(db, actor, meeting.id, { function: 'counting-committee', name });
  for (const name of ['Marloes Mulder', 'Thijs de Boer', 'Noor Visser']) await addAppointment(db, actor, meeting.id, { function: 'minutes-committee', name });

  // Papers: the minutes to approve, the budget, the annual plan.
  if (previousId) {
    const minutes = await minutesOf(db, previousId, staff.subject);
    const previousItem = (await numberedItems(db, meeting.id)).find((i) => i.kind === 'previous-minutes' && i.approves_meeting_id === previousId);
    if (!previousItem) throw new Error('demo: the BALV does not approve the minutes of the previous meeting');
    await createPaper(db, uploader, previousItem.id, {
      title: 'Notulen van de vorige vergadering',
      public: true,
      file: { ...(await pdfOf('Notulen', minutes.current.body)), fileName: 'notulen-vorige-vergadering.pdf' },
    });
  }
  await createPaper(db, uploader, budget, {
    title: 'Begroting 2027',
    public: true,
    file: await pdfOf(
      'Begroting 2027',
      '# Begroting 2027\n\n## Uitgangspunten\n\n- Contributie € 1,21 per inwoner (2026: € 1,18), een indexatie van 2,5%\n- Een sluitende begroting zonder onttrekking aan de reserve\n\n## Lasten\n\n- Belangenbehartiging: € 38,2 miljoen\n- Dienstverlening aan leden: € 21,7 miljoen\n- Bedrijfsvoering: € 12,4 miljoen',
    ),
  });
  await createPaper(db, uploader, plan, {
    title: 'Jaarplan 2027',
    public: true,
    file: await pdfOf(
      'Jaarplan 2027',
      '# Jaarplan 2027\n\n- Financiële verhoudingen: een ruimer belastinggebied\n- Wonen: 100.000 woningen per jaar\n- Sociaal domein: de Hervormingsagenda Jeugd uitvoeren',
    ),
  });

  // Filed before the deadline by the demo representatives, with the board's advice.
  const members = new Map((await memberStatesAsOf(db, date)).map((m) => [m.code, m.id]));
  const utrecht = await demoActor(db, 'burgemeester.utrecht@verenigd.demo', ['representative']);
  const middelburg = await demoActor(db, 'burgemeester.middelburg@verenigd.demo', ['representative']);
  const groningen = await demoActor(db, 'wethouder.groningen@verenigd.demo', ['representative']);
  const reserve = await file(db, utrecht, {
    kind: 'motion',
    meetingId: meeting.id,
    agendaItemId: finances,
    title: 'Ravijnjaar 2026',
    memberIds: [members.get('GM0344')!],
    onBehalfOf: 'de G4',
    considerations: 'Het gemeentefonds daalt vanaf 2026 terwijl de taken groeien; gemeenten kunnen geen sluitende meerjarenbegroting maken.',
    request: 'Verzoekt het bestuur met het nieuwe kabinet afspraken te maken over een structureel toereikend gemeentefonds.',
  });
  await recordAdvice(db, actor, 'motion', reserve, 'take-over', 'Het bestuur neemt de motie over: zij sluit aan bij de inzet van de vereniging.');
  const islands = await file(db, middelburg, {
    kind: 'motion',
    meetingId: meeting.id,
    agendaItemId: finances,
    title: 'Maatstaf voor kernen en voorzieningen',
    memberIds: [members.get('GM0687')!],
    request: 'Verzoekt het bestuur bij de herverdeling van het gemeentefonds een aparte maatstaf voor kernen en voorzieningen te bepleiten.',
  });
  await recordAdvice(db, actor, 'motion', islands, 'leave-to-meeting', 'Het bestuur laat het oordeel over deze motie aan de vergadering.');
  const amendment = await file(db, groningen, {
    kind: 'amendment',
    meetingId: meeting.id,
    agendaItemId: budget,
    title: 'Contributie gelijk aan 2026',
    memberIds: [members.get('GM0014')!],
    proposedText: 'De BALV stemt in met de begroting 2027 en stelt de contributie vast op € 1,18 per inwoner.',
    explanation: 'Gemeenten staan er financieel slecht voor; de vereniging kan de indexatie opvangen uit haar reserve.',
  });
  await recordAdvice(db, actor, 'amendment', amendment, 'advise-against', 'Zonder indexatie is de begroting niet sluitend.');
}
