import { useEffect, useId, useRef, useState, type ReactElement, type ReactNode, type Ref } from 'react';
import { Link as RouterLink, type LinkProps as RouterLinkProps } from 'react-router';
import {
  Alert,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  Table,
  TableCaption,
  TableContainer,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import { isIsoDate } from './dates';
import { useProfile } from './ProfileContext';

/** A client-side link that looks like an NL Design System link. */
export function AppLink({ className, ...props }: RouterLinkProps & { ref?: Ref<HTMLAnchorElement> }) {
  return <RouterLink {...props} className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')} />;
}

/** Sets the document title: "Page · VNG". */
export function usePageTitle(title: string) {
  const { profile } = useProfile();
  const { t } = useI18n();
  const suffix = profile?.document.shortName ?? t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${suffix}` : suffix;
  }, [title, suffix]);
}

/** The one h1 of a page; focus moves here after client-side navigation. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Heading level={1} tabIndex={-1} className="vd-page-title">
      {children}
    </Heading>
  );
}

/**
 * A problem from the API as an error Alert (role="alert"): title, detail and every invalid field.
 * fieldLabel turns an API field name ("document.memberClasses.0.voteWeight.divisor") into a form label.
 */
export function ProblemAlert({
  error,
  fieldLabel,
  focus = false,
}: {
  error: ApiError | Error | undefined | null;
  fieldLabel?: (name: string) => string | undefined;
  /** Move focus to the alert when it appears: for errors that answer a form submission. */
  focus?: boolean;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  // The layout says once, on every page, that the association is not set up and what to do; a page's own
  // reads that meet the same answer add nothing. An answer to a form the user just sent is still shown.
  if (!error || (!focus && 'type' in error && error.type === '/problems/not-set-up')) return null;
  const title = 'title' in error && typeof error.title === 'string' ? error.title : error.message;
  const detail = 'detail' in error && typeof error.detail === 'string' ? error.detail : '';
  const errors = 'errors' in error && Array.isArray(error.errors) ? error.errors : [];
  return (
    <Alert type="error" className="vd-alert" ref={ref} tabIndex={-1}>
      <Heading level={2} appearance="utrecht-heading-4">
        {title}
      </Heading>
      {detail && detail !== title && <Paragraph>{detail}</Paragraph>}
      {errors.length > 0 && (
        <>
          <Paragraph>{t('error.fields')}</Paragraph>
          <UnorderedList>
            {errors.map((e, index) => {
              const mapped = fieldLabel?.(e.name);
              const label = mapped ?? e.name;
              // A reason that starts with its own line number ("Regel 3: ...") needs no second one.
              const reason = mapped ? e.reason.replace(/^(regel|line)\s+\d+:\s*/i, '') : e.reason;
              return (
                <UnorderedListItem key={`${e.name}-${index}`}>
                  <strong>{label}</strong>: {reason}
                </UnorderedListItem>
              );
            })}
          </UnorderedList>
        </>
      )}
    </Alert>
  );
}

/** A status message while something loads; screen readers hear it once. */
export function Loading() {
  const { t } = useI18n();
  return (
    <Paragraph role="status" className="vd-loading">
      {t('common.loading')}
    </Paragraph>
  );
}

/**
 * A table in a horizontally scrolling region that keyboard users can focus and scroll.
 * The caption names both the table and the region.
 */
export function DataTable({
  caption,
  children,
  busy,
  className,
  captionHidden,
}: {
  caption: string;
  children: ReactNode;
  busy?: boolean;
  className?: string;
  captionHidden?: boolean;
}) {
  const id = useId();
  return (
    <TableContainer overflowInline className="vd-table-scroll" role="region" tabIndex={0} aria-labelledby={id}>
      <Table busy={busy} className={className}>
        <TableCaption id={id} className={captionHidden ? 'vd-visually-hidden' : 'vd-caption'}>
          {caption}
        </TableCaption>
        {children}
      </Table>
    </TableContainer>
  );
}

interface FieldProps {
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  /** Renders the control with the ids it must carry. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
  className?: string;
}

/** Ids for a control (or group) and its description and error, and the aria-describedby that names those shown. */
export function useDescribedBy(description: ReactNode, error: string | undefined) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describedBy = [description ? descriptionId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return { id, descriptionId, errorId, describedBy };
}

/** A labelled form field with optional description and error message, wired with aria-describedby. */
export function Field({ label, description, error, children, className }: FieldProps) {
  const { id, descriptionId, errorId, describedBy } = useDescribedBy(description, error);
  return (
    <FormField invalid={Boolean(error)} className={['vd-field', className].filter(Boolean).join(' ')} label={<FormLabel htmlFor={id}>{label}</FormLabel>}>
      {description && <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
      <div className="utrecht-form-field__input">{children({ id, describedBy, invalid: Boolean(error) })}</div>
    </FormField>
  );
}

/** Text that only screen readers read. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="vd-visually-hidden">{children}</span>;
}

/**
 * A date field that keeps what the user is typing and reports only complete, valid dates,
 * so a half-typed date is not snapped back.
 */
export function DateInput({
  value,
  onValidChange,
  id,
  describedBy,
  name,
  required,
}: {
  value: string;
  onValidChange(value: string): void;
  id: string;
  describedBy?: string | undefined;
  name?: string;
  required?: boolean;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Textbox
      id={id}
      type="date"
      name={name}
      required={required}
      aria-describedby={describedBy}
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        if (isIsoDate(next)) onValidChange(next);
      }}
    />
  );
}
