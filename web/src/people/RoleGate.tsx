import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { rolesText, useI18n, type TextKey } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, Loading } from '../shell/components';
import { hasRole, type Role } from '../types';

/**
 * Shows its children only to the given roles. Others read why: a sign-in link for the public,
 * a no-access message for a signed-in role without access. The server decides anyway.
 */
export function RoleGate({ roles, needLogin, needRole, children }: { roles: Role[]; needLogin: TextKey; needRole: TextKey; children?: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <Alert type="info" className="vd-alert">
        <Paragraph>{t(needLogin)}</Paragraph>
        <Paragraph>
          <AppLink to={`/inloggen?terug=${encodeURIComponent(location.pathname + location.search)}`}>{t('session.login')}</AppLink>
        </Paragraph>
      </Alert>
    );
  }
  if (!hasRole(user, ...roles)) {
    return (
      <Alert type="warning" className="vd-alert">
        <Paragraph>{t(needRole, { role: rolesText(t, user) })}</Paragraph>
      </Alert>
    );
  }
  return <>{children}</>;
}
