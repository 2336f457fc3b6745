import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { Paragraph } from '@utrecht/component-library-react';
import { useI18n, type TextKey } from '../i18n';
import { useSession } from '../session/SessionContext';
import { RoleGate } from '../people/RoleGate';
import { Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { BackLink, PageNav } from '../shell/nav';
import { toLocalInput } from '../meetings/common';
import { hasRole, type ConsultationDetail, type ConsultationStatus, type OutcomeKind, type QuestionKind, type User } from '../types';

/** The datetime-local helpers are the meetings' own. */
export { fromLocalInput, toLocalInput } from '../meetings/common';

/** The pages of member consultations, in Dutch like the other routes. */
export const consultationPath = (id: string, page?: 'bewerken' | 'resultaten') => `/raadplegingen/${encodeURIComponent(id)}${page ? `/${page}` : ''}`;
export const consultationApi = (id: string, rest = '') => `/consultations/${encodeURIComponent(id)}${rest}`;

/** Staff build consultations and read live results (the server's STAFF role set). */
export const isStaff = (user: User | null | undefined) => hasRole(user, 'admin', 'staff');

export const QUESTION_KINDS: readonly QuestionKind[] = ['position', 'single', 'multiple', 'ranking', 'scale', 'open'];
export const OUTCOME_KINDS: readonly OutcomeKind[] = ['position', 'differentiated', 'none', 'motion'];
/** The fixed options of a position question, in the order the form shows them. */
export const POSITION_OPTIONS = ['agree', 'disagree', 'abstain'] as const;

export const statusKey = (status: ConsultationStatus): TextKey => `consultation.status.${status}`;
export const questionKindKey = (kind: QuestionKind): TextKey => `consultation.kind.${kind}`;
export const outcomeKey = (kind: OutcomeKind): TextKey => `consultation.outcome.${kind}`;

/** Words shared by the pages: option labels, percentages as the association writes them. */
export function useConsultationWords() {
  const { t, lang } = useI18n();
  return {
    /** A position question's option in the UI language; other options are their own label. */
    option: (kind: QuestionKind, option: string): string =>
      kind === 'position' && (POSITION_OPTIONS as readonly string[]).includes(option)
        ? t(`consultation.position.${option as (typeof POSITION_OPTIONS)[number]}`)
        : option,
    /** "15.38" → "15,38 %" in Dutch, "15.38%" in English; null → "—". */
    percent: (value: string | number | null | undefined): string => {
      if (value === null || value === undefined || value === '') return '—';
      const text = typeof value === 'number' ? value.toFixed(2) : value;
      return lang === 'nl' ? `${text.replace('.', ',')} %` : `${text}%`;
    },
    /** "3.50" → "3,50" in Dutch; null → "—". */
    decimal: (value: string | null | undefined): string => (value === null || value === undefined ? '—' : lang === 'nl' ? value.replace('.', ',') : value),
    members: (n: number): string => t(n === 1 ? 'consultation.members.one' : 'consultation.members.other', { n: String(n) }),
  };
}

export function useConsultation(id: string) {
  return apiState($api.useQuery('get', '/api/v1/consultations/{id}', { params: { path: { id } } }));
}

/** The status as a badge with its word, so the colour is never the only sign. */
export function StatusBadge({ status, published }: { status: ConsultationStatus; published?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <span className={`vd-badge vd-consultation-status vd-consultation-status--${status}`}>{t(statusKey(status))}</span>
      {published && <span className="vd-badge">{t('consultation.published')}</span>}
    </>
  );
}

/** The links between a consultation's pages for staff; the current one marked. */
export function ConsultationNav({ consultation }: { consultation: Pick<ConsultationDetail, 'id' | 'title' | 'status'> }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (!isStaff(user)) return null;
  const links = [
    { to: consultationPath(consultation.id), label: t('consultation.nav.detail') },
    ...(consultation.status === 'draft' ? [{ to: consultationPath(consultation.id, 'bewerken'), label: t('consultation.nav.edit') }] : []),
    ...(consultation.status !== 'draft' ? [{ to: consultationPath(consultation.id, 'resultaten'), label: t('consultation.nav.results') }] : []),
  ];
  return <PageNav label={t('consultation.nav.label', { title: consultation.title })} links={links} />;
}

/**
 * The quick preset: today 14:00 until tomorrow 10:00 (local time). When 14:00 has passed, opening
 * is now instead, so the consultation can be launched right away and still run until tomorrow 10:00.
 */
export function quickWindow(now: Date = new Date()): { opensAt: string; closesAt: string } {
  const opens = new Date(now);
  opens.setHours(14, 0, 0, 0);
  // Whole minutes, rounded down: a launch right after filling in still finds it open.
  if (opens < now) opens.setTime(Math.floor(now.getTime() / 60_000) * 60_000);
  const closes = new Date(now);
  closes.setDate(closes.getDate() + 1);
  closes.setHours(10, 0, 0, 0);
  return { opensAt: toLocalInput(opens.toISOString()), closesAt: toLocalInput(closes.toISOString()) };
}

/** A fresh id for a new question, so later questions' conditions can refer to it before it is saved. */
export function newId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The frame of a staff page about one consultation (builder, results): back link, title, the staff
 * gate, loading and errors, status and the page links; the page itself renders the rest.
 */
export function StaffConsultationPage({
  titleKey,
  children,
}: {
  titleKey: 'consultation.editTitle' | 'consultation.resultsTitle';
  children(consultation: ConsultationDetail, reload: () => void): ReactNode;
}) {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const consultation = useConsultation(id);
  const data = consultation.data;
  const heading = data ? t(titleKey, { title: data.title }) : consultation.error ? consultation.error.title : t('common.loading');
  usePageTitle(heading);
  return (
    <>
      <BackLink to="/raadplegingen">{t('consultation.back')}</BackLink>
      <PageTitle>{heading}</PageTitle>
      <RoleGate roles={['admin', 'staff']} needLogin="consultation.needLogin" needRole="consultation.needStaff">
        <ProblemAlert error={consultation.error} />
        {!data && consultation.loading && <Loading />}
        {data && (
          <>
            <Paragraph className="vd-meeting-meta">
              {data.dossier} · <StatusBadge status={data.status} published={data.published} />
            </Paragraph>
            <ConsultationNav consultation={data} />
            {children(data, consultation.reload)}
          </>
        )}
      </RoleGate>
    </>
  );
}
