import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { answerOf, fetchClient } from '../shell/client';
import { officeKey, OFFICE_KINDS } from '../people/offices';
import { ActionFeedback, fieldError, useAction, RadioGroupField, SelectField, SubmitButton, TextAreaField, TextField } from '../shell/fields';
import { useProfile } from '../shell/ProfileContext';
import type { ConsultationAudience, ConsultationDetail, ConsultationResponder, NewConsultation, OfficeKind } from '../types';
import { AudienceChooser, EMPTY_AUDIENCE } from './AudienceChooser';
import { fromLocalInput, quickWindow, toLocalInput } from './common';

/** "24, 2" → [24, 2]; anything else is left out. */
const parseHours = (text: string) => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
  ),
];

/**
 * The consultation's details: title, dossier, owner, explanation, when it runs and when to remind,
 * the audience and who answers. A new one is created (POST); a draft is changed (PATCH).
 */
export function DetailsForm({ consultation, onSaved }: { consultation?: ConsultationDetail; onSaved(id: string): void }) {
  const { t } = useI18n();
  const { profile } = useProfile();
  const [title, setTitle] = useState(consultation?.title ?? '');
  const [dossier, setDossier] = useState(consultation?.dossier ?? '');
  const [owner, setOwner] = useState(consultation?.owner ?? (profile ? t('consultation.ownerDefault', { name: profile.document.shortName }) : ''));
  const [explanation, setExplanation] = useState(consultation?.explanation ?? '');
  const [opensAt, setOpensAt] = useState(toLocalInput(consultation?.opensAt));
  const [closesAt, setClosesAt] = useState(toLocalInput(consultation?.closesAt));
  const [reminders, setReminders] = useState((consultation?.reminderHours ?? [24]).join(', '));
  const [audience, setAudience] = useState<ConsultationAudience>(consultation?.audience ?? EMPTY_AUDIENCE);
  const [responder, setResponder] = useState<ConsultationResponder>(consultation?.responder ?? { kind: 'designated' });
  const [presetNote, setPresetNote] = useState('');
  const action = useAction();
  // The profile may arrive after the form: fill the usual owner once, unless something was typed.
  const ownerFilled = useRef(owner !== '');
  useEffect(() => {
    if (ownerFilled.current || !profile) return;
    ownerFilled.current = true;
    setOwner((current) => current || t('consultation.ownerDefault', { name: profile.document.shortName }));
  }, [profile, t]);

  function quick() {
    const span = quickWindow();
    setOpensAt(span.opensAt);
    setClosesAt(span.closesAt);
    setReminders('2');
    setPresetNote(t('consultation.quickApplied'));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body: NewConsultation = {
      title: title.trim(),
      dossier: dossier.trim(),
      owner: owner.trim(),
      explanation,
      audience,
      responder: responder.kind === 'office' && !responder.portfolio?.trim() ? { kind: 'office', officeKind: responder.officeKind } : responder,
      opensAt: fromLocalInput(opensAt) ?? opensAt,
      closesAt: fromLocalInput(closesAt) ?? closesAt,
      reminderHours: parseHours(reminders),
    };
    let id = consultation?.id;
    const ok = await action.run(
      async () => {
        if (id) await fetchClient.PATCH('/api/v1/consultations/{id}', { params: { path: { id } }, body });
        else id = (await fetchClient.POST('/api/v1/consultations', { body }).then(answerOf)).id;
      },
      t(consultation ? 'consultation.detailsSaved' : 'consultation.created', { title: body.title }),
    );
    if (ok && id) onSaved(id);
  }

  const labels: Record<string, string> = {
    title: t('consultation.title'),
    dossier: t('consultation.dossier'),
    owner: t('consultation.owner'),
    explanation: t('consultation.explanation'),
    opensAt: t('consultation.opensAt'),
    closesAt: t('consultation.closesAt'),
    reminderHours: t('consultation.reminderHours'),
  };
  const error = (name: string) => fieldError(action.error, name, `/${name}`);

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form">
      <ActionFeedback action={action} fieldLabel={(field) => labels[field.replace(/^\//, '').split(/[./]/)[0]!]} />
      <div className="vd-form__row">
        <TextField
          label={t('consultation.title')}
          name="title"
          required
          maxLength={300}
          autoComplete="off"
          error={error('title')}
          value={title}
          onChange={setTitle}
        />
        <TextField
          label={t('consultation.dossier')}
          description={t('consultation.dossierHint')}
          name="dossier"
          required
          maxLength={200}
          autoComplete="off"
          error={error('dossier')}
          value={dossier}
          onChange={setDossier}
        />
        <TextField
          label={t('consultation.owner')}
          description={t('consultation.ownerHint')}
          name="owner"
          required
          maxLength={200}
          autoComplete="off"
          error={error('owner')}
          value={owner}
          onChange={setOwner}
        />
      </div>
      <TextAreaField
        label={t('consultation.explanation')}
        description={t('consultation.explanationHint')}
        name="explanation"
        rows={6}
        maxLength={100_000}
        error={error('explanation')}
        value={explanation}
        onChange={setExplanation}
      />

      <Heading level={3}>{t('consultation.when')}</Heading>
      <div className="vd-actions">
        <Button appearance="secondary-action-button" onClick={quick}>
          {t('consultation.quick')}
        </Button>
      </div>
      <p role="status" className="vd-muted">
        {presetNote}
      </p>
      <div className="vd-form__row">
        <TextField
          label={t('consultation.opensAt')}
          type="datetime-local"
          name="opensAt"
          required
          error={error('opensAt')}
          value={opensAt}
          onChange={setOpensAt}
        />
        <TextField
          label={t('consultation.closesAt')}
          type="datetime-local"
          name="closesAt"
          required
          error={error('closesAt')}
          value={closesAt}
          onChange={setClosesAt}
        />
        <TextField
          label={t('consultation.reminderHours')}
          description={t('consultation.reminderHoursHint')}
          name="reminderHours"
          inputMode="numeric"
          autoComplete="off"
          className="vd-input-short"
          error={error('reminderHours')}
          value={reminders}
          onChange={setReminders}
        />
      </div>

      <Heading level={3}>{t('consultation.audience')}</Heading>
      <AudienceChooser value={audience} onChange={setAudience} />

      <Heading level={3}>{t('consultation.responder')}</Heading>
      <ResponderChooser value={responder} onChange={setResponder} />

      <SubmitButton busy={action.busy}>{consultation ? t('consultation.saveDetails') : t('consultation.create')}</SubmitButton>
    </form>
  );
}

/** Who answers for a member: its designated representative, or the holder of a named office (with a portfolio). */
function ResponderChooser({ value, onChange }: { value: ConsultationResponder; onChange(next: ConsultationResponder): void }) {
  const { t } = useI18n();
  const officeKind: OfficeKind = value.kind === 'office' ? value.officeKind : 'alderman';
  const portfolio = value.kind === 'office' ? (value.portfolio ?? '') : '';
  return (
    <>
      <RadioGroupField
        legend={t('consultation.responderLegend')}
        choices={[
          { value: 'designated', label: t('consultation.responder.designated') },
          { value: 'office', label: t('consultation.responder.office') },
        ]}
        value={value.kind}
        onChange={(kind) => onChange(kind === 'office' ? { kind: 'office', officeKind } : { kind: 'designated' })}
      />
      {value.kind === 'office' && (
        <div className="vd-form__row">
          <SelectField
            label={t('person.kind')}
            value={officeKind}
            onChange={(kind) => onChange({ kind: 'office', officeKind: kind, portfolio })}
            options={OFFICE_KINDS.map((k) => ({ value: k, label: t(officeKey(k)) }))}
          />
          <TextField
            label={t('office.portfolioOptional')}
            description={t('consultation.portfolioHint')}
            autoComplete="off"
            value={portfolio}
            onChange={(text) => onChange({ kind: 'office', officeKind, portfolio: text })}
          />
        </div>
      )}
      <Paragraph className="vd-muted">{t('consultation.responderNote')}</Paragraph>
    </>
  );
}
