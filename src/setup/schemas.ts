import { Type, type Static } from 'typebox';
import { DateString } from '../core/http/schemas.js';
import { LocalText, ProfileDocument } from '../profile/schemas.js';
import { TEMPLATE_CODES } from '../profile/templates.js';

export const TemplateCode = Type.Enum(TEMPLATE_CODES, {
  description: 'vng (municipalities, VNG), ipo (provinces, IPO), uvw (water boards, Unie van Waterschappen), empty (one vote per member, to fill in)',
});

export const SETUP_STEPS = ['create-administrator', 'choose-profile', 'import-members'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const SetupState = Type.Object({
  done: Type.Boolean({ description: 'An administrator exists, a profile was chosen and members were imported' }),
  nextStep: Type.Union([Type.Enum(SETUP_STEPS), Type.Null()], { description: 'What to do next; null once set-up is done' }),
  administrator: Type.Object({
    done: Type.Boolean(),
    count: Type.Integer({ minimum: 0, description: 'Accounts with the role admin' }),
    how: Type.String({ description: 'The command that creates the first administrator' }),
  }),
  profile: Type.Object({
    done: Type.Boolean(),
    name: Type.Union([Type.String(), Type.Null()]),
    shortName: Type.Union([Type.String(), Type.Null()]),
    effectiveFrom: Type.Union([DateString, Type.Null()]),
    template: Type.Union([TemplateCode, Type.Null()], { description: 'The template the first version was adopted from, if any' }),
    href: Type.String(),
  }),
  members: Type.Object({
    done: Type.Boolean(),
    count: Type.Integer({ minimum: 0 }),
    href: Type.String({ description: 'The population import (CBS layout) that fills the register' }),
  }),
});
export type SetupState = Static<typeof SetupState>;

export const ProfileTemplate = Type.Object({ code: TemplateCode, description: LocalText, document: ProfileDocument });
export type ProfileTemplate = Static<typeof ProfileTemplate>;

export const AdoptTemplate = Type.Object(
  {
    template: TemplateCode,
    effectiveFrom: Type.Optional(DateString),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: "The association's name, instead of the template's" })),
    shortName: Type.Optional(
      Type.String({ minLength: 1, maxLength: 40, pattern: '\\S', description: "The association's short name, instead of the template's" }),
    ),
  },
  { additionalProperties: false },
);
export type AdoptTemplate = Static<typeof AdoptTemplate>;
