import { Type, type Static } from 'typebox';
import { DateString } from '../core/http/schemas.js';

const Nullable = <T extends ReturnType<typeof Type.Integer> | ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PopulationImportReport = Type.Object({
  fileName: Type.String(),
  effectiveDate: DateString,
  memberClass: Type.String(),
  rowCount: Type.Integer(),
  added: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), province: Type.String(), population: Type.Integer(), voteWeight: Type.Integer() })),
  removed: Type.Array(
    Type.Object({
      memberId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      province: Type.String(),
      population: Nullable(Type.Integer()),
      voteWeight: Nullable(Type.Integer()),
    }),
  ),
  renamed: Type.Array(Type.Object({ memberId: Type.String(), code: Type.String(), nameBefore: Type.String(), nameAfter: Type.String() })),
  provinceChanged: Type.Array(
    Type.Object({ memberId: Type.String(), code: Type.String(), name: Type.String(), provinceBefore: Type.String(), provinceAfter: Type.String() }),
  ),
  populationChanges: Type.Array(
    Type.Object({
      memberId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      populationBefore: Nullable(Type.Integer()),
      populationDateBefore: Nullable(DateString),
      populationAfter: Type.Integer(),
      voteWeightBefore: Nullable(Type.Integer()),
      voteWeightAfter: Type.Integer(),
    }),
  ),
  weightChangeCount: Type.Integer({ description: 'Population changes that change the vote weight' }),
  unchangedCount: Type.Integer(),
  totals: Type.Object({
    countBefore: Type.Integer(),
    countAfter: Type.Integer(),
    voteWeightBefore: Type.Integer(),
    voteWeightAfter: Type.Integer(),
    populationBefore: Type.Integer(),
    populationAfter: Type.Integer(),
  }),
  /** Changes the import cannot make; applying is refused while any exist. */
  blocking: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      reason: Type.Literal('later-change', { description: 'The member already has a later change in the register: record a reorganisation instead' }),
    }),
  ),
  hasChanges: Type.Boolean(),
});
export type PopulationImportReport = Static<typeof PopulationImportReport>;

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  applied: Type.Boolean({ description: 'True when this request changed the register' }),
  importId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  report: PopulationImportReport,
});
export type ImportResult = Static<typeof ImportResult>;

export const ImportRecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  fileName: Type.String(),
  fileHash: Type.String(),
  effectiveDate: DateString,
  appliedBy: Type.String(),
  appliedAt: Type.String({ format: 'date-time' }),
  report: PopulationImportReport,
});
export type ImportRecord = Static<typeof ImportRecord>;

export const ImportQuery = Type.Object({
  dryRun: Type.Boolean({ default: true, description: 'Only report what would change (default); false applies' }),
  memberClass: Type.Optional(Type.String({ maxLength: 40 })),
  effectiveDate: Type.Optional({ ...DateString, description: 'Date the membership changes take effect; defaults to the population date of the file' }),
  fileName: Type.Optional(Type.String({ maxLength: 200 })),
});
