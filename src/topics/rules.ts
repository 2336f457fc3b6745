import type { LocalText } from '../core/i18n.js';

/** Pure rules of members' own agenda items: support figures, the threshold, triage. */

export const TOPIC_STATUSES = ['gathering', 'triage', 'routed', 'declined'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];
export const ROUTES = ['general-meeting', 'committee', 'network', 'expertise-team'] as const;
export type Route = (typeof ROUTES)[number];
export type Combine = 'any' | 'all';

export const STATUS_LABELS: Record<TopicStatus, LocalText> = {
  gathering: { nl: 'Verzamelt steun', en: 'Gathering support' },
  triage: { nl: 'Bij het bureau ter beoordeling', en: 'With the staff for triage' },
  routed: { nl: 'Doorgeleid', en: 'Routed' },
  declined: { nl: 'Afgewezen', en: 'Declined' },
};

export const ROUTE_LABELS: Record<Route, LocalText> = {
  'general-meeting': { nl: 'Algemene ledenvergadering', en: 'General meeting' },
  committee: { nl: 'Commissie', en: 'Committee' },
  network: { nl: 'Netwerk', en: 'Network' },
  'expertise-team': { nl: 'Expertiseteam', en: 'Expertise team' },
};

/**
 * The support a topic needs: a number of members and/or a share of the vote weight or of the
 * population; `any` is reached by one of the criteria set, `all` by every one of them.
 */
export interface Threshold {
  members: number | null;
  weightShare: number | null;
  populationShare: number | null;
  combine: Combine;
}

/**
 * Until staff set one: ten members, or members with 5% of the vote weight, whichever comes first.
 * Ten is the number of members the VNG's statutes let ask for an extra general meeting; the weight
 * share lets a few large members put a theme forward as ten small ones can.
 */
export const DEFAULT_THRESHOLD: Threshold = { members: 10, weightShare: 0.05, populationShare: null, combine: 'any' };

export interface RegisterEntry {
  id: string;
  voteWeight: number | null;
  population: number | null;
}

export interface Support {
  members: number;
  voteWeight: number;
  population: number;
  /** Shares of the whole register on the date, 0..1. */
  weightShare: number;
  populationShare: number;
}

/** The support of the members in the register on the date; members no longer in it count for nothing. */
export function supportOf(memberIds: readonly string[], register: readonly RegisterEntry[]): Support {
  const chosen = new Set(memberIds);
  let [members, voteWeight, population, totalWeight, totalPopulation] = [0, 0, 0, 0, 0];
  for (const m of register) {
    totalWeight += m.voteWeight ?? 0;
    totalPopulation += m.population ?? 0;
    if (!chosen.has(m.id)) continue;
    members += 1;
    voteWeight += m.voteWeight ?? 0;
    population += m.population ?? 0;
  }
  return {
    members,
    voteWeight,
    population,
    weightShare: totalWeight ? voteWeight / totalWeight : 0,
    populationShare: totalPopulation ? population / totalPopulation : 0,
  };
}

/** Whether the support reaches the threshold. */
export function reaches(support: Support, t: Threshold): boolean {
  const tests = [
    t.members === null ? null : support.members >= t.members,
    t.weightShare === null ? null : support.weightShare >= t.weightShare,
    t.populationShare === null ? null : support.populationShare >= t.populationShare,
  ].filter((x): x is boolean => x !== null);
  if (tests.length === 0) return false;
  return t.combine === 'all' ? tests.every(Boolean) : tests.some(Boolean);
}

export interface Triage {
  decision: 'route' | 'decline';
  route?: Route | undefined;
  routeTo?: string | undefined;
  reason?: string | undefined;
}

/** Why a triage is refused, naming the field, or null. Declining needs the reason; a committee, network or team needs its name. */
export function triageRefusal(status: TopicStatus, triage: Triage): { field: string; text: LocalText } | null {
  if (status !== 'triage') {
    return {
      field: 'decision',
      text:
        status === 'gathering'
          ? { nl: 'Dit onderwerp heeft de drempel voor steun nog niet bereikt.', en: 'This topic has not yet reached the support threshold.' }
          : { nl: 'Over dit onderwerp is al beslist.', en: 'This topic has already been triaged.' },
    };
  }
  if (triage.decision === 'decline' && !triage.reason?.trim()) {
    return {
      field: 'reason',
      text: { nl: 'Geef de reden van de afwijzing; de indiener ziet die.', en: 'Give the reason for declining; the submitter sees it.' },
    };
  }
  if (triage.decision === 'route' && !triage.route) {
    return { field: 'route', text: { nl: 'Kies waarheen het onderwerp gaat.', en: 'Choose where the topic goes.' } };
  }
  if (triage.decision === 'route' && triage.route !== 'general-meeting' && !triage.routeTo?.trim()) {
    return {
      field: 'routeTo',
      text: { nl: 'Noem de commissie, het netwerk of het expertiseteam.', en: 'Name the committee, network or expertise team.' },
    };
  }
  return null;
}
