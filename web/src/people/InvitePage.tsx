import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Checkbox, FormField, FormLabel, Heading, Paragraph, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { api, type ApiError } from '../api';
import { useI18n } from '../i18n';
import { AppLink, Field, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { isIsoDate, today } from '../shell/dates';
import type { Invitation, OfficeKind } from '../types';
import { asApiError, fieldError } from './forms';
import { MemberSelect, useMemberOptions } from './MemberSelect';
import { OFFICE_KINDS, officeKey, officeOf } from './offices';
import { RoleGate } from './RoleGate';

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
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent>();
  const sentRef = useRef<HTMLDivElement>(null);
  const localId = useId();

  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setSent(undefined);
    setBusy(true);
    const body = {
      memberId,
      name: name.trim(),
      email: email.trim(),
      kind,
      ...(party.trim() ? { party: party.trim() } : {}),
      partyIsLocal,
      ...(isIsoDate(startDate) ? { startDate } : {}),
    };
    try {
      const result = await api<Invitation>('/invitations', { method: 'POST', body });
      setSent({ ...result, name: body.name, email: body.email, memberId, memberName: members.nameOf(memberId), kind, startDate: body.startDate ?? today() });
      setName('');
      setEmail('');
      setParty('');
      setPartyIsLocal(false);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
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
            <Field label={t('invite.member')} error={fieldError(error, 'memberId')}>
              {({ id, describedBy, invalid }) => (
                <MemberSelect id={id} describedBy={describedBy} invalid={invalid} options={members} value={memberId} onChange={setMemberId} />
              )}
            </Field>
            <Field label={t('col.name')} error={fieldError(error, 'name')}>
              {({ id, describedBy, invalid }) => (
                <Textbox
                  id={id}
                  name="name"
                  autoComplete="off"
                  required
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t('people.email')} description={t('invite.emailHint')} error={fieldError(error, 'email')}>
              {({ id, describedBy, invalid }) => (
                <Textbox
                  id={id}
                  name="email"
                  type="email"
                  autoComplete="off"
                  required
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                />
              )}
            </Field>
          </div>
          <div className="vd-form__row">
            <Field label={t('invite.kind')} error={fieldError(error, 'kind')}>
              {({ id, describedBy, invalid }) => (
                <Select
                  id={id}
                  name="kind"
                  required
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={kind}
                  onChange={(e) => setKind(e.currentTarget.value as OfficeKind)}
                >
                  {OFFICE_KINDS.map((k) => (
                    <SelectOption key={k} value={k}>
                      {t(officeKey(k))}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('office.partyOptional')} error={fieldError(error, 'party')}>
              {({ id, describedBy, invalid }) => (
                <Textbox
                  id={id}
                  name="party"
                  autoComplete="off"
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={party}
                  onChange={(e) => setParty(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t('invite.startDate')} description={t('invite.startDateHint')} error={fieldError(error, 'startDate')}>
              {({ id, describedBy, invalid }) => (
                <Textbox
                  id={id}
                  type="date"
                  name="startDate"
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={startDate}
                  onChange={(e) => setStartDate(e.currentTarget.value)}
                />
              )}
            </Field>
          </div>
          <FormField type="checkbox" className="vd-checkbox-field">
            <Checkbox id={localId} name="partyIsLocal" checked={partyIsLocal} onChange={(e) => setPartyIsLocal(e.currentTarget.checked)} />
            <FormLabel htmlFor={localId} type="checkbox">
              {t('office.partyIsLocal')}
            </FormLabel>
          </FormField>
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {busy ? t('form.busy') : t('invite.submit')}
          </Button>
        </form>
      </section>
    </>
  );
}
