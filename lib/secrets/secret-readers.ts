import "server-only";
import { raiseSecurityAlert } from "@/lib/audit/security-alerts/raise-security-alert";
import { actorOf, type OrgContext } from "@/lib/context";
import { afterCommit, type Tx } from "@/lib/db/client";
import { secretTarget } from "./secret-records";

/**
 * Readers this process knows are on the record (a committed row), so the API's hot path can skip the insert, and
 * the transaction around it (reveal-secret.ts), for a key that reads the same secret again. A row found existing is
 * kept at once; one this transaction inserted once it has committed (it could still roll back). A row lasts as long
 * as its secret, so an entry never turns wrong.
 */
const knownReaders = new Set<string>();
const KNOWN_LIMIT = 50_000;

const readerKey = (ctx: OrgContext, secretId: string) => {
  const { type, id } = actorOf(ctx.principal);
  return `${secretId}|${type}|${id ?? ""}`;
};

function remember(known: string) {
  if (knownReaders.size >= KNOWN_LIMIT) knownReaders.clear();
  knownReaders.add(known);
}

/** Whether this process has seen the principal's reader row of the secret committed: its read is nobody new. */
export const isKnownReader = (ctx: OrgContext, secretId: string) => knownReaders.has(readerKey(ctx, secretId));

/**
 * Notes that the principal has seen the secret's value; true if it had not before. One insert that does nothing
 * when the row exists (then none at all in this process), not a search of the trail.
 */
export async function markSecretReader(tx: Tx, ctx: OrgContext, secretId: string): Promise<boolean> {
  const { type, id } = actorOf(ctx.principal);
  const known = readerKey(ctx, secretId);
  if (knownReaders.has(known)) return false;
  const inserted = await tx.$executeRaw`
    INSERT INTO secret_readers (secret_id, org_id, reader_type, reader_id)
    VALUES (${secretId}::uuid, ${ctx.org.id}::uuid, ${type}, ${id ?? ""}) ON CONFLICT DO NOTHING`;
  if (inserted === 0) remember(known);
  else afterCommit(tx, `secret-reader:${known}`, async () => remember(known));
  return inserted === 1;
}

/**
 * A secret revealed (in the panel) or read (by an API key) by a person or key that never saw it before: a
 * medium alert for the owners and admins (a share they did not expect, a new key reading production credentials).
 * Whoever wrote a version already knew the value, so writing one counts as having seen it and alerts nothing.
 * Repeats group per secret within the window, with a count, as every alert does.
 */
export async function alertIfNewReader(tx: Tx, ctx: OrgContext, secret: { id: string; name: string }) {
  if (!(await markSecretReader(tx, ctx, secret.id))) return;
  const actor = actorOf(ctx.principal);
  const target = secretTarget(secret);
  await raiseSecurityAlert(tx, {
    orgId: ctx.org.id,
    kind: "secret_revealed_by_new",
    subject: target,
    groupKey: `secret:${secret.id}`,
    entry: {
      actor,
      target,
      context: ctx.request,
      metadata: { detail: `${actor.display ?? "someone"} saw "${secret.name}" for the first time` },
    },
  });
}
