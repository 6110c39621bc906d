import type { Metadata } from "next";
import Link from "next/link";
import { WebhooksPanel } from "@/components/webhooks/webhooks-panel";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listEndpoints } from "@/lib/webhooks/list-endpoints";
import { createWebhookEndpointAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "webhooks.manage");
  const endpoints = await getDb().$transaction((tx) => listEndpoints(tx, ctx));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
          <p className="text-sm text-slate-500">
            Where {ctx.org.name}&apos;s audit events are sent as they happen, signed so your receiver can tell they came
            from Verity.
          </p>
        </div>
        <Link href={`/${ctx.org.slug}/webhooks/docs`} className="text-sm font-medium text-brand-600 hover:underline">
          Receiving webhooks →
        </Link>
      </div>
      <WebhooksPanel
        orgSlug={ctx.org.slug}
        endpoints={endpoints}
        now={new Date().toISOString()}
        createAction={createWebhookEndpointAction}
      />
    </div>
  );
}
