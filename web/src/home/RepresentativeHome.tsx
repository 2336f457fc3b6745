import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { consultationPath } from '../consultations/common';
import { meetingPath } from '../meetings/common';
import { adviceKey, kindKey, statusKey, submissionStatusKey } from '../meetings/labels';
import { useSession } from '../session/SessionContext';
import { $api, apiState } from '../shell/client';
import { AppLink, Loading, ProblemAlert } from '../shell/components';
import type { Meeting } from '../types';
import { OpenPollNotice } from '../voting/OpenPollNotice';

export interface MyMember {
  id: string;
  name: string;
}

/** The meeting a representative prepares for: the one in session, else the first one not closed, soonest first. */
export function nextMeeting(meetings: readonly Meeting[]): Meeting | undefined {
  const inSession = meetings.find((m) => m.status === 'in-session');
  if (inSession) return inSession;
  return meetings.filter((m) => m.status !== 'closed').sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''))[0];
}

/**
 * The representative's home: "what do I need to do". The open vote (one tap away), the next meeting
 * with the check-in of each member they represent, the consultations still waiting for their answer
 * with the deadline, and the motions they filed with the board's advice.
 */
export function RepresentativeHome({ members }: { members: readonly MyMember[] }) {
  const { t } = useI18n();
  const meetings = apiState($api.useQuery('get', '/api/v1/meetings'));
  const next = meetings.data ? nextMeeting(meetings.data.items) : undefined;
  const memberNames = members.map((m) => m.name).join(', ');
  return (
    <section className="vd-section vd-rep-home" aria-labelledby="home-rep">
      <Heading level={2} id="home-rep">
        {t('home.rep.title')}
      </Heading>
      <Paragraph>{t('home.rep.intro', { members: memberNames })}</Paragraph>
      {next && <OpenPollNotice meeting={next} />}
      <div className="vd-rep-home__grid">
        <section className="vd-card" aria-labelledby="home-rep-meeting">
          <Heading level={3} id="home-rep-meeting">
            {t('home.rep.meetingTitle')}
          </Heading>
          <ProblemAlert error={meetings.error} />
          {!meetings.data && meetings.loading && <Loading />}
          {meetings.data && !next && <Paragraph>{t('home.rep.noMeeting')}</Paragraph>}
          {next && <NextMeeting meeting={next} members={members} />}
        </section>
        <Consultations />
        {next && <MyMotions meeting={next} members={members} />}
      </div>
    </section>
  );
}

function NextMeeting({ meeting, members }: { meeting: Meeting; members: readonly MyMember[] }) {
  const { t, date } = useI18n();
  const { user } = useSession();
  const attendance = apiState(
    $api.useQuery('get', '/api/v1/meetings/{id}/attendance', { params: { path: { id: meeting.id } } }, { enabled: meeting.status !== 'closed' }),
  );
  /** How a member is present: held by a check-in, given by proxy, or not yet. */
  const state = (member: MyMember): { text: string; present: boolean } => {
    const checkIn = attendance.data?.checkIns.find((c) => c.memberId === member.id && c.checkedOutAt === null);
    if (checkIn) {
      const text =
        checkIn.personId === user?.id
          ? t('home.rep.checkedInYou', { member: member.name })
          : t('home.rep.checkedIn', { member: member.name, name: checkIn.personName });
      return { text, present: true };
    }
    const proxy = attendance.data?.proxies.find((p) => p.grantorMemberId === member.id && p.revokedAt === null);
    if (proxy) return { text: t('home.rep.proxy', { member: member.name, name: proxy.holderName }), present: true };
    return { text: t('home.rep.notCheckedIn', { member: member.name }), present: false };
  };
  const missing = attendance.data !== undefined && meeting.status !== 'closed' && members.some((m) => !state(m).present);
  return (
    <>
      <Paragraph className="vd-rep-home__meeting">
        <AppLink to={meetingPath(meeting.id)}>{meeting.title}</AppLink>
        <br />
        {t(kindKey(meeting.kind))} · {t(statusKey(meeting.status))}
        <br />
        {t('home.rep.when', {
          date: `${date(meeting.date)}${meeting.startTime ? `, ${t('meeting.startAt', { time: meeting.startTime })}` : ''}`,
          place: meeting.location ?? t('home.rep.placeOpen'),
        })}
      </Paragraph>
      <ProblemAlert error={attendance.error} />
      {attendance.data && (
        <ul className="vd-plain-list">
          {members.map((member) => (
            <li key={member.id}>{state(member).text}</li>
          ))}
        </ul>
      )}
      <Paragraph>
        <AppLink to={`${meetingPath(meeting.id)}${missing ? '#my-attendance' : ''}`}>{missing ? t('home.rep.checkInLink') : t('home.rep.meetingLink')}</AppLink>
      </Paragraph>
    </>
  );
}

function Consultations() {
  const { t, dateTime } = useI18n();
  const list = apiState($api.useQuery('get', '/api/v1/consultations', { params: { query: { status: 'open', limit: 100 } } }));
  const waiting = (list.data?.items ?? []).filter((c) => (c.myMembers ?? []).some((m) => m.responseStatus !== 'submitted'));
  return (
    <section className="vd-card" aria-labelledby="home-rep-consultations">
      <Heading level={3} id="home-rep-consultations">
        {t('home.rep.consultationsTitle')}
      </Heading>
      <ProblemAlert error={list.error} />
      {!list.data && list.loading && <Loading />}
      {list.data && waiting.length === 0 && <Paragraph>{t('home.rep.noConsultations')}</Paragraph>}
      {waiting.length > 0 && (
        <ul className="vd-plain-list vd-rep-home__list">
          {waiting.map((c) => (
            <li key={c.id}>
              <AppLink to={consultationPath(c.id)}>{c.title}</AppLink>
              <br />
              <strong>{t('home.rep.deadline', { deadline: dateTime(c.closesAt) })}</strong>
              {(c.myMembers ?? []).map((m) => (
                <span key={m.memberId} className="vd-rep-home__sub">
                  {t('home.rep.answerFor', { member: m.memberName, status: t(`consultation.response.${m.responseStatus}`) })}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MyMotions({ meeting, members }: { meeting: Meeting; members: readonly MyMember[] }) {
  const { t } = useI18n();
  const list = apiState($api.useQuery('get', '/api/v1/motions', { params: { query: { meetingId: meeting.id } } }));
  const mine = (list.data?.items ?? []).filter((motion) => motion.submitters.some((s) => members.some((m) => m.id === s.memberId)));
  return (
    <section className="vd-card" aria-labelledby="home-rep-motions">
      <Heading level={3} id="home-rep-motions">
        {t('home.rep.motionsTitle')}
      </Heading>
      <ProblemAlert error={list.error} />
      {!list.data && list.loading && <Loading />}
      {list.data && mine.length === 0 && <Paragraph>{t('home.rep.noMotions')}</Paragraph>}
      {mine.length > 0 && (
        <ul className="vd-plain-list vd-rep-home__list">
          {mine.map((motion) => (
            <li key={motion.id}>
              <AppLink to={`${meetingPath(meeting.id)}#item-${motion.agendaItemId}`}>{motion.title}</AppLink>
              <span className="vd-rep-home__sub">
                {t('home.rep.motionState', {
                  status: t(submissionStatusKey(motion.status)),
                  advice: motion.boardAdvice ? t(adviceKey(motion.boardAdvice)) : t('home.rep.noAdvice'),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
