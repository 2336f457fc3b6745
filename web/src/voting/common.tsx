import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { $api, answerOf, apiState, fetchClient } from '../shell/client';
import { useI18n, type TextKey } from '../i18n';
import { asApiError } from '../shell/fields';
import type { OptionTotal, Poll, PollProgress, PollResult, PollRule } from '../types';

/** The pages of live voting, in Dutch like the other routes. */
export const ballotPath = (pollId: string) => `/stemmen/${encodeURIComponent(pollId)}`;
export const resultPath = (pollId: string) => `/stemmingen/${encodeURIComponent(pollId)}`;
export const screenPath = (meetingId: string) => `/vergaderingen/${encodeURIComponent(meetingId)}/scherm`;
export const pollApi = (pollId: string, rest = '') => `/polls/${encodeURIComponent(pollId)}${rest}`;

/** The three options of a for/against vote; a choice has options of its own. */
export const STANDARD_OPTIONS = ['for', 'against', 'abstain'] as const;
type StandardOption = (typeof STANDARD_OPTIONS)[number];
const isStandard = (key: string): key is StandardOption => (STANDARD_OPTIONS as readonly string[]).includes(key);

export const ruleKey = (rule: PollRule): TextKey => `poll.rule.${rule}`;
export const outcomeKey = (outcome: PollResult['outcome']): TextKey => `poll.outcome.${outcome}`;
export const statusKey = (status: Poll['status']): TextKey => `poll.status.${status}`;
export const secrecyKey = (secrecy: Poll['secrecy']): TextKey => `poll.secrecy.${secrecy}`;

/** A fresh id for one press of a ballot button; a retry sends the same id again. */
export function newClientBallotId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Words for the poll: option labels in the UI language, percentages as the minutes write them. */
export function usePollWords() {
  const { t, lang, number } = useI18n();
  return {
    /** "for" → "Voor"; a custom option by its own label. */
    option: (poll: Pick<Poll, 'options'> | undefined, key: string | null | undefined): string => {
      if (key === null || key === undefined) return t('poll.noVote');
      if (isStandard(key)) return t(`ballot.option.${key}`);
      return poll?.options.find((o) => o.key === key)?.label ?? key;
    },
    /** "97.68" → "97,68%" (Dutch) or "97.68%" (English); null → "—". */
    percent: (value: string | number | null | undefined): string => {
      if (value === null || value === undefined || value === '') return '—';
      const text = String(value);
      return `${lang === 'nl' ? text.replace('.', ',') : text}%`;
    },
    /** "1 lid", "3 leden". */
    members: (n: number): string => t(n === 1 ? 'poll.members.one' : 'poll.members.other', { n: number(n) }),
    /** What the vote is about: "Agendapunt: Kaderbrief", "Proefstemming"; empty when the question says it already, unless always. */
    subject: (poll: Poll, always = false): string => {
      if (poll.subject.type === 'trial') return t('poll.subject.trial');
      if (!always && poll.question === poll.subject.title) return '';
      return t(poll.subject.type === 'agenda-item' ? 'poll.subject.item' : 'poll.subject.submission', { title: poll.subject.title });
    },
  };
}

/** "142 van 287 leden hebben gestemd · 6.020 van 11.245 stemmen". */
export function useProgressText() {
  const { t, number } = useI18n();
  return (progress: PollProgress) =>
    t(progress.votedMembers === 1 ? 'poll.progressOne' : 'poll.progress', {
      members: number(progress.votedMembers),
      ofMembers: number(progress.entitledMembers),
      weight: number(progress.votedWeight),
      ofWeight: number(progress.entitledWeight),
    });
}

export type LiveMode = 'connecting' | 'live' | 'polling' | 'done';

export interface LivePoll {
  poll: Poll | undefined;
  error: ApiError | undefined;
  /** How the page hears of changes: server-sent events, polling every 3 s, or not at all after closing. */
  mode: LiveMode;
  /** Takes an answer of the server (close, reopen) at once, without waiting for the stream. */
  update(poll: Poll): void;
}

/** Whether a snapshot is older than the one we have: a closed poll never opens again, progress never goes back. */
function isOlder(next: Poll, current: Poll | undefined): boolean {
  if (!current || current.id !== next.id) return false;
  if (current.status !== 'open' && next.status === 'open') return true;
  if (current.status === 'open' && next.status === 'open') return next.progress.votedMembers < current.progress.votedMembers;
  return false;
}

const POLL_INTERVAL = 3_000;

/**
 * A poll, kept up to date: by Server-Sent Events (GET /polls/:id/events, event "poll" with the
 * snapshot), or, while the stream fails, by asking GET /polls/:id every 3 seconds. The browser
 * reconnects the stream by itself; when it is back, polling stops. Once the poll is closed or
 * cancelled nothing changes any more, and the page stops listening.
 */
export function useLivePoll(pollId: string | null | undefined): LivePoll {
  const [poll, setPoll] = useState<Poll>();
  const [error, setError] = useState<ApiError>();
  const [mode, setMode] = useState<LiveMode>('connecting');
  const latest = useRef<Poll | undefined>(undefined);

  const accept = useCallback((next: Poll) => {
    if (isOlder(next, latest.current)) return;
    latest.current = next;
    setPoll(next);
    setError(undefined);
  }, []);

  useEffect(() => {
    latest.current = undefined;
    setPoll(undefined);
    setError(undefined);
    if (!pollId) return;
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    const controller = new AbortController();
    const finished = () => latest.current !== undefined && latest.current.status !== 'open';
    const stop = () => {
      source?.close();
      source = null;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      setMode('done');
    };
    const fetchOnce = () =>
      fetchClient
        .GET('/api/v1/polls/{id}', { params: { path: { id: pollId } }, signal: controller.signal })
        .then(answerOf)
        .then((answer) => {
          if (stopped) return;
          accept(answer);
          if (finished() && timer !== undefined) stop();
        })
        .catch((caught: unknown) => {
          if (stopped || controller.signal.aborted) return;
          const problem = asApiError(caught);
          setError(problem);
          // No such poll: nothing will come of asking again.
          if (problem.status === 404) stop();
        });
    const startPolling = () => {
      if (stopped || timer !== undefined) return;
      if (finished()) {
        stop();
        return;
      }
      setMode('polling');
      timer = setInterval(() => void fetchOnce(), POLL_INTERVAL);
    };

    setMode('connecting');
    void fetchOnce();
    if (typeof EventSource === 'function') {
      source = new EventSource(`/api/v1${pollApi(pollId, '/events')}`);
      source.addEventListener('poll', (event) => {
        if (stopped) return;
        try {
          accept(JSON.parse((event as MessageEvent<string>).data) as Poll);
        } catch {
          // A message we cannot read; the next one or the fallback will do.
          return;
        }
        if (finished()) {
          stop();
          return;
        }
        // The stream is (back) up: no need to ask.
        if (timer !== undefined) clearInterval(timer);
        timer = undefined;
        setMode('live');
      });
      source.onerror = () => {
        // The browser retries a dropped stream by itself (CONNECTING); a refused one is CLOSED.
        if (source?.readyState === EventSource.CLOSED) source = null;
        startPolling();
      };
    } else {
      startPolling();
    }
    return () => {
      stopped = true;
      controller.abort();
      source?.close();
      if (timer !== undefined) clearInterval(timer);
    };
  }, [pollId, accept]);

  return { poll, error, mode, update: accept };
}

/** The meeting's polls, newest first, asked again every few seconds so a new poll shows up by itself. */
export function useMeetingPolls(meetingId: string | null | undefined, refreshMs = 5_000) {
  // The query's own interval: a timer restarted on every render (reload is a new function each time) would never fire on a busy page.
  const list = apiState(
    $api.useQuery(
      'get',
      '/api/v1/polls',
      { params: { query: { meetingId: meetingId ?? '' } } },
      { enabled: Boolean(meetingId), refetchInterval: meetingId && refreshMs > 0 ? refreshMs : false },
    ),
  );
  const { reload } = list;
  const items = list.data?.items ?? [];
  return { data: list.data, items, newest: items[0], open: items.find((p) => p.status === 'open'), error: list.error, loading: list.loading, reload };
}

/** A bar per option: the weighted percentage as text and as the bar's length. Abstentions count in neither. */
function barsOf(result: PollResult, kind: Poll['kind']): (OptionTotal & { share: string | null })[] {
  if (kind === 'for-against') {
    const byKey = new Map(result.totals.map((total) => [total.option, total]));
    return (['for', 'against'] as const).map((key) => {
      const total = byKey.get(key) ?? { option: key, label: key, members: 0, weight: 0, percent: null };
      return { ...total, share: key === 'for' ? result.percentFor : result.percentAgainst };
    });
  }
  return result.totals.map((total) => ({ ...total, share: total.percent }));
}

/**
 * The result as an HTML bar chart with the figures in text (screen readers read the list, the
 * bars are decoration), the abstentions, the statement and the outcome.
 */
export function ResultChart({ poll, result, headingLevel = 3, large = false }: { poll: Poll; result: PollResult; headingLevel?: 2 | 3 | 4; large?: boolean }) {
  const running = poll.status === 'open';
  const { t, lang, number } = useI18n();
  const words = usePollWords();
  const bars = barsOf(result, poll.kind);
  const abstain = poll.kind === 'for-against' ? result.totals.find((total) => total.option === 'abstain') : undefined;
  const headingId = `result-${poll.id}`;
  return (
    <div className={['vd-result', large ? 'vd-result--large' : ''].filter(Boolean).join(' ')}>
      <Heading level={headingLevel} id={headingId}>
        {running ? t('poll.runningTitle') : t('poll.resultTitle')}
      </Heading>
      <ul className="vd-bars" aria-labelledby={headingId}>
        {bars.map((bar) => {
          const width = bar.share === null ? 0 : Math.max(0, Math.min(100, Number(bar.share)));
          return (
            <li key={bar.option} className={`vd-bars__item vd-bars__item--${bar.option}`}>
              <span className="vd-bars__label">{words.option(poll, bar.option)}</span>
              <span className="vd-bars__track" aria-hidden="true">
                <span className="vd-bars__fill" style={{ inlineSize: `${width}%` }} />
              </span>
              <span className="vd-bars__value">
                <strong>{words.percent(bar.share)}</strong>{' '}
                <span className="vd-bars__detail">{t('poll.barDetail', { weight: number(bar.weight), members: words.members(bar.members) })}</span>
              </span>
            </li>
          );
        })}
      </ul>
      {abstain && (
        <Paragraph className="vd-result__abstain">{t('poll.abstained', { members: words.members(abstain.members), weight: number(abstain.weight) })}</Paragraph>
      )}
      <Paragraph className="vd-result__statement">
        <strong>{result.statement[lang]}</strong>
      </Paragraph>
      <Paragraph className="vd-result__facts">
        <span className={`vd-badge vd-outcome vd-outcome--${result.outcome}`}>{t(outcomeKey(result.outcome))}</span>{' '}
        {t('poll.ruleValue', { rule: t(ruleKey(result.rule)) })}
        {result.quorum.percent !== null && <> · {t(result.quorum.met ? 'poll.quorumMet' : 'poll.quorumNotMet', { percent: number(result.quorum.percent) })}</>}
      </Paragraph>
      {poll.ruleSource && <Paragraph className="vd-result__source">{t('poll.ruleSource', { source: poll.ruleSource })}</Paragraph>}
    </div>
  );
}

/** A thin bar of the weight voted so far, next to the figures in text. */
export function ProgressBar({ progress }: { progress: PollProgress }) {
  const share = progress.entitledWeight > 0 ? Math.min(100, (progress.votedWeight * 100) / progress.entitledWeight) : 0;
  return (
    <span className="vd-progress" aria-hidden="true">
      <span className="vd-progress__fill" style={{ inlineSize: `${share}%` }} />
    </span>
  );
}

/** True for problems worth a retry with the same ballot id: no connection, or the server failed. */
export const isRetryable = (error: ApiError) => error.status === 0 || error.status >= 500;

/** The link to the ballot, as a large primary button (NL Design System button link), routed client-side. */
export function VoteLink({ pollId, children }: { pollId: string; children: ReactNode }) {
  return (
    <RouterLink to={ballotPath(pollId)} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action vd-vote-link">
      {children}
    </RouterLink>
  );
}
