import { memberClassOf, voteWeight } from '../profile/rules.js';
import type { ProfileDocument } from '../profile/schemas.js';
import type { MemberState } from '../members/register.js';
import type { PopulationRow } from './parse.js';
import type { PopulationImportReport } from './schemas.js';

export interface DiffInput {
  fileName: string;
  effectiveDate: string;
  memberClass: string;
  rows: readonly PopulationRow[];
  /** Members of the class on the effective date. */
  current: readonly MemberState[];
  /** Figures already stored for exactly the file's dates, by member id and date. */
  storedFigures: ReadonlyMap<string, number>;
  /** Members whose history already changes after the effective date. */
  changedLater: ReadonlySet<string>;
  profile: ProfileDocument;
}

export const figureKey = (memberId: string, date: string) => `${memberId}|${date}`;

/**
 * What applying a population file would change: members added and removed, renames,
 * province moves, population figures and the vote weights that follow. Pure: the
 * caller reads the register, this compares.
 */
export function diffPopulationFile(input: DiffInput): PopulationImportReport {
  const rule = memberClassOf(input.profile, input.memberClass)!.voteWeight;
  const weightOf = (population: number | null) => (population === null ? null : voteWeight(population, rule));
  const byCode = new Map(input.current.map((m) => [m.code, m]));
  const inFile = new Set(input.rows.map((r) => r.code));
  const report: PopulationImportReport = {
    fileName: input.fileName,
    effectiveDate: input.effectiveDate,
    memberClass: input.memberClass,
    rowCount: input.rows.length,
    added: [],
    removed: [],
    renamed: [],
    provinceChanged: [],
    populationChanges: [],
    weightChangeCount: 0,
    unchangedCount: 0,
    totals: {
      countBefore: input.current.length,
      countAfter: input.rows.length,
      voteWeightBefore: 0,
      voteWeightAfter: 0,
      populationBefore: 0,
      populationAfter: 0,
    },
    blocking: [],
    hasChanges: false,
  };
  for (const m of input.current) {
    report.totals.voteWeightBefore += weightOf(m.population) ?? 0;
    report.totals.populationBefore += m.population ?? 0;
  }
  for (const row of input.rows) {
    const after = voteWeight(row.population, rule);
    report.totals.voteWeightAfter += after;
    report.totals.populationAfter += row.population;
    const member = byCode.get(row.code);
    if (!member) {
      report.added.push({ code: row.code, name: row.name, province: row.province, population: row.population, voteWeight: after });
      continue;
    }
    const identityChanges = member.name !== row.name || member.province !== row.province;
    if (member.name !== row.name) report.renamed.push({ memberId: member.id, code: row.code, nameBefore: member.name, nameAfter: row.name });
    if (member.province !== row.province) {
      report.provinceChanged.push({ memberId: member.id, code: row.code, name: row.name, provinceBefore: member.province, provinceAfter: row.province });
    }
    if (identityChanges && input.changedLater.has(member.id)) {
      report.blocking.push({ code: row.code, name: member.name, reason: 'later-change' });
    }
    const stored = input.storedFigures.get(figureKey(member.id, row.populationDate));
    if (stored === row.population && !identityChanges) {
      report.unchangedCount += 1;
      continue;
    }
    if (stored !== row.population) {
      const before = weightOf(member.population);
      report.populationChanges.push({
        memberId: member.id,
        code: row.code,
        name: row.name,
        populationBefore: member.population,
        populationDateBefore: member.populationDate,
        populationAfter: row.population,
        voteWeightBefore: before,
        voteWeightAfter: after,
      });
      if (before !== after) report.weightChangeCount += 1;
    }
  }
  for (const m of input.current) {
    if (inFile.has(m.code)) continue;
    report.removed.push({ memberId: m.id, code: m.code, name: m.name, province: m.province, population: m.population, voteWeight: weightOf(m.population) });
    if (input.changedLater.has(m.id)) report.blocking.push({ code: m.code, name: m.name, reason: 'later-change' });
  }
  report.hasChanges = report.added.length + report.removed.length + report.renamed.length + report.provinceChanged.length + report.populationChanges.length > 0;
  return report;
}
