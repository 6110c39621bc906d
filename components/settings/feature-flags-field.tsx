import type { FeatureFlags } from "@/lib/orgs/org-settings-view";

export type FeatureFlag = { key: string; label: string; description: string };

/** A checkbox per known flag; the list comes from the settings module, never from the browser. */
export function FeatureFlagsField({
  flags,
  values,
  errors,
}: {
  flags: readonly FeatureFlag[];
  values: FeatureFlags;
  errors?: string[];
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Features</legend>
      {flags.map(({ key, label, description }) => (
        <div key={key} className="flex items-start gap-3">
          <input
            id={`flag.${key}`}
            name={`flag.${key}`}
            type="checkbox"
            defaultChecked={values[key as keyof FeatureFlags] ?? false}
            aria-describedby={`flag.${key}-hint`}
            className="mt-1 h-4 w-4"
          />
          <div>
            <label htmlFor={`flag.${key}`} className="text-sm text-slate-700">
              {label}
            </label>
            <p id={`flag.${key}-hint`} className="text-xs text-slate-500">
              {description}
            </p>
          </div>
        </div>
      ))}
      {errors?.length ? (
        <p role="alert" className="text-xs text-red-600">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
