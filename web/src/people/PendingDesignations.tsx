import { useState } from 'react';
import { Button, Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Loading, ProblemAlert } from '../shell/components';
import { $api, apiState, fetchClient } from '../shell/client';
import type { PendingDesignation } from '../types';
import { ActionFeedback, TextField, useAction } from '../shell/fields';
import { officeOf } from './offices';

/**
 * Designations waiting for a second staff member or administrator (four-eyes, decision 0010), with
 * confirm and revoke. Who recorded a designation, or holds it, sees why they cannot confirm it.
 */
export function PendingDesignations({ personId, onChange }: { personId?: string; onChange?(): void }) {
  const { t, date } = useI18n();
  const { user } = useSession();
  const pending = apiState($api.useQuery('get', '/api/v1/designations/pending'));
  const action = useAction();
  const [reason, setReason] = useState('');
  const items = (pending.data?.items ?? []).filter((d) => !personId || d.personId === personId);
  // On a person's page the section shows only when something waits; the people page always shows it.
  if (personId && items.length === 0 && !action.done) return null;

  // Whom the signed-in person may confirm: not what they recorded themselves, nor their own.
  const confirmable = items.filter((d) => user?.id !== d.requestedById && user?.id !== d.personId);

  async function confirmAll() {
    const ids = confirmable.map((d) => d.id);
    const request = () => fetchClient.POST('/api/v1/designations/confirmations', { body: { ids } });
    if (await action.run(request, t('pending.confirmedAll', { count: ids.length }))) {
      pending.reload();
      onChange?.();
    }
  }

  async function decide(d: PendingDesignation, verb: 'confirm' | 'revoke' | 'refuse') {
    const messages = {
      confirm: t('pending.confirmed', { name: d.personName, member: d.memberName }),
      revoke: t('pending.revoked', { name: d.personName }),
      refuse: t('pending.refused', { name: d.personName }),
    };
    const params = { path: { id: d.id } };
    const request = () =>
      verb === 'refuse'
        ? fetchClient.POST('/api/v1/designations/{id}/refusal', { params, body: { reason } })
        : fetchClient.POST(verb === 'confirm' ? '/api/v1/designations/{id}/confirm' : '/api/v1/designations/{id}/revoke', { params });
    if (await action.run(request, messages[verb])) {
      setReason('');
      pending.reload();
      onChange?.();
    }
  }

  return (
    <section className="vd-section" aria-labelledby="pending-designations">
      <Heading level={2} id="pending-designations">
        {t('pending.title')}
      </Heading>
      <Paragraph>{t('pending.intro')}</Paragraph>
      <ActionFeedback action={action} />
      <ProblemAlert error={pending.error} />
      {!pending.data && pending.loading && <Loading />}
      {pending.data && items.length === 0 && <Paragraph>{t('pending.none')}</Paragraph>}
      {confirmable.length > 1 && (
        <Paragraph>
          <Button appearance="primary-action-button" busy={action.busy} disabled={action.busy} onClick={confirmAll}>
            {t('pending.confirmAll', { count: confirmable.length })}
          </Button>
        </Paragraph>
      )}
      {items.length > 0 && <TextField label={t('pending.refuseReason')} value={reason} onChange={setReason} maxLength={500} />}
      {items.length > 0 && (
        <DataTable caption={t('pending.caption')} captionHidden busy={pending.loading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('pending.person')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('pending.office')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('pending.from')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('pending.requestedBy')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('pending.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((d) => {
              const own = user?.id === d.requestedById;
              const holder = user?.id === d.personId;
              return (
                <TableRow key={d.id}>
                  <TableHeaderCell scope="row" className="vd-row-header">
                    <AppLink to={`/beheer/personen/${d.personId}`}>{d.personName}</AppLink>
                    <span className="vd-badge">{t('pending.badge')}</span>
                  </TableHeaderCell>
                  <TableCell>{officeOf(t, d.capacity, d.memberName)}</TableCell>
                  <TableCell>{date(d.startDate)}</TableCell>
                  <TableCell>{d.requestedBy}</TableCell>
                  <TableCell>
                    {own || holder ? (
                      <Paragraph>{t(holder ? 'pending.ownDesignation' : 'pending.ownRequest')}</Paragraph>
                    ) : (
                      <Button
                        appearance="primary-action-button"
                        busy={action.busy}
                        disabled={action.busy}
                        aria-label={t('pending.confirmLabel', { name: d.personName })}
                        onClick={() => decide(d, 'confirm')}
                      >
                        {t('pending.confirm')}
                      </Button>
                    )}{' '}
                    <Button
                      appearance="secondary-action-button"
                      busy={action.busy}
                      disabled={action.busy}
                      aria-label={t('pending.revokeLabel', { name: d.personName })}
                      onClick={() => decide(d, 'revoke')}
                    >
                      {t('pending.revoke')}
                    </Button>{' '}
                    <Button
                      appearance="secondary-action-button"
                      busy={action.busy}
                      disabled={action.busy || !reason.trim()}
                      aria-label={`${t('pending.refuse')}: ${d.personName}`}
                      onClick={() => decide(d, 'refuse')}
                    >
                      {t('pending.refuse')}
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </DataTable>
      )}
    </section>
  );
}
