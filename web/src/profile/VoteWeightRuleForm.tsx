import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Heading, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { type ApiError, asApiError } from '../api';
import { useI18n, type TextKey } from '../i18n';
import { answerOf, fetchClient } from '../shell/client';
import { AppLink, DateInput, Field, ProblemAlert } from '../shell/components';
import { SubmitButton, TextAreaField, TextField } from '../shell/fields';
import { addDays, today } from '../shell/dates';
import type { NewProfileVersion, ProfileVersion, Rounding } from '../types';
import { voteWeightRuleInWords } from './rules';

type RuleField = 'divisor' | 'cap' | 'minimum' | 'rounding' | 'source';
type FormField = RuleField | 'effectiveFrom' | 'reason' | 'memberClass';

const ROUNDINGS: readonly Rounding[] = ['down', 'nearest', 'up'];
const LABELS: Record<FormField, TextKey> = {
  memberClass: 'form.memberClass',
  divisor: 'form.divisor',
  cap: 'form.cap',
  minimum: 'form.minimum',
  rounding: 'form.rounding',
  source: 'form.source',
  effectiveFrom: 'form.effectiveFrom',
  reason: 'form.reason',
};

interface Values {
  memberClass: string;
  divisor: string;
  cap: string;
  minimum: string;
  rounding: Rounding;
  source: string;
  effectiveFrom: string;
  reason: string;
}

function ruleValues(base: ProfileVersion, code: string): Omit<Values, 'effectiveFrom' | 'reason'> {
  const memberClass = base.document.memberClasses.find((c) => c.code === code) ?? base.document.memberClasses[0]!;
  const rule = memberClass.voteWeight;
  return {
    memberClass: memberClass.code,
    divisor: String(rule.divisor),
    cap: rule.cap === null ? '' : String(rule.cap),
    minimum: String(rule.minimum),
    rounding: rule.rounding,
    source: rule.source,
  };
}

/** The form field an API error names: "document.memberClasses.0.voteWeight.divisor" is the divisor. */
function formFieldOf(name: string): FormField | undefined {
  if (name === 'effectiveFrom' || name === 'reason') return name;
  const match = /^document\.memberClasses\.\d+\.voteWeight\.(divisor|cap|minimum|rounding|source)$/.exec(name);
  return match ? (match[1] as RuleField) : undefined;
}

/** A whole number as typed, or the text itself so the server can name what is wrong with it. */
const integer = (text: string): number => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : (text as unknown as number));

export function VoteWeightRuleForm({ base, onSaved }: { base: ProfileVersion; onSaved(): void }) {
  const i18n = useI18n();
  const { t, local, date } = i18n;
  const [values, setValues] = useState<Values>(() => ({
    ...ruleValues(base, base.document.memberClasses[0]!.code),
    effectiveFrom: addDays(today(), 1),
    reason: '',
  }));
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);

  // A newer base (after saving) refills the rule of the chosen class.
  useEffect(() => {
    setValues((current) => ({ ...current, ...ruleValues(base, current.memberClass) }));
  }, [base]);

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const set = (field: keyof Values) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const fieldError = (field: FormField) => {
    const found = error?.errors.filter((e) => formFieldOf(e.name) === field).map((e) => e.reason);
    return found?.length ? found.join('; ') : undefined;
  };
  const labelOf = (name: string) => {
    const field = formFieldOf(name);
    return field ? t(LABELS[field]) : undefined;
  };

  const preview =
    /^\d+$/.test(values.divisor) && Number(values.divisor) > 0 && /^\d+$/.test(values.minimum) && (values.cap === '' || /^\d+$/.test(values.cap))
      ? voteWeightRuleInWords(
          { divisor: Number(values.divisor), cap: values.cap === '' ? null : Number(values.cap), minimum: Number(values.minimum), rounding: values.rounding },
          i18n,
        )
      : null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setSaved(undefined);
    setBusy(true);
    const document = structuredClone(base.document);
    document.memberClasses = document.memberClasses.map((memberClass) =>
      memberClass.code === values.memberClass
        ? {
            ...memberClass,
            voteWeight: {
              divisor: integer(values.divisor),
              cap: values.cap.trim() === '' ? null : integer(values.cap),
              minimum: integer(values.minimum),
              rounding: values.rounding,
              source: values.source.trim(),
            },
          }
        : memberClass,
    );
    const body: NewProfileVersion = { effectiveFrom: values.effectiveFrom, reason: values.reason.trim(), document, basedOn: base.id };
    try {
      const created = await fetchClient.POST('/api/v1/profile/versions', { body }).then(answerOf);
      setSaved(created.effectiveFrom);
      setValues((current) => ({ ...current, reason: '' }));
      onSaved();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="vd-section vd-panel">
      <Heading level={2} id="profile-change">
        {t('profile.change')}
      </Heading>
      <Paragraph>{t('profile.changeIntro', { date: date(base.effectiveFrom) })}</Paragraph>

      {saved && (
        <Alert type="ok" role="status" className="vd-alert" ref={savedRef} tabIndex={-1}>
          <Paragraph>{t('profile.saved', { date: date(saved) })}</Paragraph>
        </Alert>
      )}
      <ProblemAlert error={error} fieldLabel={labelOf} focus />

      <form onSubmit={onSubmit} noValidate className="vd-form">
        <Field label={t('form.memberClass')}>
          {({ id }) => (
            <Select id={id} value={values.memberClass} onChange={(e) => setValues((current) => ({ ...current, ...ruleValues(base, e.currentTarget.value) }))}>
              {base.document.memberClasses.map((memberClass) => (
                <SelectOption key={memberClass.code} value={memberClass.code}>
                  {local(memberClass.name)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <div className="vd-form__row">
          <TextField
            label={t('form.divisor')}
            error={fieldError('divisor')}
            inputMode="numeric"
            required
            className="vd-input-short"
            value={values.divisor}
            onChange={(value) => set('divisor')(value)}
          />
          <TextField
            label={t('form.cap')}
            description={t('form.capHint')}
            error={fieldError('cap')}
            inputMode="numeric"
            className="vd-input-short"
            value={values.cap}
            onChange={(value) => set('cap')(value)}
          />
          <TextField
            label={t('form.minimum')}
            error={fieldError('minimum')}
            inputMode="numeric"
            required
            className="vd-input-short"
            value={values.minimum}
            onChange={(value) => set('minimum')(value)}
          />
          <Field label={t('form.rounding')} error={fieldError('rounding')}>
            {({ id, describedBy, invalid }) => (
              <Select id={id} invalid={invalid} aria-describedby={describedBy} value={values.rounding} onChange={(e) => set('rounding')(e.currentTarget.value)}>
                {ROUNDINGS.map((rounding) => (
                  <SelectOption key={rounding} value={rounding}>
                    {t(`rounding.${rounding}`)}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
        </div>
        {preview && <Paragraph className="vd-preview">{t('profile.newRule', { rule: preview })}</Paragraph>}
        {preview && (
          <Paragraph>
            <AppLink
              to={`/stemmacht?${new URLSearchParams({ klasse: values.memberClass, deler: values.divisor, max: values.cap, min: values.minimum, afronding: values.rounding })}#power-what-if`}
            >
              {t('power.fromProfile')}
            </AppLink>
          </Paragraph>
        )}
        <TextAreaField
          label={t('form.source')}
          error={fieldError('source')}
          required
          rows={3}
          value={values.source}
          onChange={(value) => set('source')(value)}
        />
        <Field label={t('form.effectiveFrom')} description={t('form.effectiveFromHint')} error={fieldError('effectiveFrom')}>
          {({ id, describedBy }) => <DateInput id={id} required describedBy={describedBy} value={values.effectiveFrom} onValidChange={set('effectiveFrom')} />}
        </Field>
        <TextAreaField
          label={t('form.reason')}
          error={fieldError('reason')}
          required
          rows={2}
          value={values.reason}
          onChange={(value) => set('reason')(value)}
        />
        <SubmitButton busy={busy}>{t('form.submit')}</SubmitButton>
      </form>
    </section>
  );
}
