import { useState, type FormEvent } from 'react';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { fetchClient } from '../shell/client';
import { RecentPasswordField, formProblem } from '../session/fields';
import { ProblemAlert } from '../shell/components';
import { EmailField, SubmitButton, fieldError } from '../shell/fields';
import { useRequest } from '../shell/request';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "E-mailadres wijzigen": a new sign-in address, confirmed with the current password (PUT /session/email). */
export function EmailSection({ hasPassword, onChanged }: { hasPassword: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, setError, busy, send } = useRequest();
  const [changedTo, setChangedTo] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = email.trim();
    const problems = [
      ...(EMAIL.test(value) ? [] : [{ name: 'email', code: 'format', reason: t('email.format') }]),
      ...(password ? [] : [{ name: 'currentPassword', code: 'required', reason: t('recent.passwordRequired') }]),
    ];
    if (problems.length) {
      setChangedTo(undefined);
      setError(formProblem(EMAIL.test(value) ? t('recent.checkPassword') : t('email.check'), problems));
      return;
    }
    setChangedTo(undefined);
    void send(async () => {
      await fetchClient.PUT('/api/v1/session/email', { body: { email: value, currentPassword: password } });
      setEmail('');
      setPassword('');
      setChangedTo(value);
      onChanged();
    });
  }

  const labels: Record<string, string> = { email: t('email.new'), currentPassword: t('recent.currentPassword') };

  return (
    <section className="vd-section" aria-labelledby="account-email">
      <Heading level={2} id="account-email">
        {t('email.title')}
      </Heading>
      <div role="status" className="vd-status-message">
        {changedTo && <Paragraph>{t('email.changed', { email: changedTo })}</Paragraph>}
      </div>
      {!hasPassword ? (
        <Paragraph>{t('email.noPassword')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('email.intro')}</Paragraph>
          <ProblemAlert error={error} fieldLabel={(name) => labels[name]} focus />
          <form onSubmit={submit} noValidate className="vd-form vd-form--narrow">
            <EmailField
              label={t('email.new')}
              error={fieldError(error, 'email')}
              name="email"
              autoComplete="email"
              required
              value={email}
              onChange={setEmail}
            />
            <RecentPasswordField error={error} value={password} onChange={setPassword} />
            <SubmitButton busy={busy} appearance="secondary-action-button">
              {t('email.submit')}
            </SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}
