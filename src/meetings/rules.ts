/**
 * Pure rules for who holds a member's vote in a meeting: check-ins by designated
 * representatives, substitutes taking over, and proxies (volmachten).
 */

export type CheckInRefusal = 'not-designated' | 'already-checked-in' | 'held-by-other' | 'holds-other-member';

export interface CheckInContext {
  /** The person has a designation and office for the member on the meeting date. */
  designated: boolean;
  /** Person currently holding the member's vote, if anyone. */
  currentHolderId: string | null;
  personId: string;
  /** The person asks to take over from the current holder (a substitute). */
  takeOver: boolean;
  /** The person already holds another member's vote in this meeting. */
  holdsOtherMember: boolean;
}

export function checkInRefusal(c: CheckInContext): CheckInRefusal | null {
  if (!c.designated) return 'not-designated';
  if (c.currentHolderId === c.personId) return 'already-checked-in';
  if (c.holdsOtherMember) return 'holds-other-member';
  if (c.currentHolderId !== null && !c.takeOver) return 'held-by-other';
  return null;
}

export type ProxyRefusal = 'not-allowed' | 'voting-open' | 'grantor-present' | 'already-granted' | 'holder-not-designated' | 'chain' | 'maximum-reached';

export interface ProxyContext {
  /** From the association profile: whether proxies exist and how many one representative may hold. */
  policy: { allowed: boolean; maxPerRepresentative: number };
  votingOpen: boolean;
  /** The granting member is checked in: it votes itself. */
  grantorPresent: boolean;
  grantorHasActiveProxy: boolean;
  /** The holder may act for their own (other) member on the meeting date. */
  holderDesignated: boolean;
  /** The holder's member gave its own vote away, or the grantor holds others' votes: no chains. */
  chain: boolean;
  /** Active proxies the holder already holds in this meeting. */
  holderProxyCount: number;
}

export function proxyRefusal(c: ProxyContext): ProxyRefusal | null {
  if (!c.policy.allowed) return 'not-allowed';
  if (c.votingOpen) return 'voting-open';
  if (c.grantorPresent) return 'grantor-present';
  if (c.grantorHasActiveProxy) return 'already-granted';
  if (!c.holderDesignated) return 'holder-not-designated';
  if (c.chain) return 'chain';
  if (c.holderProxyCount >= c.policy.maxPerRepresentative) return 'maximum-reached';
  return null;
}

/** A proxy can be revoked until the vote opens; once revoked it stays revoked. */
export type RevocationRefusal = 'already-revoked' | 'voting-open';

export function revocationRefusal(c: { revoked: boolean; votingOpen: boolean }): RevocationRefusal | null {
  if (c.revoked) return 'already-revoked';
  if (c.votingOpen) return 'voting-open';
  return null;
}

export interface VoteHolderInput {
  memberId: string;
  checkIn: { personId: string } | null;
  proxy: { holderPersonId: string } | null;
}

export type VoteHolder = { memberId: string; personId: string; via: 'check-in' | 'proxy'; holderPresent: boolean };

/**
 * Who casts each member's single ballot: the checked-in representative, else the proxy holder,
 * who can vote only while present. Members with neither are absent and do not vote.
 */
export function voteHolders(members: VoteHolderInput[]): VoteHolder[] {
  const present = new Set(members.flatMap((m) => (m.checkIn ? [m.checkIn.personId] : [])));
  return members.flatMap((m): VoteHolder[] => {
    if (m.checkIn) return [{ memberId: m.memberId, personId: m.checkIn.personId, via: 'check-in', holderPresent: true }];
    if (m.proxy) return [{ memberId: m.memberId, personId: m.proxy.holderPersonId, via: 'proxy', holderPresent: present.has(m.proxy.holderPersonId) }];
    return [];
  });
}

/**
 * Opening a meeting before its date is almost always a mistake (the wrong meeting picked, or a
 * rehearsal): it needs the chair's confirmation. Only a date still to come counts; a past date is fine.
 */
export function opensEarly(meetingDate: string, todayDate: string): boolean {
  return meetingDate > todayDate;
}

export interface DateWarning {
  code: 'date-in-past';
  message: { nl: string; en: string };
}

/** A meeting scheduled in the past is allowed (entering an earlier meeting afterwards), but said out loud. */
export function meetingDateWarnings(date: string, todayDate: string): DateWarning[] {
  if (date >= todayDate) return [];
  return [
    {
      code: 'date-in-past',
      message: {
        nl: `De datum ${date} ligt in het verleden. Klopt dat? Zo wordt een eerdere vergadering achteraf vastgelegd.`,
        en: `The date ${date} is in the past. Is that right? That is how an earlier meeting is recorded afterwards.`,
      },
    },
  ];
}

/** The instant a local date and time in the association's time zone stands for (Europe/Amsterdam). */
export function localInstant(date: string, time: string, timeZone = 'Europe/Amsterdam'): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, p.value]),
  );
  const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess - (shown - guess));
}

/**
 * Motions are filed before the meeting starts, so a deadline after the start is a mistake. Without a
 * start time the meeting may begin any time that day: the deadline must then lie before the day ends.
 */
export function motionDeadlineAfterStart(deadline: Date | null, date: string, startTime: string | null): boolean {
  if (!deadline) return false;
  const start = startTime ? localInstant(date, startTime) : localInstant(date, '24:00');
  return deadline.getTime() > start.getTime();
}
