/** The details of a meeting as form fields, shared by the form that plans one and the one that edits it. */
import { useState, type ReactElement } from 'react';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import { DateField, fieldError, SelectField, TextField, TimeField } from '../shell/fields';
import type { MeetingMode } from '../types';
import { MEETING_MODES, modeKey } from './labels';

export interface MeetingDetails {
  title: string;
  day: string;
  startTime: string;
  location: string;
  mode: MeetingMode;
  /** As the datetime-local input holds it. */
  deadline: string;
}

/** The details being typed, with a setter per field. */
export function useMeetingDetails(initial: MeetingDetails) {
  const [details, setDetails] = useState(initial);
  const set =
    <K extends keyof MeetingDetails>(key: K) =>
    (value: MeetingDetails[K]) =>
      setDetails((current) => ({ ...current, [key]: value }));
  return { details, set, setDetails };
}

type Set = ReturnType<typeof useMeetingDetails>['set'];

/** The form's labels for the fields the server names in a problem. */
export function useMeetingFieldLabels(): Record<string, string> {
  const { t } = useI18n();
  return {
    kind: t('meeting.kind'),
    title: t('meeting.title'),
    date: t('meeting.date'),
    startTime: t('meeting.startTime'),
    location: t('meeting.location'),
    mode: t('meeting.mode'),
    motionDeadline: t('meeting.motionDeadline'),
  };
}

/** One element per field, for each form to place in its own rows; the plan form explains the title. */
export function useMeetingFields(details: MeetingDetails, set: Set, error: ApiError | undefined, { titleHint = false } = {}): Record<string, ReactElement> {
  const { t } = useI18n();
  return {
    title: (
      <TextField
        label={t('meeting.title')}
        description={titleHint ? t('meeting.titleHint') : undefined}
        error={fieldError(error, 'title')}
        name="title"
        required
        maxLength={200}
        autoComplete="off"
        value={details.title}
        onChange={set('title')}
      />
    ),
    date: <DateField label={t('meeting.date')} error={fieldError(error, 'date')} name="date" required value={details.day} onChange={set('day')} />,
    startTime: (
      <TimeField label={t('meeting.startTime')} error={fieldError(error, 'startTime')} name="startTime" value={details.startTime} onChange={set('startTime')} />
    ),
    location: (
      <TextField
        label={t('meeting.location')}
        error={fieldError(error, 'location')}
        name="location"
        maxLength={200}
        autoComplete="off"
        value={details.location}
        onChange={set('location')}
      />
    ),
    mode: (
      <SelectField
        label={t('meeting.mode')}
        error={fieldError(error, 'mode')}
        name="mode"
        value={details.mode}
        onChange={set('mode')}
        options={MEETING_MODES.map((m) => ({ value: m, label: t(modeKey(m)) }))}
      />
    ),
    motionDeadline: (
      <TextField
        label={t('meeting.motionDeadlineOptional')}
        description={t('meeting.motionDeadlineHint')}
        error={fieldError(error, 'motionDeadline')}
        type="datetime-local"
        name="motionDeadline"
        value={details.deadline}
        onChange={set('deadline')}
      />
    ),
  };
}
