import { MUNICIPAL_OFFICE_KINDS, type OfficeKind } from './office-kinds.js';
import type { MemberClass, ProfileDocument, SizeClass, VoteWeightRule } from './schemas.js';

/**
 * A member's vote weight (stemgewicht) from its population under its class's statute rule.
 * Integer arithmetic only: the quotient is rounded as the rule says, then held between
 * the minimum and the cap.
 */
export function voteWeight(population: number, rule: VoteWeightRule): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`population must be a non-negative integer, got ${population}`);
  const whole = Math.floor(population / rule.divisor);
  const remainder = population % rule.divisor;
  let weight = whole;
  if (rule.rounding === 'up' && remainder > 0) weight = whole + 1;
  if (rule.rounding === 'nearest' && remainder * 2 >= rule.divisor) weight = whole + 1;
  weight = Math.max(weight, rule.minimum);
  return rule.cap === null ? weight : Math.min(weight, rule.cap);
}

/** The size class whose lower bound is the highest one not above the population. */
export function sizeClassOf(population: number, classes: readonly SizeClass[]): SizeClass | undefined {
  let found: SizeClass | undefined;
  for (const sizeClass of classes) {
    if (population >= sizeClass.from && (!found || sizeClass.from > found.from)) found = sizeClass;
  }
  return found;
}

/** The canonical region name for a name or alias (case-insensitive), or undefined. */
export function canonicalRegion(name: string, profile: ProfileDocument): string | undefined {
  const wanted = name.trim().toLocaleLowerCase('nl');
  const region = profile.regions.items.find((r) => r.name.toLocaleLowerCase('nl') === wanted || r.aliases.some((a) => a.toLocaleLowerCase('nl') === wanted));
  return region?.name;
}

export function memberClassOf(profile: ProfileDocument, code: string) {
  return profile.memberClasses.find((c) => c.code === code);
}

/** The office kinds that may represent a member of this class; a class that names none: the municipal offices. */
export const officeKindsOf = (memberClass: MemberClass): readonly OfficeKind[] => memberClass.officeKinds ?? MUNICIPAL_OFFICE_KINDS;

/** Problems that make a profile unusable even though its shape is valid. */
export function profileProblems(profile: ProfileDocument): string[] {
  const problems: string[] = [];
  const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
  for (const code of duplicates(profile.memberClasses.map((c) => c.code))) problems.push(`member class "${code}" appears twice`);
  for (const code of duplicates(profile.sizeClasses.items.map((c) => c.code))) problems.push(`size class "${code}" appears twice`);
  if (!profile.sizeClasses.items.some((c) => c.from === 0)) problems.push('one size class must start at 0 inhabitants');
  for (const c of profile.memberClasses) {
    if (c.voteWeight.cap !== null && c.voteWeight.cap < c.voteWeight.minimum) problems.push(`member class "${c.code}": cap is below the minimum`);
    for (const kind of duplicates([...(c.officeKinds ?? [])])) problems.push(`member class "${c.code}": office kind "${kind}" appears twice`);
    if (c.officeKinds && c.officeKinds.length === 0) problems.push(`member class "${c.code}": no office kind may represent it`);
  }
  return problems;
}
