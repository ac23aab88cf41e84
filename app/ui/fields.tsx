import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/react";
import type { TParams } from "~/i18n/translate";

/**
 * Labelled form controls for Conform fields. Error messages are catalog keys
 * (from the Zod schemas or the server) and are translated here; the error
 * list and the hint are tied to the control with aria-describedby.
 */
export type Field = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;

export function FieldErrors({ id, errors, params }: { id: string; errors?: string[]; params?: TParams }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-error" role="list">
      {errors.map((key) => (
        <li key={key}>{t(key, params)}</li>
      ))}
    </ul>
  );
}

/** Errors about the whole form (wrong credentials, rate limit…), announced as soon as they appear. */
export function FormErrors({ id, errors, params }: { id: string; errors?: string[]; params?: TParams }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div id={id} className="alert alert-error" role="alert">
      {errors.map((key) => (
        <p key={key}>{t(key, params)}</p>
      ))}
    </div>
  );
}

type TextFieldProps = {
  field: Field;
  label: string;
  type?: "text" | "email" | "password" | "tel" | "date" | "datetime-local" | "number";
  inputMode?: "numeric" | "text";
  autoComplete?: string;
  hint?: string;
  errorParams?: TParams;
  dir?: "ltr" | "rtl" | "auto";
};

export function TextField({ field, label, type = "text", autoComplete, hint, errorParams, dir, inputMode }: TextFieldProps) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        key={key}
        {...props}
        // A password is never put back into the page.
        defaultValue={type === "password" ? undefined : props.defaultValue}
        autoComplete={autoComplete}
        dir={dir}
        inputMode={inputMode}
      />
      <FieldErrors id={field.errorId} errors={field.errors} params={errorParams} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  hint,
}: {
  field: Field;
  label: string;
  options: { value: string; label: string; lang?: string }[];
  hint?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getSelectProps(field, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <select key={key} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function CheckboxField({
  field,
  label,
}: {
  field: FieldMetadata<boolean | undefined, Record<string, unknown>, string[]>;
  label: ReactNode;
}) {
  const { key, ...props } = getInputProps(field, { type: "checkbox" });
  return (
    <div className="field">
      <div className="checkbox">
        <input key={key} {...props} />
        <label htmlFor={field.id}>{label}</label>
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}
