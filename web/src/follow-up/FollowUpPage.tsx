import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { Heading, Link, Paragraph } from '@utrecht/component-library-react';
import type { FollowUpDetail } from '../../../src/follow-up/schemas';
import { useI18n } from '../i18n';
import { $api, apiState, fetchClient } from '../shell/client';
import { AppLink, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { ActionFeedback, fieldError, SelectField, SubmitButton, TextAreaField, TextField, useAction } from '../shell/fields';
import { BackLink } from '../shell/nav';
import { kindKey, ownerText, StatusBadges, statusKey } from './FollowUpTable';

const STATUSES: FollowUpDetail['status'][] = ['open', 'in-progress', 'done', 'not-carried-out'];

/** One follow-up with its progress, newest first; its owner and staff report progress and change the status here. */
export function FollowUpPage() {
  const { id = '' } = useParams();
  const { t, date, dateTime } = useI18n();
  const query = apiState($api.useQuery('get', '/api/v1/follow-ups/{id}', { params: { path: { id } } }));
  const f = query.data;
  const heading = f ? f.title : query.error ? query.error.title : t('common.loading');
  usePageTitle(heading);
  return (
    <>
      <BackLink to="/opvolging">{t('followUp.back')}</BackLink>
      <PageTitle>{heading}</PageTitle>
      <ProblemAlert error={query.error} />
      {query.loading && <Loading />}
      {f && (
        <>
          <Paragraph className="vd-meeting-meta">
            {t(kindKey(f.kind))} · <StatusBadges followUp={f} />
          </Paragraph>
          <dl className="vd-facts">
            <dt>{t('followUp.col.meeting')}</dt>
            <dd>
              <AppLink to={`/vergaderingen/${encodeURIComponent(f.meetingId)}/opvolging`}>
                {f.meetingTitle}, {date(f.meetingDate)}
              </AppLink>
            </dd>
            <dt>{t('followUp.col.owner')}</dt>
            <dd>{ownerText(f.owner)}</dd>
            <dt>{t('followUp.col.due')}</dt>
            <dd>{date(f.dueDate)}</dd>
            {f.statusReason && (
              <>
                <dt>{t('followUp.reason')}</dt>
                <dd>{f.statusReason}</dd>
              </>
            )}
          </dl>
          {f.description && <Paragraph>{f.description}</Paragraph>}
          {f.canPost && <PostUpdate followUp={f} onPosted={query.reload} />}
          <Heading level={2}>{t('followUp.updates')}</Heading>
          {f.updates.length === 0 ? (
            <Paragraph>{t('followUp.noUpdates')}</Paragraph>
          ) : (
            <ol className="vd-plain-list vd-follow-up-updates">
              {f.updates.map((u) => (
                <li key={u.id}>
                  <Paragraph>
                    <strong>{dateTime(u.postedAt)}</strong> {t('followUp.by', { name: u.postedBy })}
                  </Paragraph>
                  {u.statusFrom && u.statusTo && (
                    <Paragraph>{t('followUp.statusChange', { from: t(statusKey(u.statusFrom)), to: t(statusKey(u.statusTo)) })}</Paragraph>
                  )}
                  <Paragraph>{u.text}</Paragraph>
                  {u.reason && (
                    <Paragraph>
                      {t('followUp.reason')}: {u.reason}
                    </Paragraph>
                  )}
                  {u.link && (
                    <Paragraph>
                      <Link href={u.link}>{t('followUp.link')}</Link>
                    </Paragraph>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </>
  );
}

function PostUpdate({ followUp, onPosted }: { followUp: FollowUpDetail; onPosted(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [text, setText] = useState('');
  const [link, setLink] = useState('');
  const [status, setStatus] = useState(followUp.status);
  const [reason, setReason] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      text,
      ...(link.trim() ? { link: link.trim() } : {}),
      ...(status !== followUp.status ? { status } : {}),
      ...(reason.trim() ? { reason } : {}),
    };
    const posted = await action.run(
      () => fetchClient.POST('/api/v1/follow-ups/{id}/updates', { params: { path: { id: followUp.id } }, body }),
      t('followUp.post.done'),
    );
    if (posted) {
      setText('');
      setLink('');
      setReason('');
      onPosted();
    }
  }

  return (
    <section aria-labelledby="follow-up-post">
      <Heading level={2} id="follow-up-post">
        {t('followUp.post')}
      </Heading>
      <ActionFeedback action={action} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby="follow-up-post">
        <TextAreaField
          label={t('followUp.post.text')}
          error={fieldError(action.error, 'text')}
          name="text"
          rows={4}
          required
          maxLength={5000}
          value={text}
          onChange={setText}
        />
        <TextField label={t('followUp.post.link')} error={fieldError(action.error, 'link')} name="link" type="url" value={link} onChange={setLink} />
        <SelectField
          label={t('followUp.post.status')}
          error={fieldError(action.error, 'status')}
          name="status"
          value={status}
          onChange={setStatus}
          options={STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
        />
        <TextAreaField
          label={t('followUp.post.reason')}
          error={fieldError(action.error, 'reason')}
          name="reason"
          rows={2}
          value={reason}
          onChange={setReason}
        />
        <SubmitButton busy={action.busy}>{t('followUp.post.submit')}</SubmitButton>
      </form>
    </section>
  );
}
