/**
 * The form-field set over the Utrecht components: each field is a label, an optional description and
 * error message wired to its control with aria-describedby, and the control itself. Forms compose
 * these instead of repeating the FormField block; Field (shell/components) stays the primitive for a
 * control that none of these fits.
 */
import { useId, useRef, useState, type ReactNode, type Ref } from 'react';
import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  type ButtonProps,
  type SelectProps,
  type TextareaProps,
  type TextboxProps,
} from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { DateInput, Field, useDescribedBy } from './components';

export { ActionFeedback, asApiError, fieldError, useAction, type Action } from './actions';

/** What every labelled field shows around its control. */
interface Frame {
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  /** A class on the field around the control (className goes to the control). */
  fieldClassName?: string;
}

/** The attributes the field sets on the control itself. */
type Wired = 'id' | 'value' | 'onChange' | 'invalid' | 'aria-describedby' | 'children';

/** A field's own props apart from the control's, so the rest can go to the control as they are. */
function splitFrame<P extends Frame>({ label, description, error, fieldClassName, ...control }: P) {
  return { frame: { label, description, error, className: fieldClassName }, control };
}

/** The ids and state the Field hands its control, as the control's attributes. */
const wired = ({ id, describedBy, invalid }: FieldIds) => ({ id, invalid, 'aria-describedby': describedBy });

type FieldIds = { id: string; describedBy: string | undefined; invalid: boolean };

type ValueProps<V, E> = { value: V; onChange(value: NoInfer<V>): void; ref?: Ref<E> };

export type TextFieldProps = Frame & Omit<TextboxProps, Wired> & ValueProps<string, HTMLInputElement>;

/** The field's description with what it asks before sending: whether it is required and how long it may be. */
function useLimitHint(frame: ReturnType<typeof splitFrame>['frame'], control: { required?: boolean | undefined; maxLength?: number | undefined }) {
  const { t, number } = useI18n();
  const limits = [control.required ? t('field.required') : '', control.maxLength ? t('field.maxLength', { n: number(control.maxLength) }) : '']
    .filter(Boolean)
    .join(' ');
  if (!limits) return frame;
  return {
    ...frame,
    description: frame.description ? (
      <>
        {frame.description} {limits}
      </>
    ) : (
      limits
    ),
  };
}

/** A one-line text field; type, name, required, autoComplete and the like go to the Textbox. */
export function TextField({ value, onChange, ...props }: TextFieldProps) {
  const { frame: plain, control } = splitFrame(props);
  const frame = useLimitHint(plain, control);
  return <Field {...frame}>{(ids) => <Textbox {...control} {...wired(ids)} value={value} onChange={(e) => onChange(e.currentTarget.value)} />}</Field>;
}

/** An e-mail address. */
export const EmailField = (props: Omit<TextFieldProps, 'type'>) => <TextField type="email" {...props} />;

/** A time of day (hh:mm). */
export const TimeField = (props: Omit<TextFieldProps, 'type'>) => <TextField type="time" {...props} />;

/** A number, kept as the text typed so the form decides what it accepts. */
export const NumberField = (props: Omit<TextFieldProps, 'type'>) => <TextField type="number" {...props} />;

/**
 * A date. With onlyValid, it keeps what the user is typing and reports only complete, valid dates,
 * so a half-typed date is not snapped back.
 */
export function DateField({ onlyValid, ...props }: Omit<TextFieldProps, 'type'> & { onlyValid?: boolean }) {
  if (!onlyValid) return <TextField type="date" {...props} />;
  const { frame, control } = splitFrame(props);
  return (
    <Field {...frame}>
      {({ id, describedBy }) => (
        <DateInput id={id} name={control.name} required={control.required} describedBy={describedBy} value={control.value} onValidChange={control.onChange} />
      )}
    </Field>
  );
}

export type TextAreaFieldProps = Frame & Omit<TextareaProps, Wired> & ValueProps<string, HTMLTextAreaElement>;

/** A text of several lines. */
export function TextAreaField({ value, onChange, ...props }: TextAreaFieldProps) {
  const { frame: plain, control } = splitFrame(props);
  const frame = useLimitHint(plain, control);
  return <Field {...frame}>{(ids) => <Textarea {...control} {...wired(ids)} value={value} onChange={(e) => onChange(e.currentTarget.value)} />}</Field>;
}

export interface Choice<V extends string = string> {
  value: V;
  label: string;
}

export type SelectFieldProps<V extends string> = Frame &
  Omit<SelectProps, Wired> &
  ValueProps<V, HTMLSelectElement> & {
    /** The options, in order; or give SelectOption children for anything else. */
    options?: readonly Choice<V>[];
    children?: ReactNode;
  };

/** One choice from a list. */
export function SelectField<V extends string>({ value, onChange, options, children, ...props }: SelectFieldProps<V>) {
  const { frame, control } = splitFrame(props);
  return (
    <Field {...frame}>
      {(ids) => (
        <Select {...control} {...wired(ids)} value={value} onChange={(e) => onChange(e.currentTarget.value as V)}>
          {options?.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.label}
            </SelectOption>
          ))}
          {children}
        </Select>
      )}
    </Field>
  );
}

/** The file chosen in a FileField, the message when none is, and a way to empty the input after an upload. */
export function useFileChoice() {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  return {
    file,
    error,
    input,
    choose(next: File | null) {
      setFile(next);
      setError(undefined);
    },
    /** The file, or undefined after showing the message at the field. */
    require(message: string) {
      setError(file ? undefined : message);
      return file ?? undefined;
    },
    clear() {
      setFile(null);
      if (input.current) input.current.value = '';
    },
  };
}

export type FileChoice = ReturnType<typeof useFileChoice>;

/** A file to upload; it has no Utrecht textbox, so it is a plain input with the field's wiring. */
export function FileField({
  choice,
  error,
  name,
  accept,
  required,
  ...frame
}: Frame & { choice: FileChoice; name?: string; accept?: string; required?: boolean }) {
  const { frame: framed } = splitFrame({ ...frame, error: choice.error ?? error });
  return (
    <Field {...framed}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={choice.input}
          id={id}
          name={name}
          type="file"
          accept={accept}
          required={required}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className="vd-file-input"
          onChange={(e) => choice.choose(e.currentTarget.files?.[0] ?? null)}
        />
      )}
    </Field>
  );
}

/** One checkbox with its label after it. */
export function CheckboxField({
  label,
  checked,
  onChange,
  name,
  value,
  id,
  className,
  disabled,
}: {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  name?: string;
  value?: string;
  /** A fixed id, where a test or a link needs one. */
  id?: string;
  className?: string;
  disabled?: boolean;
}) {
  const ownId = useId();
  const checkboxId = id ?? ownId;
  return (
    <FormField type="checkbox" className={['vd-checkbox-field', className].filter(Boolean).join(' ')}>
      <Checkbox id={checkboxId} name={name} value={value} checked={checked} disabled={disabled} onChange={(e) => onChange(e.currentTarget.checked)} />
      <FormLabel htmlFor={checkboxId} type="checkbox">
        {label}
      </FormLabel>
    </FormField>
  );
}

interface GroupProps<V extends string> {
  legend: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  choices: readonly Choice<V>[];
  className?: string;
  name?: string;
}

type GroupIds = ReturnType<typeof useDescribedBy>;

/**
 * A fieldset with its legend, description and error; the description and error are linked to the
 * fieldset with aria-describedby, so screen readers hear them when entering the group.
 */
function ChoiceGroup({
  ids,
  legend,
  description,
  error,
  className,
  radio = false,
  required,
  children,
}: Omit<GroupProps<string>, 'choices' | 'name'> & { ids: GroupIds; radio?: boolean; required?: boolean | undefined; children: ReactNode }) {
  return (
    <Fieldset
      role={radio ? 'radiogroup' : undefined}
      className={['vd-fieldset', 'vd-choice-group', className].filter(Boolean).join(' ')}
      invalid={Boolean(error)}
      aria-describedby={ids.describedBy}
      // The component sets aria-required on the fieldset itself when it is a radiogroup.
      required={required}
    >
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && <FormFieldDescription id={ids.descriptionId}>{description}</FormFieldDescription>}
      {error && (
        <p id={ids.errorId} className="utrecht-form-field-error-message">
          {error}
        </p>
      )}
      <div className="vd-choice-group__items">{children}</div>
    </Fieldset>
  );
}

/** Checkboxes in a fieldset with a legend: several values may be chosen. */
export function CheckboxGroupField<V extends string>({
  legend,
  description,
  error,
  choices,
  value,
  onChange,
  className,
  name,
}: GroupProps<V> & { value: readonly V[]; onChange(next: NoInfer<V>[]): void }) {
  const ids = useDescribedBy(description, error);
  // No aria-required here: a group of checkboxes (role group) does not take it; the legend says it.
  return (
    <ChoiceGroup ids={ids} legend={legend} description={description} error={error} className={className}>
      {choices.map((choice, index) => (
        <CheckboxField
          key={choice.value}
          id={`${ids.id}-${index}`}
          name={name}
          value={choice.value}
          className="vd-choice"
          label={choice.label}
          checked={value.includes(choice.value)}
          onChange={(checked) => {
            const others = value.filter((v) => v !== choice.value);
            onChange(checked ? [...others, choice.value] : others);
          }}
        />
      ))}
    </ChoiceGroup>
  );
}

/** Radio buttons in a fieldset with a legend: exactly one value. */
export function RadioGroupField<V extends string>({
  legend,
  description,
  error,
  choices,
  value,
  onChange,
  className,
  required,
  name,
}: GroupProps<V> & { value: V | undefined; onChange(next: NoInfer<V>): void; required?: boolean }) {
  const ids = useDescribedBy(description, error);
  return (
    <ChoiceGroup ids={ids} legend={legend} description={description} error={error} className={className} radio required={required}>
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
    </ChoiceGroup>
  );
}

/** The button that sends a form: busy and disabled while the request runs, and then it says so. */
export function SubmitButton({
  busy,
  disabled,
  appearance = 'primary-action-button',
  children,
}: {
  busy: boolean;
  disabled?: boolean;
  appearance?: ButtonProps['appearance'];
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Button type="submit" appearance={appearance} busy={busy} disabled={busy || disabled}>
      {busy ? t('form.busy') : children}
    </Button>
  );
}
