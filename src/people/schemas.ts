import { Type, type Static } from 'typebox';
import { GRANTED_ROLES } from '../core/auth/roles.js';
import { RoleSchema } from '../core/auth/schemas.js';
import { DateString, ListOf, Pagination } from '../core/http/schemas.js';
import { OfficeKind } from '../profile/schemas.js';
import { DESIGNATION_STATUSES } from './mandates.js';

/** The office kinds are the profile's: its member classes name which of them represent a member. */
export { OfficeKind };
export const GrantedRole = Type.Enum(GRANTED_ROLES);

const Email = Type.String({ format: 'email', maxLength: 320 });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Party = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
/** An alderman's portfolio (portefeuille), e.g. "financiën": consultations may address its holder. */
const Portfolio = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Portfolio (portefeuille), e.g. "financiën"' });

export const Designation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  officeId: Type.String({ format: 'uuid' }),
  startDate: DateString,
  endDate: Type.Union([DateString, Type.Null()]),
  status: Type.Enum(DESIGNATION_STATUSES, {
    description:
      'in-force; pending: made by an account for itself or for a person it created, invited or re-addressed, and waiting for a different staff member or administrator (four-eyes); revoked: withdrawn while pending',
  }),
  requestedBy: Type.Union([Type.String(), Type.Null()], { description: 'Who recorded a pending (or since decided) four-eyes designation' }),
  decisionReason: Type.Union([Type.String(), Type.Null()], { description: 'Why staff refused it (revoked), when they said' }),
  active: Type.Boolean({ description: 'In force today (confirmed, designation and office cover today)' }),
});
export type Designation = Static<typeof Designation>;

export const PendingDesignation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  officeId: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  personName: Type.String(),
  memberId: Type.String({ format: 'uuid' }),
  memberName: Type.String(),
  capacity: OfficeKind,
  startDate: DateString,
  endDate: Type.Union([DateString, Type.Null()]),
  requestedById: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  requestedBy: Type.String({ description: 'The account that recorded it; it cannot confirm it' }),
  requestedAt: Type.String({ format: 'date-time' }),
});
export type PendingDesignation = Static<typeof PendingDesignation>;
export const PendingDesignationList = ListOf(PendingDesignation);

export const Office = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  memberId: Type.String({ format: 'uuid' }),
  memberName: Type.String(),
  kind: OfficeKind,
  party: Type.Union([Type.String(), Type.Null()]),
  partyIsLocal: Type.Boolean({ description: 'A local party (lokale partij)' }),
  portfolio: Type.Union([Type.String(), Type.Null()]),
  startDate: DateString,
  endDate: Type.Union([DateString, Type.Null()], { description: 'Last day in office' }),
  active: Type.Boolean(),
  designations: Type.Array(Designation),
});
export type Office = Static<typeof Office>;

export const PersonListItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  roles: Type.Array(RoleSchema),
  disabled: Type.Boolean(),
  offices: Type.Array(Type.Object({ memberId: Type.String(), memberName: Type.String(), kind: OfficeKind, designated: Type.Boolean() })),
});
export type PersonListItem = Static<typeof PersonListItem>;

export const AdministeredMember = Type.Object({ memberId: Type.String({ format: 'uuid' }), memberName: Type.String() });

export const PersonDetail = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  roles: Type.Array(RoleSchema),
  disabled: Type.Boolean(),
  hasPassword: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  offices: Type.Array(Office),
  administers: Type.Array(AdministeredMember, { description: 'Members whose designations this person maintains (member administrator)' }),
});
export type PersonDetail = Static<typeof PersonDetail>;

export const PeopleQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name or e-mail address' })),
    memberId: Type.Optional(Type.String({ format: 'uuid' })),
    role: Type.Optional(RoleSchema),
    limit: Type.Optional(Pagination.limit),
    offset: Type.Optional(Pagination.offset),
  },
  { additionalProperties: false },
);
export type PeopleQuery = Static<typeof PeopleQuery>;
export const PeopleList = ListOf(PersonListItem);

export const NewPerson = Type.Object(
  { name: Name, email: Email, roles: Type.Optional(Type.Array(GrantedRole, { uniqueItems: true, description: 'Only an administrator may grant roles' })) },
  { additionalProperties: false },
);
export type NewPerson = Static<typeof NewPerson>;

export const PersonUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    email: Type.Optional(Email),
    disabled: Type.Optional(Type.Boolean({ description: 'A disabled account cannot sign in; its sessions end' })),
    resetSecondFactor: Type.Optional(Type.Literal(true, { description: 'Turns TOTP off for someone who lost their phone; they set it up again' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PersonUpdate = Static<typeof PersonUpdate>;

export const RolesUpdate = Type.Object({ roles: Type.Array(GrantedRole, { uniqueItems: true }) }, { additionalProperties: false });

export const NewOffice = Type.Object(
  {
    memberId: Type.String({ format: 'uuid' }),
    kind: OfficeKind,
    party: Type.Optional(Party),
    partyIsLocal: Type.Optional(Type.Boolean()),
    portfolio: Type.Optional(Portfolio),
    startDate: DateString,
    endDate: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export type NewOffice = Static<typeof NewOffice>;

export const OfficeUpdate = Type.Object(
  {
    party: Type.Optional(Type.Union([Party, Type.Null()])),
    partyIsLocal: Type.Optional(Type.Boolean()),
    portfolio: Type.Optional(Type.Union([Portfolio, Type.Null()])),
    endDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type OfficeUpdate = Static<typeof OfficeUpdate>;

export const NewDesignation = Type.Object(
  { officeId: Type.String({ format: 'uuid' }), startDate: DateString, endDate: Type.Optional(DateString) },
  { additionalProperties: false },
);
export type NewDesignation = Static<typeof NewDesignation>;

export const DesignationEnd = Type.Object({ endDate: DateString }, { additionalProperties: false });

export const Representative = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.Optional(Type.String({ description: 'Only for staff' })),
  officeId: Type.String({ format: 'uuid' }),
  capacity: OfficeKind,
  party: Type.Union([Type.String(), Type.Null()]),
  partyIsLocal: Type.Boolean(),
  designationId: Type.String({ format: 'uuid' }),
  startDate: DateString,
  endDate: Type.Union([DateString, Type.Null()]),
});
export type Representative = Static<typeof Representative>;
export const RepresentativeList = ListOf(Representative, { asOf: DateString });

export const NewInvitation = Type.Object(
  {
    memberId: Type.String({ format: 'uuid' }),
    name: Name,
    email: Email,
    kind: OfficeKind,
    party: Type.Optional(Party),
    partyIsLocal: Type.Optional(Type.Boolean()),
    startDate: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export type NewInvitation = Static<typeof NewInvitation>;

export const Invitation = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  officeId: Type.String({ format: 'uuid' }),
  designationId: Type.String({ format: 'uuid' }),
  expiresAt: Type.String({ format: 'date-time' }),
  newPerson: Type.Boolean(),
  designationStatus: Type.Enum(DESIGNATION_STATUSES, {
    description: 'pending: a different staff member or administrator confirms it before the invitee may act (four-eyes)',
  }),
});
export type Invitation = Static<typeof Invitation>;

export const MemberAdministrator = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  grantedAt: Type.String({ format: 'date-time' }),
  grantedBy: Type.String(),
});
export type MemberAdministrator = Static<typeof MemberAdministrator>;

export const OfficeHolder = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  offices: Type.Array(Office, { description: "The person's offices in this member, with their designations" }),
});
export type OfficeHolder = Static<typeof OfficeHolder>;

export const DesignationRefusal = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'Why: the requester reads it' }) },
  { additionalProperties: false },
);
