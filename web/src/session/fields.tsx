import type { InputHTMLAttributes } from 'react';
import { ApiError, type FieldError } from '../api';

/** Any failure as an ApiError, so ProblemAlert and the field messages can show it. */
export const asApiError = (caught: unknown): ApiError => (caught instanceof ApiError ? caught : new ApiError({ status: 0, title: String(caught) }));

/** A problem found before anything is sent, shaped like the server's so it shows the same way. */
export const formProblem = (title: string, errors: FieldError[]): ApiError => new ApiError({ status: 0, type: 'form', title, errors });

/** The reason for one field, from the server's or the form's problem. */
export const reasonFor = (error: ApiError | undefined, name: string): string | undefined => error?.errors.find((e) => e.name === name)?.reason;

/** Six digits from an authenticator app, typed with or without spaces. */
export const normalizeCode = (value: string) => value.replace(/[\s-]/g, '');
export const isTotpCode = (value: string) => /^[0-9]{6}$/.test(value);

/** The attributes of a field for a code from an authenticator app: a numeric keyboard and one-time-code autofill. */
export const TOTP_INPUT: InputHTMLAttributes<HTMLInputElement> = {
  type: 'text',
  inputMode: 'numeric',
  autoComplete: 'one-time-code',
  pattern: '[0-9 ]*',
  maxLength: 7,
  spellCheck: false,
};

/** The server's shortest password (MIN_PASSWORD_LENGTH). */
export const MIN_PASSWORD_LENGTH = 10;
