import { useState, type FormEvent } from 'react';
import { Heading } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { answerOf, fetchClient } from '../shell/client';
import { isIsoDate, today } from '../shell/dates';
import type { OfficeKind, PersonDetail } from '../types';
import { CheckboxField, DateField, SubmitButton, TextField, ActionFeedback, fieldError, useAction } from '../shell/fields';
import { OfficeKindField } from './forms';
import { MemberField, useMemberOptions } from './MemberSelect';
import { officeKindsOf, officeOf } from './offices';
import { useProfile } from '../shell/ProfileContext';

/** Records a new office for the person, optionally designating them at once. */
export function AddOffice({ person, onSaved }: { person: PersonDetail; onSaved(): void }) {
  const { t } = useI18n();
  const [memberId, setMemberId] = useState('');
  const [kind, setKind] = useState<OfficeKind>('council-member');
  const [party, setParty] = useState('');
  const [partyIsLocal, setPartyIsLocal] = useState(false);
  const [portfolio, setPortfolio] = useState('');
  const [startDate, setStartDate] = useState(today());
  const [endDate, setEndDate] = useState('');
  const [designate, setDesignate] = useState(false);
  const action = useAction();
  const members = useMemberOptions();
  const { profile } = useProfile();
  // The member's class names the offices that may represent it: a gewest its chair, not a mayor.
  const kinds = officeKindsOf(profile?.document, members.items.find((m) => m.id === memberId)?.memberClass);
  function chooseMember(id: string) {
    setMemberId(id);
    const allowed = officeKindsOf(profile?.document, members.items.find((m) => m.id === id)?.memberClass);
    if (!allowed.includes(kind)) setKind(allowed[0]!);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      memberId,
      kind,
      ...(party.trim() ? { party: party.trim() } : {}),
      partyIsLocal,
      ...(portfolio.trim() ? { portfolio: portfolio.trim() } : {}),
      startDate,
      ...(isIsoDate(endDate) ? { endDate } : {}),
    };
    const label = officeOf(t, kind, members.nameOf(memberId));
    const ok = await action.run(
      async () => {
        const { id } = await fetchClient.POST('/api/v1/people/{id}/offices', { params: { path: { id: person.id } }, body }).then(answerOf);
        if (designate)
          return (
            await fetchClient.POST('/api/v1/designations', { body: { officeId: id, startDate, ...(isIsoDate(endDate) ? { endDate } : {}) } }).then(answerOf)
          ).status;
        return undefined;
      },
      (status) =>
        status === 'pending'
          ? t('office.createdDesignatedPending', { office: label })
          : designate
            ? t('office.createdDesignated', { office: label })
            : t('office.created', { office: label }),
    );
    if (ok) {
      setMemberId('');
      setParty('');
      setPartyIsLocal(false);
      setPortfolio('');
      setEndDate('');
      setDesignate(false);
    }
    // Also after a failed designation: the office itself may have been recorded.
    onSaved();
  }

  const labels: Record<string, string> = {
    memberId: t('person.member'),
    kind: t('person.kind'),
    party: t('person.party'),
    portfolio: t('office.portfolio'),
    startDate: t('office.startDate'),
    endDate: t('office.endDateOptional'),
  };

  return (
    <section className="vd-section vd-panel">
      <Heading level={2} id="person-add-office">
        {t('office.add')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <div className="vd-form__row">
          <MemberField label={t('person.member')} error={fieldError(action.error, 'memberId')} options={members} value={memberId} onChange={chooseMember} />
          <OfficeKindField label={t('person.kind')} error={fieldError(action.error, 'kind')} value={kind} onChange={setKind} kinds={kinds} />
          <TextField
            label={t('office.partyOptional')}
            name="party"
            autoComplete="off"
            error={fieldError(action.error, 'party')}
            value={party}
            onChange={setParty}
          />
        </div>
        <CheckboxField label={t('office.partyIsLocal')} name="partyIsLocal" checked={partyIsLocal} onChange={setPartyIsLocal} />
        <TextField
          label={t('office.portfolioOptional')}
          description={t('office.portfolioHint')}
          name="portfolio"
          autoComplete="off"
          error={fieldError(action.error, 'portfolio')}
          value={portfolio}
          onChange={setPortfolio}
        />
        <div className="vd-form__row">
          <DateField
            label={t('office.startDate')}
            name="startDate"
            required
            error={fieldError(action.error, 'startDate')}
            value={startDate}
            onChange={setStartDate}
          />
          <DateField
            label={t('office.endDateOptional')}
            description={t('office.endDateHint')}
            name="endDate"
            error={fieldError(action.error, 'endDate')}
            value={endDate}
            onChange={setEndDate}
          />
        </div>
        <CheckboxField label={t('office.designateToo')} name="designate" checked={designate} onChange={setDesignate} />
        <SubmitButton busy={action.busy}>{t('office.add')}</SubmitButton>
      </form>
    </section>
  );
}
