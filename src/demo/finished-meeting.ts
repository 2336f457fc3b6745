import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../core/audit.js';
import { addAccountsInBulk } from '../core/auth/accounts.js';
import type { Role } from '../core/auth/roles.js';
import { addDays, today } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { addAgendaItem, deleteAgendaItem, numberedItems } from '../agenda/store.js';
import { closeMeeting, openMeeting, setCurrentItem } from '../course/course.js';
import { recordDecisions } from '../course/decisions.js';
import { addSpeaker } from '../course/speakers.js';
import { checkIn } from '../meetings/attendance.js';
import type { NewDecision } from '../meetings/schemas.js';
import { addAppointment, createMeeting } from '../meetings/store.js';
import { memberStatesAsOf } from '../members/store.js';
import { addMinutesVersion, draftMinutes, markFaithful } from '../minutes/minutes.js';
import { file, recordAdvice } from '../motions/store.js';
import { addDesignation } from '../people/designations.js';
import { addOfficesInBulk } from '../people/offices.js';
import { castBallot } from '../voting/ballots.js';
import { closePoll, openPoll } from '../voting/store.js';

type Db = Kysely<Database>;

/** A person of the demo, acting as the API would have them act. */
export interface DemoActor {
  id: string;
  name: string;
  actor: Actor;
  subject: { id: string; roles: Role[] };
}

export async function demoActor(db: Db, email: string, roles: DemoActor['subject']['roles']): Promise<DemoActor> {
  const person = await db.selectFrom('people').select(['id', 'name', 'email']).where('email', '=', email).executeTakeFirstOrThrow();
  return { id: person.id, name: person.name, actor: { id: person.id, label: `${person.name} <${person.email}>` }, subject: { id: person.id, roles } };
}

/** A stable number 0..99 per member and poll, so the demo's results are the same every time. */
function dice(code: string, salt: string): number {
  let hash = 2166136261;
  for (const char of `${salt}:${code}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return (hash >>> 0) % 100;
}

// The members whose demo representatives sign in; the hall's other members get a mayor without an account password.
const SIGNING_IN: Record<string, string> = {
  GM0344: 'burgemeester.utrecht@verenigd.demo',
  GM0687: 'burgemeester.middelburg@verenigd.demo',
  GM0718: 'griffier.vlissingen@verenigd.demo',
  GM0014: 'wethouder.groningen@verenigd.demo',
};
const HALL_SIZE = 40;

interface InHall {
  code: string;
  memberId: string;
  voter: DemoActor;
}

/**
 * The designated mayors of the hall's other members (the largest outside Zeeland, whose consultation
 * the demo representatives answer): accounts without a password, so nobody signs in as them.
 */
async function hallMayors(db: Db, actor: Actor, date: string): Promise<InHall[]> {
  const members = (await memberStatesAsOf(db, date))
    .filter((m) => m.province !== 'Zeeland' && !SIGNING_IN[m.code])
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
    .slice(0, HALL_SIZE - Object.keys(SIGNING_IN).length);
  const mayors = members.map((m) => ({ member: m, personId: randomUUID(), officeId: randomUUID(), name: `Burgemeester van ${m.name}` }));
  await addAccountsInBulk(
    db,
    mayors.map((p) => ({ id: p.personId, email: `burgemeester.${p.member.code.toLowerCase()}@verenigd.demo`, name: p.name })),
  );
  const since = '2020-01-01';
  await addOfficesInBulk(
    db,
    mayors.map((p) => ({
      id: p.officeId,
      person_id: p.personId,
      member_id: p.member.id,
      kind: 'mayor',
      party: null,
      party_is_local: false,
      portfolio: null,
      start_date: since,
      end_date: null,
    })),
  );
  for (const p of mayors) await addDesignation(db, actor, { officeId: p.officeId, startDate: since });
  return mayors.map((p) => ({
    code: p.member.code,
    memberId: p.member.id,
    voter: {
      id: p.personId,
      name: p.name,
      actor: { id: p.personId, label: `${p.name} <burgemeester.${p.member.code.toLowerCase()}@verenigd.demo>` },
      subject: { id: p.personId, roles: ['representative'] },
    },
  }));
}

/** How each member votes on a poll: a share for, a share against, the rest abstains. */
type Leaning = { salt: string; for: number; against: number };

/**
 * The last general meeting, six weeks ago, held in full through the product: committees appointed,
 * the annual accounts adopted by a weighted vote, a motion on youth care with the board's advice
 * adopted by vote, an amendment-free resolution rejected, the meeting closed, its minutes drafted from
 * the course and found faithful by the minutes committee, to be approved at the coming BALV.
 */
export async function seedFinishedMeeting(db: Db, staff: DemoActor): Promise<string> {
  const date = addDays(today(), -42);
  const chair = await demoActor(db, 'voorzitter@verenigd.demo', ['chair']);
  const griffier = await demoActor(db, 'griffier.vlissingen@verenigd.demo', ['representative']);
  const groningen = await demoActor(db, 'wethouder.groningen@verenigd.demo', ['representative']);

  const meeting = await createMeeting(db, staff.actor, {
    kind: 'alv',
    title: 'Algemene Ledenvergadering',
    date,
    startTime: '10:00',
    location: 'Beatrix Theater, Utrecht',
    mode: 'hybrid',
  });
  // The first meeting in the product has no earlier minutes to approve.
  const template = await numberedItems(db, meeting.id);
  const previous = template.find((i) => i.kind === 'previous-minutes');
  if (previous) await deleteAgendaItem(db, staff.actor, previous.id);
  const accounts = await addAgendaItem(db, staff.actor, meeting.id, {
    title: 'Jaarrekening en jaarverslag 2025',
    purpose: 'decision',
    portfolioHolder: 'Penningmeester',
    decisionText: 'De ALV stelt de jaarrekening 2025 vast en verleent het bestuur décharge voor het gevoerde beleid.',
    summary: 'De jaarrekening sluit met een positief resultaat van € 1,4 miljoen, dat aan de algemene reserve wordt toegevoegd.',
  });
  const youth = await addAgendaItem(db, staff.actor, meeting.id, {
    title: 'Sociaal domein: jeugdzorg',
    purpose: 'discussion',
    portfolioHolder: 'Voorzitter commissie Zorg, Jeugd en Onderwijs',
    summary: 'Bespreking van de tekorten op de jeugdzorg na de Hervormingsagenda.',
  });
  const resolution = await addAgendaItem(db, staff.actor, meeting.id, {
    title: 'Resolutie ‘Verhoging contributie voor een landelijk kennisfonds’',
    purpose: 'decision',
    portfolioHolder: 'Voorzitter',
    decisionText: 'De ALV besluit de contributie met € 0,05 per inwoner te verhogen voor een landelijk kennisfonds.',
  });
  await addAppointment(db, staff.actor, meeting.id, { function: 'chair', name: chair.name });
  for (const name of ['Fatima El Amrani', 'Karel Smit', 'Sanne de Wit'])
    await addAppointment(db, staff.actor, meeting.id, { function: 'counting-committee', name });
  await addAppointment(db, staff.actor, meeting.id, { function: 'minutes-committee', name: griffier.name, personId: griffier.id });
  for (const name of ['Thijs de Boer', 'Noor Visser']) await addAppointment(db, staff.actor, meeting.id, { function: 'minutes-committee', name });

  // Before the meeting: Groningen files a motion on youth care; the board leaves it to the meeting.
  const members = new Map((await memberStatesAsOf(db, date)).map((m) => [m.code, m.id]));
  const motion = await file(db, groningen, {
    kind: 'motion',
    meetingId: meeting.id,
    agendaItemId: youth,
    title: 'Structurele financiering jeugdzorg',
    memberIds: [members.get('GM0014')!],
    considerations: 'Gemeenten lopen bij de jeugdzorg structureel tekorten op; de Hervormingsagenda dekt die niet.',
    request: 'Verzoekt het bestuur bij het Rijk aan te dringen op structurele compensatie vóór de volgende begroting.',
  });
  await recordAdvice(db, staff.actor, 'motion', motion, 'leave-to-meeting', 'Het bestuur deelt de zorg en laat het oordeel aan de vergadering.');

  // The meeting: committees, then the hall checks in.
  const items = new Map((await numberedItems(db, meeting.id)).map((i) => [i.kind, i.id]));
  await openMeeting(db, chair.actor, meeting.id);
  const decide = async (id: string, outcome: NewDecision['outcome'], method: NewDecision['method']) => {
    await setCurrentItem(db, chair.actor, meeting.id, id);
    await recordDecisions(db, chair.actor, meeting.id, { subjects: [{ type: 'agenda-item', id }], outcome, method });
  };
  await decide(items.get('opening')!, 'done', 'none');
  await decide(items.get('appointments')!, 'appointed', 'acclamation');

  const hall: InHall[] = [];
  for (const [code, email] of Object.entries(SIGNING_IN))
    hall.push({ code, memberId: members.get(code)!, voter: await demoActor(db, email, ['representative']) });
  hall.push(...(await hallMayors(db, staff.actor, date)));
  for (const h of hall) await checkIn(db, { actor: h.voter.actor, subject: h.voter.subject, name: h.voter.name }, meeting.id, { memberId: h.memberId });

  const vote = async (subject: { type: 'agenda-item' | 'submission'; id: string }, leaning: Leaning) => {
    const pollId = await openPoll(db, chair.actor, { meetingId: meeting.id, subject });
    for (const h of hall) {
      const roll = dice(h.code, leaning.salt);
      const option = roll < leaning.for ? 'for' : roll < leaning.for + leaning.against ? 'against' : 'abstain';
      await castBallot(db, { actor: h.voter.actor, subject: h.voter.subject }, pollId, { memberId: h.memberId, option, clientBallotId: randomUUID() });
    }
    await closePoll(db, chair.actor, pollId);
  };

  await setCurrentItem(db, chair.actor, meeting.id, accounts);
  await addSpeaker(db, chair.actor, accounts, { round: 1, name: 'Els Bakker', memberId: members.get('GM0344') });
  await vote({ type: 'agenda-item', id: accounts }, { salt: 'accounts', for: 92, against: 3 });

  await setCurrentItem(db, chair.actor, meeting.id, youth);
  await addSpeaker(db, chair.actor, youth, { round: 1, name: groningen.name, memberId: members.get('GM0014') });
  await addSpeaker(db, chair.actor, youth, { round: 1, name: 'Karel Smit', memberId: members.get('GM0687') });
  await vote({ type: 'submission', id: motion }, { salt: 'youth', for: 71, against: 22 });
  await decide(youth, 'discussed', 'none');

  await setCurrentItem(db, chair.actor, meeting.id, resolution);
  await vote({ type: 'agenda-item', id: resolution }, { salt: 'fund', for: 31, against: 60 });

  await decide(items.get('any-other-business')!, 'done', 'none');
  await decide(items.get('closing')!, 'done', 'none');
  await closeMeeting(db, chair.actor, meeting.id);

  // The minutes, drafted from the course and found faithful by the minutes committee.
  const body = await draftMinutes(db, meeting.id);
  await addMinutesVersion(db, staff.actor, meeting.id, body, 'Concept uit het verloop van de vergadering');
  await markFaithful(db, griffier.actor, { ...griffier.subject, name: griffier.name }, meeting.id);
  return meeting.id;
}
