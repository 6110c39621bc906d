import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { readOrgSettings, updateOrgSettings, type TOrgSettings } from "./update-org-settings";

export type OrgSettingsPatch = Partial<Omit<TOrgSettings, "featureFlags">> & { featureFlags?: Record<string, boolean> };

/** The organization's settings as the API answers them: its id and what the settings form shows. */
export async function orgSettingsForApi(client: Pick<Tx, "organization">, orgId: string) {
  return { id: orgId, ...(await readOrgSettings(client, orgId)) };
}

/**
 * Some settings changed, the others kept: the patch is laid over the current settings (flags one by one) and the
 * whole goes through the settings form's own service, so the API has exactly the form's rules and audit entry.
 */
export async function patchOrgSettings({ ctx, tx, patch }: { ctx: OrgContext; tx: Tx; patch: OrgSettingsPatch }) {
  const current = await readOrgSettings(tx, ctx.org.id);
  const input = { ...current, ...patch, featureFlags: { ...current.featureFlags, ...patch.featureFlags } };
  await updateOrgSettings({ ctx, tx, input });
  return orgSettingsForApi(tx, ctx.org.id);
}
