import type { Kysely } from 'kysely';
import type { Database } from '../core/db/schema.js';
import { type IsoDate, today } from '../core/dates.js';
import { problems, text } from '../core/errors.js';
import { registerAsOf } from '../members/store.js';
import type { MemberSummary } from '../members/schemas.js';
import { memberClassOf, voteWeight } from '../profile/rules.js';
import type { MajorityRule, ProfileDocument } from '../profile/schemas.js';
import { profileAsOf } from '../profile/store.js';
import { MAX_TOTAL_WEIGHT, TooLargeError } from './indices.js';
import { BusyError, computeIndices } from './pool.js';
import type { DraftRules, MemberPowerRow, RegisterPower, SegmentPowerRow, WhatIf } from './schemas.js';
import { powerBySegment } from './segments.js';

type Db = Kysely<Database>;

interface Weighed {
  member: MemberSummary & { population: number };
  weight: number;
}

/** The weights of the register under the profile's rules, or under a draft's rule for the classes it names. */
function weigh(register: readonly MemberSummary[], profile: ProfileDocument, draft?: DraftRules): Weighed[] {
  for (const { code } of draft?.memberClasses ?? []) {
    if (!memberClassOf(profile, code)) {
      const reason = text(`De ledenklasse "${code}" bestaat niet in het profiel.`, `The member class "${code}" is not in the profile.`);
      throw problems.invalid(reason, [{ name: 'draft.memberClasses', code: 'unknown-member-class', reason }]);
    }
  }
  return register.flatMap((member) => {
    if (member.population === null) return [];
    const rule = draft?.memberClasses.find((c) => c.code === member.memberClass)?.voteWeight ?? memberClassOf(profile, member.memberClass)?.voteWeight;
    if (!rule) return [];
    return [{ member: member as Weighed['member'], weight: voteWeight(member.population, { ...rule, source: '' }) }];
  });
}

const tooLarge = (majority: MajorityRule) =>
  problems.invalid(
    majority === 'double'
      ? text(
          'Deze dubbele meerderheid is te groot om te berekenen (te veel leden maal stemgewicht); kies een gewone of tweederdemeerderheid.',
          'This double majority is too large to compute (too many members times weight); choose a simple or two-thirds majority.',
        )
      : text(
          `Het totale stemgewicht is te groot om te berekenen (meer dan ${MAX_TOTAL_WEIGHT.toLocaleString('nl-NL')}); kies een grotere deler of een maximum.`,
          `The total vote weight is too large to compute (over ${MAX_TOTAL_WEIGHT.toLocaleString('en-GB')}); choose a larger divisor or a cap.`,
        ),
  );

async function analyse(asOf: IsoDate, majority: MajorityRule, weighed: readonly Weighed[], excluded: number): Promise<RegisterPower> {
  const weights = weighed.map((w) => w.weight);
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  if (totalWeight === 0) throw problems.conflict(text('Er zijn geen leden met stemgewicht op deze datum.', 'No members have a vote weight on this date.'));
  const indices = await computeIndices({ weights, majority }).catch((error: unknown) => {
    if (error instanceof TooLargeError) throw tooLarge(totalWeight > MAX_TOTAL_WEIGHT ? 'simple' : majority);
    if (error instanceof BusyError) throw problems.tooMany(10);
    throw error;
  });
  const totalPopulation = weighed.reduce((sum, w) => sum + w.member.population, 0);
  const members: MemberPowerRow[] = weighed.map(({ member, weight }, i) => {
    const populationShare = totalPopulation ? member.population / totalPopulation : 0;
    const banzhaf = indices.banzhaf[i] ?? 0;
    return {
      id: member.id,
      code: member.code,
      name: member.name,
      memberClass: member.memberClass,
      province: member.province,
      sizeClass: member.sizeClass,
      networks: member.networks,
      population: member.population,
      voteWeight: weight,
      weightShare: weight / totalWeight,
      populationShare,
      banzhaf,
      absoluteBanzhaf: indices.absoluteBanzhaf[i] ?? 0,
      shapleyShubik: indices.shapleyShubik[i] ?? 0,
      banzhafPerPopulation: populationShare ? banzhaf / populationShare : null,
    };
  });
  const segments = powerBySegment(
    members.map((m) => ({
      memberId: m.id,
      population: m.population,
      voteWeight: m.voteWeight,
      banzhaf: m.banzhaf,
      shapleyShubik: m.shapleyShubik,
      segments: { province: [m.province], sizeClass: m.sizeClass ? [m.sizeClass] : [], network: m.networks, memberClass: [m.memberClass] },
    })),
  ) as SegmentPowerRow[];
  return {
    asOf,
    majority,
    quota: indices.quota,
    memberQuota: indices.memberQuota,
    totalWeight,
    totalPopulation,
    method: indices.method,
    computedInMs: Math.round(indices.milliseconds * 10) / 10,
    excluded,
    members: [...members].sort((a, b) => b.banzhaf - a.banzhaf || a.name.localeCompare(b.name, 'nl')),
    segments,
  };
}

/** Voting power of the register on a date under the profile in force: the a-priori power, every member voting. */
export async function registerPower(db: Db, asOf: IsoDate = today(), majority: MajorityRule = 'simple'): Promise<RegisterPower> {
  const [register, profile] = await Promise.all([registerAsOf(db, asOf), profileAsOf(db, asOf)]);
  const weighed = weigh(register, profile);
  return analyse(asOf, majority, weighed, register.length - weighed.length);
}

/** The register's power under the profile in force and under a draft's vote-weight rules, side by side. */
export async function whatIf(db: Db, input: { asOf?: IsoDate; majority?: MajorityRule; draft: DraftRules }): Promise<WhatIf> {
  const asOf = input.asOf ?? today();
  const majority = input.majority ?? 'simple';
  const [register, profile] = await Promise.all([registerAsOf(db, asOf), profileAsOf(db, asOf)]);
  const before = weigh(register, profile);
  const after = weigh(register, profile, input.draft);
  const current = await analyse(asOf, majority, before, register.length - before.length);
  const draft = await analyse(asOf, majority, after, register.length - after.length);
  const next = new Map(draft.members.map((m) => [m.id, m]));
  const changes = current.members
    .flatMap((m) => {
      const then = next.get(m.id);
      if (!then) return [];
      return [
        {
          id: m.id,
          code: m.code,
          name: m.name,
          weightBefore: m.voteWeight,
          weightAfter: then.voteWeight,
          banzhafBefore: m.banzhaf,
          banzhafAfter: then.banzhaf,
          shapleyShubikBefore: m.shapleyShubik,
          shapleyShubikAfter: then.shapleyShubik,
        },
      ];
    })
    .sort((a, b) => Math.abs(b.banzhafAfter - b.banzhafBefore) - Math.abs(a.banzhafAfter - a.banzhafBefore) || a.name.localeCompare(b.name, 'nl'));
  const segmentKey = (s: { dimension: string; segment: string }) => `${s.dimension}\u0000${s.segment}`;
  const draftSegments = new Map(draft.segments.map((s) => [segmentKey(s), s]));
  const segments = current.segments.map((s) => {
    const then = draftSegments.get(segmentKey(s));
    return {
      dimension: s.dimension,
      segment: s.segment,
      populationShare: s.populationShare,
      weightShareBefore: s.weightShare,
      weightShareAfter: then?.weightShare ?? 0,
      banzhafBefore: s.banzhaf,
      banzhafAfter: then?.banzhaf ?? 0,
    };
  });
  return { current, draft, changes, segments };
}
