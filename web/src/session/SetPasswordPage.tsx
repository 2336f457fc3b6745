import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import type { FieldError } from '../api';
import { useI18n } from '../i18n';
import { fetchClient } from '../shell/client';
import { AppLink, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { SubmitButton, TextField, fieldError } from '../shell/fields';
import { useFocusWhen, useRequest } from '../shell/request';
import { formProblem, MIN_PASSWORD_LENGTH } from './fields';

/**
 * "Wachtwoord instellen" at /wachtwoord#token=…: the link in both the invitation and the
 * password-reset e-mail. The token works once; the server also ends every other session.
 */
export function SetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const { hash } = useLocation();
  // The token travels in the fragment, which browsers never send to the server (nor into its logs).
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { error, setError, busy, send } = useRequest();
  const [done, setDone] = useState(false);
  const doneRef = useFocusWhen<HTMLDivElement>(done);
  usePageTitle(t('password.title'));
  // Tells staff the invitation was opened (its status "opened"); the answer is always empty, a failure changes nothing here.
  useEffect(() => {
    if (token) void fetchClient.POST('/api/v1/session/password-link/opened', { body: { token } }).catch(() => undefined);
  }, [token]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const problems: FieldError[] = [];
    if (password.length < MIN_PASSWORD_LENGTH)
      problems.push({ name: 'password', code: 'minLength', reason: t('password.tooShort', { n: MIN_PASSWORD_LENGTH }) });
    if (repeat !== password) problems.push({ name: 'repeat', code: 'mismatch', reason: t('password.mismatch') });
    if (problems.length) {
      setError(formProblem(t('password.check'), problems));
      return;
    }
    if (await send(() => fetchClient.PUT('/api/v1/session/password', { body: { token, password } }))) setDone(true);
  }

  const labels: Record<string, string> = { password: t('password.new'), repeat: t('password.repeat'), token: t('password.link') };

  if (done) {
    return (
      <>
        <PageTitle>{t('password.title')}</PageTitle>
        <Alert type="ok" className="vd-alert" ref={doneRef} tabIndex={-1}>
          <Heading level={2} appearance="utrecht-heading-4">
            {t('password.done')}
          </Heading>
          <Paragraph>{t('password.doneText')}</Paragraph>
        </Alert>
        <Paragraph>
          <AppLink to="/inloggen">{t('password.toLogin')}</AppLink>
        </Paragraph>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t('password.title')}</PageTitle>
      {!token ? (
        <>
          <Paragraph>{t('password.noToken')}</Paragraph>
          <Paragraph>
            <AppLink to="/wachtwoord-vergeten">{t('password.askNew')}</AppLink>
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t('password.intro')}</Paragraph>
          <ProblemAlert error={error} fieldLabel={(name) => labels[name]} focus />
          {fieldError(error, 'token') && (
            <Paragraph>
              <AppLink to="/wachtwoord-vergeten">{t('password.askNew')}</AppLink>
            </Paragraph>
          )}
          <form onSubmit={onSubmit} noValidate className="vd-form vd-form--narrow">
            <TextField
              label={t('password.new')}
              description={t('password.hint', { n: MIN_PASSWORD_LENGTH })}
              error={fieldError(error, 'password')}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              value={password}
              onChange={setPassword}
            />
            <TextField
              label={t('password.repeat')}
              error={fieldError(error, 'repeat')}
              name="repeat"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={setRepeat}
            />
            <SubmitButton busy={busy}>{t('password.submit')}</SubmitButton>
          </form>
        </>
      )}
    </>
  );
}
