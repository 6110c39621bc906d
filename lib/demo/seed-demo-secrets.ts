import "server-only";
import { randomBytes } from "node:crypto";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { getDb } from "@/lib/db/client";
import type { RoleName } from "@/lib/rbac/permissions";
import { createSecret } from "@/lib/secrets/create-secret";
import { shareSecret } from "@/lib/secrets/share-secret";
import { demoContext } from "./demo-context";

type Person = { id: string; email: string; name: string; role: RoleName };

/**
 * The owner keeps two secrets (random values: nothing to copy from the source), shares the deploy token with the
 * member, and creates a third key, live and pinned to this machine, that reads and writes secrets over the API.
 */
export async function seedDemoSecrets(orgId: string, people: Person[]) {
  const owner = people.find((person) => person.role === "OWNER")!;
  const member = people.find((person) => person.role === "MEMBER")!;
  const ctx = demoContext(orgId, owner);
  const db = getDb();
  await db.$transaction((tx) =>
    createSecret(tx, ctx, {
      name: "STRIPE_SECRET_KEY",
      description: "Payments: the live Stripe API key",
      value: `sk_live_${randomBytes(18).toString("base64url")}`,
    }),
  );
  const deploy = await db.$transaction((tx) =>
    createSecret(tx, ctx, {
      name: "DEPLOY_TOKEN",
      description: "CI deploys to production",
      value: randomBytes(24).toString("base64url"),
    }),
  );
  await db.$transaction((tx) =>
    shareSecret(tx, ctx, { secretId: deploy.id, with: { kind: "user", userId: member.id } }),
  );
  const { key, apiKey } = await db.$transaction((tx) =>
    createApiKey(tx, ctx, {
      name: "Demo secrets (live, this machine only)",
      environment: "live",
      scopes: ["secrets.read", "secrets.manage"],
      allowedCidrs: ["127.0.0.1/32", "::1/128"],
    }),
  );
  return {
    secrets: ["STRIPE_SECRET_KEY", "DEPLOY_TOKEN"],
    /** Entries written: two secret.created, a secret.shared, the key's api_key.created. */
    entries: 4,
    apiKey: {
      name: apiKey.name,
      environment: apiKey.environment,
      key,
      readOnly: apiKey.readOnly,
      scopes: apiKey.scopes,
      allowedCidrs: apiKey.allowedCidrs,
      expiresAt: apiKey.expiresAt,
    },
  };
}
