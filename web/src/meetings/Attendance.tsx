import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Button, ButtonGroup, Checkbox, FormLabel, Heading, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ActionFeedback, useAction } from '../shell/fields';
import { MemberSelect, useMemberOptions } from '../people/MemberSelect';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Field, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { useApi } from '../shell/useApi';
import type { Meeting, MeetingAttendance, PersonDetail } from '../types';
import { isStaff, meetingPath, useMeeting } from './common';

interface Representative {
  personId: string;
  name: string;
  capacity: string;
}

const path = (meetingId: string, rest = '') => `/meetings/${encodeURIComponent(meetingId)}${rest}`;

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
  const me = useApi<PersonDetail>(user ? '/people/me' : null);
  const attendance = useApi<MeetingAttendance>(user ? path(meeting.id, '/attendance') : null);
  const action = useAction();
  if (!user || meeting.status === 'closed') return null;
  const members = (me.data?.offices ?? []).filter((o) => o.designations.some((d) => d.active) && o.active);
  if (members.length === 0) return null;
  const data = attendance.data;

  async function run(request: () => Promise<unknown>, message: string) {
    if (await action.run(request, message)) attendance.reload();
  }

  return (
    <section className="vd-section" aria-labelledby="my-attendance">
      <Heading level={2} id="my-attendance">
        {t('attendance.mine')}
      </Heading>
      <ActionFeedback action={action} />
      <ProblemAlert error={attendance.error} />
      {data && <PresentFigures attendance={data} />}
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
                  onClick={() =>
                    run(
                      () => api(path(meeting.id, '/check-ins'), { method: 'POST', body: { memberId: office.memberId } }),
                      t('attendance.checkedIn', { member: office.memberName }),
                    )
                  }
                >
                  {t('attendance.checkIn')}
                </Button>
              )}
              {open && !mine && (
                <Button
                  appearance="secondary-action-button"
                  busy={action.busy}
                  onClick={() =>
                    run(
                      () => api(path(meeting.id, '/check-ins'), { method: 'POST', body: { memberId: office.memberId, takeOver: true } }),
                      t('attendance.tookOver', { member: office.memberName }),
                    )
                  }
                >
                  {t('attendance.takeOver')}
                </Button>
              )}
              {mine && open && (
                <Button
                  appearance="secondary-action-button"
                  busy={action.busy}
                  onClick={() => run(() => api(path(meeting.id, `/check-ins/${open.id}/check-out`), { method: 'POST' }), t('attendance.checkedOut'))}
                >
                  {t('attendance.checkOut')}
                </Button>
              )}
              {proxy && (
                <Button
                  appearance="secondary-action-button"
                  busy={action.busy}
                  onClick={() => run(() => api(path(meeting.id, `/proxies/${proxy.id}/revoke`), { method: 'POST' }), t('attendance.proxyRevoked'))}
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
  const representatives = useApi<{ items: Representative[] }>(memberId ? `/members/${encodeURIComponent(memberId)}/representatives` : null);
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
              () => api(path(meetingId, '/proxies'), { method: 'POST', body: { grantorMemberId, holderPersonId: personId, holderMemberId: memberId } }),
              message,
            )
          )
            onDone(message);
        }}
      >
        <Field label={t('attendance.proxyMember')}>
          {(ids) => (
            <MemberSelect
              id={ids.id}
              describedBy={ids.describedBy}
              options={others}
              value={memberId}
              onChange={(id) => {
                setMemberId(id);
                setPersonId('');
              }}
            />
          )}
        </Field>
        <Field label={t('attendance.proxyHolder')}>
          {(ids) => (
            <Select id={ids.id} aria-describedby={ids.describedBy} required value={personId} onChange={(e) => setPersonId(e.currentTarget.value)}>
              <SelectOption value="">{t('attendance.chooseRepresentative')}</SelectOption>
              {(representatives.data?.items ?? []).map((r) => (
                <SelectOption key={r.personId} value={r.personId}>
                  {r.name} ({t(`office.${r.capacity}` as never)})
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={!memberId || !personId}>
          {t('attendance.giveProxy')}
        </Button>
      </form>
    </details>
  );
}

const DOOR_REFRESH_MS = 10_000;

/** Staff at the door: check in a member's representative, hand the vote to a substitute, check out. */
export function DoorPage() {
  const { id = '' } = useParams();
  const { t, dateTime } = useI18n();
  const { user } = useSession();
  const meeting = useMeeting(id);
  const attendance = useApi<MeetingAttendance>(user ? path(id, '/attendance') : null);
  // Check-ins also end away from the door (a mandate ended, a substitute took over): keep the list current.
  useEffect(() => {
    const timer = setInterval(attendance.reload, DOOR_REFRESH_MS);
    return () => clearInterval(timer);
  }, [attendance.reload]);
  const options = useMemberOptions();
  const [memberId, setMemberId] = useState('');
  const [personId, setPersonId] = useState('');
  const [takeOver, setTakeOver] = useState(false);
  const representatives = useApi<{ items: Representative[] }>(memberId ? `/members/${encodeURIComponent(memberId)}/representatives` : null, {
    asOf: meeting.data?.date,
  });
  const action = useAction();
  usePageTitle(t('attendance.title'));

  if (!isStaff(user)) {
    return (
      <>
        <PageTitle>{t('attendance.title')}</PageTitle>
        <Paragraph>{t('attendance.staffOnly')}</Paragraph>
      </>
    );
  }
  async function run(request: () => Promise<unknown>, message: string) {
    if (await action.run(request, message)) attendance.reload();
  }
  const data = attendance.data;
  return (
    <>
      <AppLink to={meetingPath(id)}>{t('attendance.back')}</AppLink>
      <PageTitle>{t('attendance.title')}</PageTitle>
      {meeting.data && <Paragraph>{meeting.data.title}</Paragraph>}
      <ActionFeedback action={action} />
      <ProblemAlert error={attendance.error} />
      {data && <PresentFigures attendance={data} />}
      <section className="vd-section" aria-labelledby="door-check-in">
        <Heading level={2} id="door-check-in">
          {t('attendance.atTheDoor')}
        </Heading>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              () => api(path(id, '/check-ins'), { method: 'POST', body: { memberId, personId, takeOver } }),
              t('attendance.checkedIn', { member: options.nameOf(memberId) }),
            );
          }}
        >
          <Field label={t('attendance.member')}>
            {(ids) => (
              <MemberSelect
                id={ids.id}
                describedBy={ids.describedBy}
                options={options}
                value={memberId}
                onChange={(value) => {
                  setMemberId(value);
                  setPersonId('');
                }}
              />
            )}
          </Field>
          <Field label={t('attendance.representative')}>
            {(ids) => (
              <Select id={ids.id} aria-describedby={ids.describedBy} required value={personId} onChange={(e) => setPersonId(e.currentTarget.value)}>
                <SelectOption value="">{t('attendance.chooseRepresentative')}</SelectOption>
                {(representatives.data?.items ?? []).map((r) => (
                  <SelectOption key={r.personId} value={r.personId}>
                    {r.name} ({t(`office.${r.capacity}` as never)})
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
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
                      <Button
                        appearance="secondary-action-button"
                        busy={action.busy}
                        onClick={() => run(() => api(path(id, `/check-ins/${c.id}/check-out`), { method: 'POST' }), t('attendance.checkedOut'))}
                      >
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
