import { useId, useRef, useState, useEffect, type FormEvent } from 'react';
import { Alert, DataList, DataListItem, DataListKey, DataListValue, Heading, Link, Paragraph } from '@utrecht/component-library-react';
import { apiHref, type ApiError } from '../api';
import { answerOf, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { asApiError, SubmitButton, TextField } from '../shell/fields';
import { useSession } from '../session/SessionContext';
import { ProblemAlert } from '../shell/components';
import { hasRole, type Poll, type PollResult, type ReceiptCheck } from '../types';
import { pollApi, usePollWords } from './common';

/** The hash at the end of the poll's log, and the exports to recount with. */
export function Chain({ poll, result }: { poll: Poll; result: PollResult }) {
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
export function ReceiptForm({ poll }: { poll: Poll }) {
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
      setAnswer(await fetchClient.GET('/api/v1/polls/{id}/receipts/{receipt}', { params: { path: { id: poll.id, receipt: code } } }).then(answerOf));
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
        <TextField
          label={t('poll.receiptLabel')}
          description={t('poll.receiptHint')}
          error={empty ? t('poll.receiptEmpty') : undefined}
          name="receipt"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          value={receipt}
          onChange={setReceipt}
        />
        <SubmitButton busy={busy}>{t('poll.receiptCheck')}</SubmitButton>
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
