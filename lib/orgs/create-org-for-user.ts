import "server-only";
import { z } from "zod";
import { actorOf, type Principal, type RequestContext } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { createOrganization } from "./create-organization";

export const ZCreateOrg = z
  .object({ name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters.") })
  .strict();
export type TCreateOrg = z.infer<typeof ZCreateOrg>;

/**
 * A signed-in person creates another organization and becomes its owner: organization, membership,
 * chain head and `org.created` commit together.
 */
export async function createOrgForUser({
  principal,
  input,
  request,
}: {
  principal: Principal;
  input: TCreateOrg;
  request: RequestContext;
}) {
  const { name } = ZCreateOrg.parse(input);
  // Two people creating "Acme" at the same instant: the unique slug decides, the loser retries.
  for (let attempt = 0; ; attempt++) {
    try {
      return await getDb().$transaction(async (tx) => {
        const org = await createOrganization(tx, {
          name,
          ownerId: principal.userId,
          actor: actorOf(principal),
          context: request,
        });
        return { slug: org.slug };
      });
    } catch (error) {
      if (attempt < 2 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
}
