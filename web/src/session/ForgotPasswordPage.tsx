import { useState, type FormEvent } from 'react';
import { Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { fetchClient } from '../shell/client';
import { AppLink, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { EmailField, SubmitButton, fieldError } from '../shell/fields';
import { useFocusWhen, useRequest } from '../shell/request';
import { formProblem } from './fields';

/** "Wachtwoord vergeten": asks for a reset link by e-mail. The answer never tells whether the address is known. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const { error, setError, busy, send } = useRequest();
  const [sent, setSent] = useState(false);
  // The form goes away with the button that had focus: move it to the message.
  const statusRef = useFocusWhen<HTMLDivElement>(sent);
  usePageTitle(t('reset.title'));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
      setError(formProblem(t('reset.checkEmail'), [{ name: 'email', code: 'format', reason: t('reset.emailFormat') }]));
      return;
    }
    if (await send(() => fetchClient.POST('/api/v1/session/password-reset', { body: { email: address } }))) setSent(true);
  }

  return (
    <>
      <PageTitle>{t('reset.title')}</PageTitle>
      {/* A live region from the start, so screen readers announce the message when it appears. */}
      <div role="status" ref={statusRef} tabIndex={-1} className="vd-status-message">
        {sent && <Paragraph>{t('reset.sent')}</Paragraph>}
      </div>
      {sent ? (
        <Paragraph>
          <AppLink to="/inloggen">{t('reset.toLogin')}</AppLink>
        </Paragraph>
      ) : (
        <>
          <Paragraph>{t('reset.intro')}</Paragraph>
          <ProblemAlert error={error} fieldLabel={(name) => (name === 'email' ? t('login.email') : undefined)} focus />
          <form onSubmit={onSubmit} noValidate className="vd-form vd-form--narrow">
            <EmailField
              label={t('login.email')}
              error={fieldError(error, 'email')}
              name="email"
              autoComplete="email"
              required
              value={email}
              onChange={setEmail}
            />
            <SubmitButton busy={busy}>{t('reset.submit')}</SubmitButton>
          </form>
          <Paragraph>
            <AppLink to="/inloggen">{t('reset.backToLogin')}</AppLink>
          </Paragraph>
        </>
      )}
    </>
  );
}
