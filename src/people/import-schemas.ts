import { Type, type Static } from 'typebox';
import { IMPORT_FIELDS } from './import-rules.js';

const Text = Type.Object({ nl: Type.String(), en: Type.String() });

export const PeopleImportQuery = Type.Object(
  {
    dryRun: Type.Boolean({
      default: true,
      description: 'true (default): report only; false: apply all rows in one transaction, refused when any row is refused',
    }),
    fileName: Type.Optional(Type.String({ maxLength: 200, description: 'Name of the file, for the report and the audit trail' })),
  },
  { additionalProperties: false },
);

export const ImportRowReport = Type.Object({
  line: Type.Integer({ description: 'Line in the file; the header is line 1' }),
  outcome: Type.Union([Type.Literal('new'), Type.Literal('changed'), Type.Literal('unchanged'), Type.Literal('refused')]),
  name: Type.String(),
  email: Type.String(),
  memberCode: Type.String(),
  memberName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String({ description: 'The office kind as written, or its code when recognised' }),
  startDate: Type.String(),
  creates: Type.Array(Type.Union([Type.Literal('person'), Type.Literal('office'), Type.Literal('designation')])),
  changes: Type.Array(Type.String(), { description: 'Changed fields: name, party, partyIsLocal, portfolio, endDate, designationEnd' }),
  designationPending: Type.Boolean({
    description: 'The new designation waits for a second staff member or administrator (four-eyes): the importing account records the person',
  }),
  reasons: Type.Array(Type.Object({ code: Type.String(), field: Type.Union([Type.Enum(IMPORT_FIELDS), Type.Null()]), message: Text })),
});
export type ImportRowReport = Static<typeof ImportRowReport>;

export const PeopleImportResult = Type.Object({
  dryRun: Type.Boolean(),
  applied: Type.Boolean({ description: 'false on a dry run and when the file changes nothing' }),
  importId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  fileName: Type.String(),
  counts: Type.Object({ total: Type.Integer(), new: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer(), refused: Type.Integer() }),
  rows: Type.Array(ImportRowReport),
});
export type PeopleImportResult = Static<typeof PeopleImportResult>;

export const TemplateQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
    lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')], { description: 'Header language; default Dutch' })),
  },
  { additionalProperties: false },
);
