import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Code, Heading, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { useI18n, type TextKey } from '../i18n';
import { answerOf, fetchClient } from '../shell/client';
import { RecentPasswordField, formProblem, isTotpCode, normalizeCode, TotpCodeField } from '../session/fields';
import { asApiError } from '../api';
import { ProblemAlert } from '../shell/components';
import { SubmitButton, fieldError } from '../shell/fields';

/** POST /session/totp: a new secret, in force only after a confirmed code. */
interface TotpSetup {
  secret: string;
  uri: string;
  qrCodeSvg: string;
}

/** "Tweestapsverificatie": set up a code from an authenticator app as a second factor, or turn it off with the password. */
export function TwoFactorSection({ enabled, hasPassword, onChanged }: { enabled: boolean; hasPassword: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const [on, setOn] = useState(enabled);
  const [setup, setSetup] = useState<TotpSetup>();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<TextKey>();
  const [focusTarget, setFocusTarget] = useState<'setup' | 'status' | 'start'>();
  const setupHeading = useRef<HTMLHeadingElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLDivElement>(null);

  useEffect(() => setOn(enabled), [enabled]);

  // The button that had focus goes away with each step: move focus to what replaced it.
  useEffect(() => {
    if (focusTarget === 'setup') setupHeading.current?.focus();
    if (focusTarget === 'status') status.current?.focus();
    if (focusTarget === 'start') startButton.current?.focus();
    setFocusTarget(undefined);
  }, [focusTarget]);

  async function run(action: () => Promise<void>) {
    setError(undefined);
    setMessage(undefined);
    setBusy(true);
    try {
      await action();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  const start = () =>
    run(async () => {
      try {
        setSetup(await fetchClient.POST('/api/v1/session/totp').then(answerOf));
        setCode('');
        setFocusTarget('setup');
      } catch (caught) {
        // Turned on elsewhere in the meantime: show the current state.
        if (asApiError(caught).status === 409) onChanged();
        throw caught;
      }
    });

  function confirm(event: FormEvent) {
    event.preventDefault();
    const value = normalizeCode(code);
    const problems = [
      ...(isTotpCode(value) ? [] : [{ name: 'code', code: 'pattern', reason: t('totp.codeFormat') }]),
      ...(password ? [] : [{ name: 'currentPassword', code: 'required', reason: t('recent.passwordRequired') }]),
    ];
    if (problems.length) {
      setError(formProblem(isTotpCode(value) ? t('recent.checkPassword') : t('totp.checkCode'), problems));
      return;
    }
    void run(async () => {
      await fetchClient.POST('/api/v1/session/totp/confirm', { body: { code: value, currentPassword: password } });
      setPassword('');
      setSetup(undefined);
      setOn(true);
      setMessage('totp.enabledNow');
      setFocusTarget('status');
      onChanged();
    });
  }

  function cancel() {
    setSetup(undefined);
    setError(undefined);
    setCode('');
    setPassword('');
    setFocusTarget('start');
  }

  function turnOff(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setError(formProblem(t('totp.checkPassword'), [{ name: 'currentPassword', code: 'required', reason: t('recent.passwordRequired') }]));
      return;
    }
    void run(async () => {
      await fetchClient.DELETE('/api/v1/session/totp', { body: { currentPassword: password } });
      setPassword('');
      setOn(false);
      setMessage('totp.disabledNow');
      setFocusTarget('status');
      onChanged();
    });
  }

  const labels: Record<string, string> = { code: t('totp.code'), currentPassword: t('recent.currentPassword') };

  return (
    <section className="vd-section" aria-labelledby="account-totp">
      <Heading level={2} id="account-totp">
        {t('totp.title')}
      </Heading>
      <div role="status" ref={status} tabIndex={-1} className="vd-status-message">
        {message && <Paragraph>{t(message)}</Paragraph>}
      </div>
      <Paragraph>{t('totp.intro')}</Paragraph>
      <ProblemAlert error={error} fieldLabel={(name) => labels[name]} focus />

      {on ? (
        <>
          <Paragraph>
            <strong>{t('totp.isOn')}</strong>
          </Paragraph>
          <form onSubmit={turnOff} noValidate className="vd-form vd-form--narrow" aria-labelledby="account-totp-off">
            <Heading level={3} id="account-totp-off">
              {t('totp.offTitle')}
            </Heading>
            <Paragraph>{t('totp.offIntro')}</Paragraph>
            <RecentPasswordField error={error} value={password} onChange={setPassword} />
            <SubmitButton busy={busy} appearance="secondary-action-button">
              {t('totp.turnOff')}
            </SubmitButton>
          </form>
        </>
      ) : !hasPassword ? (
        <Paragraph>{t('totp.noPassword')}</Paragraph>
      ) : setup ? (
        <div className="vd-panel vd-totp-setup">
          <Heading level={3} ref={setupHeading} tabIndex={-1} className="vd-focus-target">
            {t('totp.setupTitle')}
          </Heading>
          <OrderedList>
            <OrderedListItem>{t('totp.step1')}</OrderedListItem>
            <OrderedListItem>{t('totp.step2')}</OrderedListItem>
            <OrderedListItem>{t('totp.step3')}</OrderedListItem>
          </OrderedList>
          <img className="vd-totp-qr" src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrCodeSvg)}`} alt={t('totp.qrAlt')} width={200} height={200} />
          <Paragraph>
            {t('totp.secret')} <Code className="vd-totp-secret">{setup.secret}</Code>
          </Paragraph>
          <form onSubmit={confirm} noValidate className="vd-form vd-form--narrow">
            <TotpCodeField
              label={t('totp.code')}
              description={t('totp.codeHint')}
              error={fieldError(error, 'code')}
              name="code"
              value={code}
              onChange={setCode}
            />
            <Paragraph>{t('recent.why')}</Paragraph>
            <RecentPasswordField error={error} value={password} onChange={setPassword} />
            <div className="vd-actions">
              <SubmitButton busy={busy}>{t('totp.confirm')}</SubmitButton>
              <Button type="button" appearance="secondary-action-button" onClick={cancel} disabled={busy}>
                {t('totp.cancel')}
              </Button>
            </div>
          </form>
        </div>
      ) : (
        <>
          <Paragraph>
            <strong>{t('totp.isOff')}</strong>
          </Paragraph>
          <Button ref={startButton} appearance="primary-action-button" onClick={() => void start()} busy={busy} disabled={busy}>
            {busy ? t('form.busy') : t('totp.setUp')}
          </Button>
        </>
      )}
    </section>
  );
}
