import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { requirePrincipal } from "@/lib/guard/org-page";

export const dynamic = "force-dynamic";

/** Signed in: the first organization's dashboard. Signed out: the sign-in page. */
export default async function Home() {
  const principal = await requirePrincipal();
  const membership = await getDb().membership.findFirst({
    where: { userId: principal.userId, org: { deletedAt: null } },
    orderBy: { createdAt: "asc" },
    select: { org: { select: { slug: true } } },
  });
  if (!membership) redirect("/orgs/new");
  redirect(`/${membership.org.slug}`);
}
