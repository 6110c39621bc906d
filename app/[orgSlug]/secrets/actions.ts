"use server";

import { orgAction } from "@/lib/guard/org-action";
import { createSecret } from "@/lib/secrets/create-secret";
import { deleteSecret, restoreSecret } from "@/lib/secrets/delete-secret";
import { revealSecret } from "@/lib/secrets/reveal-secret";
import {
  ZCreateSecret,
  ZRevealSecret,
  ZSecretRef,
  ZShareSecret,
  ZUnshareSecret,
  ZUpdateSecret,
} from "@/lib/secrets/secret-schemas";
import { shareSecret, unshareSecret } from "@/lib/secrets/share-secret";
import { updateSecret } from "@/lib/secrets/update-secret";

const named = (secret: { name: string }) => ({ name: secret.name });

export const createSecretAction = orgAction(
  { name: "secrets.create", permission: "secrets.manage", input: ZCreateSecret },
  async ({ ctx, tx, input }) => named(await createSecret(tx, ctx, input)),
);

export const updateSecretAction = orgAction(
  { name: "secrets.update", permission: "secrets.manage", input: ZUpdateSecret },
  async ({ ctx, tx, input }) => named(await updateSecret(tx, ctx, input)),
);

// Anyone in the organization may ask; the service reveals only what is shared with them (owners: everything),
// after a recent step-up, and records every reveal.
export const revealSecretAction = orgAction(
  { name: "secrets.reveal", permission: "org.read", input: ZRevealSecret, stepUp: true },
  ({ ctx, tx, input }) => revealSecret(tx, ctx, input),
);

export const shareSecretAction = orgAction(
  { name: "secrets.share", permission: "secrets.manage", input: ZShareSecret },
  async ({ ctx, tx, input }) => {
    await shareSecret(tx, ctx, input);
    return null;
  },
);

export const unshareSecretAction = orgAction(
  { name: "secrets.unshare", permission: "secrets.manage", input: ZUnshareSecret },
  async ({ ctx, tx, input }) => {
    await unshareSecret(tx, ctx, input);
    return null;
  },
);

export const deleteSecretAction = orgAction(
  { name: "secrets.delete", permission: "secrets.manage", input: ZSecretRef },
  async ({ ctx, tx, input }) => named(await deleteSecret(tx, ctx, { id: input.secretId })),
);

export const restoreSecretAction = orgAction(
  { name: "secrets.restore", permission: "secrets.manage", input: ZSecretRef },
  async ({ ctx, tx, input }) => named(await restoreSecret(tx, ctx, input)),
);
