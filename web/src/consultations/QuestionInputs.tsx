import { useId, useState } from 'react';
import { Button, Fieldset, FieldsetLegend, FormFieldDescription, Textarea } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { Field, VisuallyHidden } from '../shell/components';
import { CheckboxGroupField, RadioGroupField, TextAreaField } from '../shell/fields';
import type { ConsultationAnswer, ConsultationQuestion } from '../types';
import { POSITION_OPTIONS, useConsultationWords } from './common';

interface InputProps {
  question: ConsultationQuestion;
  /** "Vraag 2" and the text, as the legend. */
  legend: string;
  answer: ConsultationAnswer | undefined;
  error: string | undefined;
  onChange(answer: ConsultationAnswer): void;
}

const choiceOf = (a: ConsultationAnswer | undefined) => (a && 'choice' in a ? a.choice : undefined);

/** One question as the right form control: radios, checkboxes, a ranking, a scale or a text area. */
export function QuestionInput(props: InputProps) {
  switch (props.question.kind) {
    case 'position':
      return <PositionInput {...props} />;
    case 'single':
      return <SingleInput {...props} />;
    case 'multiple':
      return <MultipleInput {...props} />;
    case 'ranking':
      return <RankingInput {...props} />;
    case 'scale':
      return <ScaleInput {...props} />;
    case 'open':
      return <OpenInput {...props} />;
  }
}

function PositionInput({ question, legend, answer, error, onChange }: InputProps) {
  const { t } = useI18n();
  const words = useConsultationWords();
  const choice = choiceOf(answer);
  const reason = answer && 'reason' in answer ? (answer.reason ?? '') : '';
  return (
    <div className="vd-answer-question">
      <RadioGroupField
        legend={legend}
        description={question.help ?? undefined}
        error={error}
        required={question.required}
        choices={POSITION_OPTIONS.map((o) => ({ value: o, label: words.option('position', o) }))}
        value={choice}
        onChange={(next) => onChange({ choice: next as (typeof POSITION_OPTIONS)[number], ...(reason ? { reason } : {}) })}
      />
      <Field label={t('consultation.reason')} description={t('consultation.reasonHint')}>
        {({ id, describedBy }) => (
          <Textarea
            id={id}
            rows={3}
            aria-describedby={describedBy}
            value={reason}
            disabled={!choice}
            onChange={(e) => choice && onChange({ choice: choice as (typeof POSITION_OPTIONS)[number], reason: e.currentTarget.value })}
          />
        )}
      </Field>
    </div>
  );
}

function SingleInput({ question, legend, answer, error, onChange }: InputProps) {
  return (
    <RadioGroupField
      legend={legend}
      description={question.help ?? undefined}
      error={error}
      required={question.required}
      choices={question.options.map((o) => ({ value: o, label: o }))}
      value={choiceOf(answer)}
      onChange={(choice) => onChange({ choice })}
      className="vd-answer-question"
    />
  );
}

function MultipleInput({ question, legend, answer, error, onChange }: InputProps) {
  const { t } = useI18n();
  return (
    <CheckboxGroupField
      legend={legend}
      description={[question.help, t('consultation.multipleHint')].filter(Boolean).join(' ')}
      error={error}
      choices={question.options.map((o) => ({ value: o, label: o }))}
      value={answer && 'choices' in answer ? answer.choices : []}
      // Keep the options' order, whatever order they were ticked in.
      onChange={(choices) => onChange({ choices: question.options.filter((o) => choices.includes(o)) })}
      className="vd-answer-question"
    />
  );
}

function ScaleInput({ question, legend, answer, error, onChange }: InputProps) {
  const scale = question.scale ?? { min: 1, max: 5 };
  const values = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const label = (v: number) =>
    v === scale.min && scale.minLabel ? `${v} – ${scale.minLabel}` : v === scale.max && scale.maxLabel ? `${v} – ${scale.maxLabel}` : String(v);
  return (
    <RadioGroupField
      legend={legend}
      description={question.help ?? undefined}
      error={error}
      required={question.required}
      choices={values.map((v) => ({ value: String(v), label: label(v) }))}
      value={answer && 'value' in answer ? String(answer.value) : undefined}
      onChange={(v) => onChange({ value: Number(v) })}
      className="vd-answer-question vd-answer-scale"
    />
  );
}

function OpenInput({ question, legend, answer, error, onChange }: InputProps) {
  return (
    <TextAreaField
      label={legend}
      description={question.help ?? undefined}
      error={error}
      fieldClassName="vd-answer-question"
      rows={5}
      required={question.required}
      value={answer && 'text' in answer ? answer.text : ''}
      onChange={(value) => onChange({ text: value })}
    />
  );
}

/**
 * A ranking without dragging: each option has "Omhoog" and "Omlaag" buttons. Focus stays on the
 * button pressed (or moves to the other one at an end), and a status says where the option is now.
 */
function RankingInput({ question, legend, answer, error, onChange }: InputProps) {
  const { t } = useI18n();
  const baseId = useId();
  const [said, setSaid] = useState('');
  // An answer lists every option once; anything else (a changed question) starts from the options' order.
  const saved =
    answer && 'order' in answer && answer.order.length === question.options.length && question.options.every((o) => answer.order.includes(o))
      ? answer.order
      : null;
  const order = saved ?? question.options;
  const descriptionId = `${baseId}-description`;
  const errorId = `${baseId}-error`;

  function move(index: number, by: -1 | 1) {
    const target = index + by;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved!);
    onChange({ order: next });
    setSaid(t('consultation.rankMoved', { option: moved!, place: target + 1, of: next.length }));
    const atEnd = target === 0 || target === next.length - 1;
    const which = atEnd ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down';
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-focus="${baseId}-${target}-${which}"]`)?.focus());
  }

  return (
    <Fieldset
      className="vd-fieldset vd-answer-question vd-ranking"
      invalid={Boolean(error)}
      aria-describedby={[descriptionId, error ? errorId : ''].filter(Boolean).join(' ')}
    >
      <FieldsetLegend>{legend}</FieldsetLegend>
      <FormFieldDescription id={descriptionId}>{[question.help, t('consultation.rankingHint')].filter(Boolean).join(' ')}</FormFieldDescription>
      {error && (
        <p id={errorId} className="utrecht-form-field-error-message">
          {error}
        </p>
      )}
      <ol className="vd-ranking__list">
        {order.map((option, index) => (
          <li key={option} className="vd-ranking__item">
            <span className="vd-ranking__place" aria-hidden="true">
              {index + 1}
            </span>
            <span className="vd-ranking__option">{option}</span>
            <span className="vd-ranking__buttons">
              <Button appearance="secondary-action-button" data-focus={`${baseId}-${index}-up`} disabled={index === 0} onClick={() => move(index, -1)}>
                {t('consultation.moveUp')}
                <VisuallyHidden>: {option}</VisuallyHidden>
              </Button>
              <Button
                appearance="secondary-action-button"
                data-focus={`${baseId}-${index}-down`}
                disabled={index === order.length - 1}
                onClick={() => move(index, 1)}
              >
                {t('consultation.moveDown')}
                <VisuallyHidden>: {option}</VisuallyHidden>
              </Button>
            </span>
          </li>
        ))}
      </ol>
      <p role="status" className="vd-visually-hidden">
        {said}
      </p>
    </Fieldset>
  );
}
