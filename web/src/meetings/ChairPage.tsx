import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { api, type ApiError } from '../api';
import { useI18n } from '../i18n';
import { ActionFeedback, asApiError, fieldError, useAction } from '../shell/fields';
import { useMemberOptions } from '../people/MemberSelect';
import { RoleGate } from '../people/RoleGate';
import { DataTable, Field, Loading, ProblemAlert, VisuallyHidden } from '../shell/components';
import { useApi } from '../shell/useApi';
import { today } from '../shell/dates';
import type { AgendaItem, Decision, ItemOutcome, Meeting, MeetingAttendance, MemberList, NewDecision, Speaker, SubmissionOutcome } from '../types';
import {
  ConfirmButton,
  itemsOf,
  MeetingPageTop,
  submissionsFor,
  SubmissionView,
  TextBlock,
  useAgenda,
  useMeeting,
  useSubmissionLabel,
  useSubmissions,
  type Submission,
  type Submissions,
} from './common';
import { PollControl } from '../voting/PollControl';
import { itemOutcomeKey, itemOutcomesFor, methodKey, purposeKey, SUBMISSION_CHAIR_OUTCOMES, submissionOutcomeKey, usualMethod, usualOutcome } from './labels';

export function ChairPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const meeting = useMeeting(id);
  const m = meeting.data;
  return (
    <>
      <MeetingPageTop title={m ? t('course.title', { title: m.title }) : ''} meeting={m} error={meeting.error} />
      <ProblemAlert error={meeting.error} />
      {!m && meeting.loading && <Loading />}
      {m && (
        <RoleGate roles={['admin', 'staff', 'chair']} needLogin="course.needLogin" needRole="course.needRole">
          <Console meeting={m} reloadMeeting={meeting.reload} />
        </RoleGate>
      )}
    </>
  );
}

/** Decisions recorded from this console, by subject: their ids allow approving one item's minutes at once. */
type Recorded = Map<string, Decision>;

function Console({ meeting, reloadMeeting }: { meeting: Meeting; reloadMeeting(): void }) {
  const { t } = useI18n();
  const agenda = useAgenda(meeting.id);
  const submissions = useSubmissions(meeting.id);
  const [recorded, setRecorded] = useState<Recorded>(new Map());
  const current = agenda.data?.items.find((i) => i.id === meeting.currentItemId);
  const currentHeading = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (moveFocus.current && current) {
      moveFocus.current = false;
      currentHeading.current?.focus();
    }
  }, [current?.id]);

  const reloadAll = () => {
    reloadMeeting();
    agenda.reload();
    submissions.reload();
  };

  return (
    <>
      <Paragraph appearance="lead">{t('course.intro')}</Paragraph>
      <SessionControls meeting={meeting} onChanged={reloadAll} />
      <ProblemAlert error={agenda.error} />
      <ProblemAlert error={submissions.error} />
      {!agenda.data && agenda.loading && <Loading />}
      {agenda.data && (
        <div className="vd-console">
          <ConsoleAgenda
            meeting={meeting}
            items={agenda.data.items}
            submissions={submissions}
            onCurrent={() => {
              moveFocus.current = true;
              reloadMeeting();
            }}
          />
          <section className="vd-console__current vd-panel" aria-labelledby="course-current">
            <Heading level={2} id="course-current" ref={currentHeading} tabIndex={-1}>
              {current ? t('course.currentTitle', { number: current.number, title: current.title }) : t('course.noCurrentTitle')}
            </Heading>
            {current ? (
              <CurrentItem
                key={current.id}
                meeting={meeting}
                item={current}
                submissions={submissions}
                recorded={recorded}
                onRecorded={(decisions) => {
                  setRecorded((previous) => {
                    const next = new Map(previous);
                    for (const decision of decisions) next.set(decision.subjectId, decision);
                    return next;
                  });
                  reloadAll();
                }}
                onChanged={reloadAll}
              />
            ) : (
              <Paragraph>{meeting.status === 'in-session' ? t('course.chooseItem') : t('course.openFirst')}</Paragraph>
            )}
          </section>
        </div>
      )}
      <PollControl meeting={meeting} item={current} submissions={submissions} onChanged={reloadAll} />
      <Presence meeting={meeting} />
    </>
  );
}

function SessionControls({ meeting, onChanged }: { meeting: Meeting; onChanged(): void }) {
  const { t, date } = useI18n();
  const action = useAction();
  async function run(kind: 'open' | 'close', confirmEarly = false) {
    const url = `/meetings/${meeting.id}/${kind}${confirmEarly ? '?confirmEarly=true' : ''}`;
    if (await action.run(() => api(url, { method: 'POST' }), t(kind === 'open' ? 'course.opened' : 'course.closed', { title: meeting.title }))) onChanged();
  }
  // Opening before the meeting's date is usually the wrong meeting: the server asks for confirmation, so do we.
  const early = meeting.date > today();
  return (
    <section className="vd-section" aria-labelledby="course-session">
      <Heading level={2} id="course-session">
        {t('course.session')}
      </Heading>
      <ActionFeedback action={action} />
      {meeting.status === 'in-session' ? (
        <>
          <Paragraph>{t('course.inSession')}</Paragraph>
          <ConfirmButton
            label={t('course.close')}
            question={t('course.closeQuestion')}
            confirm={t('course.closeConfirm')}
            busy={action.busy}
            onConfirm={() => run('close')}
          />
        </>
      ) : meeting.status === 'closed' ? (
        <Paragraph>{t('course.isClosed')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('course.notOpen')}</Paragraph>
          {early ? (
            <ConfirmButton
              label={t('course.open')}
              question={t('course.openEarlyQuestion', { date: date(meeting.date) })}
              confirm={t('course.openEarlyConfirm')}
              busy={action.busy}
              onConfirm={() => run('open', true)}
            />
          ) : (
            <Button appearance="primary-action-button" busy={action.busy} disabled={action.busy} onClick={() => run('open')}>
              {t('course.open')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function ConsoleAgenda({ meeting, items, submissions, onCurrent }: { meeting: Meeting; items: AgendaItem[]; submissions: Submissions; onCurrent(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const live = meeting.status === 'in-session';
  async function setCurrent(item: AgendaItem | null) {
    const message = item ? t('course.currentSet', { number: item.number, title: item.title }) : t('course.currentCleared');
    if (await action.run(() => api(`/meetings/${meeting.id}/current-item`, { method: 'PUT', body: { itemId: item?.id ?? null } }), message)) onCurrent();
  }
  return (
    <section className="vd-console__agenda" aria-labelledby="course-agenda">
      <Heading level={2} id="course-agenda">
        {t('agenda.title')}
      </Heading>
      <ActionFeedback action={action} />
      <ol className="vd-console-agenda">
        {items.map((item) => {
          const isCurrent = item.id === meeting.currentItemId;
          const open = submissionsFor(item.id, submissions.motions, submissions.amendments).filter((s) => s.status === 'filed').length;
          return (
            <li
              key={item.id}
              className={['vd-console-agenda__item', item.parentId ? 'vd-console-agenda__item--sub' : '', isCurrent ? 'vd-console-agenda__item--current' : '']
                .filter(Boolean)
                .join(' ')}
              aria-current={isCurrent ? 'step' : undefined}
            >
              <span className="vd-console-agenda__title">
                {item.number}. {item.title}
              </span>
              <span className="vd-console-agenda__badges">
                {isCurrent && <span className="vd-badge vd-badge--current">{t('agenda.current')}</span>}
                {item.decision && <span className="vd-badge">{t('course.decided')}</span>}
                {open > 0 && <span className="vd-badge">{t('course.openSubmissions', { n: open })}</span>}
              </span>
              {live && !isCurrent && (
                <Button appearance="subtle-button" className="vd-inline-button" disabled={action.busy} onClick={() => setCurrent(item)}>
                  {t('course.makeCurrent')}
                  <VisuallyHidden>
                    {' '}
                    ({item.number}. {item.title})
                  </VisuallyHidden>
                </Button>
              )}
            </li>
          );
        })}
      </ol>
      {live && meeting.currentItemId && (
        <Button appearance="secondary-action-button" disabled={action.busy} onClick={() => setCurrent(null)}>
          {t('course.clearCurrent')}
        </Button>
      )}
    </section>
  );
}

function CurrentItem({
  meeting,
  item,
  submissions,
  recorded,
  onRecorded,
  onChanged,
}: {
  meeting: Meeting;
  item: AgendaItem;
  submissions: Submissions;
  recorded: Recorded;
  onRecorded(decisions: Decision[]): void;
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const list = submissionsFor(item.id, submissions.motions, submissions.amendments);
  const [result, setResult] = useState<{ decisions?: Decision[]; error?: ApiError }>({});
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const label = useSubmissionLabel();
  useEffect(() => {
    if (result.decisions) resultRef.current?.focus();
  }, [result]);

  async function decide(body: NewDecision) {
    setBusy(true);
    setResult({});
    try {
      const answer = await api<{ items: Decision[] } | Decision[]>(`/meetings/${meeting.id}/decisions`, { method: 'POST', body });
      const decisions = itemsOf(answer);
      setResult({ decisions });
      onRecorded(decisions);
      return true;
    } catch (caught) {
      setResult({ error: asApiError(caught) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const outcome = usualOutcome(item);
  const method = usualMethod(outcome);
  const itemDecisionId = (item.decision as { id?: string } | null)?.id ?? recorded.get(item.id)?.id;

  return (
    <>
      <Paragraph className="vd-agenda__meta">
        <span className="vd-badge">{t(purposeKey(item.purpose))}</span>
        {item.portfolioHolder && <span className="vd-agenda__holder">{t('agenda.portfolioHolderValue', { name: item.portfolioHolder })}</span>}
      </Paragraph>
      {result.error && <ProblemAlert error={result.error} focus />}
      {result.decisions && (
        <Alert type="ok" role="status" className="vd-alert" ref={resultRef} tabIndex={-1}>
          <Heading level={3} appearance="utrecht-heading-4">
            {t('course.recorded')}
          </Heading>
          {result.decisions.map((decision) => (
            <Paragraph key={decision.id} className="vd-phrase">
              {decision.phrase[lang]}
            </Paragraph>
          ))}
        </Alert>
      )}

      <Speakers item={item} />

      <section className="vd-section" aria-labelledby="course-submissions">
        <Heading level={3} id="course-submissions">
          {t('course.submissions')}
        </Heading>
        {list.length === 0 ? (
          <Paragraph>{t('agenda.noSubmissions')}</Paragraph>
        ) : (
          list.map((submission) => (
            <SubmissionView key={submission.id} submission={submission} headingLevel={4}>
              {submission.status === 'filed' && (
                <div className="vd-actions">
                  <Button
                    appearance="secondary-action-button"
                    busy={busy}
                    disabled={busy}
                    onClick={() => decide({ subjects: [{ type: 'submission', id: submission.id }], outcome: 'adopted', method: 'acclamation' })}
                  >
                    {t('course.quick', { outcome: t(submissionOutcomeKey('adopted')), method: t(methodKey('acclamation')) })}
                    <VisuallyHidden> ({label(submission)})</VisuallyHidden>
                  </Button>
                </div>
              )}
            </SubmissionView>
          ))
        )}
      </section>

      <section className="vd-section" aria-labelledby="course-proposal">
        <Heading level={3} id="course-proposal">
          {t('agenda.proposal')}
        </Heading>
        {item.effectiveDecisionText || item.decisionText ? (
          <>
            {item.effectiveDecisionText !== null && item.effectiveDecisionText !== item.decisionText && (
              <Paragraph className="vd-note">{t('agenda.amendedNote')}</Paragraph>
            )}
            <TextBlock text={item.effectiveDecisionText ?? item.decisionText ?? ''} className="vd-decision-text" />
          </>
        ) : (
          <Paragraph>{t('course.noDecisionText')}</Paragraph>
        )}
        {item.decision ? (
          <>
            <Paragraph className="vd-phrase">{item.decision.phrase[lang]}</Paragraph>
            <EarlyMinutes item={item} decisionId={itemDecisionId} onChanged={onChanged} />
          </>
        ) : (
          <div className="vd-actions">
            <Button
              appearance="primary-action-button"
              busy={busy}
              disabled={busy}
              onClick={() => decide({ subjects: [{ type: 'agenda-item', id: item.id }], outcome, method })}
            >
              {method === 'none' ? t(itemOutcomeKey(outcome)) : t('course.quick', { outcome: t(itemOutcomeKey(outcome)), method: t(methodKey(method)) })}
              <VisuallyHidden> ({t('course.proposalOf', { number: item.number })})</VisuallyHidden>
            </Button>
          </div>
        )}
      </section>

      <DecisionForm item={item} list={list} busy={busy} onDecide={decide} />
    </>
  );
}

/** The full form: one or several subjects handled together, the outcome and a note; the method follows from the outcome. */
function DecisionForm({ item, list, busy, onDecide }: { item: AgendaItem; list: Submission[]; busy: boolean; onDecide(body: NewDecision): Promise<boolean> }) {
  const { t } = useI18n();
  const baseId = useId();
  const label = useSubmissionLabel();
  const open = list.filter((s) => s.status === 'filed');
  const proposalOpen = item.decision === null;
  // Until the chair ticks otherwise: the next open motion or amendment, else the proposal.
  const [picked, setPicked] = useState<string[] | null>(null);
  const subjects = picked ?? (open[0] ? [open[0].id] : proposalOpen ? [item.id] : []);
  const onlySubmissions = subjects.length > 0 && !subjects.includes(item.id);
  const outcomes: readonly (ItemOutcome | SubmissionOutcome)[] = onlySubmissions ? SUBMISSION_CHAIR_OUTCOMES : itemOutcomesFor(item);
  const [outcome, setOutcome] = useState<ItemOutcome | SubmissionOutcome>(onlySubmissions ? 'adopted' : usualOutcome(item));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const chosen = outcomes.includes(outcome) ? outcome : outcomes[0]!;
  const method = usualMethod(chosen);

  const toggle = (id: string, checked: boolean) => setPicked(checked ? [...subjects, id] : subjects.filter((x) => x !== id));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (subjects.length === 0) {
      setError(t('course.chooseSubject'));
      return;
    }
    setError(undefined);
    const body: NewDecision = {
      subjects: subjects.map((id) => ({ type: id === item.id ? 'agenda-item' : 'submission', id })),
      outcome: chosen,
      method,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    if (await onDecide(body)) {
      setNote('');
      setPicked(null);
      setOutcome(usualOutcome(item));
    }
  }

  if (open.length === 0 && !proposalOpen) return null;
  const outcomeLabel = (o: ItemOutcome | SubmissionOutcome) =>
    onlySubmissions ? t(submissionOutcomeKey(o as SubmissionOutcome)) : t(itemOutcomeKey(o as ItemOutcome));

  return (
    <section className="vd-section" aria-labelledby="course-decide">
      <Heading level={3} id="course-decide">
        {t('course.decide')}
      </Heading>
      <Paragraph>{t('course.decideIntro')}</Paragraph>
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <Fieldset className="vd-fieldset" invalid={Boolean(error)} aria-describedby={error ? `${baseId}-error` : undefined}>
          <FieldsetLegend>{t('course.subjects')}</FieldsetLegend>
          {error && (
            <p id={`${baseId}-error`} className="utrecht-form-field-error-message">
              {error}
            </p>
          )}
          {open.map((submission) => (
            <FormField key={submission.id} type="checkbox" className="vd-checkbox-field">
              <Checkbox
                id={`${baseId}-${submission.id}`}
                checked={subjects.includes(submission.id)}
                onChange={(e) => toggle(submission.id, e.currentTarget.checked)}
              />
              <FormLabel htmlFor={`${baseId}-${submission.id}`} type="checkbox">
                {label(submission)}
              </FormLabel>
            </FormField>
          ))}
          {proposalOpen && (
            <FormField type="checkbox" className="vd-checkbox-field">
              <Checkbox id={`${baseId}-proposal`} checked={subjects.includes(item.id)} onChange={(e) => toggle(item.id, e.currentTarget.checked)} />
              <FormLabel htmlFor={`${baseId}-proposal`} type="checkbox">
                {t('course.proposalLabel', { number: item.number })}
              </FormLabel>
            </FormField>
          )}
        </Fieldset>
        <Field label={t('course.outcome')} description={t('course.methodNote', { method: t(methodKey(method)) })}>
          {({ id, describedBy }) => (
            <Select
              id={id}
              name="outcome"
              aria-describedby={describedBy}
              value={chosen}
              onChange={(e) => setOutcome(e.currentTarget.value as ItemOutcome | SubmissionOutcome)}
            >
              {outcomes.map((o) => (
                <SelectOption key={o} value={o}>
                  {outcomeLabel(o)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('course.noteOptional')}>
          {({ id }) => <Textarea id={id} name="note" rows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {busy ? t('form.busy') : t('course.decideSubmit')}
        </Button>
      </form>
    </section>
  );
}

/** Approving the minutes of one decided item at once, e.g. a statute change a notary must register. */
function EarlyMinutes({ item, decisionId, onChanged }: { item: AgendaItem; decisionId: string | undefined; onChanged(): void }) {
  const { t, dateTime } = useI18n();
  const action = useAction();
  if (!item.decision) return null;
  const approvedAt = item.decision.minutesApprovedAt;
  async function approve() {
    if (await action.run(() => api(`/decisions/${decisionId}/minutes-approval`, { method: 'POST' }), t('course.minutesApproved', { number: item.number })))
      onChanged();
  }
  return (
    <div>
      <ActionFeedback action={action} />
      {approvedAt ? (
        <Paragraph>{t('course.minutesApprovedAt', { at: dateTime(approvedAt) })}</Paragraph>
      ) : (
        decisionId && (
          <ConfirmButton
            label={t('course.approveMinutes')}
            question={t('course.approveMinutesQuestion', { number: item.number })}
            confirm={t('course.approveMinutesConfirm')}
            busy={action.busy}
            onConfirm={approve}
          />
        )
      )}
    </div>
  );
}

function Speakers({ item }: { item: AgendaItem }) {
  const { t, dateTime } = useI18n();
  const speakers = useApi<{ items: Speaker[] } | Speaker[]>(`/agenda-items/${item.id}/speakers`);
  const [round, setRound] = useState<1 | 2>(1);
  const [name, setName] = useState('');
  const [memberId, setMemberId] = useState('');
  const members = useMemberOptions();
  const action = useAction();
  const all = itemsOf(speakers.data);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { round, name: name.trim(), ...(memberId ? { memberId } : {}) };
    if (await action.run(() => api(`/agenda-items/${item.id}/speakers`, { method: 'POST', body }), t('course.speakerAdded', { name: body.name, round }))) {
      setName('');
      setMemberId('');
      speakers.reload();
    }
  }

  const labels: Record<string, string> = { round: t('course.round'), name: t('course.speakerName'), memberId: t('course.speakerMember') };
  return (
    <section className="vd-section" aria-labelledby="course-speakers">
      <Heading level={3} id="course-speakers">
        {t('course.speakers')}
      </Heading>
      <ProblemAlert error={speakers.error} />
      {([1, 2] as const).map((r) => {
        const inRound = all.filter((s) => s.round === r);
        return (
          <div key={r} className="vd-speakers">
            <Heading level={4}>{t('course.roundTitle', { round: r })}</Heading>
            {inRound.length === 0 ? (
              <Paragraph>{t('course.noSpeakers')}</Paragraph>
            ) : (
              <ol className="vd-speakers__list">
                {inRound.map((speaker) => (
                  <li key={speaker.id}>
                    {speaker.name}
                    {speaker.memberName ? ` (${speaker.memberName})` : ''} <span className="vd-muted">{dateTime(speaker.recordedAt)}</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-label={t('course.addSpeaker')}>
        <div className="vd-form__row">
          <Field label={t('course.round')}>
            {({ id }) => (
              <Select id={id} name="round" value={String(round)} onChange={(e) => setRound(e.currentTarget.value === '2' ? 2 : 1)}>
                <SelectOption value="1">{t('course.roundTitle', { round: 1 })}</SelectOption>
                <SelectOption value="2">{t('course.roundTitle', { round: 2 })}</SelectOption>
              </Select>
            )}
          </Field>
          <Field label={t('course.speakerName')} error={fieldError(action.error, 'name')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                name="name"
                required
                autoComplete="off"
                invalid={invalid}
                aria-describedby={describedBy}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('course.speakerMemberOptional')} error={fieldError(action.error, 'memberId')}>
            {({ id, describedBy, invalid }) => (
              <Select
                id={id}
                name="memberId"
                invalid={invalid}
                aria-describedby={describedBy}
                value={memberId}
                onChange={(e) => setMemberId(e.currentTarget.value)}
              >
                <SelectOption value="">{t('course.noMember')}</SelectOption>
                {members.items.map((member) => (
                  <SelectOption key={member.id} value={member.id}>
                    {member.name}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
          {action.busy ? t('form.busy') : t('course.addSpeaker')}
        </Button>
      </form>
    </section>
  );
}

/** Who holds a vote now and the weight present, from the attendance and the register on the meeting's date. */
function Presence({ meeting }: { meeting: Meeting }) {
  const { t, number } = useI18n();
  const attendance = useApi<MeetingAttendance>(`/meetings/${meeting.id}/attendance`);
  const members = useApi<MemberList>('/members', { asOf: meeting.date, limit: 1000 });
  const weights = useMemo(() => new Map((members.data?.items ?? []).map((m) => [m.id, m.voteWeight ?? 0])), [members.data]);
  const present = (attendance.data?.voteHolders ?? []).filter((h) => h.holderPresent);
  const total = present.reduce((sum, h) => sum + (weights.get(h.memberId) ?? 0), 0);

  return (
    <section className="vd-section" aria-labelledby="course-presence">
      <Heading level={2} id="course-presence">
        {t('course.presence')}
      </Heading>
      <ProblemAlert error={attendance.error ?? members.error} />
      {!attendance.data && attendance.loading && <Loading />}
      {attendance.data && (
        <>
          <Paragraph role="status" data-testid="presence-summary">
            {t(present.length === 1 ? 'course.presentOne' : 'course.presentOther', { n: number(present.length), weight: number(total) })}
          </Paragraph>
          <Button appearance="secondary-action-button" onClick={attendance.reload}>
            {t('course.refreshPresence')}
          </Button>
          {present.length > 0 && (
            <DataTable caption={t('course.presenceCaption')} captionHidden>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('course.col.member')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('course.col.holder')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('course.col.via')}</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    {t('course.col.weight')}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {present.map((holder) => (
                  <TableRow key={holder.memberId}>
                    <TableHeaderCell scope="row" className="vd-row-header">
                      {holder.memberName}
                    </TableHeaderCell>
                    <TableCell>{holder.personName}</TableCell>
                    <TableCell>{t(holder.via === 'proxy' ? 'course.viaProxy' : 'course.viaCheckIn')}</TableCell>
                    <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                      {number(weights.get(holder.memberId) ?? null)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
              <TableFooter>
                <TableRow>
                  <TableHeaderCell scope="row">{t('course.total')}</TableHeaderCell>
                  <TableCell />
                  <TableCell />
                  <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                    {number(total)}
                  </TableCell>
                </TableRow>
              </TableFooter>
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
