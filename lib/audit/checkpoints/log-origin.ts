import { isValidKeyName } from "./note-encoding";

/** The variables the origin depends on (process.env by default). */
export type OriginEnv = { VERITY_LOG_ORIGIN?: string; NEXTAUTH_URL?: string; PORT?: string };

/**
 * The log's identity: VERITY_LOG_ORIGIN (a schema-less URL such as `verity.example.com`), or else the host of
 * the panel's public URL (NEXTAUTH_URL, as `verity start` defaults it: `localhost:<PORT>`). It names the log's
 * signing key, and each organization's checkpoints carry `<log origin>/orgs/<org id>`.
 */
export function logOrigin(env: OriginEnv = process.env): string {
  const configured = env.VERITY_LOG_ORIGIN?.trim();
  if (configured) {
    if (configured.includes("://") || configured.endsWith("/") || !isValidKeyName(configured))
      throw new Error(
        "VERITY_LOG_ORIGIN is a schema-less URL without spaces, '+' or a trailing slash, e.g. verity.example.com",
      );
    return configured;
  }
  const panel = env.NEXTAUTH_URL?.trim();
  if (panel) {
    try {
      return new URL(panel).host;
    } catch {
      throw new Error("NEXTAUTH_URL is not a URL, so the log origin cannot default to its host: set VERITY_LOG_ORIGIN");
    }
  }
  return `localhost:${env.PORT ?? "3000"}`;
}

/** The checkpoint origin line of one organization's tree. */
export function checkpointOrigin(orgId: string, env: OriginEnv = process.env): string {
  if (!isValidKeyName(orgId) || orgId.includes("/")) throw new Error("an org id has no spaces, '+' or '/'");
  return `${logOrigin(env)}/orgs/${orgId}`;
}
