/** The invitation domains, one a line; errors are announced and tied to the textarea. */
export function DomainsField({ defaultValue, errors }: { defaultValue: string[]; errors?: string[] }) {
  const invalid = !!errors?.length;
  return (
    <div className="space-y-1">
      <label htmlFor="allowedEmailDomains" className="block text-sm font-medium text-slate-700">
        Allowed invitation domains
      </label>
      <textarea
        id="allowedEmailDomains"
        name="allowedEmailDomains"
        rows={4}
        defaultValue={defaultValue.join("\n")}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? "allowedEmailDomains-error" : "allowedEmailDomains-hint"}
        className={
          "block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm " +
          "focus:border-brand-600 focus:outline-none aria-invalid:border-red-500"
        }
      />
      {invalid ? (
        <p id="allowedEmailDomains-error" role="alert" className="text-xs text-red-600">
          {errors!.join(" ")}
        </p>
      ) : (
        <p id="allowedEmailDomains-hint" className="text-xs text-slate-500">
          One domain a line, e.g. example.com (up to 50). Invitations may only go to these domains; leave empty to allow
          any.
        </p>
      )}
    </div>
  );
}
