import { useEffect } from 'react';
import { Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { $api } from './client';

interface MailCounts {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  bounced: number;
}

// While mails wait in the queue, their counts refresh every two seconds.
const whileQueued = {
  refetchInterval: (query: { state: { data?: MailCounts } }) => ((query.state.data?.queued ?? 0) + (query.state.data?.sending ?? 0) > 0 ? 2000 : false),
};

/** A record's mails per delivery status, as the mail queue reports them. */
function MailCountsLine({ counts, testId }: { counts: MailCounts | undefined; testId: string }) {
  const { t, number } = useI18n();
  if (!counts || counts.queued + counts.sending + counts.sent + counts.failed + counts.bounced === 0) return null;
  return (
    <Paragraph data-testid={testId} aria-live="polite">
      {t('mails.progress', {
        queued: number(counts.queued + counts.sending),
        sent: number(counts.sent),
        failed: number(counts.failed),
        bounced: number(counts.bounced),
      })}
    </Paragraph>
  );
}

/** The meeting's convocation and advice mails: queued, sent, failed, undeliverable; `refresh` changes after a send. */
export function MeetingMails({ meetingId, refresh = 0 }: { meetingId: string; refresh?: number }) {
  const query = $api.useQuery('get', '/api/v1/meetings/{id}/mails', { params: { path: { id: meetingId } } }, whileQueued);
  const { refetch } = query;
  useEffect(() => {
    if (refresh) void refetch();
  }, [refresh, refetch]);
  return <MailCountsLine counts={query.data} testId="meeting-mails" />;
}

/** The consultation's invitation, reminder and outcome mails: queued, sent, failed, undeliverable; `refresh` changes after a send. */
export function ConsultationMails({ consultationId, refresh = 0 }: { consultationId: string; refresh?: number }) {
  const query = $api.useQuery('get', '/api/v1/consultations/{id}/mails', { params: { path: { id: consultationId } } }, whileQueued);
  const { refetch } = query;
  useEffect(() => {
    if (refresh) void refetch();
  }, [refresh, refetch]);
  return <MailCountsLine counts={query.data} testId="consultation-mails" />;
}
