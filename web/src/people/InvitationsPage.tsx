import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  Button,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useI18n, type TextKey } from '../i18n';
import { $api, answerOf, apiState, fetchClient } from '../shell/client';
import { DataTable, Field, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { ActionFeedback, RadioGroupField, SubmitButton, useAction } from '../shell/fields';
import { MemberField, useMemberOptions } from './MemberSelect';
import { RoleGate } from './RoleGate';

type Scope = 'without-account' | 'member';
const STATUSES = ['invited', 'opened', 'activated', 'bounced'] as const;
type Status = (typeof STATUSES)[number];

/**
 * "Uitnodigingen versturen" at /beheer/uitnodigingen: staff invite many representatives at once (the
 * server queues the mails and answers at once), follow each batch's progress per person, and send
 * again to one person or to everyone not yet activated.
 */
export function InvitationsPage() {
  const { t } = useI18n();
  usePageTitle(t('invitations.title'));
  return (
    <>
      <PageTitle>{t('invitations.title')}</PageTitle>
      <RoleGate roles={['admin', 'staff']} needLogin="invitations.needLogin" needRole="invitations.needRole">
        <InvitationsWorkspace />
      </RoleGate>
    </>
  );
}

function InvitationsWorkspace() {
  const { t, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const batches = apiState($api.useQuery('get', '/api/v1/invitation-batches', { params: { query: { limit: 50, offset: 0 } } }));
  const chosen = params.get('ronde') ?? batches.data?.items[0]?.id ?? '';
  const choose = (id: string) => setParams((p) => ({ ...Object.fromEntries(p), ronde: id }), { replace: true });

  return (
    <>
      <Paragraph appearance="lead">{t('invitations.intro')}</Paragraph>
      <SendForm
        onSent={(id) => {
          batches.reload();
          choose(id);
        }}
      />
      <section className="vd-section" aria-labelledby="invitation-batches">
        <Heading level={2} id="invitation-batches">
          {t('invitations.batches')}
        </Heading>
        <ProblemAlert error={batches.error} />
        {!batches.data && batches.loading && <Loading />}
        {batches.data?.items.length === 0 && <Paragraph>{t('invitations.none')}</Paragraph>}
        {batches.data && batches.data.items.length > 0 && (
          <Field label={t('invitations.batch')}>
            {({ id }) => (
              <Select id={id} name="batch" value={chosen} onChange={(e) => choose(e.currentTarget.value)}>
                {batches.data?.items.map((b) => (
                  <SelectOption key={b.id} value={b.id}>
                    {t('invitations.batchLabel', { date: dateTime(b.createdAt), by: b.createdBy, n: b.total })}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
        )}
        {chosen && <Batch id={chosen} />}
      </section>
    </>
  );
}

function SendForm({ onSent }: { onSent(id: string): void }) {
  const { t } = useI18n();
  const [scope, setScope] = useState<Scope>('without-account');
  const [memberId, setMemberId] = useState('');
  const members = useMemberOptions();
  const action = useAction();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = scope === 'member' ? { scope, memberId } : { scope };
    let id = '';
    const ok = await action.run(
      () =>
        fetchClient
          .POST('/api/v1/invitation-batches', { body })
          .then(answerOf)
          .then((answer) => {
            id = answer.id;
            return answer;
          }),
      (answer) => t('invitations.sent', { n: answer.total }),
    );
    if (ok) onSent(id);
  }

  return (
    <section className="vd-section vd-panel" aria-labelledby="invitations-send">
      <Heading level={2} id="invitations-send">
        {t('invitations.send')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(name) => (name === 'memberId' ? t('invitations.member') : t('invitations.whom'))} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <RadioGroupField<Scope>
          legend={t('invitations.whom')}
          name="scope"
          value={scope}
          onChange={setScope}
          choices={(['without-account', 'member'] as const).map((value) => ({ value, label: t(`invitations.scope.${value}` as TextKey) }))}
        />
        {scope === 'member' && <MemberField label={t('invitations.member')} error={undefined} options={members} value={memberId} onChange={setMemberId} />}
        <SubmitButton busy={action.busy}>{t('invitations.send')}</SubmitButton>
      </form>
    </section>
  );
}

function Batch({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState<Status | ''>('');
  // While mails wait in the queue, the progress refreshes every two seconds.
  const summary = apiState(
    $api.useQuery(
      'get',
      '/api/v1/invitation-batches/{id}',
      { params: { path: { id } } },
      { refetchInterval: (query) => (query.state.data && query.state.data.mails.queued + query.state.data.mails.sending > 0 ? 2000 : false) },
    ),
  );
  const people = apiState(
    $api.useQuery('get', '/api/v1/invitation-batches/{id}/invitations', {
      params: { path: { id }, query: { status: status || undefined, limit: 1000, offset: 0 } },
    }),
  );
  const action = useAction();
  const data = summary.data;

  async function resend(personIds?: string[]) {
    if (
      await action.run(
        () => fetchClient.POST('/api/v1/invitation-batches/{id}/resend', { params: { path: { id } }, body: personIds ? { personIds } : {} }).then(answerOf),
        (answer) => t('invitations.resent', { n: answer.resent }),
      )
    ) {
      summary.reload();
      people.reload();
    }
  }

  return (
    <>
      <ProblemAlert error={summary.error ?? people.error} />
      {data && (
        <>
          <Heading level={3}>{t('invitations.progress')}</Heading>
          <dl className="vd-counts" data-testid="invitation-progress">
            {STATUSES.map((s) => (
              <div key={s}>
                <dt>{t(`invitations.status.${s}` as TextKey)}</dt>
                <dd data-status={s}>{data.counts[s as keyof typeof data.counts]}</dd>
              </div>
            ))}
          </dl>
          <progress max={data.total} value={data.mails.sent + data.mails.failed + data.mails.bounced} aria-label={t('invitations.progress')} />
          <Paragraph data-testid="invitation-mails">{t('invitations.mails', { ...data.mails })}</Paragraph>
          <ActionFeedback action={action} />
          <Paragraph>
            <Button
              appearance="secondary-action-button"
              busy={action.busy}
              disabled={action.busy || data.counts.activated === data.total}
              onClick={() => resend()}
            >
              {t('invitations.resendAll')}
            </Button>
          </Paragraph>
        </>
      )}
      <Field label={t('invitations.status')}>
        {({ id: fieldId }) => (
          <Select id={fieldId} name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <SelectOption value="">{t('invitations.allStatuses')}</SelectOption>
            {STATUSES.map((s) => (
              <SelectOption key={s} value={s}>
                {t(`invitations.status.${s}` as TextKey)}
              </SelectOption>
            ))}
          </Select>
        )}
      </Field>
      {!people.data && people.loading && <Loading />}
      {people.data?.items.length === 0 && <Paragraph>{t('invitations.empty')}</Paragraph>}
      {people.data && people.data.items.length > 0 && (
        <DataTable caption={t('invitations.caption')} busy={people.loading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('invitations.person')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('invitations.status')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('invitations.mail')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('invitations.invitedAt')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('invitations.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {people.data.items.map((p) => (
              <TableRow key={p.personId}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {p.name}
                  <br />
                  {p.email}
                </TableHeaderCell>
                <TableCell>{t(`invitations.status.${p.status}` as TextKey)}</TableCell>
                <TableCell>{p.mailStatus ? t(`invitations.mail.${p.mailStatus}` as TextKey) : '–'}</TableCell>
                <TableCell>{dateTime(p.invitedAt)}</TableCell>
                <TableCell>
                  <Button
                    appearance="secondary-action-button"
                    busy={action.busy}
                    disabled={action.busy}
                    aria-label={t('invitations.resendLabel', { name: p.name })}
                    onClick={() => resend([p.personId])}
                  >
                    {t('invitations.resend')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
    </>
  );
}
