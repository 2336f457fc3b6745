import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Heading, Link, Paragraph } from '@utrecht/component-library-react';
import { api, apiHref } from '../api';
import { useI18n } from '../i18n';
import { fetchClient } from '../shell/client';
import { ConfirmButton } from '../meetings/ConfirmButton';
import { useFileSize } from '../meetings/Papers';
import { RoleGate } from '../people/RoleGate';
import { ActionFeedback, fieldError, useAction, FileField, SubmitButton, TextField, useFileChoice } from '../shell/fields';
import { AppLink, PageTitle, usePageTitle, VisuallyHidden } from '../shell/components';
import { BackLink } from '../shell/nav';
import type { ConsultationDetail } from '../types';
import { consultationApi, consultationPath, StaffConsultationPage } from './common';
import { DetailsForm } from './DetailsForm';
import { QuestionEditor } from './QuestionEditor';

/** /raadplegingen/nieuw: the details first; questions, papers and launching follow once it exists. */
export function NewConsultationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  usePageTitle(t('consultation.newTitle'));
  return (
    <>
      <BackLink to="/raadplegingen">{t('consultation.back')}</BackLink>
      <PageTitle>{t('consultation.newTitle')}</PageTitle>
      <RoleGate roles={['admin', 'staff']} needLogin="consultation.needLogin" needRole="consultation.needStaff">
        <Paragraph appearance="lead">{t('consultation.newIntro')}</Paragraph>
        <section className="vd-section vd-panel" aria-labelledby="consultation-details">
          <Heading level={2} id="consultation-details">
            {t('consultation.details')}
          </Heading>
          <DetailsForm onSaved={(id) => navigate(consultationPath(id, 'bewerken'))} />
        </section>
      </RoleGate>
    </>
  );
}

/** /raadplegingen/:id/bewerken: a draft's details, questions and papers, and launching it. */
export function EditConsultationPage() {
  const { t } = useI18n();
  return (
    <StaffConsultationPage titleKey="consultation.editTitle">
      {(data, reload) =>
        data.status !== 'draft' ? (
          <Alert type="info" className="vd-alert">
            <Paragraph>{t('consultation.notDraft')}</Paragraph>
            <Paragraph>
              <AppLink to={consultationPath(data.id)}>{t('consultation.toDetail')}</AppLink>
            </Paragraph>
          </Alert>
        ) : (
          <Builder consultation={data} reload={reload} />
        )
      }
    </StaffConsultationPage>
  );
}

function Builder({ consultation, reload }: { consultation: ConsultationDetail; reload(): void }) {
  const { t } = useI18n();
  return (
    <>
      <section className="vd-section vd-panel" aria-labelledby="consultation-details">
        <Heading level={2} id="consultation-details">
          {t('consultation.details')}
        </Heading>
        {/* Keyed by the last change, so the form starts from what the server now holds. */}
        <DetailsForm key={consultation.opensAt + consultation.closesAt + consultation.title} consultation={consultation} onSaved={reload} />
      </section>
      <section className="vd-section vd-panel" aria-labelledby="consultation-questions">
        <Heading level={2} id="consultation-questions">
          {t('consultation.questions')}
        </Heading>
        <Paragraph>{t('consultation.questionsIntro')}</Paragraph>
        <QuestionEditor consultationId={consultation.id} questions={consultation.questions} onSaved={reload} />
      </section>
      <Papers consultation={consultation} onChanged={reload} />
      <Launch consultation={consultation} />
    </>
  );
}

/** Papers for the members to read, like agenda papers: upload, download, remove while draft. */
function Papers({ consultation, onChanged }: { consultation: ConsultationDetail; onChanged(): void }) {
  const { t } = useI18n();
  const size = useFileSize();
  const [title, setTitle] = useState('');
  const paperFile = useFileChoice();
  const action = useAction();
  const remove = useAction();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const file = paperFile.require(t('agenda.chooseFile'));
    if (!file) return;
    const form = new FormData();
    form.append('title', title.trim() || file.name);
    form.append('file', file);
    if (
      await action.run(
        () => api(consultationApi(consultation.id, '/papers'), { method: 'POST', body: form }),
        t('agenda.paperAdded', { title: title.trim() || file.name }),
      )
    ) {
      setTitle('');
      paperFile.clear();
      onChanged();
    }
  }

  return (
    <section className="vd-section vd-panel" aria-labelledby="consultation-papers">
      <Heading level={2} id="consultation-papers">
        {t('consultation.papers')}
      </Heading>
      <ActionFeedback action={remove} />
      {consultation.papers.length === 0 ? (
        <Paragraph>{t('consultation.noPapers')}</Paragraph>
      ) : (
        <ul className="vd-papers">
          {consultation.papers.map((paper) => (
            <li key={paper.id}>
              <Link href={apiHref(consultationApi(consultation.id, `/papers/${paper.id}`))} download={paper.fileName}>
                {paper.title}
              </Link>{' '}
              <span className="vd-paper__meta">({size(paper.size)})</span>{' '}
              <Button
                appearance="subtle-button"
                className="vd-inline-button"
                onClick={() =>
                  void remove
                    .run(
                      () => fetchClient.DELETE('/api/v1/consultations/{id}/papers/{paperId}', { params: { path: { id: consultation.id, paperId: paper.id } } }),
                      t('consultation.paperRemoved', { title: paper.title }),
                    )
                    .then((ok) => ok && onChanged())
                }
              >
                {t('consultation.removePaper')}
                <VisuallyHidden> ({paper.title})</VisuallyHidden>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Heading level={3}>{t('agenda.addPaper')}</Heading>
      <ActionFeedback action={action} fieldLabel={(field) => ({ title: t('agenda.paperTitle'), file: t('agenda.file') })[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-label={t('agenda.addPaper')}>
        <div className="vd-form__row">
          <TextField
            label={t('agenda.paperTitle')}
            name="title"
            autoComplete="off"
            error={fieldError(action.error, 'title')}
            value={title}
            onChange={setTitle}
          />
          <FileField label={t('agenda.file')} error={fieldError(action.error, 'file')} choice={paperFile} name="file" required />
        </div>
        <SubmitButton busy={action.busy} appearance="secondary-action-button">
          {t('agenda.addPaperSubmit')}
        </SubmitButton>
      </form>
    </section>
  );
}

/** "Uitzetten": the server checks the questions, the deadline and the audience, and takes its snapshot. */
function Launch({ consultation }: { consultation: ConsultationDetail }) {
  const { t, dateTime } = useI18n();
  const navigate = useNavigate();
  const action = useAction();
  async function launch() {
    if (
      await action.run(() => fetchClient.POST('/api/v1/consultations/{id}/launch', { params: { path: { id: consultation.id } } }), t('consultation.launched'))
    )
      navigate(consultationPath(consultation.id));
  }
  return (
    <section className="vd-section vd-panel" aria-labelledby="consultation-launch">
      <Heading level={2} id="consultation-launch">
        {t('consultation.launch')}
      </Heading>
      <Paragraph>
        {t('consultation.launchIntro', { opens: dateTime(consultation.opensAt), closes: dateTime(consultation.closesAt), n: consultation.questions.length })}
      </Paragraph>
      <ActionFeedback action={action} />
      <div className="vd-actions">
        <ConfirmButton
          label={t('consultation.launchButton')}
          question={t('consultation.launchQuestion')}
          confirm={t('consultation.launchConfirm')}
          busy={action.busy}
          onConfirm={() => void launch()}
        />
        <ConfirmButton
          label={t('consultation.deleteDraft')}
          question={t('consultation.deleteQuestion')}
          confirm={t('consultation.deleteConfirm')}
          busy={action.busy}
          onConfirm={() =>
            void action
              .run(() => fetchClient.DELETE('/api/v1/consultations/{id}', { params: { path: { id: consultation.id } } }), t('consultation.deleted'))
              .then((ok) => ok && navigate('/raadplegingen'))
          }
        />
      </div>
    </section>
  );
}
