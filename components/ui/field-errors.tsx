/** A field's errors, announced when they appear and tied to the field by id (aria-describedby). */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="space-y-0.5 text-xs text-red-600">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

export const inputStyles =
  "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 " +
  "focus:outline-none aria-invalid:border-red-500";

/** Server field errors grouped by their top-level field ("actions.2" under "actions"). */
export function errorsByField(fieldErrors: Record<string, string[]> | undefined): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors ?? {}))
    (grouped[path.split(".")[0]] ??= []).push(...messages);
  return grouped;
}
