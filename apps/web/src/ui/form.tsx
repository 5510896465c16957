import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { vi } from '../i18n/vi.ts';

/** Ids to connect a control with its hint and error, and the attributes that do it. */
function useDescribedBy(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return {
    id,
    hintId,
    errorId,
    controlProps: {
      id,
      'aria-describedby': describedBy || undefined,
      'aria-invalid': error ? true : undefined,
    },
  };
}

function FieldFrame({
  id,
  label,
  required,
  hint,
  hintId,
  error,
  errorId,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  required?: boolean | undefined;
  hint: ReactNode;
  hintId: string;
  error: string | undefined;
  errorId: string;
  children: ReactNode;
  className?: string | undefined;
}) {
  return (
    <div className={`field ${error ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label
        htmlFor={id}
        className={`field__label ${required ? 'field__label--required' : ''}`}
        title={required ? vi.common.required : undefined}
      >
        {label}
      </label>
      {children}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error" data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type CommonFieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  /** The message the server gave for this field (details.fields), or a check of the form's own. */
  error?: string | undefined;
  className?: string;
};

/** A labelled text input with its hint and error. */
export function TextField({
  label,
  hint,
  error,
  className,
  ...input
}: CommonFieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const { id, hintId, errorId, controlProps } = useDescribedBy(hint, error);
  return (
    <FieldFrame
      {...{ id, label, hint, hintId, error, errorId, className }}
      required={input.required}
    >
      <input className="input" type="text" {...input} {...controlProps} />
    </FieldFrame>
  );
}

/** A labelled multi-line text box (text kept exactly as typed, line breaks included). */
export function TextAreaField({
  label,
  hint,
  error,
  className,
  ...textarea
}: CommonFieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, hintId, errorId, controlProps } = useDescribedBy(hint, error);
  return (
    <FieldFrame
      {...{ id, label, hint, hintId, error, errorId, className }}
      required={textarea.required}
    >
      <textarea className="input textarea" rows={3} {...textarea} {...controlProps} />
    </FieldFrame>
  );
}

/** A labelled select. */
export function SelectField({
  label,
  hint,
  error,
  className,
  children,
  ...select
}: CommonFieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, hintId, errorId, controlProps } = useDescribedBy(hint, error);
  return (
    <FieldFrame
      {...{ id, label, hint, hintId, error, errorId, className }}
      required={select.required}
    >
      <select className="select" {...select} {...controlProps}>
        {children}
      </select>
    </FieldFrame>
  );
}

/** A group of checkboxes or other controls under one legend. */
export function FieldSet({
  legend,
  hint,
  error,
  children,
  className,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={`fieldset ${error ? 'field--invalid' : ''} ${className ?? ''}`}
      aria-describedby={
        [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
        undefined
      }
    >
      <legend className="field__label">{legend}</legend>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error" data-testid="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A checkbox with its label on the right. */
export function CheckboxField({
  label,
  hint,
  ...input
}: { label: ReactNode; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        {...input}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>
        {label}
        {hint ? (
          <span id={`${id}-hint`} className="field__hint checkbox__hint">
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

/**
 * Messages of fields the form has no place for (a server check on another field), so none is
 * lost; the alert region shows the overall message.
 */
export function OtherFieldErrors({
  errors,
  shown,
}: {
  errors: Record<string, string>;
  shown: readonly string[];
}) {
  const rest = Object.entries(errors).filter(
    ([field]) => !shown.some((name) => field === name || field.startsWith(`${name}.`)),
  );
  if (rest.length === 0) return null;
  return (
    <ul className="form-errors" data-testid="other-field-errors">
      {rest.map(([field, message]) => (
        <li key={field}>{message}</li>
      ))}
    </ul>
  );
}
