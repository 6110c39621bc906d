"use server";

import { createApiKey } from "@/lib/api-keys/create-api-key";
import { renameApiKey } from "@/lib/api-keys/rename-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { rollApiKey } from "@/lib/api-keys/roll-api-key";
import { ZApiKeyId, ZCreateApiKey, ZRenameApiKey, ZRollApiKey } from "@/lib/api-keys/schemas";
import { orgAction } from "@/lib/guard/org-action";

// Rolling and revoking ask only for api_keys.create: the service lets anyone manage their own keys and
// reserves other people's keys for api_keys.manage_all (a plain 404 otherwise, recorded as a denial).
// Only a key's holder may roll it (a roll hands over a secret); others with manage_all may revoke it.

export const createApiKeyAction = orgAction(
  { name: "api_keys.create", permission: "api_keys.create", input: ZCreateApiKey },
  ({ ctx, tx, input }) => createApiKey(tx, ctx, input),
);

export const rollApiKeyAction = orgAction(
  { name: "api_keys.roll", permission: "api_keys.create", input: ZRollApiKey },
  ({ ctx, tx, input }) => rollApiKey(tx, ctx, input),
);

export const revokeApiKeyAction = orgAction(
  { name: "api_keys.revoke", permission: "api_keys.create", input: ZApiKeyId.strict() },
  ({ ctx, tx, input }) => revokeApiKey(tx, ctx, input),
);

export const renameApiKeyAction = orgAction(
  { name: "api_keys.rename", permission: "api_keys.create", input: ZRenameApiKey },
  ({ ctx, tx, input }) => renameApiKey(tx, ctx, input),
);
