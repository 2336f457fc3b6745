import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Button, Heading, Link, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { apiHref } from '../api';
import { $api, apiState, fetchClient } from '../shell/client';
import { useI18n, type TextKey } from '../i18n';
import { MinutesPreview } from './MinutesPreview';
import { ActionFeedback, fieldError, SubmitButton, TextAreaField, TextField, useAction } from '../shell/fields';
import { useSession } from '../session/SessionContext';
import { DataTable, Loading, ProblemAlert } from '../shell/components';
import type { Meeting, Minutes } from '../types';
import { isStaff, MeetingPageTop, useMeeting } from './common';
import { ConfirmButton } from './ConfirmButton';

/** The minutes' own headings sit below the page's h1 and h2: every level one lower. */
const demoteHeadings = (html: string) =>
  html.replace(/<(\/?)h([1-6])(\s|>)/gi, (_whole, slash: string, level: string, after: string) => `<${slash}h${Math.min(Number(level) + 2, 6)}${after}`);

const statusKey = (status: Minutes['status']): TextKey => `minutes.status.${status}`;

export function MinutesPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const meeting = useMeeting(id);
  const minutes = apiState($api.useQuery('get', '/api/v1/meetings/{id}/minutes', { params: { path: { id } } }));
  const m = meeting.data;
  // 404: no version yet; 401: the public sees minutes only once approved.
  const none = minutes.error?.status === 404 || minutes.error?.status === 401;

  const reload = () => {
    minutes.reload();
    meeting.reload();
  };

  return (
    <>
      <MeetingPageTop title={m ? t('minutes.title', { title: m.title }) : ''} meeting={m} error={meeting.error} />
      <ProblemAlert error={meeting.error} />
      {m && !none && <ProblemAlert error={minutes.error} />}
      {(!m || (!minutes.data && !minutes.error)) && (meeting.loading || minutes.loading) && <Loading />}
      {m && (
        <>
          {none && <Paragraph>{minutes.error?.status === 401 ? t('minutes.notPublicYet') : t('minutes.noneYet')}</Paragraph>}
          {minutes.data && <MinutesView meeting={m} minutes={minutes.data} onChanged={reload} />}
          {isStaff(user) && <StaffTools meeting={m} minutes={minutes.data} onChanged={reload} />}
        </>
      )}
    </>
  );
}

function MinutesView({ meeting, minutes, onChanged }: { meeting: Meeting; minutes: Minutes; onChanged(): void }) {
  const { t, dateTime } = useI18n();
  const { user } = useSession();
  const action = useAction();
  const onCommittee = meeting.appointments.some((a) => a.function === 'minutes-committee' && a.personId !== null && a.personId === user?.id);
  const mayConfirm = minutes.status === 'draft' && (isStaff(user) || onCommittee);

  async function faithful() {
    if (
      await action.run(
        () => fetchClient.POST('/api/v1/meetings/{id}/minutes/faithful', { params: { path: { id: meeting.id } } }),
        t('minutes.faithfulDone', { version: minutes.current.version }),
      )
    )
      onChanged();
  }

  return (
    <>
      <section className="vd-section" aria-labelledby="minutes-status">
        <Heading level={2} id="minutes-status">
          {t('minutes.statusTitle')}
        </Heading>
        <Paragraph>
          <span className={`vd-badge vd-minutes-status vd-minutes-status--${minutes.status}`}>{t(statusKey(minutes.status))}</span>{' '}
          {t('minutes.versionLine', { version: minutes.current.version, at: dateTime(minutes.current.createdAt), by: minutes.current.createdBy })}
        </Paragraph>
        <Paragraph>
          {t(`minutes.statusExplained.${minutes.status}` as TextKey, {
            faithfulAt: dateTime(meeting.minutes.faithfulAt),
            approvedAt: dateTime(meeting.minutes.approvedAt),
          })}
        </Paragraph>
        <Paragraph>
          <Link href={apiHref(`/meetings/${encodeURIComponent(meeting.id)}/minutes.pdf`)}>{t('minutes.pdf')}</Link>
        </Paragraph>
        <ActionFeedback action={action} />
        {mayConfirm && (
          <>
            <Paragraph>{t('minutes.faithfulIntro')}</Paragraph>
            <ConfirmButton
              label={t('minutes.faithful')}
              question={t('minutes.faithfulQuestion', { version: minutes.current.version })}
              confirm={t('minutes.faithfulConfirm')}
              busy={action.busy}
              onConfirm={faithful}
            />
          </>
        )}
      </section>

      <section className="vd-section" aria-labelledby="minutes-text">
        <Heading level={2} id="minutes-text">
          {t('minutes.text')}
        </Heading>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders and sanitises the minutes' Markdown (src/meetings/markdown.ts) */}
        <div className="vd-minutes utrecht-rich-text" dangerouslySetInnerHTML={{ __html: demoteHeadings(minutes.current.html) }} />
      </section>

      <section className="vd-section" aria-labelledby="minutes-versions">
        <Heading level={2} id="minutes-versions">
          {t('minutes.versions')}
        </Heading>
        <DataTable caption={t('minutes.versions')} captionHidden>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('minutes.col.version')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('minutes.col.at')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('minutes.col.by')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('minutes.col.note')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {minutes.versions.map((version) => (
              <TableRow key={version.version}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {version.version}
                  {version.version === minutes.current.version && <span className="vd-badge">{t('minutes.current')}</span>}
                </TableHeaderCell>
                <TableCell className="vd-nowrap">{dateTime(version.createdAt)}</TableCell>
                <TableCell>{version.createdBy}</TableCell>
                <TableCell>{version.note ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      </section>
    </>
  );
}

function StaffTools({ meeting, minutes, onChanged }: { meeting: Meeting; minutes: Minutes | undefined; onChanged(): void }) {
  const { t } = useI18n();
  const [body, setBody] = useState(minutes?.current.body ?? '');
  const [note, setNote] = useState('');
  const generate = useAction();
  const save = useAction();
  useEffect(() => setBody(minutes?.current.body ?? ''), [minutes?.current.version, minutes?.current.body]);
  const approved = minutes?.status === 'approved';

  async function onGenerate() {
    if (await generate.run(() => fetchClient.POST('/api/v1/meetings/{id}/minutes/generate', { params: { path: { id: meeting.id } } }), t('minutes.generated')))
      onChanged();
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    const payload = { body, ...(note.trim() ? { note: note.trim() } : {}) };
    if (
      await save.run(
        () => fetchClient.POST('/api/v1/meetings/{id}/minutes/versions', { params: { path: { id: meeting.id } }, body: payload }),
        t('minutes.saved'),
      )
    ) {
      setNote('');
      onChanged();
    }
  }

  return (
    <section className="vd-section vd-panel" aria-labelledby="minutes-edit">
      <Heading level={2} id="minutes-edit">
        {t('minutes.edit')}
      </Heading>
      {approved ? (
        <Paragraph>{t('minutes.approvedNoEdit')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('minutes.generateIntro')}</Paragraph>
          <ActionFeedback action={generate} />
          {minutes ? (
            <ConfirmButton
              label={t('minutes.generate')}
              question={t('minutes.generateQuestion')}
              confirm={t('minutes.generateConfirm')}
              busy={generate.busy}
              onConfirm={onGenerate}
            />
          ) : (
            <Button appearance="primary-action-button" busy={generate.busy} disabled={generate.busy} onClick={onGenerate}>
              {t('minutes.generate')}
            </Button>
          )}
          <Heading level={3}>{t('minutes.newVersion')}</Heading>
          <ActionFeedback action={save} fieldLabel={(field) => ({ body: t('minutes.body'), note: t('minutes.noteOptional') })[field]} />
          <form onSubmit={onSave} noValidate className="vd-form">
            <div className="vd-minutes-edit">
              <TextAreaField
                label={t('minutes.body')}
                description={t('minutes.bodyHint')}
                error={fieldError(save.error, 'body')}
                name="body"
                rows={20}
                required
                className="vd-minutes-editor"
                value={body}
                onChange={setBody}
              />
              <MinutesPreview body={body} />
            </div>
            <TextField
              label={t('minutes.noteOptional')}
              error={fieldError(save.error, 'note')}
              name="note"
              autoComplete="off"
              value={note}
              onChange={setNote}
            />
            <SubmitButton busy={save.busy}>{t('minutes.saveVersion')}</SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}
