import { AccountHeader } from "@/components/layout/account-header";
import { NotFoundMessage } from "@/components/layout/not-found-message";
import { getDb } from "@/lib/db/client";
import { currentPrincipal } from "@/lib/guard/current-principal";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";

/** Outside an organization's pages: signed in, the header (their organizations, account, sign out) stays. */
export default async function NotFound() {
  const principal = await currentPrincipal();
  const orgs = principal ? await listUserOrgs(getDb(), principal.userId) : [];
  return (
    <div className="min-h-screen">
      {principal ? <AccountHeader orgs={orgs} /> : null}
      <main className="px-4">
        <NotFoundMessage />
      </main>
    </div>
  );
}
