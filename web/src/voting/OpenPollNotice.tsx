import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink } from '../shell/components';
import type { Meeting } from '../types';
import { VoteLink, resultPath, useMeetingPolls, usePollWords } from './common';

/**
 * On the meeting page: when a poll of this meeting is open, a prominent link to vote (signed in)
 * or to follow it (the public). Appears by itself: the list is asked again every few seconds.
 */
export function OpenPollNotice({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { user } = useSession();
  const words = usePollWords();
  // Often while the meeting is in session; now and then before, in case this page was opened earlier.
  const polls = useMeetingPolls(meeting.status === 'closed' ? null : meeting.id, meeting.status === 'in-session' ? 5_000 : 30_000);
  const open = polls.items.filter((p) => p.status === 'open');
  return (
    <div role="status" className="vd-open-poll-live">
      {open.map((poll) => (
        <section key={poll.id} className="vd-open-poll" aria-labelledby={`open-poll-${poll.id}`}>
          <Heading level={2} id={`open-poll-${poll.id}`} className="vd-open-poll__title">
            {t('poll.noticeTitle')}
          </Heading>
          <Paragraph className="vd-open-poll__question">
            <strong>{poll.question}</strong>
          </Paragraph>
          {words.subject(poll) && <Paragraph>{words.subject(poll)}</Paragraph>}
          <Paragraph>
            {user ? <VoteLink pollId={poll.id}>{t('poll.voteLink')}</VoteLink> : <AppLink to={resultPath(poll.id)}>{t('poll.followLink')}</AppLink>}
          </Paragraph>
        </section>
      ))}
    </div>
  );
}
