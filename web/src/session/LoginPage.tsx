import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, ButtonLink, Heading, Paragraph } from '@utrecht/component-library-react';
import { ApiError, apiHref, asApiError } from '../api';
import { rolesText, useI18n, type TextKey } from '../i18n';
import { AppLink, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { EmailField, SubmitButton, fieldError } from '../shell/fields';
import { CurrentPasswordField, formProblem, isTotpCode, normalizeCode, TotpCodeField } from './fields';
import { useSession } from './SessionContext';

/** Only paths inside the app: never send the user to another site after signing in. */
export function safeReturnPath(value: string | null): string {
  // The characters of a plain path and query only: browsers drop tabs and newlines, so "/\t/host" is "//host".
  if (!value || !/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/.test(value)) return '/';
  return value;
}

/** What the OpenID Connect callback reports in ?fout= when it sends the visitor back here. */
const OIDC_ERRORS: Record<string, TextKey> = {
  'oidc-onbekend': 'oidc.unknown',
  'oidc-mislukt': 'oidc.failed',
};

export function LoginPage() {
  const { t } = useI18n();
  const { user, login } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const back = safeReturnPath(params.get('terug'));
  const oidcError = OIDC_ERRORS[params.get('fout') ?? ''];
  // Not offered, or not answered (an older server): sign in with a password only.
  const oidc = apiState($api.useQuery('get', '/api/v1/session/oidc/config', {}, { enabled: user === null }));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  /** The account has a second factor: ask for the code and sign in again with the same e-mail and password. */
  const [totpStep, setTotpStep] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const [focusTarget, setFocusTarget] = useState<'code' | 'email'>();
  usePageTitle(totpStep ? t('totp.loginTitle') : t('login.title'));

  useEffect(() => {
    if (focusTarget === 'code') codeInput.current?.focus();
    if (focusTarget === 'email') emailInput.current?.focus();
    setFocusTarget(undefined);
  }, [focusTarget]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const totp = normalizeCode(code);
    if (totpStep && !isTotpCode(totp)) {
      setError(formProblem(t('totp.checkCode'), [{ name: 'totp', code: 'pattern', reason: t('totp.codeFormat') }]));
      return;
    }
    setBusy(true);
    try {
      await login(email.trim(), password, totpStep ? totp : undefined);
      navigate(back, { replace: true });
    } catch (caught) {
      const problem = asApiError(caught);
      setBusy(false);
      if (problem.type.endsWith('/problems/totp-required')) {
        setTotpStep(true);
        setCode('');
        setFocusTarget('code');
      } else if (totpStep && problem.type.endsWith('/problems/bad-credentials')) {
        // The server does not say which of the three was wrong; at this step it is nearly always the code.
        setError(
          new ApiError({
            status: problem.status,
            type: problem.type,
            title: problem.title,
            detail: t('totp.wrongCode'),
            errors: [{ name: 'totp', code: 'invalid', reason: t('totp.wrongCodeShort') }],
          }),
        );
      } else {
        setError(problem);
      }
    }
  }

  function restart() {
    setTotpStep(false);
    setCode('');
    setPassword('');
    setError(undefined);
    setFocusTarget('email');
  }

  const labels: Record<string, string> = { email: t('login.email'), password: t('login.password'), totp: t('totp.loginCode') };

  return (
    <>
      <PageTitle>{t('login.title')}</PageTitle>
      {user ? (
        <>
          <Paragraph>{t('login.already', { name: user.name, role: rolesText(t, user) })}</Paragraph>
          <Paragraph>
            <AppLink to={back}>{t('login.continue')}</AppLink>
          </Paragraph>
        </>
      ) : (
        <>
          {oidcError && !totpStep && (
            <Alert type="error" className="vd-alert">
              <Paragraph>{t(oidcError)}</Paragraph>
            </Alert>
          )}
          <ProblemAlert error={error} fieldLabel={(name) => labels[name]} focus />
          {totpStep ? (
            <form onSubmit={onSubmit} noValidate className="vd-form vd-form--narrow" aria-labelledby="login-totp-heading">
              <Heading level={2} id="login-totp-heading">
                {t('totp.loginTitle')}
              </Heading>
              <Paragraph>{t('totp.loginIntro', { email: email.trim() })}</Paragraph>
              <TotpCodeField
                label={t('totp.loginCode')}
                description={t('totp.codeHint')}
                error={fieldError(error, 'totp')}
                name="totp"
                inputRef={codeInput}
                value={code}
                onChange={setCode}
              />
              <div className="vd-actions">
                <SubmitButton busy={busy}>{t('login.submit')}</SubmitButton>
                <Button type="button" appearance="secondary-action-button" onClick={restart} disabled={busy}>
                  {t('totp.loginBack')}
                </Button>
              </div>
            </form>
          ) : (
            <>
              <Paragraph>{t('login.intro')}</Paragraph>
              {back !== '/' && <Paragraph>{t('login.returnNote')}</Paragraph>}
              <form onSubmit={onSubmit} noValidate className="vd-form vd-form--narrow">
                <EmailField
                  label={t('login.email')}
                  error={fieldError(error, 'email')}
                  ref={emailInput}
                  name="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={setEmail}
                />
                <CurrentPasswordField
                  label={t('login.password')}
                  error={fieldError(error, 'password')}
                  name="password"
                  value={password}
                  onChange={setPassword}
                />
                <SubmitButton busy={busy}>{t('login.submit')}</SubmitButton>
              </form>
              <Paragraph className="vd-login-forgot">
                <AppLink to="/wachtwoord-vergeten">{t('login.forgot')}</AppLink>
              </Paragraph>
              {oidc.data?.enabled && (
                <section className="vd-section vd-login-oidc" aria-labelledby="login-oidc-heading">
                  <Heading level={2} id="login-oidc-heading" appearance="utrecht-heading-4">
                    {t('oidc.heading')}
                  </Heading>
                  <Paragraph>{t('oidc.intro')}</Paragraph>
                  {/* A full-page redirect to the identity provider, not a client-side route. */}
                  <ButtonLink appearance="secondary-action-button" href={apiHref('/session/oidc', { terug: back })}>
                    {oidc.data.label || t('oidc.button')}
                  </ButtonLink>
                </section>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
