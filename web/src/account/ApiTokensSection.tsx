import { useState, type FormEvent } from 'react';
import { Button, Code, Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { RecentPasswordField, formProblem } from '../session/fields';
import { asApiError } from '../api';
import { DataTable, ProblemAlert } from '../shell/components';
import { answerOf, $api, apiState, fetchClient } from '../shell/client';
import { NumberField, SubmitButton, TextField, fieldError } from '../shell/fields';
import { useRequest } from '../shell/request';

/** GET /session/tokens: my tokens, without their secrets; every token has an expiry. */
interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

type Notice = { kind: 'created'; name: string; token: string; expiresAt: string } | { kind: 'revoked'; name: string };

/** "API-tokens": list my tokens with their expiry, revoke one, and make one with a name, a lifetime and the current password. */
export function ApiTokensSection({ hasPassword }: { hasPassword: boolean }) {
  const { t, dateTime } = useI18n();
  const tokens = apiState($api.useQuery('get', '/api/v1/session/tokens'));
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [password, setPassword] = useState('');
  const { error, setError, busy, send } = useRequest();
  const [notice, setNotice] = useState<Notice>();

  function create(event: FormEvent) {
    event.preventDefault();
    const lifetime = Number(days);
    const problems = [
      ...(name.trim() ? [] : [{ name: 'name', code: 'required', reason: t('tokens.nameRequired') }]),
      ...(Number.isInteger(lifetime) && lifetime >= 1 && lifetime <= 365 ? [] : [{ name: 'expiresInDays', code: 'range', reason: t('tokens.daysRange') }]),
      ...(password ? [] : [{ name: 'currentPassword', code: 'required', reason: t('recent.passwordRequired') }]),
    ];
    if (problems.length) {
      setNotice(undefined);
      setError(formProblem(t('tokens.check'), problems));
      return;
    }
    setNotice(undefined);
    void send(async () => {
      const body = { name: name.trim(), expiresInDays: lifetime, currentPassword: password };
      const created = await fetchClient.POST('/api/v1/session/tokens', { body }).then(answerOf);
      setName('');
      setDays('90');
      setPassword('');
      setNotice({ kind: 'created', name: created.name, token: created.token, expiresAt: created.expiresAt });
      tokens.reload();
    });
  }

  function revoke(token: ApiToken) {
    setError(undefined);
    setNotice(undefined);
    fetchClient
      .DELETE('/api/v1/session/tokens/{id}', { params: { path: { id: token.id } } })
      .then(() => {
        setNotice({ kind: 'revoked', name: token.name });
        tokens.reload();
      })
      .catch((caught: unknown) => setError(asApiError(caught)));
  }

  const labels: Record<string, string> = { name: t('tokens.name'), expiresInDays: t('tokens.days'), currentPassword: t('recent.currentPassword') };
  const items = tokens.data?.items ?? [];
  const now = Date.now();

  return (
    <section className="vd-section" aria-labelledby="account-tokens">
      <Heading level={2} id="account-tokens">
        {t('tokens.title')}
      </Heading>
      <Paragraph>{t('tokens.intro')}</Paragraph>
      <div role="status" className="vd-status-message">
        {notice?.kind === 'created' && (
          <>
            <Paragraph>{t('tokens.created', { name: notice.name, date: dateTime(notice.expiresAt) })}</Paragraph>
            <Paragraph>
              {t('tokens.secret')} <Code className="vd-totp-secret">{notice.token}</Code>
            </Paragraph>
          </>
        )}
        {notice?.kind === 'revoked' && <Paragraph>{t('tokens.revoked', { name: notice.name })}</Paragraph>}
      </div>
      <ProblemAlert error={error ?? tokens.error} fieldLabel={(field) => labels[field]} focus />

      {tokens.data && items.length === 0 && <Paragraph>{t('tokens.none')}</Paragraph>}
      {items.length > 0 && (
        <DataTable caption={t('tokens.caption')} captionHidden busy={tokens.loading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('tokens.col.name')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('tokens.col.created')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('tokens.col.expires')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('tokens.col.lastUsed')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('tokens.col.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((token) => (
              <TableRow key={token.id}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {token.name}
                </TableHeaderCell>
                <TableCell>{dateTime(token.createdAt)}</TableCell>
                <TableCell>
                  {Date.parse(token.expiresAt) <= now ? t('tokens.expired', { date: dateTime(token.expiresAt) }) : dateTime(token.expiresAt)}
                </TableCell>
                <TableCell>{token.lastUsedAt ? dateTime(token.lastUsedAt) : t('tokens.neverUsed')}</TableCell>
                <TableCell>
                  <Button
                    type="button"
                    appearance="secondary-action-button"
                    aria-label={t('tokens.revokeNamed', { name: token.name })}
                    onClick={() => revoke(token)}
                  >
                    {t('tokens.revoke')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}

      {hasPassword ? (
        <form onSubmit={create} noValidate className="vd-form vd-form--narrow" aria-labelledby="account-tokens-new">
          <Heading level={3} id="account-tokens-new">
            {t('tokens.newTitle')}
          </Heading>
          <TextField
            label={t('tokens.name')}
            description={t('tokens.nameHint')}
            error={fieldError(error, 'name')}
            name="name"
            required
            maxLength={100}
            value={name}
            onChange={setName}
          />
          <NumberField
            label={t('tokens.days')}
            description={t('tokens.daysHint')}
            error={fieldError(error, 'expiresInDays')}
            name="expiresInDays"
            inputMode="numeric"
            min={1}
            max={365}
            required
            className="vd-input-short"
            value={days}
            onChange={setDays}
          />
          <Paragraph>{t('recent.why')}</Paragraph>
          <RecentPasswordField error={error} value={password} onChange={setPassword} />
          <SubmitButton busy={busy}>{t('tokens.create')}</SubmitButton>
        </form>
      ) : (
        <Paragraph>{t('tokens.noPassword')}</Paragraph>
      )}
    </section>
  );
}
