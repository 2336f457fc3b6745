/**
 * The form-field set over the Utrecht components: each field is a label, an optional description and
 * error message wired to its control with aria-describedby, and the control itself. Forms compose
 * these instead of repeating the FormField block; Field (shell/components) stays the primitive for a
 * control that none of these fits.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Paragraph,
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
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { DateInput, Field, ProblemAlert } from './components';

/** Any failure as an ApiError, so ProblemAlert and the field messages can show it. */
export const asApiError = (caught: unknown): ApiError => (caught instanceof ApiError ? caught : new ApiError({ status: 0, title: String(caught) }));

/** The server's reason for a field ("email", "startDate"), to show at the field itself. */
export const fieldError = (error: ApiError | undefined, ...names: string[]) => error?.errors.find((e) => names.includes(e.name))?.reason;

export interface Action {
  busy: boolean;
  error: ApiError | undefined;
  done: string | undefined;
  /** Runs a request; on success shows the message (or the one made from its answer) and returns true, on failure shows the problem. */
  run<T>(request: () => Promise<T>, message: string | ((answer: T) => string)): Promise<boolean>;
  clear(): void;
}

/** The state of one form's request: busy, the problem, or the confirmation. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const clear = useCallback(() => {
    setError(undefined);
    setDone(undefined);
  }, []);
  const run = useCallback(async <T,>(request: () => Promise<T>, message: string | ((answer: T) => string)) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const answer = await request();
      setDone(typeof message === 'function' ? message(answer) : message);
      return true;
    } catch (caught) {
      setError(asApiError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run, clear };
}

/** The outcome of an action: the problem in an error Alert, or the confirmation as a status; focus moves to either. */
export function ActionFeedback({ action, fieldLabel }: { action: Pick<Action, 'error' | 'done'>; fieldLabel?: (name: string) => string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (action.done) ref.current?.focus();
  }, [action.done]);
  return (
    <>
      <ProblemAlert error={action.error} fieldLabel={fieldLabel} focus />
      {action.done && (
        <Alert type="ok" role="status" className="vd-alert" ref={ref} tabIndex={-1}>
          <Paragraph>{action.done}</Paragraph>
        </Alert>
      )}
    </>
  );
}

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

export type TextFieldProps = Frame &
  Omit<TextboxProps, Wired> & {
    value: string;
    onChange(value: string): void;
    ref?: Ref<HTMLInputElement>;
  };

/** A one-line text field; type, name, required, autoComplete and the like go to the Textbox. */
export function TextField({ label, description, error, fieldClassName, value, onChange, ...control }: TextFieldProps) {
  return (
    <Field label={label} description={description} error={error} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <Textbox {...control} id={id} invalid={invalid} aria-describedby={describedBy} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
    </Field>
  );
}

/** An e-mail address. */
export const EmailField = (props: Omit<TextFieldProps, 'type'>) => <TextField type="email" {...props} />;

/** A time of day (hh:mm). */
export const TimeField = (props: Omit<TextFieldProps, 'type'>) => <TextField type="time" {...props} />;

/** A whole or decimal number, typed as text so the form decides what it accepts. */
export const NumberField = (props: Omit<TextFieldProps, 'type'>) => <TextField type="number" {...props} />;

/**
 * A date. With onlyValid, it keeps what the user is typing and reports only complete, valid dates,
 * so a half-typed date is not snapped back.
 */
export function DateField({ onlyValid, ...props }: Omit<TextFieldProps, 'type'> & { onlyValid?: boolean }) {
  if (!onlyValid) return <TextField type="date" {...props} />;
  const { label, description, error, fieldClassName, value, onChange, name, required } = props;
  return (
    <Field label={label} description={description} error={error} className={fieldClassName}>
      {({ id, describedBy }) => <DateInput id={id} name={name} required={required} describedBy={describedBy} value={value} onValidChange={onChange} />}
    </Field>
  );
}

export type TextAreaFieldProps = Frame &
  Omit<TextareaProps, Wired> & {
    value: string;
    onChange(value: string): void;
    ref?: Ref<HTMLTextAreaElement>;
  };

/** A text of several lines. */
export function TextAreaField({ label, description, error, fieldClassName, value, onChange, ...control }: TextAreaFieldProps) {
  return (
    <Field label={label} description={description} error={error} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <Textarea {...control} id={id} invalid={invalid} aria-describedby={describedBy} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
    </Field>
  );
}

export interface Choice<V extends string = string> {
  value: V;
  label: string;
}

export type SelectFieldProps<V extends string> = Frame &
  Omit<SelectProps, Wired> & {
    value: V;
    // The value alone decides V, so a state setter of a union type fits.
    onChange(value: NoInfer<V>): void;
    /** The options, in order; or give SelectOption children for anything else. */
    options?: readonly Choice<V>[];
    children?: ReactNode;
  };

/** One choice from a list. */
export function SelectField<V extends string>({
  label,
  description,
  error,
  fieldClassName,
  value,
  onChange,
  options,
  children,
  ...control
}: SelectFieldProps<V>) {
  return (
    <Field label={label} description={description} error={error} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <Select {...control} id={id} invalid={invalid} aria-describedby={describedBy} value={value} onChange={(e) => onChange(e.currentTarget.value as V)}>
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

/** A file to upload; it has no Utrecht textbox, so it is a plain input with the field's wiring. */
export function FileField({
  label,
  description,
  error,
  fieldClassName,
  onChange,
  inputRef,
  name,
  accept,
  required,
}: Frame & { onChange(file: File | null): void; inputRef?: Ref<HTMLInputElement>; name?: string; accept?: string; required?: boolean }) {
  return (
    <Field label={label} description={description} error={error} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={inputRef}
          id={id}
          name={name}
          type="file"
          accept={accept}
          required={required}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className="vd-file-input"
          onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
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

const groupClass = (className: string | undefined) => ['vd-fieldset', 'vd-choice-group', className].filter(Boolean).join(' ');

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
  const ids = useGroupIds(description, error);
  // No aria-required here: a group of checkboxes (role group) does not take it; the legend says it.
  return (
    <Fieldset className={groupClass(className)} invalid={Boolean(error)} aria-describedby={ids.describedBy}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      <GroupTop description={description} error={error} ids={ids} />
      <div className="vd-choice-group__items">
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
      </div>
    </Fieldset>
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
  const ids = useGroupIds(description, error);
  return (
    <Fieldset
      role="radiogroup"
      className={groupClass(className)}
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
