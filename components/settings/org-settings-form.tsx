"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormError, FormField } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";
import type { TOrgSettings } from "@/lib/orgs/org-settings-view";
import { DomainsField } from "./domains-field";
import { FeatureFlagsField, type FeatureFlag } from "./feature-flags-field";

type SaveAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ changed: string[]; slug: string }>>;

/** Name, address, branding, invitation domains and feature flags of an organization. */
export function OrgSettingsForm({ orgSlug, settings, flags, saveAction }: { orgSlug: string; settings: TOrgSettings; flags: readonly FeatureFlag[]; saveAction: SaveAction }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  // onSubmit rather than a form action: React resets a form after its action, wiping what was typed.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const input = {
      name: text("name"),
      slug: text("slug"),
      brandColor: text("brandColor"),
      logoUrl: text("logoUrl"),
      allowedEmailDomains: text("allowedEmailDomains"),
      featureFlags: Object.fromEntries(flags.map(({ key }) => [key, form.get(`flag.${key}`) === "on"])),
    };
    setError(null);
    setSaved(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await saveAction(orgSlug, input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      if (result.data.slug !== orgSlug) {
        // The old address no longer answers: continue at the new one.
        router.replace(`/${result.data.slug}/settings`);
        return;
      }
      setSaved(result.data.changed.length ? "Settings saved." : "Nothing changed.");
      router.refresh();
    });
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-6" noValidate aria-label="Organization settings">
      <FormError message={error} />
      <FormField name="name" label="Organization name" defaultValue={settings.name} errors={fieldErrors.name} />
      <FormField
        name="slug"
        label="Address"
        defaultValue={settings.slug}
        hint="The panel's URL for this organization: lowercase letters, digits and dashes. Old links stop working when it changes."
        errors={fieldErrors.slug}
      />
      <div className="flex items-end gap-3">
        <div className="flex-1">
          <FormField
            name="brandColor"
            label="Brand colour"
            required={false}
            defaultValue={settings.brandColor ?? ""}
            hint="A hex colour like #2f55d4, shown next to the name in the header. Leave empty for the default."
            errors={fieldErrors.brandColor}
          />
        </div>
        {settings.brandColor ? <span aria-hidden className="mb-7 inline-block h-8 w-8 rounded border border-slate-200" style={{ backgroundColor: settings.brandColor }} /> : null}
      </div>
      <FormField
        name="logoUrl"
        label="Logo URL"
        type="url"
        required={false}
        defaultValue={settings.logoUrl ?? ""}
        hint="An https:// image shown in the header. Leave empty for none."
        errors={fieldErrors.logoUrl}
      />
      <DomainsField defaultValue={settings.allowedEmailDomains} errors={fieldErrors.allowedEmailDomains} />
      <FeatureFlagsField flags={flags} values={settings.featureFlags} errors={fieldErrors.featureFlags} />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save settings"}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {saved}
        </p>
      </div>
    </form>
  );
}
