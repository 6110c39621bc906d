import "server-only";
import { appendAuditEntry, type AuditRequestContext } from "@/lib/audit";
import { getDb, Prisma } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { createOrganization } from "@/lib/orgs/create-organization";
import { hashPassword } from "./password";
import { ZSignUp } from "./schemas";
import { issueSignInGrant } from "./sign-in";

/**
 * Creates a user and their first organization, with them as its owner. The user, the organization,
 * the membership, the chain head and both audit entries commit together or not at all.
 */
export async function signUp({ input, context }: { input: unknown; context: AuditRequestContext | null }) {
  const fields = ZSignUp.parse(input);
  const passwordHash = await hashPassword(fields.password);
  try {
    return await getDb().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: fields.email, name: fields.name, passwordHash } });
      const actor = { type: "user" as const, id: user.id, display: user.email };
      const org = await createOrganization(tx, {
        name: fields.organizationName ?? `${fields.name}'s organization`,
        ownerId: user.id,
        actor,
        context,
      });
      // The new user has just proved their password: they are signed in without typing it again.
      const grant = await issueSignInGrant(tx, user.id);
      await appendAuditEntry(tx, {
        orgId: org.id,
        action: "user.signed_up",
        actor,
        target: { type: "user", id: user.id, display: user.email },
        context,
        metadata: { email: user.email },
      });
      return { user, org, grant };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists. Sign in instead.", {
        email: ["An account with this email already exists."],
      });
    }
    throw error;
  }
}
