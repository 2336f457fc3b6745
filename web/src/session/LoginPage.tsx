import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Paragraph, Textbox } from '@utrecht/component-library-react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { AppLink, Field, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { useSession } from './SessionContext';

/** Only paths inside the app: never send the user to another site after signing in. */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

export function LoginPage() {
  const { t } = useI18n();
  const { user, login } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const back = safeReturnPath(params.get('terug'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  usePageTitle(t('login.title'));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await login(email.trim(), password);
      navigate(back, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError({ status: 0, title: String(caught) }));
      setBusy(false);
    }
  }

  const labels: Record<string, string> = { email: t('login.email'), password: t('login.password') };
  const fieldError = (name: string) => error?.errors.find((e) => e.name === name)?.reason;

  return (
    <>
      <PageTitle>{t('login.title')}</PageTitle>
      {user ? (
        <>
          <Paragraph>{t('login.already', { name: user.name, role: t(`role.${user.role}`) })}</Paragraph>
          <Paragraph>
            <AppLink to={back}>{t('login.continue')}</AppLink>
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t('login.intro')}</Paragraph>
          <ProblemAlert error={error} fieldLabel={(name) => labels[name]} focus />
          <form onSubmit={onSubmit} noValidate className="vd-form vd-form--narrow">
            <Field label={t('login.email')} error={fieldError('email')}>
              {({ id, describedBy, invalid }) => (
                <Textbox id={id} name="email" type="email" autoComplete="username" required invalid={invalid} aria-describedby={describedBy} value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
              )}
            </Field>
            <Field label={t('login.password')} error={fieldError('password')}>
              {({ id, describedBy, invalid }) => (
                <Textbox
                  id={id}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
              )}
            </Field>
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {busy ? t('form.busy') : t('login.submit')}
            </Button>
          </form>
        </>
      )}
    </>
  );
}
