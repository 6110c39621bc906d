import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { open } from "./secret-box";

/**
 * The pre-envelope form ("v1:", sealed directly under the instance key) is read only until the start-up conversion
 * has moved every such value under envelope encryption and written the marker (`legacy_sealed_retirement`). After
 * that a "v1:" value can only be one put back in by someone with write access to the database (an old ciphertext
 * restored from a backup or copied from another row): it is refused, so the instance key alone no longer opens
 * anything Verity reads. The marker is read only when such a value is met, so the envelope path costs nothing.
 */
export class LegacySealedRefused extends Error {
  constructor() {
    // Names the form and why, never the value.
    super(
      "refused a value in the retired pre-envelope form (v1:): every such value was converted, and the form is closed",
    );
    this.name = "LegacySealedRefused";
  }
}

export async function legacySealedRetired(db: Db | Tx): Promise<boolean> {
  return (await db.legacySealedRetirement.count()) > 0;
}

/** Opens a "v1:" value with the instance key, unless the form is retired. */
export async function openLegacySealed(db: Db | Tx, sealed: string, purpose: string): Promise<string> {
  if (await legacySealedRetired(db)) throw new LegacySealedRefused();
  return open(sealed, purpose);
}
