import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Heading, Link, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { apiHref } from '../api';
import { useI18n } from '../i18n';
import { ConfirmButton } from '../meetings/ConfirmButton';
import { ActionFeedback, fieldError, useAction, RadioGroupField, SubmitButton, TextAreaField, TextField } from '../shell/fields';
import { DataTable, Loading, ProblemAlert } from '../shell/components';
import { ConsultationMails } from '../shell/MailProgress';
import { answerOf, $api, apiState, fetchClient } from '../shell/client';
import type { ConsultationDetail, ConsultationResults, OutcomeKind, SegmentDimension } from '../types';
import { consultationApi, fromLocalInput, outcomeKey, OUTCOME_KINDS, StaffConsultationPage, toLocalInput } from './common';
import { DIMENSIONS, DimensionSelect, QuestionResultView, ResponseRateSummary, SegmentRates } from './ResultsView';

const isDimension = (value: string | null): value is SegmentDimension => value !== null && (DIMENSIONS as readonly string[]).includes(value);

/**
 * /raadplegingen/:id/resultaten, for staff: response rate overall and per segment, per question the
 * chart and figures (unweighted and weighted), segments side by side with the divergence, open
 * answers; exports, a reminder, the outcome and publishing.
 */
export function ResultsPage() {
  const { t } = useI18n();
  return (
    <StaffConsultationPage titleKey="consultation.resultsTitle">
      {(data, reload) =>
        data.status === 'draft' ? <Paragraph>{t('consultation.resultsAfterLaunch')}</Paragraph> : <Dashboard consultation={data} reloadConsultation={reload} />
      }
    </StaffConsultationPage>
  );
}

function Dashboard({ consultation, reloadConsultation }: { consultation: ConsultationDetail; reloadConsultation(): void }) {
  const { t, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('indeling');
  const dimension: SegmentDimension = isDimension(chosen) ? chosen : 'province';
  const results = apiState($api.useQuery('get', '/api/v1/consultations/{id}/results', { params: { path: { id: consultation.id } } }));
  const data = results.data;
  const reload = () => {
    results.reload();
    reloadConsultation();
  };

  return (
    <>
      <Paragraph>{t('consultation.window', { opens: dateTime(consultation.opensAt), closes: dateTime(consultation.closesAt) })}</Paragraph>
      <ProblemAlert error={results.error} />
      {!data && results.loading && <Loading />}
      {data && (
        <>
          <section className="vd-section" aria-labelledby="results-rate">
            <Heading level={2} id="results-rate">
              {t('consultation.responseRate')}
            </Heading>
            <ResponseRateSummary results={data} />
            <div className="vd-filters vd-filters--single">
              <DimensionSelect value={dimension} onChange={(d) => setParams(d === 'province' ? {} : { indeling: d }, { replace: true })} />
            </div>
            <SegmentRates results={data} dimension={dimension} />
          </section>
          <section className="vd-section" aria-labelledby="results-questions">
            <Heading level={2} id="results-questions">
              {t('consultation.resultsPerQuestion')}
            </Heading>
            <Paragraph>{t('consultation.resultsNote')}</Paragraph>
            {data.questions.map((q) => (
              <QuestionResultView key={q.questionId} question={q} dimension={dimension} />
            ))}
          </section>
          <Exports consultation={consultation} />
          {consultation.status !== 'closed' && <ExtendDeadline consultation={consultation} onSaved={reload} />}
          <NonResponders results={data} consultation={consultation} onSent={reload} />
          <OutcomeForm consultation={consultation} onSaved={reload} />
          <Publish consultation={consultation} onPublished={reload} />
        </>
      )}
    </>
  );
}

function Exports({ consultation }: { consultation: ConsultationDetail }) {
  const { t } = useI18n();
  return (
    <section className="vd-section" aria-labelledby="results-export">
      <Heading level={2} id="results-export">
        {t('consultation.export')}
      </Heading>
      <ul className="vd-plain-list vd-link-list">
        <li>
          <Link href={apiHref(consultationApi(consultation.id, '/results.csv'))} download>
            {t('consultation.exportCsv')}
          </Link>
        </li>
        <li>
          <Link href={apiHref(consultationApi(consultation.id, '/results.pdf'))} download>
            {t('consultation.exportPdf')}
          </Link>
        </li>
      </ul>
    </section>
  );
}

/** While it runs, the closing time may be extended (the server refuses shortening it). */
function ExtendDeadline({ consultation, onSaved }: { consultation: ConsultationDetail; onSaved(): void }) {
  const { t, dateTime } = useI18n();
  const [closesAt, setClosesAt] = useState(toLocalInput(consultation.closesAt));
  const action = useAction();
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const iso = fromLocalInput(closesAt) ?? closesAt;
    if (
      await action.run(
        () => fetchClient.PATCH('/api/v1/consultations/{id}', { params: { path: { id: consultation.id } }, body: { closesAt: iso } }),
        t('consultation.extended', { at: dateTime(iso) }),
      )
    )
      onSaved();
  }
  return (
    <section className="vd-section" aria-labelledby="results-extend">
      <Heading level={2} id="results-extend">
        {t('consultation.extendTitle')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(f) => (f.replace(/^\//, '') === 'closesAt' ? t('consultation.closesAt') : undefined)} />
      <form onSubmit={onSubmit} noValidate className="vd-form vd-form--narrow">
        <TextField
          label={t('consultation.closesAt')}
          description={t('consultation.extendHint')}
          error={fieldError(action.error, 'closesAt', '/closesAt')}
          type="datetime-local"
          required
          value={closesAt}
          onChange={setClosesAt}
        />
        <SubmitButton busy={action.busy} appearance="secondary-action-button">
          {t('consultation.extend')}
        </SubmitButton>
      </form>
    </section>
  );
}

/** Who has not answered yet (a draft is not an answer), and a reminder to them now. */
function NonResponders({ results, consultation, onSent }: { results: ConsultationResults; consultation: ConsultationDetail; onSent(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [done, setDone] = useState<string>();
  const [reminded, setReminded] = useState(0);
  const list = results.nonResponders ?? [];
  async function remind() {
    let sent = 0;
    setDone(undefined);
    if (
      await action.run(
        async () =>
          (sent = (await fetchClient.POST('/api/v1/consultations/{id}/reminders', { params: { path: { id: consultation.id } } }).then(answerOf)).sent),
        '',
      )
    ) {
      setDone(t(sent === 1 ? 'consultation.remindersSentOne' : 'consultation.remindersSent', { n: sent }));
      setReminded((n) => n + 1);
      onSent();
    }
  }
  return (
    <section className="vd-section" aria-labelledby="results-nonresponders">
      <Heading level={2} id="results-nonresponders">
        {t('consultation.nonResponders', { n: list.length })}
      </Heading>
      <ConsultationMails consultationId={consultation.id} refresh={reminded} />
      {list.length > 0 && (
        <DataTable caption={t('consultation.nonRespondersCaption')} captionHidden>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('col.name')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('col.province')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('consultation.col.state')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((m) => (
              <TableRow key={m.memberId}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {m.name}
                </TableHeaderCell>
                <TableCell>{m.province}</TableCell>
                <TableCell>{m.draft ? t('consultation.response.draft') : t('consultation.response.none')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {consultation.status === 'open' && (
        <>
          <ActionFeedback action={{ error: action.error, done }} />
          <Button appearance="secondary-action-button" busy={action.busy} disabled={action.busy || list.length === 0} onClick={() => void remind()}>
            {t('consultation.remind')}
          </Button>
        </>
      )}
    </section>
  );
}

/** What the association did with the result; saving notifies every member that answered. */
function OutcomeForm({ consultation, onSaved }: { consultation: ConsultationDetail; onSaved(): void }) {
  const { t, dateTime } = useI18n();
  const [kind, setKind] = useState<OutcomeKind | undefined>(consultation.outcome?.kind);
  const [text, setText] = useState(consultation.outcome?.text ?? '');
  const [kindError, setKindError] = useState<string>();
  const action = useAction();
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!kind) {
      setKindError(t('consultation.outcomeKindRequired'));
      return;
    }
    setKindError(undefined);
    if (
      await action.run(
        () => fetchClient.PUT('/api/v1/consultations/{id}/outcome', { params: { path: { id: consultation.id } }, body: { kind, text: text.trim() } }),
        t('consultation.outcomeSaved'),
      )
    )
      onSaved();
  }
  return (
    <section className="vd-section vd-panel" aria-labelledby="results-outcome">
      <Heading level={2} id="results-outcome">
        {t('consultation.outcomeTitle')}
      </Heading>
      <Paragraph>
        {consultation.outcome ? t('consultation.outcomeRecorded', { at: dateTime(consultation.outcome.recordedAt) }) : t('consultation.outcomeIntro')}
      </Paragraph>
      <ActionFeedback action={action} fieldLabel={(f) => ({ kind: t('consultation.outcomeKind'), text: t('consultation.outcomeText') })[f]} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <RadioGroupField
          legend={t('consultation.outcomeKind')}
          required
          error={kindError ?? fieldError(action.error, 'kind')}
          choices={OUTCOME_KINDS.map((k) => ({ value: k, label: t(outcomeKey(k)) }))}
          value={kind}
          onChange={(k) => setKind(k as OutcomeKind)}
        />
        <TextAreaField
          label={t('consultation.outcomeText')}
          description={t('consultation.outcomeTextHint')}
          error={fieldError(action.error, 'text')}
          rows={5}
          required
          value={text}
          onChange={setText}
        />
        <SubmitButton busy={action.busy}>{t('consultation.outcomeSave')}</SubmitButton>
      </form>
    </section>
  );
}

/** Publishing: once closed and the outcome recorded, the public page shows question, response and outcome. */
function Publish({ consultation, onPublished }: { consultation: ConsultationDetail; onPublished(): void }) {
  const { t, dateTime } = useI18n();
  const action = useAction();
  const ready = consultation.status === 'closed' && consultation.outcome !== null;
  return (
    <section className="vd-section" aria-labelledby="results-publish">
      <Heading level={2} id="results-publish">
        {t('consultation.publishTitle')}
      </Heading>
      {consultation.published ? (
        <Paragraph>{t('consultation.publishedAt', { at: dateTime(consultation.publishedAt) })}</Paragraph>
      ) : (
        <>
          <Paragraph>{ready ? t('consultation.publishReady') : t('consultation.publishNotYet')}</Paragraph>
          <ActionFeedback action={action} />
          {ready && (
            <ConfirmButton
              label={t('consultation.publish')}
              question={t('consultation.publishQuestion')}
              confirm={t('consultation.publishConfirm')}
              busy={action.busy}
              onConfirm={() =>
                void action
                  .run(
                    () => fetchClient.POST('/api/v1/consultations/{id}/publish', { params: { path: { id: consultation.id } } }),
                    t('consultation.publishDone'),
                  )
                  .then((ok) => ok && onPublished())
              }
            />
          )}
        </>
      )}
    </section>
  );
}
