import { buildKernel, serveWebApp, type App, type KernelOptions } from './core/http/app.js';
import { sessionRoutes } from './core/auth/routes.js';
import { oidcRoutes } from './core/auth/oidc-routes.js';
import { auditRoutes } from './core/audit-routes.js';
import { backupRoutes } from './core/backup-routes.js';
import { profileRoutes } from './profile/routes.js';
import { memberRoutes } from './members/routes.js';
import { importRoutes } from './imports/routes.js';
import { peopleRoutes } from './people/routes.js';
import { peopleImportRoutes } from './people/import-routes.js';
import { memberAdministratorRoutes } from './people/administrator-routes.js';
import { memberAdministrator, representative } from './people/representation.js';
import { onMandateEnded } from './people/mandate-ended.js';
import { endLapsedCheckIns } from './meetings/mandate-ends.js';
import { meetingRoutes } from './meetings/routes.js';
import { agendaRoutes } from './agenda/routes.js';
import { paperRoutes } from './agenda/paper-routes.js';
import { motionRoutes } from './motions/routes.js';
import { courseRoutes } from './course/routes.js';
import { meetingEventRoutes } from './course/event-routes.js';
import { minutesRoutes } from './minutes/routes.js';
import { convocationRoutes } from './meetings/convocation-routes.js';
import { pollRoutes, wellKnownRoutes } from './voting/routes.js';
import { pollEventRoutes } from './voting/event-routes.js';
import { consultationRoutes } from './consultations/routes.js';
import { powerRoutes } from './power/routes.js';
import { setupRoutes } from './setup/routes.js';
import { onDecisionRecorded } from './course/decision-recorded.js';
import { followUpDecision } from './follow-up/store.js';
import { followUpRoutes } from './follow-up/routes.js';
import { topicRoutes } from './topics/routes.js';

/**
 * The composition root: the kernel (src/core) with every feature's routes, and the hooks by which
 * features hear of each other without importing each other. Nothing below src/ builds the app.
 */

export type { App } from './core/http/app.js';

export interface AppOptions extends Omit<KernelOptions, 'derivedRoles' | 'apiTags'> {
  /** Folder with the built web app; served when present. */
  webRoot?: string;
}

const API_TAGS = [
  { name: 'health', description: 'Liveness and readiness' },
  { name: 'session', description: 'Sign-in sessions (cookie with CSRF token)' },
  { name: 'profile', description: 'The association profile: statutes as configuration' },
  { name: 'setup', description: 'The first-run path of a fresh installation: an administrator, a profile from a template, members' },
  { name: 'members', description: 'The member register with vote weights and history' },
  { name: 'reorganisations', description: 'Herindelingen: mergers, renames, splits, joins and leaves' },
  { name: 'imports', description: 'Population imports in the CBS layout' },
  { name: 'people', description: 'People, their offices and roles, designations and invitations' },
  { name: 'meetings', description: "General meetings, check-ins (who holds a member's vote) and proxies" },
  { name: 'audit', description: 'The audit trail of security- and decision-relevant events' },
  { name: 'agenda', description: 'Agenda items with their papers and member letters' },
  { name: 'motions', description: 'Motions and amendments with board advice' },
  { name: 'course', description: "The meeting's course, run by the chair: items, speakers, decisions" },
  { name: 'minutes', description: 'Minutes and decision lists' },
  { name: 'polls', description: 'Live weighted voting: polls, ballots, results and their verification' },
  { name: 'power', description: 'Voting power (Banzhaf, Shapley–Shubik) of the register, of a draft vote-weight rule and of a held vote' },
  { name: 'follow-up', description: 'Follow-up of adopted motions, decisions and commitments: owner, due date, status, progress, the "stand van zaken"' },
  { name: 'topics', description: "Members' own agenda items: proposed, supported by other members, triaged by the staff" },
  { name: 'consultations', description: 'Member consultations (ledenraadplegingen): questions, responses per member, results by segment, outcome' },
];

/**
 * Wires features to each other's events: when people's mandates end, meetings end their check-ins
 * and proxies; when a motion is adopted, follow-up starts tracking it.
 */
export function composeFeatures(): void {
  onMandateEnded(endLapsedCheckIns);
  onDecisionRecorded(followUpDecision);
}

export async function buildApp(options: AppOptions): Promise<App> {
  composeFeatures();
  const { webRoot, ...kernel } = options;
  const app = await buildKernel({ ...kernel, derivedRoles: [representative, memberAdministrator], apiTags: API_TAGS });
  await app.register(sessionRoutes, { prefix: '/api/v1' });
  await app.register(profileRoutes, { prefix: '/api/v1' });
  await app.register(setupRoutes, { prefix: '/api/v1' });
  await app.register(memberRoutes, { prefix: '/api/v1' });
  await app.register(importRoutes, { prefix: '/api/v1' });
  await app.register(oidcRoutes, { prefix: '/api/v1' });
  await app.register(peopleRoutes, { prefix: '/api/v1' });
  await app.register(peopleImportRoutes, { prefix: '/api/v1' });
  await app.register(memberAdministratorRoutes, { prefix: '/api/v1' });
  await app.register(meetingRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(backupRoutes, { prefix: '/api/v1' });
  await app.register(agendaRoutes, { prefix: '/api/v1' });
  await app.register(paperRoutes, { prefix: '/api/v1' });
  await app.register(motionRoutes, { prefix: '/api/v1' });
  await app.register(courseRoutes, { prefix: '/api/v1' });
  await app.register(minutesRoutes, { prefix: '/api/v1' });
  await app.register(convocationRoutes, { prefix: '/api/v1' });
  await app.register(pollRoutes, { prefix: '/api/v1' });
  await app.register(wellKnownRoutes);
  await app.register(pollEventRoutes, { prefix: '/api/v1' });
  await app.register(meetingEventRoutes, { prefix: '/api/v1' });
  await app.register(consultationRoutes, { prefix: '/api/v1' });
  await app.register(powerRoutes, { prefix: '/api/v1' });
  await app.register(followUpRoutes, { prefix: '/api/v1' });
  await app.register(topicRoutes, { prefix: '/api/v1' });
  await serveWebApp(app, webRoot);
  return app;
}
