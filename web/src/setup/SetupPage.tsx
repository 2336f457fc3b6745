import { useState, type FormEvent, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Alert, Heading, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { rolesText, useI18n } from '../i18n';
import { RulesTable } from '../profile/RulesTable';
import { useSession } from '../session/SessionContext';
import { $api, answerOf, apiState, fetchClient } from '../shell/client';
import { AppLink, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { today } from '../shell/dates';
import { ActionFeedback, DateField, fieldError, RadioGroupField, SubmitButton, TextField, useAction } from '../shell/fields';
import { useProfile } from '../shell/ProfileContext';
import { canManage } from '../types';
import type { paths } from '../openapi';

type SetupState = paths['/api/v1/setup']['get']['responses'][200]['content']['application/json'];
type Template = paths['/api/v1/setup/templates']['get']['responses'][200]['content']['application/json']['items'][number];

/** A step of the first-run path with whether it is done. */
function Step({ done, title, children }: { done: boolean; title: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <OrderedListItem>
      <strong>{title}</strong> ({done ? t('setup.done') : t('setup.todo')}){children && <> — {children}</>}
    </OrderedListItem>
  );
}

/** Choose a template, review its rules, and record it as the association's first profile. */
function ChooseProfile({ templates, onAdopted }: { templates: Template[]; onAdopted(message: string): void }) {
  const { t, local } = useI18n();
  const [code, setCode] = useState<Template['code']>('vng');
  const chosen = templates.find((item) => item.code === code) ?? templates[0]!;
  const [names, setNames] = useState<Record<string, { name: string; shortName: string }>>({});
  const name = names[chosen.code]?.name ?? chosen.document.name;
  const shortName = names[chosen.code]?.shortName ?? chosen.document.shortName;
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const action = useAction();
  const setName = (field: 'name' | 'shortName', value: string) => setNames({ ...names, [chosen.code]: { name, shortName, [field]: value } });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { template: chosen.code, name: name.trim(), shortName: shortName.trim(), effectiveFrom };
    let message = '';
    const ok = await action.run(
      () => fetchClient.POST('/api/v1/setup/profile', { body }).then(answerOf),
      (version) => {
        message = t('setup.adopted', { shortName: version.document.shortName });
        return message;
      },
    );
    // The form goes once the profile is there; the page keeps the confirmation.
    if (ok) onAdopted(message);
  }

  const labels: Record<string, string> = {
    template: t('setup.template'),
    name: t('setup.name'),
    shortName: t('setup.shortName'),
    effectiveFrom: t('setup.effectiveFrom'),
  };
  return (
    <section className="vd-section" aria-labelledby="setup-choose">
      <Heading level={2} id="setup-choose">
        {t('setup.choose')}
      </Heading>
      <Paragraph>{t('setup.chooseHint')}</Paragraph>
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <RadioGroupField
          legend={t('setup.template')}
          name="template"
          required
          error={fieldError(action.error, 'template')}
          value={code}
          onChange={setCode}
          choices={templates.map((item) => ({ value: item.code, label: `${item.document.shortName} — ${local(item.description)}` }))}
        />
        <div className="vd-form__row">
          <TextField label={t('setup.name')} name="name" required error={fieldError(action.error, 'name')} value={name} onChange={(v) => setName('name', v)} />
          <TextField
            label={t('setup.shortName')}
            name="shortName"
            required
            error={fieldError(action.error, 'shortName')}
            value={shortName}
            onChange={(v) => setName('shortName', v)}
          />
          <DateField
            label={t('setup.effectiveFrom')}
            description={t('setup.effectiveFromHint')}
            name="effectiveFrom"
            required
            error={fieldError(action.error, 'effectiveFrom')}
            value={effectiveFrom}
            onChange={setEffectiveFrom}
          />
        </div>
        <Heading level={3} id="setup-review">
          {t('setup.review', { template: chosen.document.shortName })}
        </Heading>
        <RulesTable document={chosen.document} caption={t('setup.reviewCaption', { template: chosen.document.shortName })} />
        <SubmitButton busy={action.busy}>{t('setup.adopt')}</SubmitButton>
      </form>
    </section>
  );
}

function Steps({ state }: { state: SetupState }) {
  const { t, date, count } = useI18n();
  const { profile, members, administrator } = state;
  return (
    <section className="vd-section" aria-labelledby="setup-steps">
      <Heading level={2} id="setup-steps">
        {t('setup.steps')}
      </Heading>
      <OrderedList>
        <Step done={administrator.done} title={t('setup.step.administrator')}>
          {!administrator.done && t('setup.step.administratorHow', { command: administrator.how })}
        </Step>
        <Step done={profile.done} title={t('setup.step.profile')}>
          {profile.done && (
            <>
              {t('setup.step.profileDone', { shortName: profile.shortName ?? '', name: profile.name ?? '', date: date(profile.effectiveFrom ?? today()) })}{' '}
              <AppLink to="/profiel">{t('setup.profileChange')}</AppLink>
            </>
          )}
        </Step>
        <Step done={members.done} title={t('setup.step.members')}>
          {members.done ? (
            t('setup.step.membersDone', { count: count('members.count', members.count) })
          ) : (
            <>
              {t('setup.import')}: <AppLink to="/beheer/import">{t('setup.importLink')}</AppLink>
            </>
          )}
        </Step>
      </OrderedList>
    </section>
  );
}

/** The first-run path for staff: template, review, members from a CBS file, done. */
export function SetupPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const shared = useProfile();
  const state = apiState($api.useQuery('get', '/api/v1/setup'));
  const templates = apiState($api.useQuery('get', '/api/v1/setup/templates'));
  const [adopted, setAdopted] = useState<string>();
  usePageTitle(t('setup.title'));

  return (
    <>
      <PageTitle>{t('setup.title')}</PageTitle>
      <Paragraph appearance="lead">{t('setup.intro')}</Paragraph>
      {user === undefined && <Loading />}
      {user === null && (
        <Alert type="info" className="vd-alert">
          <Paragraph>{t('setup.needLogin')}</Paragraph>
          <Paragraph>
            <AppLink to={`/inloggen?terug=${encodeURIComponent(location.pathname)}`}>{t('import.loginLink')}</AppLink>
          </Paragraph>
        </Alert>
      )}
      {user && !canManage(user) && (
        <Alert type="warning" className="vd-alert">
          <Paragraph>{t('setup.needRole', { role: rolesText(t, user) })}</Paragraph>
        </Alert>
      )}
      <ProblemAlert error={state.error ?? templates.error} />
      {!state.data && state.loading && <Loading />}
      <ActionFeedback action={{ error: undefined, done: adopted }} />
      {state.data && <Steps state={state.data} />}
      {canManage(user) && state.data && !state.data.profile.done && templates.data && (
        <ChooseProfile
          templates={templates.data.items}
          onAdopted={(message) => {
            setAdopted(message);
            state.reload();
            shared.reload();
          }}
        />
      )}
      {state.data?.done && (
        <Alert type="ok" className="vd-alert">
          <Paragraph>{t('setup.allDone')}</Paragraph>
          <Paragraph>
            <AppLink to="/beheer/personen">{t('setup.toPeople')}</AppLink> · <AppLink to="/leden">{t('setup.toMembers')}</AppLink>
          </Paragraph>
        </Alert>
      )}
    </>
  );
}
