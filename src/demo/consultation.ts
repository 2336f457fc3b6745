import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import { today } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { audienceOf } from '../consultations/audience.js';
import { addSubmittedResponsesInBulk } from '../consultations/responses.js';
import { addAccountsInBulk } from '../core/auth/accounts.js';
import { addOfficesInBulk } from '../people/offices.js';
import { createConsultation, launchConsultation, publishConsultation, recordOutcome, replaceQuestions } from '../consultations/store.js';
import type { AudienceMember } from '../consultations/results.js';
import type { Answers, Question } from '../consultations/schemas.js';

type Db = Kysely<Database>;
const DAY = 24 * 3_600_000;

/**
 * Two demo consultations: one on the municipal fund, closed and published with an outcome, answered
 * by a realistic spread of members (large cities for, small municipalities against: divergence to
 * see); and a quick one for Zeeland, open now, for the demo representatives of Middelburg and Vlissingen.
 */
export async function seedDemoConsultations(db: Db, actor: Actor, now = new Date()): Promise<void> {
  await seedClosedConsultation(db, actor, now);
  await seedZeelandConsultation(db, actor, now);
}

/** A stable number 0..99 per member and question, so the demo is the same every time. */
function dice(code: string, salt: string): number {
  let hash = 2166136261;
  for (const char of `${salt}:${code}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return (hash >>> 0) % 100;
}

// Larger members answer more often and favour the proposal; small ones fear losing out.
const RESPONDS: Record<string, number> = { gte250k: 100, '100k-250k': 85, '50k-100k': 70, '20k-50k': 55, '10k-20k': 45, lt10k: 40 };
const AGREES: Record<string, number> = { gte250k: 85, '100k-250k': 70, '50k-100k': 55, '20k-50k': 35, '10k-20k': 20, lt10k: 12 };
const PARTIES: [string, boolean][] = [
  ['VVD', false],
  ['CDA', false],
  ['GroenLinks', false],
  ['PvdA', false],
  ['D66', false],
  ['Gemeentebelang', true],
];
const REASONS = [
  'De nieuwe verdeling benadeelt kleine gemeenten met veel kernen.',
  'De ijkpunten voor de sociale opgave zijn nog niet getoetst.',
  'Het overgangsregime is te kort voor een sluitende begroting.',
  'Oppervlakte en voorzieningen in de kernen wegen te licht.',
];

async function seedClosedConsultation(db: Db, actor: Actor, now: Date): Promise<void> {
  const opensAt = new Date(now.getTime() - 30 * DAY);
  const closesAt = new Date(now.getTime() - 23 * DAY);
  const id = await createConsultation(db, actor, {
    title: 'Herverdeling gemeentefonds 2027',
    dossier: 'Financiële verhoudingen',
    owner: 'Commissie Financiën',
    explanation:
      'Het Rijk stelt een nieuwe verdeling van het gemeentefonds voor. De commissie Financiën wil weten of leden het voorstel steunen en welke maatstaf voor hen het zwaarst weegt.\n\n- Nieuwe ijkpunten voor de sociale opgave\n- Een overgangsregime van drie jaar',
    audience: { provinces: [], sizeClasses: [], networks: [], memberClasses: [] },
    responder: { kind: 'office', officeKind: 'alderman', portfolio: 'financiën' },
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    reminderHours: [48],
  });
  const position = randomUUID();
  const questions = await replaceQuestions(db, actor, id, [
    { id: position, kind: 'position', text: 'Steunt uw gemeente het voorstel voor de nieuwe verdeling?' },
    { kind: 'open', text: 'Waarom niet?', required: false, condition: { questionId: position, anyOf: ['disagree'] } },
    {
      kind: 'single',
      text: 'Welke maatstaf weegt voor uw gemeente het zwaarst?',
      options: ['Inwonertal', 'Sociale opgave', 'Kernen en voorzieningen', 'Oppervlakte'],
    },
    { kind: 'scale', text: 'Hoe urgent is een besluit voor uw begroting?', scale: { min: 1, max: 5, minLabel: 'niet urgent', maxLabel: 'zeer urgent' } },
  ]);
  await launchConsultation(db, actor, id, new Date(opensAt.getTime() - DAY));
  const audience = await audienceOf(db, id);
  const responders = audience.filter((m) => dice(m.code, 'responds') < (RESPONDS[m.sizeClass ?? ''] ?? 50));
  const offices = await financeAldermen(db, actor, responders, today('Europe/Amsterdam', opensAt));
  const period = closesAt.getTime() - opensAt.getTime();
  await addSubmittedResponsesInBulk(
    db,
    responders.map((m) => {
      const office = offices.get(m.memberId)!;
      const submittedAt = new Date(opensAt.getTime() + Math.floor((dice(m.code, 'when') / 100) * period));
      return {
        id: randomUUID(),
        consultation_id: id,
        member_id: m.memberId,
        person_id: office.personId,
        office_id: office.officeId,
        party: office.party,
        party_is_local: office.partyIsLocal,
        answers: JSON.stringify(answersOf(m, questions)),
        submitted_at: submittedAt,
        updated_at: submittedAt,
      };
    }),
  );
  await recordAudit(db, actor, { action: 'consultation.demo-responses', entityType: 'consultation', entityId: id, data: { responses: responders.length } });
  await recordOutcome(
    db,
    actor,
    id,
    {
      kind: 'differentiated',
      text: 'De grote steden steunen het voorstel, kleine gemeenten vrezen nadeel. De vereniging steunt de nieuwe ijkpunten, maar vraagt een overgangsregime van vijf jaar en een aparte maatstaf voor kernen.',
    },
    new Date(closesAt.getTime() + 3 * DAY),
  );
  await publishConsultation(db, actor, id, new Date(closesAt.getTime() + 4 * DAY));
}

function answersOf(member: AudienceMember, questions: readonly Question[]): Answers {
  const [position, why, measure, urgency] = questions as [Question, Question, Question, Question];
  const roll = dice(member.code, 'position');
  const agreeShare = AGREES[member.sizeClass ?? ''] ?? 40;
  const choice = roll < agreeShare ? 'agree' : roll < agreeShare + 8 ? 'abstain' : 'disagree';
  const large = (member.population ?? 0) >= 100_000;
  const measureRoll = dice(member.code, 'measure');
  const answers: Answers = {
    [position.id]: { choice },
    [measure.id]: {
      choice: large
        ? measureRoll < 60
          ? 'Sociale opgave'
          : 'Inwonertal'
        : measureRoll < 55
          ? 'Kernen en voorzieningen'
          : measureRoll < 80
            ? 'Oppervlakte'
            : 'Sociale opgave',
    },
    [urgency.id]: { value: 1 + (dice(member.code, 'urgency') % 5) },
  };
  if (choice === 'disagree' && dice(member.code, 'why') < 60) answers[why.id] = { text: REASONS[dice(member.code, 'reason') % REASONS.length]! };
  return answers;
}

/**
 * Each responding member answers through its alderman for finance. The demo has few accounts, so
 * the others are added here in bulk (no password: they cannot sign in), which keeps the seed fast.
 */
async function financeAldermen(db: Db, actor: Actor, members: readonly AudienceMember[], since: string) {
  const people = members.map((m) => {
    const [party, partyIsLocal] = PARTIES[dice(m.code, 'party') % PARTIES.length]!;
    return {
      memberId: m.memberId,
      personId: randomUUID(),
      officeId: randomUUID(),
      name: `Wethouder Financiën ${m.name}`,
      email: `financien.${m.code.toLowerCase()}@verenigd.demo`,
      party,
      partyIsLocal,
    };
  });
  if (!people.length) return new Map<string, (typeof people)[number]>();
  await addAccountsInBulk(
    db,
    people.map((p) => ({ id: p.personId, email: p.email, name: p.name })),
  );
  await addOfficesInBulk(
    db,
    people.map((p) => ({
      id: p.officeId,
      person_id: p.personId,
      member_id: p.memberId,
      kind: 'alderman',
      party: p.party,
      party_is_local: p.partyIsLocal,
      portfolio: 'financiën',
      start_date: since,
      end_date: null,
    })),
  );
  await recordAudit(db, actor, {
    action: 'office.demo-created',
    entityType: 'office',
    data: { count: people.length, kind: 'alderman', portfolio: 'financiën' },
  });
  return new Map(people.map((p) => [p.memberId, p]));
}

async function seedZeelandConsultation(db: Db, actor: Actor, now: Date): Promise<void> {
  const id = await createConsultation(db, actor, {
    title: 'Snelle peiling: Zeeuwse inzet voor de Kustvisie',
    dossier: 'Klimaat en water',
    owner: 'Bureau VNG',
    explanation: 'Het bestuur spreekt morgen met het Rijk over de Kustvisie. Wij horen graag vóór de sluitingstijd hoe de Zeeuwse gemeenten erin staan.',
    audience: { provinces: ['Zeeland'], sizeClasses: [], networks: [], memberClasses: [] },
    responder: { kind: 'designated' },
    opensAt: new Date(now.getTime() - 3_600_000).toISOString(),
    // Open for two days, so the demo stays answerable a while after it is seeded.
    closesAt: new Date(now.getTime() + 2 * DAY).toISOString(),
    reminderHours: [2],
  });
  const position = randomUUID();
  await replaceQuestions(db, actor, id, [
    { id: position, kind: 'position', text: 'Steunt u de inzet van het bestuur: eerst zandsuppletie, dan pas dijkversterking?' },
    { kind: 'open', text: 'Wat zou u anders doen?', condition: { questionId: position, anyOf: ['disagree'] } },
    { kind: 'ranking', text: 'Zet deze onderwerpen in volgorde van belang', options: ['Veiligheid', 'Toerisme', 'Natuur', 'Landbouw'] },
    { kind: 'multiple', text: 'Welke partners moeten aan tafel?', options: ['Waterschap', 'Provincie', 'Rijkswaterstaat', 'Recreatiesector'], required: false },
    {
      kind: 'scale',
      text: 'Hoe tevreden bent u over de samenwerking met het Rijk?',
      scale: { min: 1, max: 5, minLabel: 'ontevreden', maxLabel: 'tevreden' },
      required: false,
    },
  ]);
  await launchConsultation(db, actor, id, now);
  // A running app invites by e-mail at its first scheduler round; the demo itself sends nothing.
}
