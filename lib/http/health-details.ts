import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether the caller may read the health check's details (migrations applied and pending, the
 * version): only with `Authorization: Bearer <VERITY_HEALTH_TOKEN>`. Without the variable nobody
 * may. Everyone else learns "ok" or not, which is all a load balancer needs: a migration count and a
 * version tell an attacker which release, and which known bugs, they are looking at.
 */
export function mayReadHealthDetails(authorization: string | null): boolean {
  const token = process.env.VERITY_HEALTH_TOKEN;
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  // Digests of equal length, compared in constant time: the answer's timing says nothing about the token.
  return timingSafeEqual(digest(authorization.slice("Bearer ".length).trim()), digest(token));
}
