import { Fragment, useMemo, type ReactNode } from 'react';
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import { $api, apiState } from '../shell/client';
import { BackLink, PageNav } from '../shell/nav';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { PageTitle, usePageTitle, VisuallyHidden } from '../shell/components';
import { today } from '../shell/dates';
import type { ApiError } from '../api';
import { hasRole, type AgendaItem, type Amendment, type Meeting, type Motion, type User } from '../types';
import { adviceKey, kindKey, statusKey, submissionStatusKey } from './labels';

/** Staff prepare meetings (the server's PEOPLE_MANAGERS). */
export const isStaff = (user: User | null | undefined) => hasRole(user, 'admin', 'staff');
/** The chair runs the meeting; staff may too. */
export const runsMeeting = (user: User | null | undefined) => hasRole(user, 'admin', 'staff', 'chair');

/** A list answer as its items, whether the server sends { items } or a bare array. */
export const itemsOf = <T,>(data: { items: T[] } | T[] | undefined): T[] => (data === undefined ? [] : Array.isArray(data) ? data : data.items);

export const meetingPath = (id: string, page?: 'voorbereiden' | 'voorzitter' | 'besluiten' | 'notulen' | 'presentie' | 'opvolging') =>
  `/vergaderingen/${encodeURIComponent(id)}${page ? `/${page}` : ''}`;

/** A meeting; live, it is asked again every 5 seconds in session and every 30 before (the open and current item change then). */
export function useMeeting(id: string, live = false) {
  return apiState(
    $api.useQuery(
      'get',
      '/api/v1/meetings/{id}',
      { params: { path: { id } } },
      {
        // A safety net only: live pages follow the meeting's event stream (live.ts).
        refetchInterval: live ? (query) => (query.state.data?.status === 'closed' ? false : 30_000) : false,
      },
    ),
  );
}

export function useAgenda(id: string) {
  return apiState($api.useQuery('get', '/api/v1/meetings/{id}/agenda-items', { params: { path: { id } } }));
}

export interface Submissions {
  motions: Motion[];
  amendments: Amendment[];
  loading: boolean;
  error: ApiError | undefined;
  reload(): void;
}

/** The meeting's motions and amendments; only signed-in users see them (null meeting id: none). */
export function useSubmissions(meetingId: string | null): Submissions {
  const ofMeeting = { params: { query: { meetingId: meetingId ?? '' } } };
  const motions = apiState($api.useQuery('get', '/api/v1/motions', ofMeeting, { enabled: meetingId !== null }));
  const amendments = apiState($api.useQuery('get', '/api/v1/amendments', ofMeeting, { enabled: meetingId !== null }));
  const reloadMotions = motions.reload;
  const reloadAmendments = amendments.reload;
  return useMemo(
    () => ({
      motions: itemsOf(motions.data),
      amendments: itemsOf(amendments.data),
      loading: motions.loading || amendments.loading,
      error: motions.error ?? amendments.error,
      reload: () => {
        reloadMotions();
        reloadAmendments();
      },
    }),
    [motions.data, amendments.data, motions.loading, amendments.loading, motions.error, amendments.error, reloadMotions, reloadAmendments],
  );
}

export type Submission = ({ type: 'amendment' } & Amendment) | ({ type: 'motion' } & Motion);

/**
 * An item's motions and amendments in the order they are handled, before its proposal, as the
 * server lists them: motions first (related ones together, in their speaking order), then amendments.
 */
export function submissionsFor(itemId: string, motions: readonly Motion[], amendments: readonly Amendment[]): Submission[] {
  return [
    ...motions.filter((m) => m.agendaItemId === itemId).map((m): Submission => ({ ...m, type: 'motion' })),
    ...amendments.filter((a) => a.agendaItemId === itemId).map((a): Submission => ({ ...a, type: 'amendment' })),
  ];
}

export interface TreeItem {
  item: AgendaItem;
  children: AgendaItem[];
}

/** The agenda as top-level items with their sub-items, in order. */
export function agendaTree(items: readonly AgendaItem[]): TreeItem[] {
  return items.filter((i) => i.parentId === null).map((item) => ({ item, children: items.filter((c) => c.parentId === item.id) }));
}

/** The members the signed-in person may act for today: offices with a designation in force. */
export function useMyMembers(enabled: boolean) {
  const me = apiState($api.useQuery('get', '/api/v1/people/me', {}, { enabled }));
  const { locale } = useI18n();
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const office of me.data?.offices ?? []) {
      if (office.active && office.designations.some((d) => d.active)) seen.set(office.memberId, office.memberName);
    }
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [me.data, locale]);
}

/** Whether filing is still open for representatives: before the deadline, and before the meeting closes. */
export function filingOpen(meeting: Meeting, now: Date = new Date()): boolean {
  if (meeting.status === 'closed') return false;
  return meeting.motionDeadline === null || new Date(meeting.motionDeadline) > now;
}

export const isUpcoming = (meeting: Meeting) => meeting.date >= today() && meeting.status !== 'closed';

/** The links between a meeting's pages; the current one marked. */
export function MeetingNav({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { user } = useSession();
  const links = [
    { to: meetingPath(meeting.id), label: t('meeting.nav.meeting') },
    ...(isStaff(user) ? [{ to: meetingPath(meeting.id, 'voorbereiden'), label: t('meeting.nav.prepare') }] : []),
    ...(runsMeeting(user) ? [{ to: meetingPath(meeting.id, 'voorzitter'), label: t('meeting.nav.chair') }] : []),
    { to: meetingPath(meeting.id, 'besluiten'), label: t('meeting.nav.decisions') },
    { to: meetingPath(meeting.id, 'notulen'), label: t('meeting.nav.minutes') },
    { to: meetingPath(meeting.id, 'opvolging'), label: t('nav.followUp') },
  ];
  return <PageNav label={t('meeting.nav.label', { title: meeting.title })} links={links} />;
}

/** The top of every meeting page: back link, the page's one h1, the meeting's kind, date and status, and the meeting's pages. */
export function MeetingPageTop({ title, meeting, error }: { title: string; meeting: Meeting | undefined; error?: { title: string } | undefined }) {
  const { t, date } = useI18n();
  const heading = meeting ? title : error ? error.title : t('common.loading');
  usePageTitle(heading);
  return (
    <>
      <BackLink to="/vergaderingen">{t('meeting.back')}</BackLink>
      <PageTitle>{heading}</PageTitle>
      {meeting && (
        <>
          <Paragraph className="vd-meeting-meta">
            {t(kindKey(meeting.kind))} · {date(meeting.date)}
            {meeting.startTime ? ` · ${meeting.startTime}` : ''}
            <span className={`vd-badge vd-status vd-status--${meeting.status}`}>{t(statusKey(meeting.status))}</span>
          </Paragraph>
          <MeetingNav meeting={meeting} />
        </>
      )}
    </>
  );
}

/**
 * An amendment's change to the proposal: insertions as <ins>, deletions as <del>. Screen readers
 * do not announce these elements, so each change also says what it is.
 */
export function Diff({ diff }: { diff: Amendment['diff'] }) {
  const { t } = useI18n();
  return (
    <div className="vd-diff">
      {diff.map((part, index) => (
        <Fragment key={index}>
          {part.op === 'equal' && <span>{part.text}</span>}
          {part.op === 'insert' && (
            <ins>
              <VisuallyHidden>[{t('amendment.inserted')}: </VisuallyHidden>
              {part.text}
              <VisuallyHidden>]</VisuallyHidden>
            </ins>
          )}
          {part.op === 'delete' && (
            <del>
              <VisuallyHidden>[{t('amendment.deleted')}: </VisuallyHidden>
              {part.text}
              <VisuallyHidden>]</VisuallyHidden>
            </del>
          )}
        </Fragment>
      ))}
    </div>
  );
}

/** Multi-line text as paragraphs. */
export function TextBlock({ text, className }: { text: string; className?: string }) {
  return (
    <div className={['vd-text-block', className].filter(Boolean).join(' ')}>
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <Paragraph key={index}>{paragraph}</Paragraph>
      ))}
    </div>
  );
}

/** The name of a motion or amendment as read aloud: "Motie: …", "Amendement: …". */
export function useSubmissionLabel() {
  const { t } = useI18n();
  return (submission: Submission) => t(submission.type === 'motion' ? 'motion.label' : 'amendment.label', { title: submission.title });
}

/**
 * One motion or amendment: submitters, when filed, status, the board's advice and the text
 * (an amendment as its change to the proposal). Actions for the viewer go in children.
 */
/** An item's motions and amendments, each with what the page adds to it; a line when there are none. */
export function SubmissionList({ list, headingLevel, children }: { list: Submission[]; headingLevel: 4 | 5; children(submission: Submission): ReactNode }) {
  const { t } = useI18n();
  if (list.length === 0) return <Paragraph>{t('agenda.noSubmissions')}</Paragraph>;
  return (
    <>
      {list.map((submission) => (
        <SubmissionView key={submission.id} submission={submission} headingLevel={headingLevel}>
          {children(submission)}
        </SubmissionView>
      ))}
    </>
  );
}

export function SubmissionView({ submission, headingLevel = 4, children }: { submission: Submission; headingLevel?: 3 | 4 | 5; children?: ReactNode }) {
  const { t, dateTime } = useI18n();
  const label = useSubmissionLabel();
  const submitters = submission.submitters
    .map((s) =>
      s.coSubmitter
        ? t('motion.coSubmitterName', { name: s.memberName })
        : s.first && submission.submitters.length > 1
          ? t('motion.firstSubmitterName', { name: s.memberName })
          : s.memberName,
    )
    .join(', ');
  const memberName = (id: string) => submission.submitters.find((s) => s.memberId === id)?.memberName ?? id;
  const request = submission.status === 'filed' ? submission.pendingRequest : null;
  return (
    <article className={`vd-submission vd-submission--${submission.status}`} aria-label={label(submission)}>
      <Heading level={headingLevel} className="vd-submission__title">
        {label(submission)}
      </Heading>
      <Paragraph className="vd-submission__meta">
        <span className="vd-badge">{t(submissionStatusKey(submission.status))}</span>
        {submission.late && <span className="vd-badge">{t('motion.late')}</span>}
        {submission.type === 'motion' && submission.group && (
          <span className="vd-badge">{t('motion.groupBadge', { label: submission.group.label, position: submission.group.position })}</span>
        )}
      </Paragraph>
      <dl className="vd-submission__facts">
        <dt>{t('motion.submitters')}</dt>
        <dd>
          {submitters || t('common.none')}
          {submission.onBehalfOf ? ` (${t('motion.onBehalfOfValue', { group: submission.onBehalfOf })})` : ''}
        </dd>
        {submission.status === 'filed' && submission.invitations.length > 0 && (
          <>
            <dt>{t('motion.invitations')}</dt>
            <dd>{submission.invitations.map((i) => t('motion.invitationValue', { name: i.memberName, by: i.invitedBy })).join(', ')}</dd>
          </>
        )}
        {request && (
          <>
            <dt>{t('motion.pending')}</dt>
            <dd>
              {t(request.outcome === 'held' ? 'motion.pending.held' : 'motion.pending.withdrawn', {
                by: request.requestedBy,
                names: request.missing.map(memberName).join(', '),
              })}
            </dd>
          </>
        )}
        <dt>{t('motion.filed')}</dt>
        <dd>{t('motion.filedValue', { at: dateTime(submission.filedAt), by: submission.filedBy })}</dd>
        <dt>{t('motion.advice')}</dt>
        <dd>
          {submission.boardAdvice ? t(adviceKey(submission.boardAdvice)) : t('motion.noAdvice')}
          {submission.adviceReasoning ? ` — ${submission.adviceReasoning}` : ''}
        </dd>
      </dl>
      {submission.type === 'motion' ? (
        <>
          {submission.considerations && (
            <>
              <Paragraph className="vd-submission__label">{t('motion.considerations')}</Paragraph>
              <TextBlock text={submission.considerations} />
            </>
          )}
          <Paragraph className="vd-submission__label">{t('motion.request')}</Paragraph>
          <TextBlock text={submission.request} />
        </>
      ) : (
        <>
          <Paragraph className="vd-submission__label">{t('amendment.change')}</Paragraph>
          <Diff diff={submission.diff} />
          {submission.explanation && (
            <>
              <Paragraph className="vd-submission__label">{t('amendment.explanation')}</Paragraph>
              <TextBlock text={submission.explanation} />
            </>
          )}
        </>
      )}
      {children}
    </article>
  );
}

/** A moment (ISO) as the value of a datetime-local field, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO moment; empty or unreadable gives null. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** What creating or changing a meeting answers besides the meeting: warnings that did not stop it (a date in the past). */
export interface MeetingWarning {
  code: string;
  message: string;
}

/** The warnings of the last save, shown under its confirmation: the change was made, but look again. */
export function MeetingWarnings({ warnings }: { warnings: readonly MeetingWarning[] }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <Alert type="warning" className="vd-alert">
      {warnings.map((w) => (
        <Paragraph key={w.code}>
          <strong>{t('meeting.warning')}:</strong> {w.message}
        </Paragraph>
      ))}
    </Alert>
  );
}
