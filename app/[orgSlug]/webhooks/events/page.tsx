import type { Metadata } from "next";
import Link from "next/link";
import { EventCatalog } from "@/components/webhooks/event-catalog";
import { loadOrgPage } from "@/lib/guard/org-page";
import { eventTypeDocs } from "@/lib/webhooks/event-samples";

export const metadata: Metadata = { title: "Webhook event types" };
export const dynamic = "force-dynamic";

export default async function WebhookEventsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.read");
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/${ctx.org.slug}/webhooks/docs`} className="text-sm text-brand-600 hover:underline">
          ← Receiving webhooks
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Event types</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Every event the audit trail records is also a webhook event of the same name. Each delivery&apos;s body is
          <code className="mx-1 font-mono text-xs">{"{ type, timestamp, data }"}</code>with the committed audit entry as{" "}
          <code className="font-mono text-xs">data</code>; its <code className="font-mono text-xs">metadata</code> has
          the fields below. Samples carry made-up values. An endpoint&apos;s page sends any of them as a test.
        </p>
      </div>
      <EventCatalog events={eventTypeDocs()} />
    </div>
  );
}
