import { Suspense, useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Link, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { LANGUAGES, rolesText, useI18n, type TextKey } from '../i18n';
import { useSession } from '../session/SessionContext';
import { canManage, hasRole, type Role } from '../types';
import { AppLink, Loading, ProblemAlert } from './components';
import { useProfile } from './ProfileContext';
import { SetUpNotice } from './SetUpNotice';

const NAV: { to: string; key: TextKey; end?: boolean; managersOnly?: boolean; roles?: Role[] }[] = [
  { to: '/', key: 'nav.home', end: true },
  { to: '/leden', key: 'nav.members' },
  { to: '/herindelingen', key: 'nav.reorganisations' },
  { to: '/vergaderingen', key: 'nav.meetings' },
  { to: '/raadplegingen', key: 'nav.consultations' },
  { to: '/opvolging', key: 'nav.followUp' },
  { to: '/onderwerpen', key: 'nav.topics', roles: ['admin', 'staff', 'chair', 'counting-committee', 'representative'] },
  { to: '/stemmacht', key: 'nav.power' },
  { to: '/profiel', key: 'nav.profile' },
  { to: '/beheer/import', key: 'nav.import', managersOnly: true },
  { to: '/beheer/personen', key: 'nav.people', managersOnly: true },
  { to: '/mijn-lid', key: 'nav.myMember', roles: ['member-administrator'] },
  { to: '/beheer/audit', key: 'nav.audit', roles: ['admin', 'staff', 'counting-committee'] },
];

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <div role="group" aria-label={t('lang.label')} className="vd-language">
      {LANGUAGES.map((code) => (
        <Button key={code} appearance="subtle-button" lang={code} pressed={lang === code} onClick={() => setLang(code)} className="vd-language__button">
          {t(`lang.${code}`)}
        </Button>
      ))}
    </div>
  );
}

function SessionStatus() {
  const { t } = useI18n();
  const { user, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const loginLink = useRef<HTMLAnchorElement>(null);
  const [justLoggedOut, setJustLoggedOut] = useState(false);
  const [error, setError] = useState<Error>();

  useEffect(() => {
    if (justLoggedOut && user === null) {
      loginLink.current?.focus();
      setJustLoggedOut(false);
    }
  }, [justLoggedOut, user]);

  if (user === undefined) return <div className="vd-session" />;
  if (user === null) {
    const back = location.pathname === '/inloggen' ? '' : `?terug=${encodeURIComponent(location.pathname + location.search)}`;
    return (
      <div className="vd-session">
        <AppLink ref={loginLink} to={`/inloggen${back}`}>
          {t('session.login')}
        </AppLink>
      </div>
    );
  }
  return (
    <div className="vd-session">
      <span className="vd-session__user">{t('session.signedInAs', { name: user.name, role: rolesText(t, user) })}</span>
      <AppLink to="/mijn-profiel" aria-current={location.pathname === '/mijn-profiel' ? 'page' : undefined}>
        {t('account.link')}
      </AppLink>
      <Button
        appearance="secondary-action-button"
        onClick={() => {
          setError(undefined);
          logout()
            .then(() => {
              setJustLoggedOut(true);
              if (location.pathname === '/inloggen') navigate('/');
            })
            .catch((caught: Error) => setError(caught));
        }}
      >
        {t('session.logout')}
      </Button>
      <ProblemAlert error={error} />
    </div>
  );
}

/** Moves focus to the new page's h1 after client-side navigation, so screen readers hear where they are. */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  // Compare with the previous path rather than counting renders: effects may run twice in development.
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const frame = requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
      target?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

export function Layout() {
  const { t } = useI18n();
  const { profile, error } = useProfile();
  const { user } = useSession();
  useFocusOnNavigation();
  const shortName = profile?.document.shortName ?? '';
  const name = profile?.document.name ?? '';

  return (
    <div className="vd-layout">
      <SkipLink href="#main">{t('skip.link')}</SkipLink>
      <PageHeader className="vd-header">
        <div className="vd-container vd-header__bar">
          <AppLink to="/" className="vd-brand">
            <span className="vd-brand__short">{shortName || t('app.name')}</span>
            <span className="vd-brand__sub">
              {name ? `${name} · ` : ''}
              {t('app.name')}
            </span>
          </AppLink>
          <div className="vd-header__tools">
            <LanguageSwitch />
            <SessionStatus />
          </div>
        </div>
        <nav aria-label={t('nav.label')} className="vd-nav">
          <ul className="vd-container vd-nav__list">
            {NAV.filter((item) => (!item.managersOnly || canManage(user)) && (!item.roles || hasRole(user, ...item.roles))).map((item) => (
              <li key={item.to} className="vd-nav__item">
                <NavLink to={item.to} end={item.end} className="utrecht-link utrecht-link--html-a vd-nav__link">
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </PageHeader>
      <main id="main" tabIndex={-1} className="vd-main">
        <div className="vd-container">
          <SetUpNotice profileError={error} />
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
      <PageFooter className="vd-footer">
        <div className="vd-container">
          <Paragraph>{t('footer.about', { name: name || t('app.name') })}</Paragraph>
          <nav aria-label={t('footer.links')}>
            <ul className="vd-footer__links">
              <li>
                <Link href="/api/docs">{t('footer.apiDocs')}</Link>
              </li>
              <li>
                <Link href="/api/v1/openapi.json">{t('footer.openapi')}</Link>
              </li>
            </ul>
          </nav>
        </div>
      </PageFooter>
    </div>
  );
}
