import { useId, useRef, useState, useEffect, type FormEvent } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  Link,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { api, apiHref, type ApiError } from '../api';
import { useI18n, type TextKey } from '../i18n';
import { meetingPath } from '../meetings/common';
import { asApiError } from '../shell/fields';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Field, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { useApi } from '../shell/useApi';
import { hasRole, type Meeting, type MemberVote, type Poll, type PollResult, type ReceiptCheck } from '../types';
import { VoteLink, pollApi, ProgressBar, resultPath, ResultChart, ruleKey, secrecyKey, statusKey, useLivePoll, usePollWords, useProgressText } from './common';

/**
 * A poll's public page: what was asked, the result with its totals and segments, the votes per member
 * where they are public, the chain head to verify the log with, and a check of a voter's receipt.
 */
export function ResultPage() {
  const { pollId = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const live = useLivePoll(pollId);
  const poll = live.poll;
  const meeting = useApi<Meeting>(poll ? `/meetings/${encodeURIComponent(poll.meetingId)}` : null);
  const progressText = useProgressText();
  const heading = poll ? t('poll.resultPageTitle', { question: poll.question }) : live.error ? live.error.title : t('common.loading');
  usePageTitle(heading);

  return (
    <>
      {poll && (
        <Paragraph className="vd-back">
          <AppLink to={meetingPath(poll.meetingId)}>{t('poll.backToMeeting', { title: meeting.data?.title ?? '' })}</AppLink>
        </Paragraph>
      )}
      <PageTitle>{heading}</PageTitle>
      <ProblemAlert error={live.error} />
      {!poll && !live.error && <Loading />}
      {poll && (
        <>
          <PollFacts poll={poll} meetingTitle={meeting.data?.title} />
          {poll.status === 'open' && (
            <section className="vd-section" aria-labelledby="poll-progress">
              <Heading level={2} id="poll-progress">
                {t('poll.progressTitle')}
              </Heading>
              <Paragraph role="status">{progressText(poll.progress)}</Paragraph>
              <ProgressBar progress={poll.progress} />
              <Paragraph>{t(poll.secrecy === 'secret' ? 'poll.secretNoRunning' : 'poll.resultFollows')}</Paragraph>
              {user && (
                <Paragraph>
                  <VoteLink pollId={poll.id}>{t('poll.voteLink')}</VoteLink>
                </Paragraph>
              )}
            </section>
          )}
          {poll.status === 'cancelled' && <Paragraph>{t('poll.wasCancelled')}</Paragraph>}
          {poll.result && (
            <section className="vd-section" aria-label={t('poll.resultTitle')}>
              <ResultChart poll={poll} result={poll.result} headingLevel={2} />
              <Totals poll={poll} result={poll.result} />
              <Segments poll={poll} result={poll.result} />
            </section>
          )}
          {poll.status === 'closed' && <Votes poll={poll} />}
          {poll.status !== 'cancelled' && poll.result && <Chain poll={poll} result={poll.result} />}
          <ReceiptForm poll={poll} />
        </>
      )}
    </>
  );
}

function PollFacts({ poll, meetingTitle }: { poll: Poll; meetingTitle: string | undefined }) {
  const { t, dateTime } = useI18n();
  const words = usePollWords();
  return (
    <DataList className="vd-datalist">
      <DataListItem>
        <DataListKey>{t('poll.meeting')}</DataListKey>
        <DataListValue>
          <AppLink to={meetingPath(poll.meetingId)}>{meetingTitle ?? t('common.loading')}</AppLink>
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.subject')}</DataListKey>
        <DataListValue>{words.subject(poll, true)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.statusLabel')}</DataListKey>
        <DataListValue>{t(statusKey(poll.status))}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.rule')}</DataListKey>
        <DataListValue>{t(ruleKey(poll.rule))}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.secrecy')}</DataListKey>
        <DataListValue>{t(secrecyKey(poll.secrecy))}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.openedAt')}</DataListKey>
        <DataListValue>{dateTime(poll.openedAt)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.closedAt')}</DataListKey>
        <DataListValue>
          {poll.closedAt ? dateTime(poll.closedAt) : poll.closesAt ? t('poll.closesAtValue', { at: dateTime(poll.closesAt) }) : '—'}
        </DataListValue>
      </DataListItem>
      {poll.replacesPollId && (
        <DataListItem>
          <DataListKey>{t('poll.replaces')}</DataListKey>
          <DataListValue>
            <AppLink to={resultPath(poll.replacesPollId)}>{t('poll.replacesLink')}</AppLink>
          </DataListValue>
        </DataListItem>
      )}
    </DataList>
  );
}

function Totals({ poll, result }: { poll: Poll; result: PollResult }) {
  const { t, number } = useI18n();
  const words = usePollWords();
  const shareOf = (option: string, percent: string | null) =>
    poll.kind === 'for-against' ? (option === 'for' ? result.percentFor : option === 'against' ? result.percentAgainst : null) : percent;
  const sum = result.totals.reduce((acc, total) => ({ members: acc.members + total.members, weight: acc.weight + total.weight }), { members: 0, weight: 0 });
  return (
    <DataTable caption={t('poll.totalsCaption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('poll.col.option')}</TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('poll.col.members')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('poll.col.weight')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('poll.col.percent')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {result.totals.map((total) => (
          <TableRow key={total.option}>
            <TableHeaderCell scope="row" className="vd-row-header">
              {words.option(poll, total.option)}
            </TableHeaderCell>
            <TableCell numericColumn>{number(total.members)}</TableCell>
            <TableCell numericColumn>{number(total.weight)}</TableCell>
            <TableCell numericColumn>
              {shareOf(total.option, total.percent) === null ? t('poll.notCounted') : words.percent(shareOf(total.option, total.percent))}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableHeaderCell scope="row" className="vd-row-header">
            {t('poll.col.total')}
          </TableHeaderCell>
          <TableCell numericColumn>{number(sum.members)}</TableCell>
          <TableCell numericColumn>{number(sum.weight)}</TableCell>
          <TableCell numericColumn />
        </TableRow>
      </TableBody>
    </DataTable>
  );
}

const SEGMENT_KEYS: Record<string, TextKey> = {
  province: 'poll.segment.province',
  sizeClass: 'poll.segment.sizeClass',
  network: 'poll.segment.network',
  memberClass: 'poll.segment.memberClass',
};

/** The totals per province, size class or network, when the poll keeps them; a secret poll never does. */
function Segments({ poll, result }: { poll: Poll; result: PollResult }) {
  const { t, number } = useI18n();
  const words = usePollWords();
  const kinds = Object.entries(result.segments).filter(([, values]) => Object.keys(values).length > 0);
  if (poll.secrecy === 'secret') return <Paragraph className="vd-segments-secret">{t('poll.segmentsSecret')}</Paragraph>;
  if (kinds.length === 0) return null;
  const options = result.totals.map((total) => total.option);
  return (
    <>
      <Heading level={3}>{t('poll.segmentsTitle')}</Heading>
      {kinds.map(([kind, values]) => (
        <DataTable key={kind} caption={SEGMENT_KEYS[kind] ? t(SEGMENT_KEYS[kind]) : t('poll.segment.other', { kind })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{SEGMENT_KEYS[kind] ? t(SEGMENT_KEYS[kind]) : kind}</TableHeaderCell>
              {options.map((option) => (
                <TableHeaderCell key={option} scope="col" numericColumn>
                  {words.option(poll, option)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {Object.entries(values).map(([value, totals]) => (
              <TableRow key={value}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {value}
                </TableHeaderCell>
                {options.map((option) => {
                  const total = totals.find((x) => x.option === option);
                  return (
                    <TableCell key={option} numericColumn>
                      {t('poll.segmentCell', { weight: number(total?.weight ?? 0), members: words.members(total?.members ?? 0) })}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      ))}
    </>
  );
}

/** The vote of each member: public for named polls, for the vote-counting committee only in secret ones. */
function Votes({ poll }: { poll: Poll }) {
  const { t, number } = useI18n();
  const words = usePollWords();
  const votes = useApi<{ items: MemberVote[] }>(pollApi(poll.id, '/votes'));
  const hidden = votes.error && [401, 403, 404].includes(votes.error.status);
  return (
    <section className="vd-section" aria-labelledby="poll-votes">
      <Heading level={2} id="poll-votes">
        {t('poll.votesTitle')}
      </Heading>
      {hidden ? <Paragraph>{t(poll.secrecy === 'secret' ? 'poll.votesSecret' : 'poll.votesHidden')}</Paragraph> : <ProblemAlert error={votes.error} />}
      {!votes.data && votes.loading && <Loading />}
      {votes.data && votes.data.items.length === 0 && <Paragraph>{t('poll.noVotes')}</Paragraph>}
      {votes.data && votes.data.items.length > 0 && (
        <DataTable caption={t('poll.votesCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('poll.col.member')}</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('poll.col.weight')}
              </TableHeaderCell>
              <TableHeaderCell scope="col">{t('poll.col.vote')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {votes.data.items.map((vote) => (
              <TableRow key={vote.memberId}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {vote.memberName}
                </TableHeaderCell>
                <TableCell numericColumn>{number(vote.weight)}</TableCell>
                <TableCell>{words.option(poll, vote.option)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
    </section>
  );
}

/** The hash at the end of the poll's log, and the exports to recount with. */
function Chain({ poll, result }: { poll: Poll; result: PollResult }) {
  const { t, dateTime } = useI18n();
  const { user } = useSession();
  // The bundle carries per-member votes: of a named poll for the members, of a secret one for the committee.
  const mayDownloadBundle = poll.status === 'closed' && (poll.secrecy === 'secret' ? hasRole(user, 'counting-committee') : !!user);
  return (
    <section className="vd-section" aria-labelledby="poll-chain">
      <Heading level={2} id="poll-chain">
        {t('poll.verifyTitle')}
      </Heading>
      <Paragraph>{t('poll.verifyIntro')}</Paragraph>
      <DataList className="vd-datalist">
        <DataListItem>
          <DataListKey>{t('poll.chainHead')}</DataListKey>
          <DataListValue>
            <code className="vd-code vd-chain-head">{result.chainHead}</code>
          </DataListValue>
        </DataListItem>
      </DataList>
      {poll.status === 'closed' && (
        <>
          <Heading level={3}>{t('poll.seal.title')}</Heading>
          <Paragraph>{t('poll.seal.intro')}</Paragraph>
          {poll.seal ? (
            <DataList className="vd-datalist vd-seal">
              <DataListItem>
                <DataListKey>{t('poll.seal.key')}</DataListKey>
                <DataListValue>
                  <code className="vd-code vd-seal-value">{poll.seal.keyId}</code>
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('poll.seal.signature')}</DataListKey>
                <DataListValue>
                  <code className="vd-code vd-seal-value">{poll.seal.signature}</code>
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('poll.seal.sealedAt')}</DataListKey>
                <DataListValue>{dateTime(poll.seal.sealedAt)}</DataListValue>
              </DataListItem>
            </DataList>
          ) : (
            <Paragraph>{t('poll.seal.none')}</Paragraph>
          )}
        </>
      )}
      <ul className="vd-plain-list vd-link-list">
        <li>
          <Link href={apiHref(pollApi(poll.id, '/export.csv'))} download>
            {t('poll.exportCsv')}
          </Link>
        </li>
        <li>
          <Link href={apiHref(pollApi(poll.id, '/export.json'))} download>
            {t('poll.exportJson')}
          </Link>
        </li>
        {mayDownloadBundle && (
          <li>
            <Link href={apiHref(pollApi(poll.id, '/bundle'))} download>
              {t('poll.bundle')}
            </Link>
          </li>
        )}
        <li>
          <Link href="/.well-known/verenigd-signing-key">{t('poll.seal.publicKey')}</Link>
        </li>
      </ul>
    </section>
  );
}

/** "Controleer uw ontvangstbewijs": whether the ballot with this receipt is in the log and counted. */
function ReceiptForm({ poll }: { poll: Poll }) {
  const { t, dateTime, number } = useI18n();
  const words = usePollWords();
  const baseId = useId();
  const [receipt, setReceipt] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ReceiptCheck>();
  const [problem, setProblem] = useState<ApiError>();
  const [empty, setEmpty] = useState(false);
  const answerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answer) answerRef.current?.focus();
  }, [answer]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const code = receipt.trim().toUpperCase();
    setEmpty(code === '');
    setAnswer(undefined);
    setProblem(undefined);
    if (!code) return;
    setBusy(true);
    try {
      setAnswer(await api<ReceiptCheck>(pollApi(poll.id, `/receipts/${encodeURIComponent(code)}`)));
    } catch (caught) {
      setProblem(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="vd-section" aria-labelledby={`${baseId}-title`}>
      <Heading level={2} id={`${baseId}-title`}>
        {t('poll.receiptTitle')}
      </Heading>
      <Paragraph>{t('poll.receiptIntro')}</Paragraph>
      <form onSubmit={onSubmit} noValidate className="vd-form vd-form--narrow" aria-labelledby={`${baseId}-title`}>
        <Field label={t('poll.receiptLabel')} description={t('poll.receiptHint')} error={empty ? t('poll.receiptEmpty') : undefined}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="receipt"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              required
              invalid={invalid}
              aria-describedby={describedBy}
              value={receipt}
              onChange={(e) => setReceipt(e.currentTarget.value)}
            />
          )}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {busy ? t('form.busy') : t('poll.receiptCheck')}
        </Button>
      </form>
      <ProblemAlert error={problem} focus />
      {answer && (
        <Alert type={answer.counted ? 'ok' : 'warning'} role="status" className="vd-alert" ref={answerRef} tabIndex={-1}>
          <Heading level={3} appearance="utrecht-heading-4">
            {answer.counted
              ? t('poll.receiptCounted', { member: answer.memberName })
              : answer.superseded
                ? t('poll.receiptSuperseded', { member: answer.memberName })
                : t('poll.receiptNotCounted', { member: answer.memberName })}
          </Heading>
          <Paragraph>
            {t('poll.receiptDetails', { receipt: answer.receipt, at: dateTime(answer.castAt), seq: number(answer.logSeq) })}
            {answer.option !== null && ` ${t('poll.receiptOption', { option: words.option(poll, answer.option) })}`}
          </Paragraph>
        </Alert>
      )}
    </section>
  );
}
