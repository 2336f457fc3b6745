import { type ComponentType, lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider } from './i18n';
import { LoginPage } from './session/LoginPage';
import { SessionProvider } from './session/SessionContext';
import { HomePage, NotFoundPage } from './shell/HomePage';
import { Layout } from './shell/Layout';
import { ProfileProvider } from './shell/ProfileContext';
import { QueryProvider } from './shell/QueryProvider';
import { BallotPage } from './voting/BallotPage';

/** Each area's pages load when first visited (code split per area); the ballot and home stay in the first load. */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((module) => ({ default: module[name] })));
const AccountPage = page(() => import('./account/AccountPage'), 'AccountPage');
const AuditPage = page(() => import('./audit/AuditPage'), 'AuditPage');
const EditConsultationPage = page(() => import('./consultations/BuilderPage'), 'EditConsultationPage');
const NewConsultationPage = page(() => import('./consultations/BuilderPage'), 'NewConsultationPage');
const ConsultationPage = page(() => import('./consultations/ConsultationPage'), 'ConsultationPage');
const ConsultationsPage = page(() => import('./consultations/ConsultationsPage'), 'ConsultationsPage');
const ConsultationResultsPage = page(() => import('./consultations/ResultsPage'), 'ResultsPage');
const ImportPage = page(() => import('./imports/ImportPage'), 'ImportPage');
const DoorPage = page(() => import('./meetings/Attendance'), 'DoorPage');
const ChairPage = page(() => import('./meetings/ChairPage'), 'ChairPage');
const DecisionsPage = page(() => import('./meetings/DecisionsPage'), 'DecisionsPage');
const MeetingPage = page(() => import('./meetings/MeetingPage'), 'MeetingPage');
const MeetingsPage = page(() => import('./meetings/MeetingsPage'), 'MeetingsPage');
const MinutesPage = page(() => import('./meetings/MinutesPage'), 'MinutesPage');
const PreparePage = page(() => import('./meetings/PreparePage'), 'PreparePage');
const MemberPage = page(() => import('./members/MemberPage'), 'MemberPage');
const MembersPage = page(() => import('./members/MembersPage'), 'MembersPage');
const ReorganisationsPage = page(() => import('./members/ReorganisationsPage'), 'ReorganisationsPage');
const InvitePage = page(() => import('./people/InvitePage'), 'InvitePage');
const InvitationsPage = page(() => import('./people/InvitationsPage'), 'InvitationsPage');
const PeoplePage = page(() => import('./people/PeoplePage'), 'PeoplePage');
const PeopleImportPage = page(() => import('./people/PeopleImportPage'), 'PeopleImportPage');
const MemberAdminPage = page(() => import('./people/MemberAdminPage'), 'MemberAdminPage');
const PersonPage = page(() => import('./people/PersonPage'), 'PersonPage');
const ProfilePage = page(() => import('./profile/ProfilePage'), 'ProfilePage');
const SetupPage = page(() => import('./setup/SetupPage'), 'SetupPage');
const PowerPage = page(() => import('./power/PowerPage'), 'PowerPage');
const HallWhatIfPage = page(() => import('./power/HallWhatIfPage'), 'HallWhatIfPage');
const ForgotPasswordPage = page(() => import('./session/ForgotPasswordPage'), 'ForgotPasswordPage');
const SetPasswordPage = page(() => import('./session/SetPasswordPage'), 'SetPasswordPage');
const FollowUpsPage = page(() => import('./follow-up/FollowUpsPage'), 'FollowUpsPage');
const MeetingFollowUpsPage = page(() => import('./follow-up/FollowUpsPage'), 'MeetingFollowUpsPage');
const FollowUpPage = page(() => import('./follow-up/FollowUpPage'), 'FollowUpPage');
const TopicsPage = page(() => import('./topics/TopicsPage'), 'TopicsPage');
const ProjectorPage = page(() => import('./voting/ProjectorPage'), 'ProjectorPage');
const ResultPage = page(() => import('./voting/ResultPage'), 'ResultPage');

/** The routes, in Dutch like the rest of the UI. */
export const ROUTES = {
  home: '/',
  members: '/leden',
  member: '/leden/:id',
  reorganisations: '/herindelingen',
  meetings: '/vergaderingen',
  meeting: '/vergaderingen/:id',
  meetingPrepare: '/vergaderingen/:id/voorbereiden',
  meetingChair: '/vergaderingen/:id/voorzitter',
  meetingDecisions: '/vergaderingen/:id/besluiten',
  meetingMinutes: '/vergaderingen/:id/notulen',
  meetingDoor: '/vergaderingen/:id/presentie',
  meetingFollowUp: '/vergaderingen/:id/opvolging',
  followUps: '/opvolging',
  followUp: '/opvolging/:id',
  topics: '/onderwerpen',
  meetingScreen: '/vergaderingen/:id/scherm',
  ballot: '/stemmen/:pollId',
  poll: '/stemmingen/:pollId',
  consultations: '/raadplegingen',
  consultationNew: '/raadplegingen/nieuw',
  consultation: '/raadplegingen/:id',
  consultationEdit: '/raadplegingen/:id/bewerken',
  consultationResults: '/raadplegingen/:id/resultaten',
  profile: '/profiel',
  setup: '/inrichten',
  import: '/beheer/import',
  people: '/beheer/personen',
  person: '/beheer/personen/:id',
  peopleImport: '/beheer/personen/import',
  myMember: '/mijn-lid',
  invite: '/beheer/uitnodigen',
  invitations: '/beheer/uitnodigingen',
  audit: '/beheer/audit',
  login: '/inloggen',
  forgotPassword: '/wachtwoord-vergeten',
  setPassword: '/wachtwoord',
  account: '/mijn-profiel',
  power: '/stemmacht',
  pollWhatIf: '/stemmingen/:pollId/wat-als',
} as const;

export function App() {
  return (
    <I18nProvider>
      <QueryProvider>
        <SessionProvider>
          <ProfileProvider>
            <BrowserRouter>
              <Routes>
                <Route element={<Layout />}>
                  <Route index element={<HomePage />} />
                  <Route path={ROUTES.members} element={<MembersPage />} />
                  <Route path={ROUTES.member} element={<MemberPage />} />
                  <Route path={ROUTES.reorganisations} element={<ReorganisationsPage />} />
                  <Route path={ROUTES.meetings} element={<MeetingsPage />} />
                  <Route path={ROUTES.meeting} element={<MeetingPage />} />
                  <Route path={ROUTES.meetingPrepare} element={<PreparePage />} />
                  <Route path={ROUTES.meetingChair} element={<ChairPage />} />
                  <Route path={ROUTES.meetingDecisions} element={<DecisionsPage />} />
                  <Route path={ROUTES.meetingMinutes} element={<MinutesPage />} />
                  <Route path={ROUTES.meetingDoor} element={<DoorPage />} />
                  <Route path={ROUTES.meetingFollowUp} element={<MeetingFollowUpsPage />} />
                  <Route path={ROUTES.followUps} element={<FollowUpsPage />} />
                  <Route path={ROUTES.followUp} element={<FollowUpPage />} />
                  <Route path={ROUTES.topics} element={<TopicsPage />} />
                  <Route path={ROUTES.ballot} element={<BallotPage />} />
                  <Route path={ROUTES.poll} element={<ResultPage />} />
                  <Route path={ROUTES.consultations} element={<ConsultationsPage />} />
                  <Route path={ROUTES.consultationNew} element={<NewConsultationPage />} />
                  <Route path={ROUTES.consultation} element={<ConsultationPage />} />
                  <Route path={ROUTES.consultationEdit} element={<EditConsultationPage />} />
                  <Route path={ROUTES.consultationResults} element={<ConsultationResultsPage />} />
                  <Route path={ROUTES.profile} element={<ProfilePage />} />
                  <Route path={ROUTES.setup} element={<SetupPage />} />
                  <Route path={ROUTES.power} element={<PowerPage />} />
                  <Route path={ROUTES.pollWhatIf} element={<HallWhatIfPage />} />
                  <Route path={ROUTES.import} element={<ImportPage />} />
                  <Route path={ROUTES.people} element={<PeoplePage />} />
                  <Route path={ROUTES.person} element={<PersonPage />} />
                  <Route path={ROUTES.peopleImport} element={<PeopleImportPage />} />
                  <Route path={ROUTES.myMember} element={<MemberAdminPage />} />
                  <Route path={ROUTES.invite} element={<InvitePage />} />
                  <Route path={ROUTES.invitations} element={<InvitationsPage />} />
                  <Route path={ROUTES.audit} element={<AuditPage />} />
                  <Route path={ROUTES.login} element={<LoginPage />} />
                  <Route path={ROUTES.forgotPassword} element={<ForgotPasswordPage />} />
                  <Route path={ROUTES.setPassword} element={<SetPasswordPage />} />
                  <Route path={ROUTES.account} element={<AccountPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                {/* The screen in the hall: no header or navigation. */}
                <Route
                  path={ROUTES.meetingScreen}
                  element={
                    <Suspense fallback={null}>
                      <ProjectorPage />
                    </Suspense>
                  }
                />
              </Routes>
            </BrowserRouter>
          </ProfileProvider>
        </SessionProvider>
      </QueryProvider>
    </I18nProvider>
  );
}
