import { Type, type Static } from 'typebox';
import { ROLES } from './roles.js';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS } from './sign-in-rules.js';

export const RoleSchema = Type.Enum(ROLES);

export const PersonSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleSchema, { description: 'Granted roles, plus "representative" while a designation to act for a member is in force' }),
});

export const SessionInfo = Type.Object({
  person: PersonSummary,
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every unsafe request' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Null for an API token' }),
  totpEnabled: Type.Boolean(),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const LoginRequest = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'Six-digit code; required when the account has a second factor' })),
  },
  { additionalProperties: false },
);

export const PasswordResetRequest = Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }) }, { additionalProperties: false });

export const SetPasswordRequest = Type.Object(
  {
    token: Type.String({ minLength: 20, maxLength: 200, description: 'From the invitation or reset link' }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const TotpSetup = Type.Object({
  secret: Type.String({ description: 'Base32 secret, for manual entry' }),
  uri: Type.String({ description: 'otpauth:// URI' }),
  qrCodeSvg: Type.String({ description: 'The URI as an SVG QR code' }),
});

/** Recent authentication: changes to how one signs in ask for the password again, so a stolen session alone cannot make them. */
const CurrentPassword = Type.String({ minLength: 1, maxLength: 1000, description: 'The current password of the signed-in person (recent authentication)' });

export const TotpConfirmation = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }), currentPassword: CurrentPassword },
  { additionalProperties: false },
);
export const PasswordConfirmation = Type.Object({ currentPassword: CurrentPassword }, { additionalProperties: false });

export const EmailChange = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 320, description: 'The new address' }), currentPassword: CurrentPassword },
  { additionalProperties: false },
);

export const ApiToken = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time', description: 'The token is refused from this moment' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const NewApiToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'What the token is for, e.g. "koppeling zaaksysteem"' }),
    expiresInDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: API_TOKEN_MAX_DAYS,
        default: API_TOKEN_DEFAULT_DAYS,
        description: `Days until the token expires; default ${API_TOKEN_DEFAULT_DAYS}, at most ${API_TOKEN_MAX_DAYS}`,
      }),
    ),
    currentPassword: CurrentPassword,
  },
  { additionalProperties: false },
);

export const NewApiTokenResult = Type.Intersect([
  ApiToken,
  Type.Object({ token: Type.String({ description: 'Send as Authorization: Bearer <token>; shown only now' }) }),
]);
