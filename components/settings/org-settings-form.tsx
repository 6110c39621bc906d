"use client";

import { useRouter } from "next/navigation";
import { FormError, FormField } from "@/components/ui/form-field";
import { SaveBar, useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";
import type { TOrgSettings } from "@/lib/orgs/org-settings-view";
import { DomainsField } from "./domains-field";
import { FeatureFlagsField, type FeatureFlag } from "./feature-flags-field";

type SaveAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ changed: string[]; slug: string }>>;

/** Name, address, branding, invitation domains and feature flags of an organization. */
export function OrgSettingsForm({
  orgSlug,
  settings,
  flags,
  saveAction,
  urlPrefix,
}: {
  orgSlug: string;
  settings: TOrgSettings;
  flags: readonly FeatureFlag[];
  saveAction: SaveAction;
  /** The panel's origin and "/", shown before the slug so the field reads as the URL it is. */
  urlPrefix: string;
}) {
  const router = useRouter();
  const { submit, error, saved, fieldErrors, pending } = useSaveForm({
    read: (form) => {
      const text = (name: string) => String(form.get(name) ?? "");
      return {
        name: text("name"),
        slug: text("slug"),
        brandColor: text("brandColor"),
        logoUrl: text("logoUrl"),
        allowedEmailDomains: text("allowedEmailDomains"),
        featureFlags: Object.fromEntries(flags.map(({ key }) => [key, form.get(`flag.${key}`) === "on"])),
      };
    },
    save: (input) => saveAction(orgSlug, input),
    onSaved: ({ changed, slug }) => {
      // The old address no longer answers: continue at the new one.
      if (slug !== orgSlug) router.replace(`/${slug}/settings`);
      else router.refresh();
      return slug !== orgSlug ? null : changed.length ? "Settings saved." : "Nothing changed.";
    },
  });

  const optional = (name: "brandColor" | "logoUrl") => ({
    name,
    required: false,
    defaultValue: settings[name] ?? "",
    errors: fieldErrors[name],
  });

  return (
    <form
      method="post"
      onSubmit={submit}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-6"
      noValidate
      aria-label="Organization settings"
    >
      <FormError message={error} />
      <FormField name="name" label="Organization name" defaultValue={settings.name} errors={fieldErrors.name} />
      <FormField
        name="slug"
        label="URL"
        prefix={urlPrefix}
        defaultValue={settings.slug}
        hint="Lowercase letters, digits and dashes. Old links keep working for members: they are sent to the new URL."
        errors={fieldErrors.slug}
      />
      <div className="flex items-end gap-3">
        <div className="flex-1">
          <FormField
            {...optional("brandColor")}
            label="Brand colour"
            hint="A hex colour like #2f55d4, shown next to the name in the header. Leave empty for the default."
          />
        </div>
        {settings.brandColor ? (
          <span
            aria-hidden
            className="mb-7 inline-block h-8 w-8 rounded border border-slate-200"
            style={{ backgroundColor: settings.brandColor }}
          />
        ) : null}
      </div>
      <FormField
        {...optional("logoUrl")}
        label="Logo URL"
        type="url"
        hint="An https:// image shown in the header. Leave empty for none."
      />
      <DomainsField defaultValue={settings.allowedEmailDomains} errors={fieldErrors.allowedEmailDomains} />
      <FeatureFlagsField flags={flags} values={settings.featureFlags} errors={fieldErrors.featureFlags} />
      <SaveBar pending={pending} label="Save settings" saved={saved} />
    </form>
  );
}
