import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import type { NoteSignature } from "../checkpoints/signed-note";
import type { Witness } from "./witness-config";

/** A witness's signature line as signed notes write it (no newline): "— <name> base64(key id ‖ signature)". */
export function signatureLine({ name, keyId, signature }: NoteSignature): string {
  return `— ${name} ${Buffer.concat([Buffer.from(keyId, "hex"), signature]).toString("base64")}`;
}

/** Stores a verified cosignature; a second one by the same witness on the same checkpoint keeps the first. */
export async function storeCosignature(
  db: Db | Tx,
  orgId: string,
  size: bigint,
  cosignature: { signature: NoteSignature; cosignedAt: Date },
): Promise<boolean> {
  const { signature, cosignedAt } = cosignature;
  const stored = await db.$executeRaw`
    INSERT INTO audit_checkpoint_cosignatures (org_id, size, witness_name, witness_key_id, signature_line, cosigned_at)
    VALUES (${orgId}::uuid, ${size}, ${signature.name}, ${signature.keyId}, ${signatureLine(signature)}, ${cosignedAt})
    ON CONFLICT DO NOTHING`;
  return stored === 1;
}

/** The largest checkpoint size of the organization this witness's key cosigned, or 0 when none. */
export async function cosignedSize(
  db: Db | Tx,
  orgId: string,
  witness: Pick<Witness, "name" | "keyId">,
): Promise<bigint> {
  const rows = await db.$queryRaw<{ size: bigint }[]>`
    SELECT size FROM audit_checkpoint_cosignatures
     WHERE org_id = ${orgId}::uuid AND witness_name = ${witness.name} AND witness_key_id = ${witness.keyId}
     ORDER BY size DESC LIMIT 1`;
  return rows[0]?.size ?? 0n;
}

export type StoredCosignature = { witnessName: string; witnessKeyId: string; line: string; cosignedAt: Date };

/** The cosignatures stored for the organization's checkpoint at `size`, in the order they arrived. */
export async function listCosignatures(db: Db | Tx, orgId: string, size: bigint): Promise<StoredCosignature[]> {
  const rows = await db.$queryRaw<
    { witness_name: string; witness_key_id: string; signature_line: string; cosigned_at: Date }[]
  >`
    SELECT witness_name, witness_key_id, signature_line, cosigned_at FROM audit_checkpoint_cosignatures
     WHERE org_id = ${orgId}::uuid AND size = ${size} ORDER BY created_at, witness_name, witness_key_id`;
  return rows.map((row) => ({
    witnessName: row.witness_name,
    witnessKeyId: row.witness_key_id,
    line: row.signature_line,
    cosignedAt: row.cosigned_at,
  }));
}
