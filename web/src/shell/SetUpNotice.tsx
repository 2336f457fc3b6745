import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { useI18n, type TextKey } from '../i18n';
import { useSession } from '../session/SessionContext';
import { canManage } from '../types';
import { $api, apiState } from './client';
import { AppLink, ProblemAlert } from './components';

export const SETUP_PAGE = '/inrichten';

/** The API's answer wherever the profile is needed before set-up chose one (409, /problems/not-set-up). */
export const isNotSetUp = (error: ApiError | Error | undefined | null): boolean => !!error && 'type' in error && error.type === '/problems/not-set-up';

/** For staff: where set-up stands and a link to the set-up page, on every page until it is done. */
function StaffNotice() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const state = apiState($api.useQuery('get', '/api/v1/setup'));
  // The import and profile pages change the state: read it again on each navigation until done.
  const { reload } = state;
  const open = state.data && !state.data.done;
  useEffect(() => {
    if (open) reload();
  }, [pathname]);
  if (!state.data?.nextStep || pathname === SETUP_PAGE) return null;
  return (
    <Alert type="warning" className="vd-alert">
      <Heading level={2} appearance="utrecht-heading-4">
        {t('notSetUp.title')}
      </Heading>
      <Paragraph>{t('notSetUp.staff', { step: t(`notSetUp.next.${state.data.nextStep}` as TextKey) })}</Paragraph>
      <Paragraph>
        <AppLink to={SETUP_PAGE}>{t('notSetUp.toSetup')}</AppLink>
      </Paragraph>
    </Alert>
  );
}

/**
 * What a page says while the association is not set up: staff see the next step and the way to the
 * set-up page; others read that the association is being set up (and, signed out, how an administrator
 * signs in to do it). Any other problem with the profile shows as a problem.
 */
export function SetUpNotice({ profileError }: { profileError: ApiError | undefined }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (canManage(user))
    return (
      <>
        <ProblemAlert error={profileError} />
        <StaffNotice />
      </>
    );
  if (user === undefined || !isNotSetUp(profileError)) return <ProblemAlert error={profileError} />;
  return (
    <Alert type="info" className="vd-alert">
      <Heading level={2} appearance="utrecht-heading-4">
        {t('notSetUp.title')}
      </Heading>
      <Paragraph>{t('notSetUp.others')}</Paragraph>
      {user === null && (
        <Paragraph>
          <AppLink to={`/inloggen?terug=${encodeURIComponent(SETUP_PAGE)}`}>{t('notSetUp.login')}</AppLink>
        </Paragraph>
      )}
    </Alert>
  );
}
