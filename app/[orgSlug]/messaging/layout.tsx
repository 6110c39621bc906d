import { MessagingNav } from "@/components/messaging/messaging-nav";
import { loadOrgPage } from "@/lib/guard/org-page";

// The module's frame: whoever may read messaging (every role) sees its sections; each page checks again.
export default async function MessagingLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ orgSlug: string }>;
}) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "messaging.read");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Messaging</h1>
        <p className="text-sm text-slate-500">
          Every SMS {ctx.org.name} sends through Verity passes a compliance gate first: seven checks, and any failure or
          error blocks it. Every decision is on the record.
        </p>
      </div>
      <MessagingNav orgSlug={ctx.org.slug} />
      {children}
    </div>
  );
}
