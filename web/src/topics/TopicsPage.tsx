import { type FormEvent, useState } from 'react';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import type { Threshold, Topic } from '../../../src/topics/schemas';
import { type TextKey, useI18n } from '../i18n';
import { isStaff, useMyMembers } from '../meetings/common';
import { useSession } from '../session/SessionContext';
import { $api, apiState, fetchClient } from '../shell/client';
import { Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { ActionFeedback, fieldError, SelectField, SubmitButton, TextAreaField, TextField, useAction } from '../shell/fields';
import { TriageForm } from './TriageForm';

export const topicStatusKey = (status: Topic['status']) => `topic.status.${status}` as TextKey;
export const routeKey = (route: NonNullable<Topic['route']>) => `topic.route.${route}` as TextKey;

/** Members' own agenda items: propose, support, and for staff triage. For signed-in people. */
export function TopicsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  usePageTitle(t('topic.title'));
  const list = apiState($api.useQuery('get', '/api/v1/topics', { params: { query: { limit: 1000 } } }, { enabled: Boolean(user) }));
  const myMembers = useMyMembers(Boolean(user));
  return (
    <>
      <PageTitle>{t('topic.title')}</PageTitle>
      <Paragraph appearance="lead">{t('topic.intro')}</Paragraph>
      <ProblemAlert error={list.error} />
      {list.loading && <Loading />}
      {list.data && (
        <>
          <ThresholdText threshold={list.data.threshold} />
          {myMembers.length > 0 && <ProposeForm members={myMembers} onDone={list.reload} />}
          {list.data.items.length === 0 ? (
            <Paragraph>{t('topic.none')}</Paragraph>
          ) : (
            list.data.items.map((topic) => <TopicCard key={topic.id} topic={topic} members={myMembers} staff={isStaff(user)} onChange={list.reload} />)
          )}
        </>
      )}
    </>
  );
}

function ThresholdText({ threshold }: { threshold: Threshold }) {
  const { t, number } = useI18n();
  const pct = (share: number) => `${number(Math.round(share * 10_000) / 100)}%`;
  const parts = [
    threshold.members === null ? null : t('topic.threshold.members', { n: threshold.members }),
    threshold.weightShare === null ? null : t('topic.threshold.weight', { pct: pct(threshold.weightShare) }),
    threshold.populationShare === null ? null : t('topic.threshold.population', { pct: pct(threshold.populationShare) }),
  ].filter((p): p is string => p !== null);
  return (
    <Paragraph>{t('topic.threshold', { criteria: parts.join(t(threshold.combine === 'all' ? 'topic.threshold.all' : 'topic.threshold.any')) })}</Paragraph>
  );
}

function ProposeForm({ members, onDone }: { members: { id: string; name: string }[]; onDone(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [memberId, setMemberId] = useState(members[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const done = await action.run(() => fetchClient.POST('/api/v1/topics', { body: { memberId, title, case: body } }), t('topic.proposed', { title }));
    if (done) {
      setTitle('');
      setBody('');
      onDone();
    }
  }
  return (
    <section aria-labelledby="topic-propose">
      <Heading level={2} id="topic-propose">
        {t('topic.propose')}
      </Heading>
      <ActionFeedback action={action} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby="topic-propose">
        {members.length > 1 && (
          <SelectField
            label={t('topic.member')}
            name="memberId"
            value={memberId}
            onChange={setMemberId}
            options={members.map((m) => ({ value: m.id, label: m.name }))}
          />
        )}
        <TextField
          label={t('topic.subject')}
          error={fieldError(action.error, 'title')}
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={setTitle}
        />
        <TextAreaField
          label={t('topic.case')}
          error={fieldError(action.error, 'case')}
          name="case"
          rows={4}
          required
          maxLength={3000}
          value={body}
          onChange={setBody}
        />
        <SubmitButton busy={action.busy}>{t('topic.submit')}</SubmitButton>
      </form>
    </section>
  );
}

function TopicCard({ topic, members, staff, onChange }: { topic: Topic; members: { id: string; name: string }[]; staff: boolean; onChange(): void }) {
  const { t, date, number } = useI18n();
  const action = useAction();
  const pct = (share: number) => `${number(Math.round(share * 10_000) / 100)}%`;
  const headingId = `topic-${topic.id}`;
  const supportable = members.filter((m) => topic.supportableBy.includes(m.id));
  async function support(member: { id: string; name: string }) {
    const done = await action.run(
      () => fetchClient.POST('/api/v1/topics/{id}/supports', { params: { path: { id: topic.id } }, body: { memberId: member.id } }),
      t('topic.supported', { member: member.name, title: topic.title }),
    );
    if (done) onChange();
  }
  return (
    <article className="vd-topic" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {topic.title}
        <span className={`vd-badge vd-topic--${topic.status}`}>{t(topicStatusKey(topic.status))}</span>
      </Heading>
      <Paragraph>{t('topic.by', { name: topic.proposedBy, member: topic.memberName, date: date(topic.proposedAt.slice(0, 10)) })}</Paragraph>
      <Paragraph>{topic.case}</Paragraph>
      <Paragraph data-testid="topic-support">
        {t('topic.support', {
          members: topic.support.members,
          weight: number(topic.support.voteWeight),
          weightPct: pct(topic.support.weightShare),
          population: number(topic.support.population),
          populationPct: pct(topic.support.populationShare),
          date: date(topic.support.asOf),
        })}
      </Paragraph>
      <Paragraph>
        {t('topic.supporters')}: {topic.supporters.map((s) => s.memberName).join(', ')}
      </Paragraph>
      {topic.route && (
        <Paragraph>{t('topic.routedTo', { route: topic.routeTo ? `${t(routeKey(topic.route))} — ${topic.routeTo}` : t(routeKey(topic.route)) })}</Paragraph>
      )}
      {topic.reason && <Paragraph>{t('topic.reason', { reason: topic.reason })}</Paragraph>}
      <ActionFeedback action={action} />
      {supportable.map((member) => (
        <Button key={member.id} type="button" appearance="secondary-action-button" disabled={action.busy} onClick={() => support(member)}>
          {t('topic.supportFor', { member: member.name })}
        </Button>
      ))}
      {staff && topic.status === 'triage' && <TriageForm topic={topic} onDone={onChange} />}
    </article>
  );
}
