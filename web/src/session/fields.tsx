import type { InputHTMLAttributes, Ref } from 'react';
import { ApiError, type FieldError } from '../api';
import { useI18n } from '../i18n';
import { fieldError, TextField } from '../shell/fields';

/** A problem found before anything is sent, shaped like the server's so it shows the same way. */
export const formProblem = (title: string, errors: FieldError[]): ApiError => new ApiError({ status: 0, type: 'form', title, errors });

/** Six digits from an authenticator app, typed with or without spaces. */
export const normalizeCode = (value: string) => value.replace(/[\s-]/g, '');
export const isTotpCode = (value: string) => /^[0-9]{6}$/.test(value);

/** The attributes of a field for a code from an authenticator app: a numeric keyboard and one-time-code autofill. */
const TOTP_INPUT: InputHTMLAttributes<HTMLInputElement> = {
  type: 'text',
  inputMode: 'numeric',
  autoComplete: 'one-time-code',
  pattern: '[0-9 ]*',
  maxLength: 7,
  spellCheck: false,
};

/** The server's shortest password (MIN_PASSWORD_LENGTH). */
export const MIN_PASSWORD_LENGTH = 10;

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  error?: string;
}

/** The signed-in person's own password, to sign in or to confirm a change to the account. */
export function CurrentPasswordField({ label, name, value, onChange, error }: TextFieldProps) {
  return <TextField label={label} error={error} name={name} type="password" autoComplete="current-password" required value={value} onChange={onChange} />;
}

/** A six-digit code from an authenticator app. */
export function TotpCodeField({
  label,
  description,
  name,
  value,
  onChange,
  error,
  inputRef,
}: TextFieldProps & { description: string; inputRef?: Ref<HTMLInputElement> }) {
  return (
    <TextField
      label={label}
      description={description}
      error={error}
      {...TOTP_INPUT}
      ref={inputRef}
      name={name}
      required
      className="vd-input-short"
      value={value}
      onChange={onChange}
    />
  );
}

/** The current password that confirms a change to the account, with the form's problem for it. */
export function RecentPasswordField({ error, value, onChange }: { error: ApiError | undefined; value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  return (
    <CurrentPasswordField
      label={t('recent.currentPassword')}
      error={fieldError(error, 'currentPassword')}
      name="currentPassword"
      value={value}
      onChange={onChange}
    />
  );
}
