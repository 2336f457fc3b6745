import { useId, type Dispatch, type SetStateAction } from 'react';
import { Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import { useI18n, type TextKey } from '../i18n';
import type { ApiError } from '../api';
import { CheckboxField, EmailField, fieldError, SelectField, TextField } from '../shell/fields';
import type { GrantedRole, OfficeKind } from '../types';
import { GRANTED_ROLES, OFFICE_KINDS, officeKey } from './offices';

/** The roles an administrator grants, as checkboxes (creating a person, or changing their roles). */
export function RoleCheckboxes({ roles, setRoles }: { roles: readonly GrantedRole[]; setRoles: Dispatch<SetStateAction<GrantedRole[]>> }) {
  const { t } = useI18n();
  const baseId = useId();
  return (
    <Fieldset className="vd-fieldset">
      <FieldsetLegend>{t('people.roles')}</FieldsetLegend>
      {GRANTED_ROLES.map((r) => (
        <CheckboxField
          key={r}
          id={`${baseId}-${r}`}
          name="roles"
          value={r}
          label={t(`role.${r}` as TextKey)}
          checked={roles.includes(r)}
          onChange={(checked) => setRoles((current) => (checked ? [...current, r] : current.filter((x) => x !== r)))}
        />
      ))}
    </Fieldset>
  );
}

/** A person's name and e-mail address, side by side (adding a person, or changing one). */
export function PersonNameFields({
  name,
  setName,
  email,
  setEmail,
  error,
}: {
  name: string;
  setName(name: string): void;
  email: string;
  setEmail(email: string): void;
  error: ApiError | undefined;
}) {
  const { t } = useI18n();
  return (
    <div className="vd-form__row">
      <TextField label={t('col.name')} name="name" autoComplete="off" required error={fieldError(error, 'name')} value={name} onChange={setName} />
      <EmailField label={t('people.email')} name="email" autoComplete="off" required error={fieldError(error, 'email')} value={email} onChange={setEmail} />
    </div>
  );
}

/** The kind of an office: mayor, alderman, council member… */
export function OfficeKindField({
  label,
  error,
  value,
  onChange,
  kinds = OFFICE_KINDS,
}: {
  label: string;
  error: string | undefined;
  value: OfficeKind;
  onChange(kind: OfficeKind): void;
  /** The kinds the chosen member's class allows (the profile's member class); all while no member is chosen. */
  kinds?: readonly OfficeKind[];
}) {
  const { t } = useI18n();
  return (
    <SelectField
      label={label}
      name="kind"
      required
      error={error}
      value={value}
      onChange={onChange}
      options={kinds.map((kind) => ({ value: kind, label: t(officeKey(kind)) }))}
    />
  );
}
