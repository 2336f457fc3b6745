/**
 * Power per segment (province, size class, network, member class): the sum of its members' indices
 * next to its share of the weight and of the inhabitants. The ratio of power to population share is the
 * "one person, one vote" test: above 1 a segment's inhabitants count for more than average.
 */
export interface MemberPower {
  memberId: string;
  population: number;
  voteWeight: number;
  banzhaf: number;
  shapleyShubik: number;
  /** The segments the member is in, by dimension: { province: ['Zeeland'], network: ['G40', 'P10'] }. */
  segments: Record<string, readonly string[]>;
}

export interface SegmentPower {
  dimension: string;
  segment: string;
  members: number;
  weightShare: number;
  populationShare: number;
  banzhaf: number;
  shapleyShubik: number;
  /** Banzhaf power over population share (1 = as much power as inhabitants). */
  banzhafPerPopulation: number | null;
}

export function powerBySegment(members: readonly MemberPower[]): SegmentPower[] {
  const totalWeight = members.reduce((sum, m) => sum + m.voteWeight, 0);
  const totalPopulation = members.reduce((sum, m) => sum + m.population, 0);
  const groups = new Map<string, { dimension: string; segment: string; in: MemberPower[] }>();
  for (const member of members) {
    for (const [dimension, segments] of Object.entries(member.segments)) {
      for (const segment of segments) {
        const key = JSON.stringify([dimension, segment]);
        const group = groups.get(key) ?? { dimension, segment, in: [] };
        group.in.push(member);
        groups.set(key, group);
      }
    }
  }
  return [...groups.values()]
    .map(({ dimension, segment, in: group }) => {
      const sum = (pick: (m: MemberPower) => number) => group.reduce((total, m) => total + pick(m), 0);
      const populationShare = totalPopulation ? sum((m) => m.population) / totalPopulation : 0;
      const banzhaf = sum((m) => m.banzhaf);
      return {
        dimension,
        segment,
        members: group.length,
        weightShare: totalWeight ? sum((m) => m.voteWeight) / totalWeight : 0,
        populationShare,
        banzhaf,
        shapleyShubik: sum((m) => m.shapleyShubik),
        banzhafPerPopulation: populationShare ? banzhaf / populationShare : null,
      };
    })
    .sort((a, b) => a.dimension.localeCompare(b.dimension) || b.banzhaf - a.banzhaf);
}

export interface PowerChange {
  memberId: string;
  weightBefore: number;
  weightAfter: number;
  banzhafBefore: number;
  banzhafAfter: number;
  /** Relative change of Banzhaf power (0.1 = ten percent more), null when it had none. */
  banzhafChange: number | null;
}

/** What a draft profile changes, member by member: weights and power before and after, biggest change first. */
export function compareProfiles(before: readonly MemberPower[], after: readonly MemberPower[]): PowerChange[] {
  const next = new Map(after.map((m) => [m.memberId, m]));
  return before
    .flatMap((m) => {
      const then = next.get(m.memberId);
      if (!then) return [];
      return [
        {
          memberId: m.memberId,
          weightBefore: m.voteWeight,
          weightAfter: then.voteWeight,
          banzhafBefore: m.banzhaf,
          banzhafAfter: then.banzhaf,
          banzhafChange: m.banzhaf ? then.banzhaf / m.banzhaf - 1 : null,
        },
      ];
    })
    .sort((a, b) => Math.abs(b.banzhafAfter - b.banzhafBefore) - Math.abs(a.banzhafAfter - a.banzhafBefore));
}
