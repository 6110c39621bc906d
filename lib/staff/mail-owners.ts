import "server-only";
import type { Tx } from "@/lib/db/client";
import { enqueueMail } from "@/lib/mail";

/** A notice to every owner of the organization, in the caller's transaction (no notice without the change). */
export async function mailOwners(tx: Tx, orgId: string, mail: { subject: string; text: string; kind: string }) {
  const owners = await tx.membership.findMany({
    where: { orgId, role: "OWNER" },
    select: { user: { select: { email: true } } },
  });
  for (const { user } of owners) await enqueueMail(tx, { to: user.email, ...mail });
}
