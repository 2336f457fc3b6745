import { useState } from 'react';
import { Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { DataTable, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, answerOf, apiState, fetchClient } from '../shell/client';
import { today } from '../shell/dates';
import { ActionFeedback, DateField, SubmitButton, useAction, type Action } from '../shell/fields';
import type { OfficeHolder } from '../types';
import { officeOf, periodText } from './offices';
import { RoleGate } from './RoleGate';

type Office = OfficeHolder['offices'][number];

/** The member administrator's page (decision 0018): their member's office holders, designating them and ending designations. */
export function MemberAdminPage() {
  const { t } = useI18n();
  const { user } = useSession();
  usePageTitle(t('memberAdmin.title'));
  const me = apiState($api.useQuery('get', '/api/v1/people/me', {}, { enabled: Boolean(user) }));
  return (
    <>
      <PageTitle>{t('memberAdmin.title')}</PageTitle>
      <RoleGate roles={['member-administrator']} needLogin="memberAdmin.needLogin" needRole="memberAdmin.needRole">
        <Paragraph appearance="lead">{t('memberAdmin.intro')}</Paragraph>
        <ProblemAlert error={me.error} />
        {!me.data && me.loading && <Loading />}
        {me.data?.administers.map((m) => (
          <MemberSection key={m.memberId} memberId={m.memberId} memberName={m.memberName} />
        ))}
      </RoleGate>
    </>
  );
}

function MemberSection({ memberId, memberName }: { memberId: string; memberName: string }) {
  const { t } = useI18n();
  const holders = apiState($api.useQuery('get', '/api/v1/members/{id}/office-holders', { params: { path: { id: memberId } } }));
  const action = useAction();
  const offices = (holders.data?.items ?? []).flatMap((h) => h.offices.map((office) => ({ holder: h, office })));
  return (
    <section className="vd-section" aria-labelledby={`member-${memberId}`}>
      <Heading level={2} id={`member-${memberId}`}>
        {memberName}
      </Heading>
      <ActionFeedback action={action} />
      <ProblemAlert error={holders.error} />
      {!holders.data && holders.loading && <Loading />}
      {holders.data && offices.length === 0 && <Paragraph>{t('memberAdmin.none')}</Paragraph>}
      {offices.length > 0 && (
        <DataTable caption={t('memberAdmin.caption', { member: memberName })} captionHidden busy={holders.loading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('peopleImport.person')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('peopleImport.office')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('memberAdmin.designations')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('pending.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {offices.map(({ holder, office }) => (
              <OfficeRow
                key={office.id}
                name={holder.name}
                memberId={memberId}
                memberName={memberName}
                office={office}
                action={action}
                onChange={holders.reload}
              />
            ))}
          </TableBody>
        </DataTable>
      )}
    </section>
  );
}

function OfficeRow({
  name,
  memberId,
  memberName,
  office,
  action,
  onChange,
}: {
  name: string;
  memberId: string;
  memberName: string;
  office: Office;
  action: Action;
  onChange(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [from, setFrom] = useState(today() < office.startDate ? office.startDate : today());
  const [lastDay, setLastDay] = useState(today());
  const running = office.designations.find((d) => d.status !== 'revoked' && (d.endDate === null || d.endDate >= today()));

  async function designate() {
    const ok = await action.run(
      () =>
        fetchClient
          .POST('/api/v1/members/{id}/designations', { params: { path: { id: memberId } }, body: { officeId: office.id, startDate: from } })
          .then(answerOf),
      (answer) => t(answer.status === 'pending' ? 'memberAdmin.designatedPending' : 'memberAdmin.designated', { name }),
    );
    if (ok) onChange();
  }

  async function end(designationId: string) {
    const ok = await action.run(
      () =>
        fetchClient.PATCH('/api/v1/members/{id}/designations/{designationId}', {
          params: { path: { id: memberId, designationId } },
          body: { endDate: lastDay },
        }),
      t('memberAdmin.ended', { name }),
    );
    if (ok) onChange();
  }

  return (
    <TableRow>
      <TableHeaderCell scope="row" className="vd-row-header">
        {name}
      </TableHeaderCell>
      <TableCell>
        {officeOf(t, office.kind, memberName)}
        <br />
        <span className="vd-muted">{periodText(i18n, office.startDate, office.endDate)}</span>
      </TableCell>
      <TableCell>
        {office.designations.length === 0 && t('memberAdmin.noDesignation')}
        {office.designations.map((d) => (
          <Paragraph key={d.id}>
            {periodText(i18n, d.startDate, d.endDate)}: {t(`memberAdmin.status.${d.status}`)}
            {d.decisionReason && <> ({t('memberAdmin.reason', { reason: d.decisionReason })})</>}
          </Paragraph>
        ))}
      </TableCell>
      <TableCell>
        {running ? (
          <form
            className="vd-form vd-form--inline"
            aria-label={t('memberAdmin.endLabel', { name })}
            onSubmit={(e) => {
              e.preventDefault();
              void end(running.id);
            }}
          >
            <DateField label={t('memberAdmin.lastDay')} value={lastDay} onChange={setLastDay} onlyValid />
            <SubmitButton busy={action.busy} appearance="secondary-action-button">
              {t('memberAdmin.end')}
            </SubmitButton>
          </form>
        ) : (
          office.active && (
            <form
              className="vd-form vd-form--inline"
              aria-label={t('memberAdmin.designateLabel', { name })}
              onSubmit={(e) => {
                e.preventDefault();
                void designate();
              }}
            >
              <DateField label={t('memberAdmin.from')} value={from} onChange={setFrom} onlyValid />
              <SubmitButton busy={action.busy}>{t('memberAdmin.designate')}</SubmitButton>
            </form>
          )
        )}
      </TableCell>
    </TableRow>
  );
}
