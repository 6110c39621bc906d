import "server-only";
import type { Tx } from "@/lib/db/client";
import { openSecretVersion } from "@/lib/secrets/secret-versions";
import { textOf } from "@/lib/secrets/secret-schemas";
import { SendError } from "./sender";

/**
 * The organization secrets (lib/secrets, sealed under the org's data key) that hold its Twilio account. An owner
 * stores them on the secrets screen or with PUT /api/v1/secrets/{name}, and sets the sender to "twilio".
 */
export const TWILIO_SECRET_NAMES = {
  accountSid: "TWILIO_ACCOUNT_SID",
  authToken: "TWILIO_AUTH_TOKEN",
  from: "TWILIO_FROM_NUMBER",
} as const;

export type TwilioCredentials = { accountSid: string; authToken: string; from: string };

/**
 * The org's Twilio credentials, opened through the secrets module's decryption path (never logged, never in an
 * error). Null when any of the three is missing or deleted. Using them to send is not a reveal: no secret.accessed
 * entry per message (the message.sent entry names the sender).
 */
export async function loadTwilioCredentials(tx: Tx, orgId: string): Promise<TwilioCredentials | null> {
  const names = Object.values(TWILIO_SECRET_NAMES);
  const secrets = await tx.secret.findMany({
    where: { orgId, name: { in: names }, deletedAt: null },
    select: { id: true, orgId: true, name: true, currentVersion: true },
  });
  if (secrets.length !== names.length) return null;
  const values = new Map<string, string>();
  for (const secret of secrets)
    values.set(secret.name, textOf(await openSecretVersion(tx, secret, secret.currentVersion)).trim());
  return {
    accountSid: values.get(TWILIO_SECRET_NAMES.accountSid)!,
    authToken: values.get(TWILIO_SECRET_NAMES.authToken)!,
    from: values.get(TWILIO_SECRET_NAMES.from)!,
  };
}

/** The credentials, or a permanent SendError naming what is missing (the message fails rather than waits). */
export async function requireTwilioCredentials(tx: Tx, orgId: string): Promise<TwilioCredentials> {
  const credentials = await loadTwilioCredentials(tx, orgId);
  if (!credentials)
    throw new SendError(
      `The sender is Twilio but the secrets ${Object.values(TWILIO_SECRET_NAMES).join(", ")} are not all set`,
      false,
    );
  return credentials;
}
