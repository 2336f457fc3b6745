import type { Kysely } from 'kysely';
import type { Actor } from '../core/audit.js';
import { addDays, today } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { addAgendaItem } from '../agenda/store.js';
import { addAppointment, createMeeting } from '../meetings/store.js';

/** The next BALV, two weeks ahead: proposals, a member letter, proposed committees and a motion deadline. */
export async function seedDemoMeeting(db: Kysely<Database>, actor: Actor): Promise<void> {
  const date = addDays(today(), 14);
  const meeting = await createMeeting(db, actor, {
    kind: 'balv',
    title: 'Buitengewone Algemene Ledenvergadering',
    date,
    startTime: '10:00',
    location: 'Jaarbeurs, Utrecht',
    mode: 'hybrid',
    motionDeadline: `${addDays(date, -7)}T12:00:00+01:00`,
  });
  const items: {
    title: string;
    purpose: 'decision' | 'information' | 'discussion';
    portfolioHolder?: string;
    decisionText?: string;
    summary?: string;
    letter?: string;
  }[] = [
    {
      title: 'Begroting en contributie 2027',
      purpose: 'decision',
      portfolioHolder: 'Penningmeester',
      decisionText: 'De BALV stemt in met de begroting 2027 en stelt de contributie vast op € 1,21 per inwoner.',
      summary: 'De begroting 2027 houdt de contributie per inwoner gelijk aan 2026, met een indexatie van 2,5%.',
      letter:
        'Aan het college en de gemeenteraad,\n\nHierbij ontvangt u de begroting 2027 van de vereniging. Het bestuur stelt voor de contributie per inwoner te indexeren met 2,5%.\n\nMet vriendelijke groet,\nde voorzitter',
    },
    { title: 'Financiële positie gemeenten', purpose: 'discussion', portfolioHolder: 'Voorzitter commissie Financiën' },
    { title: 'Jaarplan 2027', purpose: 'information', summary: 'De speerpunten van de vereniging voor 2027.' },
  ];
  for (const item of items) await addAgendaItem(db, actor, meeting.id, item);
  await addAppointment(db, actor, meeting.id, { function: 'chair', name: 'Jan van den Berg' });
  for (const name of ['Fatima El Amrani', 'Karel Smit', 'Sanne de Wit']) await addAppointment(db, actor, meeting.id, { function: 'counting-committee', name });
  for (const name of ['Marloes Mulder', 'Thijs de Boer', 'Noor Visser']) await addAppointment(db, actor, meeting.id, { function: 'minutes-committee', name });
}
