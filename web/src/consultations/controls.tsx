import { useId, type ReactNode } from 'react';
import { Checkbox, Fieldset, FieldsetLegend, FormField, FormFieldDescription, FormLabel, RadioButton } from '@utrecht/component-library-react';

export interface Choice {
  value: string;
  label: string;
}

interface GroupProps {
  legend: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  choices: readonly Choice[];
  className?: string;
  /** Marks a radio group required for assistive technology. */
  required?: boolean;
}

/**
 * The description and error of a group, linked to the fieldset with aria-describedby, so screen
 * readers hear them when entering the group.
 */
function useGroupIds(description: ReactNode, error: string | undefined) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describedBy = [description ? descriptionId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return { id, descriptionId, errorId, describedBy };
}

function GroupTop({ description, error, ids }: { description: ReactNode; error: string | undefined; ids: ReturnType<typeof useGroupIds> }) {
  return (
    <>
      {description && <FormFieldDescription id={ids.descriptionId}>{description}</FormFieldDescription>}
      {error && (
        <p id={ids.errorId} className="utrecht-form-field-error-message">
          {error}
        </p>
      )}
    </>
  );
}

/** Checkboxes in a fieldset with a legend: several values may be chosen. */
export function CheckboxGroup({
  legend,
  description,
  error,
  choices,
  value,
  onChange,
  className,
}: Omit<GroupProps, 'required'> & { value: readonly string[]; onChange(next: string[]): void }) {
  const ids = useGroupIds(description, error);
  // No aria-required here: a group of checkboxes (role group) does not take it; the legend says it.
  return (
    <Fieldset className={['vd-fieldset', 'vd-choice-group', className].filter(Boolean).join(' ')} invalid={Boolean(error)} aria-describedby={ids.describedBy}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      <GroupTop description={description} error={error} ids={ids} />
      <div className="vd-choice-group__items">
        {choices.map((choice, index) => (
          <FormField key={choice.value} type="checkbox" className="vd-checkbox-field vd-choice">
            <Checkbox
              id={`${ids.id}-${index}`}
              value={choice.value}
              checked={value.includes(choice.value)}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                onChange(checked ? [...value.filter((v) => v !== choice.value), choice.value] : value.filter((v) => v !== choice.value));
              }}
            />
            <FormLabel htmlFor={`${ids.id}-${index}`} type="checkbox">
              {choice.label}
            </FormLabel>
          </FormField>
        ))}
      </div>
    </Fieldset>
  );
}

/** Radio buttons in a fieldset with a legend: exactly one value. */
export function RadioGroup({
  legend,
  description,
  error,
  choices,
  value,
  onChange,
  className,
  required,
  name,
}: GroupProps & { value: string | undefined; onChange(next: string): void; name?: string }) {
  const ids = useGroupIds(description, error);
  return (
    <Fieldset
      role="radiogroup"
      className={['vd-fieldset', 'vd-choice-group', className].filter(Boolean).join(' ')}
      invalid={Boolean(error)}
      aria-describedby={ids.describedBy}
      // The component sets aria-required on the fieldset itself when it is a radiogroup.
      required={required}
    >
      <FieldsetLegend>{legend}</FieldsetLegend>
      <GroupTop description={description} error={error} ids={ids} />
      <div className="vd-choice-group__items">
        {choices.map((choice, index) => (
          <FormField key={choice.value} type="radio" className="vd-radio-field vd-choice">
            <RadioButton
              id={`${ids.id}-${index}`}
              name={name ?? ids.id}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            <FormLabel htmlFor={`${ids.id}-${index}`} type="radio">
              {choice.label}
            </FormLabel>
          </FormField>
        ))}
      </div>
    </Fieldset>
  );
}
