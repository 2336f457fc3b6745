import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import { asApiError } from '../api';
import { Loading, ProblemAlert } from '../shell/components';
import { answerOf, $api, apiState, fetchClient } from '../shell/client';
import type { Answers, ConsultationAnswer, ConsultationDetail, ConsultationQuestion, ConsultationResponse, MyMember, ResponseInput } from '../types';
import { QuestionInput } from './QuestionInputs';

/** Whether a question is shown: no condition, or its earlier question (itself shown) answered with one of anyOf. */
export function visibleQuestions(questions: readonly ConsultationQuestion[], answers: Answers): ConsultationQuestion[] {
  const shown = new Set<string>();
  for (const q of questions) {
    const c = q.condition;
    if (!c) {
      shown.add(q.id);
      continue;
    }
    const earlier = answers[c.questionId];
    if (shown.has(c.questionId) && earlier && 'choice' in earlier && c.anyOf.includes(earlier.choice)) shown.add(q.id);
  }
  return questions.filter((q) => shown.has(q.id));
}

/** An answer that says nothing (no text, no choice) counts as not given. */
function isGiven(q: ConsultationQuestion, a: ConsultationAnswer | undefined): boolean {
  if (!a) return false;
  if ('text' in a) return a.text.trim() !== '';
  if ('choices' in a) return a.choices.length > 0;
  return q.kind === 'ranking' ? 'order' in a : true;
}

/**
 * The answers sent: only shown questions (the server drops the rest anyway) and only given answers.
 * A ranking is always an answer: the order on screen is the member's order.
 */
function answersToSend(questions: readonly ConsultationQuestion[], answers: Answers): Answers {
  const out: Answers = {};
  for (const q of visibleQuestions(questions, answers)) {
    const a = q.kind === 'ranking' ? (answers[q.id] ?? { order: q.options }) : answers[q.id];
    if (a && isGiven(q, a)) out[q.id] = a;
  }
  return out;
}

/** A 409 about the version (the deadline is a 409 too): another representative saved first. */
const isVersionConflict = (error: ApiError) => error.status === 409 && error.type.endsWith('/version-conflict');

type Saved = { kind: 'draft' | 'submitted'; at: string } | { kind: 'conflict' } | null;

/**
 * The answer form for one member: every shown question as a fieldset, "Concept opslaan" and
 * "Versturen". The version read goes with every save; when another representative of the same
 * member saved in between, the server answers 409 and the form loads what they saved.
 */
export function AnswerForm({ consultation, member }: { consultation: ConsultationDetail; member: MyMember }) {
  const { t, dateTime } = useI18n();
  // Always asked, also for "none": another representative may have saved since the page loaded.
  const loaded = apiState(
    $api.useQuery('get', '/api/v1/consultations/{id}/responses/{memberId}', { params: { path: { id: consultation.id, memberId: member.memberId } } }),
  );
  const noResponseYet = loaded.error?.status === 404;
  const ready = !loaded.loading && (noResponseYet || loaded.data !== undefined);
  // Lives here, not in the fields: after a conflict the fields start again from the reloaded response.
  const [saved, setSaved] = useState<Saved>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  // The button pressed is gone after a conflict (the fields start again): focus the message instead.
  useEffect(() => {
    if (saved?.kind === 'conflict') statusRef.current?.focus();
  }, [saved]);
  return (
    <section className="vd-section vd-panel vd-answer" aria-labelledby={`answer-${member.memberId}`}>
      <Heading level={2} id={`answer-${member.memberId}`}>
        {t('consultation.answerFor', { member: member.memberName })}
      </Heading>
      {loaded.error && loaded.error.status !== 404 && <ProblemAlert error={loaded.error} />}
      {!ready && !loaded.error && <Loading />}
      {ready && (
        <AnswerFields
          key={loaded.data && !noResponseYet ? `${loaded.data.version}` : 'new'}
          consultation={consultation}
          memberId={member.memberId}
          initial={noResponseYet ? undefined : loaded.data}
          reload={loaded.reload}
          setSaved={setSaved}
        />
      )}
      {/* Outside the fields, which start afresh after a conflict: a live region must stay in place to be heard. */}
      <div role="status" ref={statusRef} tabIndex={-1} className="vd-answer__live vd-status-message" data-testid={`save-status-${member.memberId}`}>
        {saved?.kind === 'draft' && <Paragraph>{t('consultation.draftSaved', { at: dateTime(saved.at) })}</Paragraph>}
        {saved?.kind === 'submitted' && <Paragraph>{t('consultation.submitted', { member: member.memberName, at: dateTime(saved.at) })}</Paragraph>}
        {saved?.kind === 'conflict' && <Paragraph>{t('consultation.conflict')}</Paragraph>}
      </div>
    </section>
  );
}

interface FieldsProps {
  consultation: ConsultationDetail;
  memberId: string;
  initial: ConsultationResponse | undefined;
  reload(): void;
  setSaved(saved: Saved): void;
}

function AnswerFields({ consultation, memberId, initial, reload, setSaved }: FieldsProps) {
  const { t, dateTime } = useI18n();
  const baseId = useId();
  const [answers, setAnswers] = useState<Answers>(initial?.answers ?? {});
  const [response, setResponse] = useState<ConsultationResponse | undefined>(initial);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [problem, setProblem] = useState<ApiError>();
  const [missing, setMissing] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const open = consultation.status === 'open';
  const shown = visibleQuestions(consultation.questions, answers);

  useEffect(() => {
    if (missing.length > 0) summaryRef.current?.focus();
  }, [missing]);

  async function save(submit: boolean) {
    setProblem(undefined);
    setSaved(null);
    if (submit) {
      const gaps = shown
        .filter((q) => q.required && !isGiven(q, q.kind === 'ranking' ? (answers[q.id] ?? { order: q.options }) : answers[q.id]))
        .map((q) => q.id);
      setMissing(gaps);
      if (gaps.length > 0) return;
    } else {
      setMissing([]);
    }
    setBusy(submit ? 'submit' : 'draft');
    const body: ResponseInput = { answers: answersToSend(consultation.questions, answers), submit, ...(response ? { version: response.version } : {}) };
    try {
      const next = await fetchClient
        .PUT('/api/v1/consultations/{id}/responses/{memberId}', { params: { path: { id: consultation.id, memberId } }, body })
        .then(answerOf);
      setResponse(next);
      setSaved({ kind: next.status, at: next.status === 'submitted' && next.submittedAt ? next.submittedAt : next.updatedAt });
    } catch (caught) {
      const error = asApiError(caught);
      if (isVersionConflict(error)) {
        // Someone else saved for this member in the meantime: show theirs rather than overwrite it.
        setSaved({ kind: 'conflict' });
        reload();
      } else {
        setProblem(error);
      }
    } finally {
      setBusy(null);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(true);
  }

  const status =
    response?.status === 'submitted'
      ? t('consultation.submittedUntil', { at: dateTime(response.submittedAt), until: dateTime(response.editableUntil) })
      : response
        ? t('consultation.draftSavedBy', { at: dateTime(response.updatedAt), name: response.personName })
        : '';
  const questionNumber = (q: ConsultationQuestion) => consultation.questions.indexOf(q) + 1;
  // The server names an answer "answers.<question id>": show its reason at the question and name the question in the alert.
  const serverError = (id: string) => problem?.errors.find((e) => e.name === `answers.${id}`)?.reason;
  const fieldLabel = (name: string) => {
    const q = consultation.questions.find((x) => name === `answers.${x.id}`);
    return q ? `${t('consultation.questionN', { n: questionNumber(q) })}: ${q.text}` : undefined;
  };

  return (
    <>
      {status && <Paragraph className="vd-answer__state">{status}</Paragraph>}
      {missing.length > 0 && (
        <Alert type="error" className="vd-alert" ref={summaryRef} tabIndex={-1}>
          <Heading level={3} appearance="utrecht-heading-4">
            {t('consultation.missingTitle')}
          </Heading>
          <ul className="vd-plain-list">
            {missing.map((id) => {
              const q = consultation.questions.find((x) => x.id === id)!;
              return (
                <li key={id}>
                  <a href={`#${baseId}-q-${id}`} className="utrecht-link utrecht-link--html-a">
                    {t('consultation.questionN', { n: questionNumber(q) })}: {q.text}
                  </a>
                </li>
              );
            })}
          </ul>
        </Alert>
      )}
      <ProblemAlert error={problem} fieldLabel={fieldLabel} focus />
      <form onSubmit={onSubmit} noValidate className="vd-form vd-answer__form">
        {shown.map((q) => (
          <div key={q.id} id={`${baseId}-q-${q.id}`} className="vd-answer__item" tabIndex={-1}>
            <QuestionInput
              question={q}
              legend={`${t('consultation.questionN', { n: questionNumber(q) })}: ${q.text}${q.required ? '' : ` ${t('consultation.optional')}`}`}
              answer={answers[q.id]}
              error={missing.includes(q.id) ? t('consultation.answerRequired') : serverError(q.id)}
              onChange={(a) => {
                setAnswers((all) => ({ ...all, [q.id]: a }));
                if (missing.includes(q.id)) setMissing((m) => m.filter((x) => x !== q.id));
              }}
            />
          </div>
        ))}
        {open ? (
          <div className="vd-actions vd-answer__actions">
            {/* A draft save would withdraw a sent answer (the member then counts as no response): once sent, only resending. */}
            {response?.status !== 'submitted' && (
              <Button appearance="secondary-action-button" busy={busy === 'draft'} disabled={busy !== null} onClick={() => void save(false)}>
                {busy === 'draft' ? t('form.busy') : t('consultation.saveDraft')}
              </Button>
            )}
            <Button type="submit" appearance="primary-action-button" busy={busy === 'submit'} disabled={busy !== null}>
              {busy === 'submit' ? t('form.busy') : response?.status === 'submitted' ? t('consultation.resubmit') : t('consultation.submit')}
            </Button>
          </div>
        ) : (
          <Paragraph>{t('consultation.notOpenForAnswers')}</Paragraph>
        )}
      </form>
    </>
  );
}
