import { useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { Alert, DataList, DataListItem, DataListKey, DataListValue, Heading, Link, Paragraph } from '@utrecht/component-library-react';
import { apiHref } from '../api';
import { useI18n } from '../i18n';
import { useFileSize } from '../meetings/Papers';
import { useSession } from '../session/SessionContext';
import { Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { BackLink } from '../shell/nav';
import type { ConsultationDetail, SegmentDimension } from '../types';
import { AnswerForm } from './AnswerForm';
import { ConsultationNav, consultationApi, isStaff, outcomeKey, StatusBadge, useConsultation } from './common';
import { DimensionSelect, QuestionResultView, ResponseRateSummary } from './ResultsView';

/** The explanation sits under the page's h1: its "# heading" becomes an h2, and so on down. */
const demoteHeadings = (html: string) =>
  html.replace(/<(\/?)h([1-6])(\s|>)/gi, (_whole, slash: string, level: string, after: string) => `<${slash}h${Math.min(Number(level) + 1, 6)}${after}`);

/**
 * /raadplegingen/:id: what is asked and why, the papers and the deadline; for a representative an
 * answer form per member they answer for; for everyone, once published, the response and the outcome.
 */
export function ConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const consultation = useConsultation(id);
  const data = consultation.data;
  const heading = data ? data.title : consultation.error ? consultation.error.title : t('common.loading');
  usePageTitle(heading);
  // Signed out, a consultation that is not public yet is hidden: sign in first, then come back here.
  if (user === null && (consultation.error?.status === 404 || consultation.error?.status === 401)) {
    return <Navigate to={`/inloggen?terug=${encodeURIComponent(`/raadplegingen/${id}`)}`} replace />;
  }
  return (
    <div className="vd-consultation">
      <BackLink to="/raadplegingen">{t('consultation.back')}</BackLink>
      <PageTitle>{heading}</PageTitle>
      <ProblemAlert error={consultation.error} />
      {!data && consultation.loading && <Loading />}
      {data && (
        <>
          <Paragraph className="vd-meeting-meta">
            {data.dossier} · <StatusBadge status={data.status} published={data.published} />
          </Paragraph>
          <ConsultationNav consultation={data} />
          <Facts consultation={data} />
          {data.explanationHtml && (
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders and sanitises this Markdown (src/meetings/markdown.ts)
            <div className="utrecht-rich-text vd-consultation__explanation" dangerouslySetInnerHTML={{ __html: demoteHeadings(data.explanationHtml) }} />
          )}
          <PaperLinks consultation={data} />
          <Answering consultation={data} />
          {data.published && <PublicResult consultation={data} />}
          {isStaff(user) && data.status === 'draft' && <Paragraph>{t('consultation.draftNote')}</Paragraph>}
        </>
      )}
    </div>
  );
}

function Facts({ consultation }: { consultation: ConsultationDetail }) {
  const { t, dateTime } = useI18n();
  return (
    <DataList className="vd-datalist">
      <DataListItem>
        <DataListKey>{t('consultation.owner')}</DataListKey>
        <DataListValue>{consultation.owner}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('consultation.opensAt')}</DataListKey>
        <DataListValue>{dateTime(consultation.opensAt)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('consultation.closesAt')}</DataListKey>
        <DataListValue>
          <strong>{dateTime(consultation.closesAt)}</strong>
        </DataListValue>
      </DataListItem>
      {consultation.responseRate && (
        <DataListItem>
          <DataListKey>{t('consultation.responseRate')}</DataListKey>
          <DataListValue>
            {t('consultation.rateShort', {
              responded: consultation.responseRate.responded,
              audience: consultation.responseRate.audience,
              drafts: consultation.responseRate.drafts,
            })}
          </DataListValue>
        </DataListItem>
      )}
    </DataList>
  );
}

function PaperLinks({ consultation }: { consultation: ConsultationDetail }) {
  const { t } = useI18n();
  const size = useFileSize();
  if (consultation.papers.length === 0) return null;
  return (
    <section className="vd-section" aria-labelledby="consultation-papers">
      <Heading level={2} id="consultation-papers">
        {t('consultation.papers')}
      </Heading>
      <ul className="vd-papers">
        {consultation.papers.map((paper) => (
          <li key={paper.id}>
            <Link href={apiHref(consultationApi(consultation.id, `/papers/${paper.id}`))} download={paper.fileName}>
              {paper.title}
            </Link>{' '}
            <span className="vd-paper__meta">({size(paper.size)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The forms for the members this person answers for, or why there is nothing to answer. */
function Answering({ consultation }: { consultation: ConsultationDetail }) {
  const { t, dateTime } = useI18n();
  const { user } = useSession();
  const mine = consultation.myMembers ?? [];
  if (!user || mine.length === 0) return null;
  if (consultation.status === 'scheduled') {
    return (
      <Alert type="info" className="vd-alert">
        <Paragraph>{t('consultation.opensLater', { at: dateTime(consultation.opensAt) })}</Paragraph>
      </Alert>
    );
  }
  return (
    <>
      {consultation.status === 'open' && <Paragraph>{t('consultation.answerIntro', { at: dateTime(consultation.closesAt) })}</Paragraph>}
      {consultation.status === 'closed' && (
        <Alert type="info" className="vd-alert">
          <Paragraph>{t('consultation.closedNote', { at: dateTime(consultation.closesAt) })}</Paragraph>
        </Alert>
      )}
      {mine.map((member) => (
        <AnswerForm key={member.memberId} consultation={consultation} member={member} />
      ))}
    </>
  );
}

/** The published result: response, the figures per question, and what the association did with it. */
function PublicResult({ consultation }: { consultation: ConsultationDetail }) {
  const { t } = useI18n();
  const results = apiState($api.useQuery('get', '/api/v1/consultations/{id}/results', { params: { path: { id: consultation.id } } }));
  const [dimension, setDimension] = useState<SegmentDimension>('province');
  return (
    <section className="vd-section" aria-labelledby="consultation-result">
      <Heading level={2} id="consultation-result">
        {t('consultation.publicResult')}
      </Heading>
      {consultation.outcome && (
        <div className="vd-panel vd-outcome-box">
          <Heading level={3}>{t('consultation.outcomeTitle')}</Heading>
          <Paragraph>
            <strong>{t(outcomeKey(consultation.outcome.kind))}</strong>
          </Paragraph>
          {consultation.outcome.text.split(/\n{2,}/).map((p, i) => (
            <Paragraph key={i}>{p}</Paragraph>
          ))}
        </div>
      )}
      <ProblemAlert error={results.error} />
      {!results.data && results.loading && <Loading />}
      {results.data && (
        <>
          <ResponseRateSummary results={results.data} />
          <div className="vd-filters vd-filters--single">
            <DimensionSelect value={dimension} onChange={setDimension} />
          </div>
          {results.data.questions.map((q) => (
            <QuestionResultView key={q.questionId} question={q} dimension={dimension} />
          ))}
        </>
      )}
    </section>
  );
}
