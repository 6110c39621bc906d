import "server-only";
import { z } from "zod";
import type { Principal } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { canonicalTimeZone } from "./time-zone-name";

export const ZDisplayTimeZone = z
  .object({
    zone: z
      .string()
      .max(64)
      .refine((zone) => canonicalTimeZone(zone) !== null, "Not a time zone (such as UTC or America/New_York)."),
  })
  .strict();

/**
 * Remembers the zone the signed-in person reads the trail's times in, for every browser they sign in from. Not an
 * audit entry: unlike their name (user.profile_updated), it changes nothing that anyone else sees or may do.
 */
export async function setDisplayTimeZone({
  principal,
  input,
}: {
  principal: Principal;
  input: z.infer<typeof ZDisplayTimeZone>;
}): Promise<{ zone: string }> {
  const zone = canonicalTimeZone(input.zone)!;
  await getDb().user.update({ where: { id: principal.userId }, data: { displayTimeZone: zone } });
  return { zone };
}

/** The person's saved zone, else the one a browser remembered before preferences were kept per person, else UTC. */
export async function displayTimeZoneFor(db: Db | Tx, userId: string, fallback: string | null | undefined) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { displayTimeZone: true } });
  return canonicalTimeZone(user?.displayTimeZone) ?? canonicalTimeZone(fallback) ?? "UTC";
}
