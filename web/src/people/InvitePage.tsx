import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { answerOf, fetchClient } from '../shell/client';
import { AppLink, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { isIsoDate, today } from '../shell/dates';
import type { Invitation, OfficeKind } from '../types';
import { CheckboxField, DateField, EmailField, SubmitButton, TextField, fieldError } from '../shell/fields';
import { OfficeKindField } from './forms';
import { MemberField, useMemberOptions } from './MemberSelect';
import { officeOf } from './offices';
import { RoleGate } from './RoleGate';
import { useFocusWhen, useRequest } from '../shell/request';

export function InvitePage() {
  const { t } = useI18n();
  usePageTitle(t('invite.title'));
  return (
    <>
      <PageTitle>{t('invite.title')}</PageTitle>
      <RoleGate roles={['admin', 'staff']} needLogin="invite.needLogin" needRole="invite.needRole">
        <InviteForm />
      </RoleGate>
    </>
  );
}

interface Sent extends Invitation {
  name: string;
  email: string;
  memberId: string;
  memberName: string;
  kind: OfficeKind;
  startDate: string;
}

function InviteForm() {
  const { t, date, dateTime } = useI18n();
  const [params] = useSearchParams();
  const [memberId, setMemberId] = useState(params.get('lid') ?? '');
  const members = useMemberOptions();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<OfficeKind>('mayor');
  const [party, setParty] = useState('');
  const [partyIsLocal, setPartyIsLocal] = useState(false);
  const [startDate, setStartDate] = useState(today());
  const { error, busy, send } = useRequest();
  const [sent, setSent] = useState<Sent>();
  const sentRef = useFocusWhen<HTMLDivElement>(sent);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSent(undefined);
    const body = {
      memberId,
      name: name.trim(),
      email: email.trim(),
      kind,
      ...(party.trim() ? { party: party.trim() } : {}),
      partyIsLocal,
      ...(isIsoDate(startDate) ? { startDate } : {}),
    };
    await send(async () => {
      const result = await fetchClient.POST('/api/v1/invitations', { body }).then(answerOf);
      setSent({ ...result, name: body.name, email: body.email, memberId, memberName: members.nameOf(memberId), kind, startDate: body.startDate ?? today() });
      setName('');
      setEmail('');
      setParty('');
      setPartyIsLocal(false);
    });
  }

  const labels: Record<string, string> = {
    memberId: t('invite.member'),
    name: t('col.name'),
    email: t('people.email'),
    kind: t('invite.kind'),
    party: t('office.partyOptional'),
    startDate: t('invite.startDate'),
  };

  return (
    <>
      <Paragraph appearance="lead">{t('invite.intro')}</Paragraph>
      {sent && (
        <Alert type="ok" role="status" className="vd-alert" ref={sentRef} tabIndex={-1}>
          <Heading level={2} appearance="utrecht-heading-4">
            {t('invite.sentTitle')}
          </Heading>
          <Paragraph>{t('invite.sent', { email: sent.email, until: dateTime(sent.expiresAt) })}</Paragraph>
          <Paragraph>
            {t(sent.newPerson ? 'invite.sentNew' : 'invite.sentKnown', {
              name: sent.name,
              office: officeOf(t, sent.kind, sent.memberName),
              date: date(sent.startDate),
            })}
          </Paragraph>
          {sent.designationStatus === 'pending' && <Paragraph>{t('invite.pending', { name: sent.name })}</Paragraph>}
          <Paragraph>
            <AppLink to={`/beheer/personen/${sent.personId}`}>{t('people.open', { name: sent.name })}</AppLink>
            {' · '}
            <AppLink to={`/leden/${sent.memberId}`}>{t('invite.toMember', { member: sent.memberName })}</AppLink>
          </Paragraph>
        </Alert>
      )}
      <ProblemAlert error={error} fieldLabel={(field) => labels[field]} focus />
      <section className="vd-section vd-panel">
        <Heading level={2} id="invite-form">
          {t('invite.form')}
        </Heading>
        <form onSubmit={onSubmit} noValidate className="vd-form">
          <div className="vd-form__row">
            <MemberField label={t('invite.member')} error={fieldError(error, 'memberId')} options={members} value={memberId} onChange={setMemberId} />
            <TextField label={t('col.name')} name="name" autoComplete="off" required error={fieldError(error, 'name')} value={name} onChange={setName} />
            <EmailField
              label={t('people.email')}
              description={t('invite.emailHint')}
              name="email"
              autoComplete="off"
              required
              error={fieldError(error, 'email')}
              value={email}
              onChange={setEmail}
            />
          </div>
          <div className="vd-form__row">
            <OfficeKindField label={t('invite.kind')} error={fieldError(error, 'kind')} value={kind} onChange={setKind} />
            <TextField label={t('office.partyOptional')} name="party" autoComplete="off" error={fieldError(error, 'party')} value={party} onChange={setParty} />
            <DateField
              label={t('invite.startDate')}
              description={t('invite.startDateHint')}
              name="startDate"
              error={fieldError(error, 'startDate')}
              value={startDate}
              onChange={setStartDate}
            />
          </div>
          <CheckboxField label={t('office.partyIsLocal')} name="partyIsLocal" checked={partyIsLocal} onChange={setPartyIsLocal} />
          <SubmitButton busy={busy}>{t('invite.submit')}</SubmitButton>
        </form>
      </section>
    </>
  );
}
