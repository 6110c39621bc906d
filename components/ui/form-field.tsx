import { inputStyles } from "./field-errors";

type FormFieldProps = {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
  defaultValue?: string;
  /** Text shown fixed before the control, like a URL's origin before a slug. */
  prefix?: string;
};

/** A label above its control (and what follows it: a hint, errors). */
type LabelledProps = { htmlFor: string; label: React.ReactNode; className?: string; children: React.ReactNode };

export function Labelled({ htmlFor, label, className, children }: LabelledProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className={`block font-medium text-slate-700${className ? ` ${className}` : ""}`}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** A labelled input whose errors are announced and tied to it for screen readers. */
export function FormField({
  name,
  label,
  type = "text",
  autoComplete,
  errors,
  hint,
  required = true,
  defaultValue,
  prefix,
}: FormFieldProps) {
  const describedBy =
    [errors?.length ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Labelled htmlFor={name} label={label} className="text-sm">
      {prefix ? (
        <div className="flex items-stretch">
          <span
            className={
              "flex max-w-[55%] items-center truncate rounded-l-md border border-r-0 border-slate-300 bg-slate-50 " +
              "px-2 text-sm text-slate-600"
            }
            data-testid={`${name}-prefix`}
          >
            {prefix}
          </span>
          <input
            id={name}
            name={name}
            type={type}
            autoComplete={autoComplete}
            required={required}
            defaultValue={defaultValue}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={describedBy}
            className={`${inputStyles} min-w-0 rounded-l-none`}
          />
        </div>
      ) : (
        <input
          id={name}
          name={name}
          type={type}
          autoComplete={autoComplete}
          required={required}
          defaultValue={defaultValue}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy}
          className={inputStyles}
        />
      )}
      {hint && !errors?.length ? (
        <p id={`${name}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${name}-error`} role="alert" className="text-xs text-red-600">
          {errors.join(" ")}
        </p>
      ) : null}
    </Labelled>
  );
}

/** The form-level error, announced when it appears. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}

/** The primary button of a form, which says what is happening while the form is submitting. */
export function SubmitButton({
  pending,
  label,
  pendingLabel,
  disabled = false,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
