import { useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { fetchClient } from '../shell/client';
import { ActionFeedback, fieldError, useAction, CheckboxGroupField, SubmitButton, TextAreaField, TextField } from '../shell/fields';
import { Field, VisuallyHidden } from '../shell/components';
import type { ConsultationQuestion, QuestionInput, QuestionKind } from '../types';
import { newId, POSITION_OPTIONS, QUESTION_KINDS, questionKindKey, useConsultationWords } from './common';

/** A question while it is edited: every field as typed (options one per line), so typing is never cut short. */
interface Draft {
  id: string;
  kind: QuestionKind;
  text: string;
  help: string;
  optionsText: string;
  scale: { min: number; max: number; minLabel: string; maxLabel: string };
  required: boolean;
  condition: { questionId: string; anyOf: string[] } | null;
}

const hasOptions = (kind: QuestionKind) => kind === 'single' || kind === 'multiple' || kind === 'ranking';
/** Conditions may only refer to earlier single-choice and position questions (the server's rule). */
const canBeCondition = (kind: QuestionKind) => kind === 'single' || kind === 'position';
const optionsOf = (draft: Pick<Draft, 'kind' | 'optionsText'>): string[] =>
  draft.kind === 'position'
    ? [...POSITION_OPTIONS]
    : hasOptions(draft.kind)
      ? [
          ...new Set(
            draft.optionsText
              .split('\n')
              .map((o) => o.trim())
              .filter(Boolean),
          ),
        ]
      : [];

const DEFAULT_SCALE = { min: 1, max: 5, minLabel: '', maxLabel: '' };

const toDraft = (q: ConsultationQuestion): Draft => ({
  id: q.id,
  kind: q.kind,
  text: q.text,
  help: q.help ?? '',
  optionsText: q.kind === 'position' ? '' : q.options.join('\n'),
  scale: q.scale ? { min: q.scale.min, max: q.scale.max, minLabel: q.scale.minLabel ?? '', maxLabel: q.scale.maxLabel ?? '' } : DEFAULT_SCALE,
  required: q.required,
  condition: q.condition,
});

const blankQuestion = (kind: QuestionKind): Draft => ({
  id: newId(),
  kind,
  text: '',
  help: '',
  optionsText: '',
  scale: DEFAULT_SCALE,
  required: true,
  condition: null,
});

/** What is sent: options and scale only where the kind has them; conditions only to earlier questions that still fit. */
function toInput(drafts: Draft[]): QuestionInput[] {
  return drafts.map((d, index) => {
    const earlier = drafts.slice(0, index).find((e) => e.id === d.condition?.questionId && canBeCondition(e.kind));
    const anyOf = earlier && d.condition ? d.condition.anyOf.filter((o) => optionsOf(earlier).includes(o)) : [];
    const { minLabel, maxLabel } = d.scale;
    return {
      id: d.id,
      kind: d.kind,
      text: d.text.trim(),
      required: d.required,
      ...(d.help.trim() ? { help: d.help.trim() } : {}),
      ...(hasOptions(d.kind) ? { options: optionsOf(d) } : {}),
      ...(d.kind === 'scale'
        ? {
            scale: {
              min: d.scale.min,
              max: d.scale.max,
              ...(minLabel.trim() ? { minLabel: minLabel.trim() } : {}),
              ...(maxLabel.trim() ? { maxLabel: maxLabel.trim() } : {}),
            },
          }
        : {}),
      ...(earlier && anyOf.length > 0 ? { condition: { questionId: earlier.id, anyOf } } : {}),
    };
  });
}

/**
 * The ordered questions of a draft consultation: add, remove, move up and down (buttons, no
 * dragging), kind, text, options, scale, required and a condition on an earlier answer. The whole
 * list is saved at once (PUT .../questions), as the API replaces it.
 */
export function QuestionEditor({ consultationId, questions, onSaved }: { consultationId: string; questions: ConsultationQuestion[]; onSaved(): void }) {
  const { t } = useI18n();
  const [drafts, setDrafts] = useState<Draft[]>(() => (questions.length ? questions.map(toDraft) : [blankQuestion('position')]));
  const action = useAction();

  const update = (id: string, patch: Partial<Draft>) => setDrafts((all) => all.map((d) => (d.id === id ? { ...d, ...patch } : d)));
  // Elements carry data-focus keys: the Field component owns the ids that tie labels to controls.
  const focusLater = (key: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-focus="${key}"]`)?.focus());
  function move(index: number, by: -1 | 1) {
    const target = index + by;
    if (target < 0 || target >= drafts.length) return;
    const next = [...drafts];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved!);
    setDrafts(next);
    // Moving re-orders the DOM: put focus back on the same button of the moved question, or the other one at an end.
    const atEnd = target === 0 || target === next.length - 1;
    focusLater(`${moved!.id}-${atEnd ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down'}`);
  }
  function remove(index: number) {
    const next = drafts.filter((_, i) => i !== index);
    setDrafts(next);
    focusLater(next.length ? `${next[Math.max(0, index - 1)]!.id}-text` : 'question-add');
  }
  function add() {
    const draft = blankQuestion(drafts.length === 0 ? 'position' : 'single');
    setDrafts([...drafts, draft]);
    focusLater(`${draft.id}-kind`);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const ok = await action.run(
      () => fetchClient.PUT('/api/v1/consultations/{id}/questions', { params: { path: { id: consultationId } }, body: { items: toInput(drafts) } }),
      t('consultation.questionsSaved', { n: drafts.length }),
    );
    if (ok) onSaved();
  }

  // The server names fields "items.2.options": say which question and which of its fields.
  const fields: Record<string, string> = {
    kind: t('consultation.questionKind'),
    text: t('consultation.questionText'),
    help: t('consultation.questionHelp'),
    options: t('consultation.questionOptions'),
    scale: t('consultation.kind.scale'),
    condition: t('consultation.conditionOn'),
  };
  const fieldLabel = (name: string) => {
    const match = /^items\.(\d+)(?:\.(\w+))?/.exec(name);
    if (!match) return undefined;
    const field = match[2] ? (fields[match[2]] ?? match[2]) : '';
    return `${t('consultation.questionN', { n: Number(match[1]) + 1 })}${field ? `, ${field.toLowerCase()}` : ''}`;
  };

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form vd-questions">
      <ActionFeedback action={action} fieldLabel={fieldLabel} />
      <ol className="vd-questions__list">
        {drafts.map((draft, index) => (
          <li key={draft.id} className="vd-question-edit">
            <QuestionFields
              draft={draft}
              index={index}
              earlier={drafts.slice(0, index).filter((d) => canBeCondition(d.kind))}
              errors={{
                text: fieldError(action.error, `items.${index}.text`),
                options: fieldError(action.error, `items.${index}.options`),
                scale: fieldError(action.error, `items.${index}.scale`, `items.${index}.scale.max`, `items.${index}.scale.min`),
                condition: fieldError(action.error, `items.${index}.condition.questionId`, `items.${index}.condition.anyOf`),
              }}
              onChange={(patch) => update(draft.id, patch)}
            />
            <div className="vd-actions vd-question-edit__actions">
              <Button data-focus={`${draft.id}-up`} appearance="secondary-action-button" disabled={index === 0} onClick={() => move(index, -1)}>
                {t('consultation.moveUp')}
                <VisuallyHidden> ({t('consultation.questionN', { n: index + 1 })})</VisuallyHidden>
              </Button>
              <Button
                data-focus={`${draft.id}-down`}
                appearance="secondary-action-button"
                disabled={index === drafts.length - 1}
                onClick={() => move(index, 1)}
              >
                {t('consultation.moveDown')}
                <VisuallyHidden> ({t('consultation.questionN', { n: index + 1 })})</VisuallyHidden>
              </Button>
              <Button appearance="subtle-button" onClick={() => remove(index)}>
                {t('consultation.removeQuestion')}
                <VisuallyHidden> ({t('consultation.questionN', { n: index + 1 })})</VisuallyHidden>
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <div className="vd-actions">
        <Button data-focus="question-add" appearance="secondary-action-button" onClick={add}>
          {t('consultation.addQuestion')}
        </Button>
        <SubmitButton busy={action.busy}>{t('consultation.saveQuestions')}</SubmitButton>
      </div>
    </form>
  );
}

/** One question's fields in a fieldset named "Vraag 2". */
type FieldErrors = Record<'text' | 'options' | 'scale' | 'condition', string | undefined>;

function QuestionFields({
  draft,
  index,
  earlier,
  errors,
  onChange,
}: {
  draft: Draft;
  index: number;
  earlier: Draft[];
  errors: FieldErrors;
  onChange(patch: Partial<Draft>): void;
}) {
  const { t } = useI18n();
  const words = useConsultationWords();
  const requiredId = `${draft.id}-required`;
  const source = earlier.find((e) => e.id === draft.condition?.questionId);
  return (
    <Fieldset className="vd-fieldset vd-question-edit__fields">
      <FieldsetLegend>
        <Heading level={3} appearance="utrecht-heading-4" className="vd-question-edit__legend">
          {t('consultation.questionN', { n: index + 1 })}
        </Heading>
      </FieldsetLegend>
      <div className="vd-form__row">
        <Field label={t('consultation.questionKind')}>
          {({ id, describedBy }) => (
            <Select
              id={id}
              aria-describedby={describedBy}
              data-focus={`${draft.id}-kind`}
              value={draft.kind}
              onChange={(e) => {
                onChange({ kind: e.currentTarget.value as QuestionKind });
              }}
            >
              {QUESTION_KINDS.map((k) => (
                <SelectOption key={k} value={k}>
                  {t(questionKindKey(k))}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <TextField
        label={t('consultation.questionText')}
        error={errors.text}
        data-focus={`${draft.id}-text`}
        required
        autoComplete="off"
        value={draft.text}
        onChange={(value) => onChange({ text: value })}
      />
      <Field label={t('consultation.questionHelp')}>
        {({ id, describedBy }) => (
          <Textbox id={id} aria-describedby={describedBy} autoComplete="off" value={draft.help} onChange={(e) => onChange({ help: e.currentTarget.value })} />
        )}
      </Field>
      {draft.kind === 'position' && <Paragraph className="vd-muted">{t('consultation.positionOptionsNote')}</Paragraph>}
      {hasOptions(draft.kind) && (
        <TextAreaField
          label={t('consultation.questionOptions')}
          description={t('consultation.questionOptionsHint')}
          error={errors.options}
          rows={4}
          value={draft.optionsText}
          onChange={(value) => onChange({ optionsText: value })}
        />
      )}
      {draft.kind === 'scale' && <ScaleFields scale={draft.scale} error={errors.scale} onChange={(scale) => onChange({ scale })} />}
      <FormField type="checkbox" className="vd-checkbox-field">
        <Checkbox id={requiredId} checked={draft.required} onChange={(e) => onChange({ required: e.currentTarget.checked })} />
        <FormLabel htmlFor={requiredId} type="checkbox">
          {t('consultation.questionRequired')}
        </FormLabel>
      </FormField>
      {earlier.length > 0 && (
        <Field label={t('consultation.conditionOn')} description={t('consultation.conditionHint')} error={errors.condition}>
          {({ id, describedBy, invalid }) => (
            <Select
              id={id}
              invalid={invalid}
              aria-describedby={describedBy}
              value={draft.condition?.questionId ?? ''}
              onChange={(e) => onChange({ condition: e.currentTarget.value ? { questionId: e.currentTarget.value, anyOf: [] } : null })}
            >
              <SelectOption value="">{t('consultation.conditionNone')}</SelectOption>
              {earlier.map((e) => (
                <SelectOption key={e.id} value={e.id}>
                  {e.text || t('consultation.untitled')}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
      )}
      {source && draft.condition && (
        <CheckboxGroupField
          legend={t('consultation.conditionAnyOf')}
          choices={optionsOf(source).map((o) => ({ value: o, label: words.option(source.kind, o) }))}
          value={draft.condition.anyOf}
          onChange={(anyOf) => onChange({ condition: { questionId: source.id, anyOf } })}
        />
      )}
    </Fieldset>
  );
}

function ScaleFields({ scale, error, onChange }: { scale: Draft['scale']; error: string | undefined; onChange(scale: Draft['scale']): void }) {
  const { t } = useI18n();
  const number = (value: string, fallback: number) => (Number.isInteger(Number(value)) && value !== '' ? Number(value) : fallback);
  return (
    <div className="vd-form__row">
      <Field label={t('consultation.scaleMin')}>
        {({ id }) => (
          <Textbox
            id={id}
            type="number"
            inputMode="numeric"
            className="vd-input-short"
            value={String(scale.min)}
            onChange={(e) => onChange({ ...scale, min: number(e.currentTarget.value, scale.min) })}
          />
        )}
      </Field>
      <Field label={t('consultation.scaleMinLabel')}>
        {({ id }) => <Textbox id={id} autoComplete="off" value={scale.minLabel} onChange={(e) => onChange({ ...scale, minLabel: e.currentTarget.value })} />}
      </Field>
      <Field label={t('consultation.scaleMax')} error={error}>
        {({ id }) => (
          <Textbox
            id={id}
            type="number"
            inputMode="numeric"
            className="vd-input-short"
            value={String(scale.max)}
            onChange={(e) => onChange({ ...scale, max: number(e.currentTarget.value, scale.max) })}
          />
        )}
      </Field>
      <Field label={t('consultation.scaleMaxLabel')}>
        {({ id }) => <Textbox id={id} autoComplete="off" value={scale.maxLabel} onChange={(e) => onChange({ ...scale, maxLabel: e.currentTarget.value })} />}
      </Field>
    </div>
  );
}
