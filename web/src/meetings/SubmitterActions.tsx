import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Paragraph } from '@utrecht/component-library-react';
import { fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, fieldError, useAction } from '../shell/fields';
import { MemberSelect, useMemberOptions } from '../people/MemberSelect';
import { Field, VisuallyHidden } from '../shell/components';
import type { Meeting } from '../types';
import { useSubmissionLabel, type Submission } from './common';
import { ConfirmButton } from './ConfirmButton';

type Member = { id: string; name: string };

/**
 * What the viewer may do with a motion's submitters and its ending, by consent: the invited member
 * accepts or declines; the first submitter invites, cancels an invitation or removes a co-submitter;
 * a co-submitter takes their own name off; holding or withdrawing is the first submitter's (or, where
 * the profile says so, all submitters' together, each agreeing in turn). The chair records it directly.
 */
export function SubmitterActions({
  submission,
  meeting,
  myMembers,
  asChair,
  onChanged,
}: {
  submission: Submission;
  meeting: Meeting;
  myMembers: Member[];
  asChair: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const label = useSubmissionLabel();
  const action = useAction();
  const [inviting, setInviting] = useState(false);
  const base = submission.type === 'motion' ? '/api/v1/motions/{id}' : '/api/v1/amendments/{id}';
  const own = { params: { path: { id: submission.id } } };
  // A co-submitter's or an invitation's routes name the member as {childId}.
  const ofMember = (childId: string) => ({ params: { path: { id: submission.id, childId } } });
  const mine = new Set(myMembers.map((m) => m.id));
  const first = submission.submitters.find((s) => s.first);
  const open = submission.status === 'filed' && meeting.status !== 'closed';
  const isFirst = !!first && mine.has(first.memberId);
  const mySeats = submission.submitters.filter((s) => !s.first && mine.has(s.memberId));
  const myInvitations = open ? submission.invitations.filter((i) => mine.has(i.memberId)) : [];
  const request = submission.pendingRequest;
  const allTogether = submission.holdWithdrawBy === 'all-submitters';
  const speaksFor = submission.submitters.filter((s) => mine.has(s.memberId) && (allTogether || s.first)).map((s) => s.memberId);
  const mayEnd = open && (asChair || speaksFor.length > 0);
  const mayDecline = open && !!request && (asChair || submission.submitters.some((s) => mine.has(s.memberId)));
  const anything = open && (isFirst || mySeats.length > 0 || myInvitations.length > 0 || mayEnd);
  // The confirmation stays after the buttons go (a held motion has none), so it is heard and seen.
  if (!anything && !action.done && !action.error) return null;
  const name = label(submission);
  const nameOf = (memberId: string) => submission.submitters.find((s) => s.memberId === memberId)?.memberName ?? memberId;
  const many = (members: readonly { memberName: string }[]) => members.length > 1;

  async function run(request: () => Promise<unknown>, message: string) {
    if (await action.run(request, message)) onChanged();
  }
  /** Under 'all submitters' the request may still wait for others after this agreement. */
  function endMessage(outcome: 'held' | 'withdrawn'): string {
    if (!asChair || speaksFor.length > 0) {
      const agreed = new Set([...(request?.agreed ?? []), ...speaksFor]);
      const waiting = allTogether ? submission.submitters.filter((s) => !agreed.has(s.memberId)) : [];
      if (waiting.length > 0) return t('motion.agreedWaiting', { names: waiting.map((s) => s.memberName).join(', ') });
    }
    return t(outcome === 'held' ? 'motion.heldMessage' : 'motion.withdrawnMessage', { title: name });
  }
  const end = (outcome: 'held' | 'withdrawn') => run(() => fetchClient.POST(`${base}/${outcome === 'held' ? 'hold' : 'withdraw'}`, own), endMessage(outcome));

  return (
    <div className="vd-submission__actions">
      <ActionFeedback action={action} />
      {open && (
        <div className="vd-actions">
          {myInvitations.map((invitation) => (
            <span key={invitation.memberId} className="vd-actions">
              <NamedButton
                primary
                busy={action.busy}
                name={name}
                onClick={() =>
                  run(
                    () => fetchClient.POST(`${base}/invitations/{childId}/accept`, ofMember(invitation.memberId)),
                    t('motion.joined', { member: invitation.memberName, title: name }),
                  )
                }
              >
                {myInvitations.length > 1 ? t('motion.acceptFor', { member: invitation.memberName }) : t('motion.accept')}
              </NamedButton>
              <NamedButton
                busy={action.busy}
                name={name}
                onClick={() =>
                  run(
                    () => fetchClient.POST(`${base}/invitations/{childId}/decline`, ofMember(invitation.memberId)),
                    t('motion.declined', { member: invitation.memberName, title: name }),
                  )
                }
              >
                {myInvitations.length > 1 ? t('motion.declineFor', { member: invitation.memberName }) : t('motion.decline')}
              </NamedButton>
            </span>
          ))}
          {mySeats.map((seat) => (
            <ConfirmButton
              key={seat.memberId}
              label={many(mySeats) ? t('motion.leaveFor', { member: seat.memberName }) : t('motion.leave')}
              hiddenContext={name}
              question={t('motion.leaveQuestion', { member: seat.memberName, title: name })}
              confirm={t('motion.leaveConfirm')}
              busy={action.busy}
              onConfirm={() =>
                run(
                  () => fetchClient.DELETE(`${base}/co-submitters/{childId}`, ofMember(seat.memberId)),
                  t('motion.left', { member: seat.memberName, title: name }),
                )
              }
            />
          ))}
          {isFirst &&
            submission.invitations.map((invitation) => (
              <NamedButton
                key={invitation.memberId}
                busy={action.busy}
                name={name}
                onClick={() =>
                  run(
                    () => fetchClient.DELETE(`${base}/invitations/{childId}`, ofMember(invitation.memberId)),
                    t('motion.invitationCancelled', { member: invitation.memberName }),
                  )
                }
              >
                {t('motion.cancelInvitation', { member: invitation.memberName })}
              </NamedButton>
            ))}
          {isFirst &&
            submission.submitters
              .filter((s) => !s.first && !mine.has(s.memberId))
              .map((s) => (
                <ConfirmButton
                  key={s.memberId}
                  label={t('motion.remove', { member: s.memberName })}
                  hiddenContext={name}
                  question={t('motion.removeQuestion', { member: s.memberName, title: name })}
                  confirm={t('motion.removeConfirm')}
                  busy={action.busy}
                  onConfirm={() =>
                    run(
                      () => fetchClient.DELETE(`${base}/co-submitters/{childId}`, ofMember(s.memberId)),
                      t('motion.removed', { member: s.memberName, title: name }),
                    )
                  }
                />
              ))}
          {isFirst && !inviting && (
            <Button
              appearance="secondary-action-button"
              disabled={action.busy}
              onClick={() => {
                action.clear();
                setInviting(true);
              }}
            >
              {t('motion.invite')}
              <VisuallyHidden> ({name})</VisuallyHidden>
            </Button>
          )}
          {mayEnd && (!request || request.outcome === 'held') && (
            <ConfirmButton
              label={request ? t('motion.agree.held') : t('motion.hold')}
              hiddenContext={name}
              question={t('motion.holdQuestion', { title: name })}
              confirm={t('motion.holdConfirm')}
              busy={action.busy}
              onConfirm={() => end('held')}
            />
          )}
          {mayEnd && (!request || request.outcome === 'withdrawn') && (
            <ConfirmButton
              label={request ? t('motion.agree.withdrawn') : t('motion.withdraw')}
              hiddenContext={name}
              question={t('motion.withdrawQuestion', { title: name })}
              confirm={t('motion.withdrawConfirm')}
              busy={action.busy}
              onConfirm={() => end('withdrawn')}
            />
          )}
          {mayDecline && (
            <NamedButton
              busy={action.busy}
              name={name}
              onClick={() => run(() => fetchClient.DELETE(`${base}/pending-request`, own), t('motion.requestDeclined', { title: name }))}
            >
              {t('motion.declineRequest')}
            </NamedButton>
          )}
        </div>
      )}
      {open && isFirst && inviting && (
        <InviteForm
          submission={submission}
          busy={action.busy}
          error={action.error}
          onCancel={() => setInviting(false)}
          onInvite={async (member) => {
            if (
              await action.run(
                () => fetchClient.POST(`${base}/invitations`, { ...own, body: { memberId: member.id } }),
                t('motion.invited', { member: member.name, title: name }),
              )
            ) {
              setInviting(false);
              onChanged();
            }
          }}
        />
      )}
      {allTogether && open && speaksFor.length > 0 && !request && <Paragraph className="vd-note">{t('motion.togetherNote')}</Paragraph>}
      {request && open && speaksFor.some((m) => !request.agreed.includes(m)) && (
        <Paragraph className="vd-note">
          {t('motion.yourAgreementNeeded', {
            names: speaksFor
              .filter((m) => !request.agreed.includes(m))
              .map(nameOf)
              .join(', '),
          })}
        </Paragraph>
      )}
    </div>
  );
}

/** The first submitter chooses a member to invite; the register is loaded only when this opens. */
function InviteForm({
  submission,
  busy,
  error,
  onCancel,
  onInvite,
}: {
  submission: Submission;
  busy: boolean;
  error: ReturnType<typeof useAction>['error'];
  onCancel(): void;
  onInvite(member: Member): void;
}) {
  const { t } = useI18n();
  const options = useMemberOptions();
  const [memberId, setMemberId] = useState('');
  const taken = new Set([...submission.submitters.map((s) => s.memberId), ...submission.invitations.map((i) => i.memberId)]);
  const available = { ...options, items: options.items.filter((m) => !taken.has(m.id)) };
  function submit(event: FormEvent) {
    event.preventDefault();
    const member = available.items.find((m) => m.id === memberId);
    if (member) onInvite(member);
  }
  return (
    <form className="vd-form vd-invite" onSubmit={submit} aria-label={t('motion.inviteFor', { title: submission.title })}>
      <Field label={t('motion.inviteMember')} description={t('motion.inviteHint')} error={fieldError(error, 'memberId')}>
        {({ id, describedBy, invalid }) => (
          <MemberSelect id={id} options={available} value={memberId} onChange={setMemberId} describedBy={describedBy} invalid={invalid} />
        )}
      </Field>
      <div className="vd-actions">
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy || !memberId}>
          {t('motion.inviteSubmit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('meeting.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** A button that runs one request, busy meanwhile; screen readers also hear which submission it is for. */
function NamedButton({ primary, busy, name, onClick, children }: { primary?: boolean; busy: boolean; name: string; onClick(): void; children: ReactNode }) {
  return (
    <Button appearance={primary ? 'primary-action-button' : 'secondary-action-button'} busy={busy} disabled={busy} onClick={onClick}>
      {children}
      <VisuallyHidden> ({name})</VisuallyHidden>
    </Button>
  );
}
