import { useId, type Dispatch, type SetStateAction } from 'react';
import { Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel } from '@utrecht/component-library-react';
import { useI18n, type TextKey } from '../i18n';
import type { GrantedRole } from '../types';
import { GRANTED_ROLES } from './offices';

/** The form state and feedback moved to the field set; re-exported for the forms that still import them here. */
export { ActionFeedback, asApiError, fieldError, useAction, type Action } from '../shell/fields';

/** The roles an administrator grants, as checkboxes (creating a person, or changing their roles). */
export function RoleCheckboxes({ roles, setRoles }: { roles: readonly GrantedRole[]; setRoles: Dispatch<SetStateAction<GrantedRole[]>> }) {
  const { t } = useI18n();
  const baseId = useId();
  return (
    <Fieldset className="vd-fieldset">
      <FieldsetLegend>{t('people.roles')}</FieldsetLegend>
      {GRANTED_ROLES.map((r) => (
        <FormField key={r} type="checkbox" className="vd-checkbox-field">
          <Checkbox
            id={`${baseId}-${r}`}
            name="roles"
            value={r}
            checked={roles.includes(r)}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setRoles((current) => (checked ? [...current, r] : current.filter((x) => x !== r)));
            }}
          />
          <FormLabel htmlFor={`${baseId}-${r}`} type="checkbox">
            {t(`role.${r}` as TextKey)}
          </FormLabel>
        </FormField>
      ))}
    </Fieldset>
  );
}
