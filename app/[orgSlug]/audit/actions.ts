"use server";

import { deleteAuditSearch, saveAuditSearch } from "@/lib/audit/saved-searches";
import { ZDeleteAuditSearch, ZSaveAuditSearch } from "@/lib/audit/saved-search-view";
import { orgAction } from "@/lib/guard/org-action";

export const saveAuditSearchAction = orgAction(
  { name: "audit.save_search", permission: "audit.read", input: ZSaveAuditSearch },
  ({ ctx, tx, input }) => saveAuditSearch(tx, ctx, input),
);

// Whose search it is, is the service's check (another person's own, or another organization's, answers as unknown).
export const deleteAuditSearchAction = orgAction(
  { name: "audit.delete_search", permission: "audit.read", input: ZDeleteAuditSearch },
  ({ ctx, tx, input }) => deleteAuditSearch(tx, ctx, input),
);
