import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Button, ButtonGroup, Checkbox, FormLabel, Heading, Paragraph, SelectOption } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { ActionFeedback, SelectField, useAction } from '../shell/fields';
import { $api, apiState, fetchClient } from '../shell/client';
import { MemberSelect, useMemberOptions, type MemberOptions } from '../people/MemberSelect';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Field, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import type { Meeting, MeetingAttendance } from '../types';
import { isStaff, meetingPath, useMeeting } from './common';

/** The meeting's present list; only signed-in people see it. */
const useAttendance = (meetingId: string, enabled: boolean) =>
  apiState($api.useQuery('get', '/api/v1/meetings/{id}/attendance', { params: { path: { id: meetingId } } }, { enabled }));

/** The present list and the requests that change it: after each one that succeeds, the list is asked again. */
function useAttendanceDesk(meetingId: string, enabled: boolean) {
  const attendance = useAttendance(meetingId, enabled);
  const action = useAction();
  const run = async (request: () => Promise<unknown>, message: string) => {
    if (await action.run(request, message)) attendance.reload();
  };
  return { attendance, action, run };
}

/** The outcome of the last request, a problem loading the list, and the figures of who is present. */
function DeskStatus({ desk }: { desk: ReturnType<typeof useAttendanceDesk> }) {
  return (
    <>
      <ActionFeedback action={desk.action} />
      <ProblemAlert error={desk.attendance.error} />
      {desk.attendance.data && <PresentFigures attendance={desk.attendance.data} />}
    </>
  );
}

type CheckIn = { memberId: string; personId?: string; takeOver?: boolean };
const checkIn = (meetingId: string, body: CheckIn) => fetchClient.POST('/api/v1/meetings/{id}/check-ins', { params: { path: { id: meetingId } }, body });
const checkOut = (meetingId: string, checkInId: string) =>
  fetchClient.POST('/api/v1/meetings/{id}/check-ins/{childId}/check-out', { params: { path: { id: meetingId, childId: checkInId } } });

/** The figures of the present list: members whose vote can be cast and their weight. */
export function PresentFigures({ attendance }: { attendance: MeetingAttendance }) {
  const { t, number } = useI18n();
  const { present } = attendance;
  return (
    <Paragraph role="status">
      {t('attendance.present', {
        members: number(present.members),
        ofMembers: number(present.ofMembers),
        weight: number(present.voteWeight),
        ofWeight: number(present.ofVoteWeight),
      })}
    </Paragraph>
  );
}

/**
 * A representative's presentiekaart: check in online for a member they act for, check out, take over
 * as a substitute, and give or revoke the member's proxy.
 */
export function MyAttendance({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { user } = useSession();
  const me = apiState($api.useQuery('get', '/api/v1/people/me', {}, { enabled: Boolean(user) }));
  const desk = useAttendanceDesk(meeting.id, Boolean(user));
  const { attendance, action, run } = desk;
  if (!user || meeting.status === 'closed') return null;
  const members = (me.data?.offices ?? []).filter((o) => o.designations.some((d) => d.active) && o.active);
  if (members.length === 0) return null;
  const data = attendance.data;

  return (
    <section className="vd-section" aria-labelledby="my-attendance">
      <Heading level={2} id="my-attendance">
        {t('attendance.mine')}
      </Heading>
      <DeskStatus desk={desk} />
      {members.map((office) => {
        const open = data?.checkIns.find((c) => c.memberId === office.memberId && c.checkedOutAt === null);
        const mine = open?.personId === user.id;
        const proxy = data?.proxies.find((p) => p.grantorMemberId === office.memberId && p.revokedAt === null);
        return (
          <div key={office.id} className="vd-attendance-card">
            <Heading level={3}>{office.memberName}</Heading>
            <Paragraph>
              {mine
                ? t('attendance.youHold')
                : open
                  ? t('attendance.heldBy', { name: open.personName })
                  : proxy
                    ? t('attendance.proxyTo', { name: proxy.holderName, member: proxy.holderMemberName })
                    : t('attendance.absent')}
            </Paragraph>
            <ButtonGroup>
              {!open && (
                <Button
                  appearance="primary-action-button"
                  busy={action.busy}
                  onClick={() => run(() => checkIn(meeting.id, { memberId: office.memberId }), t('attendance.checkedIn', { member: office.memberName }))}
                >
                  {t('attendance.checkIn')}
                </Button>
              )}
              {open && !mine && (
                <Button
                  appearance="secondary-action-button"
                  busy={action.busy}
                  onClick={() =>
                    run(() => checkIn(meeting.id, { memberId: office.memberId, takeOver: true }), t('attendance.tookOver', { member: office.memberName }))
                  }
                >
                  {t('attendance.takeOver')}
                </Button>
              )}
              {mine && open && (
                <Button
                  appearance="secondary-action-button"
                  busy={action.busy}
                  onClick={() => run(() => checkOut(meeting.id, open.id), t('attendance.checkedOut'))}
                >
                  {t('attendance.checkOut')}
                </Button>
              )}
              {proxy && (
                <Button
                  appearance="secondary-action-button"
                  busy={action.busy}
                  onClick={() =>
                    run(
                      () => fetchClient.POST('/api/v1/meetings/{id}/proxies/{childId}/revoke', { params: { path: { id: meeting.id, childId: proxy.id } } }),
                      t('attendance.proxyRevoked'),
                    )
                  }
                >
                  {t('attendance.revokeProxy')}
                </Button>
              )}
            </ButtonGroup>
            {!open && !proxy && (
              <ProxyForm meetingId={meeting.id} grantorMemberId={office.memberId} onDone={(message) => run(async () => undefined, message)} />
            )}
          </div>
        );
      })}
    </section>
  );
}

/** Give the member's vote to another member's designated representative (volmacht). */
function ProxyForm({ meetingId, grantorMemberId, onDone }: { meetingId: string; grantorMemberId: string; onDone(message: string): void }) {
  const { t } = useI18n();
  const options = useMemberOptions();
  const [memberId, setMemberId] = useState('');
  const [personId, setPersonId] = useState('');
  const action = useAction();
  const others = { ...options, items: options.items.filter((m) => m.id !== grantorMemberId) };
  return (
    <details className="vd-proxy">
      <summary>{t('attendance.giveProxy')}</summary>
      <ActionFeedback action={action} />
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const message = t('attendance.proxyGiven');
          if (
            await action.run(
              () =>
                fetchClient.POST('/api/v1/meetings/{id}/proxies', {
                  params: { path: { id: meetingId } },
                  body: { grantorMemberId, holderPersonId: personId, holderMemberId: memberId },
                }),
              message,
            )
          )
            onDone(message);
        }}
      >
        <RepresentativeChoice
          memberLabel={t('attendance.proxyMember')}
          representativeLabel={t('attendance.proxyHolder')}
          members={others}
          memberId={memberId}
          personId={personId}
          onMember={setMemberId}
          onPerson={setPersonId}
        />
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={!memberId || !personId}>
          {t('attendance.giveProxy')}
        </Button>
      </form>
    </details>
  );
}

/** A member, then one of its designated representatives (on the meeting's date, if given): who holds the member's vote. */
function RepresentativeChoice({
  memberLabel,
  representativeLabel,
  members,
  memberId,
  personId,
  onMember,
  onPerson,
  asOf,
}: {
  memberLabel: string;
  representativeLabel: string;
  members: MemberOptions;
  memberId: string;
  personId: string;
  onMember(id: string): void;
  onPerson(id: string): void;
  asOf?: string | undefined;
}) {
  const { t } = useI18n();
  const representatives = apiState(
    $api.useQuery('get', '/api/v1/members/{id}/representatives', { params: { path: { id: memberId }, query: { asOf } } }, { enabled: memberId !== '' }),
  );
  return (
    <>
      <Field label={memberLabel}>
        {(ids) => (
          <MemberSelect
            id={ids.id}
            describedBy={ids.describedBy}
            options={members}
            value={memberId}
            onChange={(id) => {
              onMember(id);
              onPerson('');
            }}
          />
        )}
      </Field>
      <SelectField label={representativeLabel} required value={personId} onChange={onPerson}>
        <SelectOption value="">{t('attendance.chooseRepresentative')}</SelectOption>
        {(representatives.data?.items ?? []).map((r) => (
          <SelectOption key={r.personId} value={r.personId}>
            {r.name} ({t(`office.${r.capacity}` as never)})
          </SelectOption>
        ))}
      </SelectField>
    </>
  );
}

const DOOR_REFRESH_MS = 10_000;

/** Staff at the door: check in a member's representative, hand the vote to a substitute, check out. */
export function DoorPage() {
  const { id = '' } = useParams();
  const { t, dateTime } = useI18n();
  const { user } = useSession();
  const meeting = useMeeting(id);
  const desk = useAttendanceDesk(id, Boolean(user));
  const { attendance, action, run } = desk;
  // Check-ins also end away from the door (a mandate ended, a substitute took over): keep the list current.
  useEffect(() => {
    const timer = setInterval(attendance.reload, DOOR_REFRESH_MS);
    return () => clearInterval(timer);
  }, [attendance.reload]);
  const options = useMemberOptions();
  const [memberId, setMemberId] = useState('');
  const [personId, setPersonId] = useState('');
  const [takeOver, setTakeOver] = useState(false);
  usePageTitle(t('attendance.title'));

  if (!isStaff(user)) {
    return (
      <>
        <PageTitle>{t('attendance.title')}</PageTitle>
        <Paragraph>{t('attendance.staffOnly')}</Paragraph>
      </>
    );
  }
  const data = attendance.data;
  return (
    <>
      <AppLink to={meetingPath(id)}>{t('attendance.back')}</AppLink>
      <PageTitle>{t('attendance.title')}</PageTitle>
      {meeting.data && <Paragraph>{meeting.data.title}</Paragraph>}
      <DeskStatus desk={desk} />
      <section className="vd-section" aria-labelledby="door-check-in">
        <Heading level={2} id="door-check-in">
          {t('attendance.atTheDoor')}
        </Heading>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => checkIn(id, { memberId, personId, takeOver }), t('attendance.checkedIn', { member: options.nameOf(memberId) }));
          }}
        >
          <RepresentativeChoice
            memberLabel={t('attendance.member')}
            representativeLabel={t('attendance.representative')}
            members={options}
            memberId={memberId}
            personId={personId}
            onMember={setMemberId}
            onPerson={setPersonId}
            asOf={meeting.data?.date}
          />
          <div className="vd-checkbox">
            <Checkbox id="door-take-over" checked={takeOver} onChange={(e) => setTakeOver(e.currentTarget.checked)} />
            <FormLabel htmlFor="door-take-over" type="checkbox">
              {t('attendance.takeOverLabel')}
            </FormLabel>
          </div>
          <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={!memberId || !personId}>
            {t('attendance.checkIn')}
          </Button>
        </form>
      </section>
      {attendance.loading && !data ? (
        <Loading />
      ) : (
        data && (
          <DataTable caption={t('attendance.list')}>
            <thead>
              <tr>
                <th scope="col">{t('attendance.member')}</th>
                <th scope="col">{t('attendance.representative')}</th>
                <th scope="col">{t('attendance.in')}</th>
                <th scope="col">{t('attendance.out')}</th>
                <th scope="col">
                  <span className="vd-visually-hidden">{t('attendance.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.checkIns.map((c) => (
                <tr key={c.id}>
                  <td>{c.memberName}</td>
                  <td>
                    {c.personName} ({t(`office.${c.capacity}` as never)})
                  </td>
                  <td>{dateTime(c.checkedInAt)}</td>
                  <td>
                    {c.checkedOutAt ? dateTime(c.checkedOutAt) : '—'}
                    {c.checkoutReason === 'mandate-ended' && (
                      <span className="vd-badge" title={t('attendance.mandateEndedLong')} data-testid="mandate-ended">
                        {t('attendance.mandateEnded')}
                      </span>
                    )}
                  </td>
                  <td>
                    {!c.checkedOutAt && (
                      <Button appearance="secondary-action-button" busy={action.busy} onClick={() => run(() => checkOut(id, c.id), t('attendance.checkedOut'))}>
                        {t('attendance.checkOutPerson', { name: c.personName })}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )
      )}
    </>
  );
}
