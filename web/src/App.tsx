import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider } from './i18n';
import { ImportPage } from './imports/ImportPage';
import { MemberPage } from './members/MemberPage';
import { MembersPage } from './members/MembersPage';
import { ReorganisationsPage } from './members/ReorganisationsPage';
import { ProfilePage } from './profile/ProfilePage';
import { LoginPage } from './session/LoginPage';
import { SessionProvider } from './session/SessionContext';
import { HomePage, NotFoundPage } from './shell/HomePage';
import { Layout } from './shell/Layout';
import { ProfileProvider } from './shell/ProfileContext';

/** The routes, in Dutch like the rest of the UI. */
export const ROUTES = {
  home: '/',
  members: '/leden',
  member: '/leden/:id',
  reorganisations: '/herindelingen',
  profile: '/profiel',
  import: '/beheer/import',
  login: '/inloggen',
} as const;

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <ProfileProvider>
          <BrowserRouter>
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<HomePage />} />
                <Route path={ROUTES.members} element={<MembersPage />} />
                <Route path={ROUTES.member} element={<MemberPage />} />
                <Route path={ROUTES.reorganisations} element={<ReorganisationsPage />} />
                <Route path={ROUTES.profile} element={<ProfilePage />} />
                <Route path={ROUTES.import} element={<ImportPage />} />
                <Route path={ROUTES.login} element={<LoginPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </ProfileProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
