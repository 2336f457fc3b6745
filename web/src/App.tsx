import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider } from './i18n';
import { AccountPage } from './account/AccountPage';
import { AuditPage } from './audit/AuditPage';
import { EditConsultationPage, NewConsultationPage } from './consultations/BuilderPage';
import { ConsultationPage } from './consultations/ConsultationPage';
import { ConsultationsPage } from './consultations/ConsultationsPage';
import { ResultsPage as ConsultationResultsPage } from './consultations/ResultsPage';
import { ImportPage } from './imports/ImportPage';
import { DoorPage } from './meetings/Attendance';
import { ChairPage } from './meetings/ChairPage';
import { DecisionsPage } from './meetings/DecisionsPage';
import { MeetingPage } from './meetings/MeetingPage';
import { MeetingsPage } from './meetings/MeetingsPage';
import { MinutesPage } from './meetings/MinutesPage';
import { PreparePage } from './meetings/PreparePage';
import { MemberPage } from './members/MemberPage';
import { MembersPage } from './members/MembersPage';
import { ReorganisationsPage } from './members/ReorganisationsPage';
import { InvitePage } from './people/InvitePage';
import { PeoplePage } from './people/PeoplePage';
import { PersonPage } from './people/PersonPage';
import { ProfilePage } from './profile/ProfilePage';
import { PowerPage } from './power/PowerPage';
import { HallWhatIfPage } from './power/HallWhatIfPage';
import { ForgotPasswordPage } from './session/ForgotPasswordPage';
import { LoginPage } from './session/LoginPage';
import { SessionProvider } from './session/SessionContext';
import { SetPasswordPage } from './session/SetPasswordPage';
import { HomePage, NotFoundPage } from './shell/HomePage';
import { Layout } from './shell/Layout';
import { ProfileProvider } from './shell/ProfileContext';
import { QueryProvider } from './shell/QueryProvider';
import { BallotPage } from './voting/BallotPage';
import { ProjectorPage } from './voting/ProjectorPage';
import { ResultPage } from './voting/ResultPage';

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
  meetingScreen: '/vergaderingen/:id/scherm',
  ballot: '/stemmen/:pollId',
  poll: '/stemmingen/:pollId',
  consultations: '/raadplegingen',
  consultationNew: '/raadplegingen/nieuw',
  consultation: '/raadplegingen/:id',
  consultationEdit: '/raadplegingen/:id/bewerken',
  consultationResults: '/raadplegingen/:id/resultaten',
  profile: '/profiel',
  import: '/beheer/import',
  people: '/beheer/personen',
  person: '/beheer/personen/:id',
  invite: '/beheer/uitnodigen',
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
                  <Route path={ROUTES.ballot} element={<BallotPage />} />
                  <Route path={ROUTES.poll} element={<ResultPage />} />
                  <Route path={ROUTES.consultations} element={<ConsultationsPage />} />
                  <Route path={ROUTES.consultationNew} element={<NewConsultationPage />} />
                  <Route path={ROUTES.consultation} element={<ConsultationPage />} />
                  <Route path={ROUTES.consultationEdit} element={<EditConsultationPage />} />
                  <Route path={ROUTES.consultationResults} element={<ConsultationResultsPage />} />
                  <Route path={ROUTES.profile} element={<ProfilePage />} />
                  <Route path={ROUTES.power} element={<PowerPage />} />
                  <Route path={ROUTES.pollWhatIf} element={<HallWhatIfPage />} />
                  <Route path={ROUTES.import} element={<ImportPage />} />
                  <Route path={ROUTES.people} element={<PeoplePage />} />
                  <Route path={ROUTES.person} element={<PersonPage />} />
                  <Route path={ROUTES.invite} element={<InvitePage />} />
                  <Route path={ROUTES.audit} element={<AuditPage />} />
                  <Route path={ROUTES.login} element={<LoginPage />} />
                  <Route path={ROUTES.forgotPassword} element={<ForgotPasswordPage />} />
                  <Route path={ROUTES.setPassword} element={<SetPasswordPage />} />
                  <Route path={ROUTES.account} element={<AccountPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                {/* The screen in the hall: no header or navigation. */}
                <Route path={ROUTES.meetingScreen} element={<ProjectorPage />} />
              </Routes>
            </BrowserRouter>
          </ProfileProvider>
        </SessionProvider>
      </QueryProvider>
    </I18nProvider>
  );
}
