import "server-only";
import type { Tx } from "@/lib/db/client";
import { leafHash } from "../tree/merkle-hash";
import { checkEntryRow, explainBrokenLink, readVerifiedRows } from "../verify-chain";
import type { IntegrationBreak } from "./integration-halt";

/** Entries read per query while integrating. */
export const INTEGRATION_PAGE = 50_000;

export type NewEntries = { leaves: Buffer[]; lastHash: string } | { broken: IntegrationBreak };

/**
 * Re-verifies the entries after `after` through `through` as verify-chain does (seq, content hash
 * recomputed from the stored columns, prevHash, hash), the first against `prevHash` (the chain hash the
 * last checkpoint covers), and returns their leaf hashes, or the first break. A first entry that does not
 * link to the checkpointed hash means what the checkpoint covers was rewritten since it was signed.
 */
export async function verifyNewEntries(
  tx: Tx,
  orgId: string,
  { after, through, prevHash }: { after: bigint; through: bigint; prevHash: string },
): Promise<NewEntries> {
  const leaves: Buffer[] = [];
  let expected = Number(after) + 1;
  let previous = prevHash;
  for (let from = after; from < through; from += BigInt(INTEGRATION_PAGE)) {
    const until = from + BigInt(INTEGRATION_PAGE) < through ? from + BigInt(INTEGRATION_PAGE) : through;
    const rows = await readVerifiedRows(tx, orgId, from, until, INTEGRATION_PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      const bad = checkEntryRow(row, expected, previous);
      if (bad) return { broken: await explain(tx, orgId, bad, row[7] !== previous, after) };
      previous = row[8];
      expected++;
      leaves.push(leafHash(Buffer.from(previous, "hex")));
    }
  }
  if (BigInt(expected - 1) < through) {
    const detail = `entries ${expected}..${through} are missing (the chain head is at ${through})`;
    return { broken: { seq: BigInt(expected), kind: "gap", detail } };
  }
  return { leaves, lastHash: previous };
}

async function explain(
  tx: Tx,
  orgId: string,
  bad: IntegrationBreak,
  prevHashDiffers: boolean,
  after: bigint,
): Promise<IntegrationBreak> {
  if (bad.kind !== "link" || !prevHashDiffers) return bad;
  if (after > 0n && bad.seq === after + 1n) {
    const detail =
      `entry ${bad.seq} does not link to entry ${after} as the checkpoint at size ${after} signed it: ` +
      "the trail was rewritten after it was signed";
    return { seq: after, kind: "rewritten", detail };
  }
  const row = await tx.$queryRaw<{ prev_hash: string }[]>`
    SELECT prev_hash FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq = ${bad.seq}`;
  return explainBrokenLink(tx, orgId, bad.seq, row[0]?.prev_hash ?? "");
}
