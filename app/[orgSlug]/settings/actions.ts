"use server";

import { orgAction } from "@/lib/guard/org-action";
import { ZUpdateRetentionPolicy } from "@/lib/lifecycle/retention-policy-view";
import { updateRetentionPolicy } from "@/lib/lifecycle/update-retention-policy";
import { deleteOrganization, ZDeleteOrganization } from "@/lib/orgs/delete-organization";
import { updateOrgSettings, ZOrgSettings } from "@/lib/orgs/update-org-settings";

export const updateOrgSettingsAction = orgAction(
  { name: "org.update_settings", permission: "org.update", input: ZOrgSettings },
  ({ ctx, tx, input }) => updateOrgSettings({ ctx, tx, input }),
);

// Irreversible for the people using it: a recent password (and code) is required, not just a live session.
export const deleteOrganizationAction = orgAction(
  { name: "org.delete", permission: "org.delete", input: ZDeleteOrganization, stepUp: true },
  ({ ctx, tx, input }) => deleteOrganization({ ctx, tx, input }),
);

// Owners only, after a step-up that the service itself checks: a shorter retention lets evidence be purged sooner.
export const updateRetentionPolicyAction = orgAction(
  { name: "org.update_retention_policy", permission: "org.retention_policy", input: ZUpdateRetentionPolicy },
  ({ ctx, tx, input }) => updateRetentionPolicy({ ctx, tx, input }),
);
