import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${id}.${timestamp}.${body}`, sent as `webhook-signature: v1,<base64>`. The secret is shown to the
 * customer once and kept sealed at rest (lib/webhooks/sealed-signing-secret); this module only ever sees it open.
 */

const SECRET_PREFIX = "whsec_";
const SECRET_BYTES = 32; // the spec asks for 24 to 64 random bytes

/** The purpose signing secrets were sealed under before envelope encryption (converted at start-up). */
export const SECRET_PURPOSE = "webhook-signing-secret";

/** A new signing secret: "whsec_" + base64 of 32 random bytes, the form every Standard Webhooks library reads. */
export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

export type SignatureHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/**
 * The three headers of one delivery attempt. `id` stays the same across retries (it is the
 * receiver's idempotency key); `timestamp` is the attempt's own time, since receivers refuse
 * signatures more than a few minutes old. During a secret rotation every live secret signs, one
 * `v1,<base64>` each separated by spaces, so receivers holding either secret accept the delivery.
 */
export function signatureHeaders({
  id,
  timestamp,
  body,
  secrets,
}: {
  id: string;
  timestamp: Date;
  body: string;
  secrets: readonly string[];
}): SignatureHeaders {
  if (secrets.length === 0) throw new Error("a webhook delivery needs at least one signing secret");
  // The id and timestamp are part of the signed content, separated by dots: a dot or space in the id
  // would let one signature stand for another message, and a header cannot carry a newline.
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error("a webhook id is letters, digits, '_' and '-' only");
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(" "),
  };
}
