import { type FormEvent, useState } from 'react';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useSegmentLabel } from '../consultations/ResultsView';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { answerOf, fetchClient } from '../shell/client';
import { ActionFeedback, fieldError, SelectField, SubmitButton, TextField, useAction } from '../shell/fields';
import { useProfile } from '../shell/ProfileContext';
import { canManage, type Rounding, type WhatIf } from '../types';
import { columns, type PowerMajority, share } from './format';
import { FigureTable } from './FigureTable';
import { PaperForm } from './PaperForm';

const ROUNDINGS: readonly Rounding[] = ['down', 'nearest', 'up'];
const CHANGES = 20;

/** A whole number as typed, or the text itself so the server names what is wrong with it. */
const integer = (text: string): number => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : (text as unknown as number));

/** The draft rule from the page's address (the profile page links here with the rule it is editing), else the class's rule in force. */
function useDraftValues(params: URLSearchParams) {
  const { profile } = useProfile();
  const classes = profile?.document.memberClasses ?? [];
  const chosen = classes.find((c) => c.code === params.get('klasse')) ?? classes[0];
  const rule = chosen?.voteWeight;
  return useState(() => ({
    memberClass: chosen?.code ?? '',
    divisor: params.get('deler') ?? String(rule?.divisor ?? ''),
    cap: params.get('max') ?? (rule?.cap === null || rule?.cap === undefined ? '' : String(rule.cap)),
    minimum: params.get('min') ?? String(rule?.minimum ?? ''),
    rounding: (ROUNDINGS.find((r) => r === params.get('afronding')) ?? rule?.rounding ?? 'down') as Rounding,
  }));
}

export function WhatIfSection({ asOf, majority, params }: { asOf: string; majority: PowerMajority; params: URLSearchParams }) {
  const { t, local } = useI18n();
  const { user } = useSession();
  const { profile } = useProfile();
  const [values, setValues] = useDraftValues(params);
  const [result, setResult] = useState<WhatIf>();
  const action = useAction();
  const set = (field: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const draft = {
    memberClasses: [
      {
        code: values.memberClass,
        voteWeight: {
          divisor: integer(values.divisor),
          cap: values.cap.trim() === '' ? null : integer(values.cap),
          minimum: integer(values.minimum),
          rounding: values.rounding,
        },
      },
    ],
  };
  const error = (name: string) => fieldError(action.error, `draft.memberClasses.0.voteWeight.${name}`, `/draft/memberClasses/0/voteWeight/${name}`);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await action.run(
      async () => setResult(await fetchClient.POST('/api/v1/power/what-if', { body: { asOf, majority, draft } }).then(answerOf)),
      t('power.compareDone'),
    );
  }

  return (
    <section className="vd-section vd-panel" aria-labelledby="power-what-if">
      <Heading level={2} id="power-what-if">
        {t('power.whatIf')}
      </Heading>
      <Paragraph>{t('power.whatIfIntro')}</Paragraph>
      {!user && <Paragraph>{t('power.whatIfSignIn')}</Paragraph>}
      {user && (
        <form onSubmit={onSubmit} noValidate className="vd-form">
          <SelectField
            label={t('power.memberClass')}
            value={values.memberClass}
            onChange={set('memberClass')}
            options={(profile?.document.memberClasses ?? []).map((c) => ({ value: c.code, label: local(c.name) }))}
          />
          <div className="vd-form__row">
            <TextField
              label={t('form.divisor')}
              error={error('divisor')}
              inputMode="numeric"
              required
              className="vd-input-short"
              value={values.divisor}
              onChange={set('divisor')}
            />
            <TextField
              label={t('form.cap')}
              description={t('form.capHint')}
              error={error('cap')}
              inputMode="numeric"
              className="vd-input-short"
              value={values.cap}
              onChange={set('cap')}
            />
            <TextField
              label={t('form.minimum')}
              error={error('minimum')}
              inputMode="numeric"
              required
              className="vd-input-short"
              value={values.minimum}
              onChange={set('minimum')}
            />
            <SelectField
              label={t('form.rounding')}
              value={values.rounding}
              onChange={set('rounding')}
              options={ROUNDINGS.map((r) => ({ value: r, label: t(`rounding.${r}`) }))}
            />
          </div>
          <SubmitButton busy={action.busy}>{t('power.compare')}</SubmitButton>
          <ActionFeedback action={action} />
        </form>
      )}
      {result && <Comparison whatIf={result} />}
      {result && canManage(user) && <PaperForm body={{ asOf, majority, draft }} />}
    </section>
  );
}

function Comparison({ whatIf }: { whatIf: WhatIf }) {
  const { t, locale, number } = useI18n();
  const label = useSegmentLabel();
  const changes = whatIf.changes.slice(0, CHANGES);
  return (
    <div data-testid="what-if-result">
      <Paragraph>
        {t('power.draftSummary', {
          total: number(whatIf.draft.totalWeight),
          quota: number(whatIf.draft.quota),
          currentTotal: number(whatIf.current.totalWeight),
          currentQuota: number(whatIf.current.quota),
        })}
      </Paragraph>
      <FigureTable
        caption={t('power.segmentChanges')}
        columns={columns(t, ['segment', 'populationShare', 'weightNow', 'weightDraft', 'powerNow', 'powerDraft'])}
        rows={whatIf.segments
          .filter((s) => s.dimension !== 'network')
          .map((s) => ({
            key: `${s.dimension}-${s.segment}`,
            label: `${t(`power.dimension.${s.dimension}`)}: ${label(s.dimension, s)}`,
            cells: [
              share(s.populationShare, locale),
              share(s.weightShareBefore, locale),
              share(s.weightShareAfter, locale),
              share(s.banzhafBefore, locale),
              share(s.banzhafAfter, locale),
            ],
          }))}
      />
      <Heading level={3}>{t('power.changes')}</Heading>
      <FigureTable
        caption={t('power.changesCaption', { n: number(changes.length) })}
        columns={columns(t, ['member', 'weightNow', 'weightDraft', 'powerNow', 'powerDraft'])}
        rows={changes.map((c) => ({
          key: c.id,
          label: c.name,
          cells: [number(c.weightBefore), number(c.weightAfter), share(c.banzhafBefore, locale), share(c.banzhafAfter, locale)],
        }))}
      />
    </div>
  );
}
