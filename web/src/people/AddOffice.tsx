import { useId, useState, type FormEvent } from 'react';
import { Button, Checkbox, FormField, FormLabel, Heading, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Field } from '../shell/components';
import { isIsoDate, today } from '../shell/dates';
import type { Designation, OfficeKind, PersonDetail } from '../types';
import { ActionFeedback, fieldError, useAction } from './forms';
import { MemberSelect, useMemberOptions } from './MemberSelect';
import { OFFICE_KINDS, officeKey, officeOf } from './offices';

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
  const localId = useId();
  const designateId = useId();
  const members = useMemberOptions();

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
        const { id } = await api<{ id: string }>(`/people/${person.id}/offices`, { method: 'POST', body });
        if (designate)
          return (
            await api<{ id: string; status: Designation['status'] }>('/designations', {
              method: 'POST',
              body: { officeId: id, startDate, ...(isIsoDate(endDate) ? { endDate } : {}) },
            })
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
          <Field label={t('person.member')} error={fieldError(action.error, 'memberId')}>
            {({ id, describedBy, invalid }) => (
              <MemberSelect id={id} describedBy={describedBy} invalid={invalid} options={members} value={memberId} onChange={setMemberId} />
            )}
          </Field>
          <Field label={t('person.kind')} error={fieldError(action.error, 'kind')}>
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
          <Field label={t('office.partyOptional')} error={fieldError(action.error, 'party')}>
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
        </div>
        <FormField type="checkbox" className="vd-checkbox-field">
          <Checkbox id={localId} name="partyIsLocal" checked={partyIsLocal} onChange={(e) => setPartyIsLocal(e.currentTarget.checked)} />
          <FormLabel htmlFor={localId} type="checkbox">
            {t('office.partyIsLocal')}
          </FormLabel>
        </FormField>
        <Field label={t('office.portfolioOptional')} description={t('office.portfolioHint')} error={fieldError(action.error, 'portfolio')}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="portfolio"
              autoComplete="off"
              invalid={invalid}
              aria-describedby={describedBy}
              value={portfolio}
              onChange={(e) => setPortfolio(e.currentTarget.value)}
            />
          )}
        </Field>
        <div className="vd-form__row">
          <Field label={t('office.startDate')} error={fieldError(action.error, 'startDate')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                type="date"
                name="startDate"
                required
                invalid={invalid}
                aria-describedby={describedBy}
                value={startDate}
                onChange={(e) => setStartDate(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('office.endDateOptional')} description={t('office.endDateHint')} error={fieldError(action.error, 'endDate')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                type="date"
                name="endDate"
                invalid={invalid}
                aria-describedby={describedBy}
                value={endDate}
                onChange={(e) => setEndDate(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <FormField type="checkbox" className="vd-checkbox-field">
          <Checkbox id={designateId} name="designate" checked={designate} onChange={(e) => setDesignate(e.currentTarget.checked)} />
          <FormLabel htmlFor={designateId} type="checkbox">
            {t('office.designateToo')}
          </FormLabel>
        </FormField>
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
          {action.busy ? t('form.busy') : t('office.add')}
        </Button>
      </form>
    </section>
  );
}
