import { dictionary, type I18n, type TextKey } from '../i18n';

/** Groups of actions the filter offers, as prefixes ending in a dot (the API matches them as prefixes). */
export const ACTION_GROUPS: readonly { prefix: string; key: TextKey }[] = [
  { prefix: 'session.', key: 'audit.group.session' },
  { prefix: 'person.', key: 'audit.group.person' },
  { prefix: 'office.', key: 'audit.group.office' },
  { prefix: 'designation.', key: 'audit.group.designation' },
  { prefix: 'check-in.', key: 'audit.group.check-in' },
  { prefix: 'proxy.', key: 'audit.group.proxy' },
  { prefix: 'meeting.', key: 'audit.group.meeting' },
  { prefix: 'member.', key: 'audit.group.member' },
  { prefix: 'reorganisation.', key: 'audit.group.reorganisation' },
  { prefix: 'import.', key: 'audit.group.import' },
  { prefix: 'profile.', key: 'audit.group.profile' },
  { prefix: 'motion.', key: 'audit.group.motion' },
  { prefix: 'amendment.', key: 'audit.group.amendment' },
];

const ACTION_PREFIX = 'audit.action.';

/** Every action with a label, in the order of the dictionary. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(dictionary.nl)
  .filter((key) => key.startsWith(ACTION_PREFIX))
  .map((key) => key.slice(ACTION_PREFIX.length));

/** "Aangewezen om namens een lid op te treden" for designation.created; the raw action when unknown. */
export function actionLabel(t: I18n['t'], action: string): string {
  const key = `${ACTION_PREFIX}${action}`;
  if (key in dictionary.nl) return t(key as TextKey);
  const reorganisation = /^reorganisation\.(merge|rename|split|join|leave)$/.exec(action);
  if (reorganisation) return t('audit.reorganisation', { kind: t(`kind.${reorganisation[1]}` as TextKey) });
  return action;
}

export function entityLabel(t: I18n['t'], entityType: string): string {
  const key = `audit.entity.${entityType}`;
  return key in dictionary.nl ? t(key as TextKey) : entityType;
}

/** Midnight at the start of a calendar day in Dutch time, as an instant for the API. */
export function startOfDay(date: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d);
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  let guess = midnightUtc;
  // Two rounds settle the offset, also on the days the clocks change.
  for (let round = 0; round < 2; round++) {
    const parts = Object.fromEntries(format.formatToParts(new Date(guess)).map((p) => [p.type, Number(p.value)]));
    const wall = Date.UTC(parts.year ?? y, (parts.month ?? m) - 1, parts.day ?? d, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    guess = midnightUtc - (wall - guess);
  }
  return new Date(guess).toISOString();
}
