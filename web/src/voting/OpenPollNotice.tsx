import { useEffect, useRef } from 'react';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink } from '../shell/components';
import type { Meeting } from '../types';
import { VoteLink, resultPath, useMeetingPolls, usePollWords } from './common';

/** A short, soft tone where the browser allows sound without a gesture; silence otherwise. */
function chime() {
  try {
    const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Context) return;
    const audio = new Context();
    if (audio.state !== 'running') {
      void audio.close();
      return;
    }
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.setValueAtTime(0.15, audio.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
    tone.onended = () => void audio.close();
  } catch {
    // No sound: the banner and the focus still announce the vote.
  }
}

/**
 * On the meeting page and the home page: when a poll of this meeting is open, a banner with a link to
 * vote (signed in) or to follow it (the public). It stays in view at the top of the screen while the
 * page scrolls, is announced at once (an assertive live region that exists before the vote opens), and
 * when a vote opens while the page is open, focus moves to it and a short tone sounds where allowed.
 * The list is asked again every few seconds.
 */
export function OpenPollNotice({ meeting }: { meeting: Pick<Meeting, 'id' | 'status'> }) {
  const { t } = useI18n();
  const { user } = useSession();
  const words = usePollWords();
  // Often while the meeting is in session; now and then before, in case this page was opened earlier.
  const polls = useMeetingPolls(meeting.status === 'closed' ? null : meeting.id, meeting.status === 'in-session' ? 5_000 : 30_000);
  const open = polls.items.filter((p) => p.status === 'open');
  const banner = useRef<HTMLElement>(null);
  /** The open polls seen so far; undefined until the first answer, so a vote already open on arrival does not steal focus. */
  const seen = useRef<Set<string> | undefined>(undefined);
  const openIds = open.map((p) => p.id).join(' ');

  useEffect(() => {
    if (!polls.data) return;
    const ids = openIds ? openIds.split(' ') : [];
    const before = seen.current;
    seen.current = new Set(ids);
    if (!before || !ids.some((id) => !before.has(id))) return;
    banner.current?.focus({ preventScroll: true });
    chime();
  }, [openIds, polls.data]);

  return (
    <div role="alert" aria-live="assertive" className={open.length > 0 ? 'vd-open-poll-live vd-open-poll-live--active' : 'vd-open-poll-live'}>
      {open.map((poll, index) => (
        <section key={poll.id} ref={index === 0 ? banner : undefined} tabIndex={-1} className="vd-open-poll" aria-labelledby={`open-poll-${poll.id}`}>
          <Heading level={2} id={`open-poll-${poll.id}`} className="vd-open-poll__title">
            {t('poll.noticeTitle')}
          </Heading>
          <Paragraph className="vd-open-poll__question">
            <strong>{poll.question}</strong>
          </Paragraph>
          {words.subject(poll) && <Paragraph className="vd-open-poll__subject">{words.subject(poll)}</Paragraph>}
          <Paragraph className="vd-open-poll__action">
            {user ? <VoteLink pollId={poll.id}>{t('poll.voteLink')}</VoteLink> : <AppLink to={resultPath(poll.id)}>{t('poll.followLink')}</AppLink>}
          </Paragraph>
        </section>
      ))}
    </div>
  );
}
