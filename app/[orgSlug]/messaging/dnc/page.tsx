import type { Metadata } from "next";
import { DncPanel } from "@/components/messaging/dnc-panel";
import { readClient } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listDncEntries } from "@/lib/messaging/panel/list-dnc-entries";
import { addDncEntryAction } from "../actions";

export const metadata: Metadata = { title: "Do Not Contact list" };
export const dynamic = "force-dynamic";

export default async function DncPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "messaging.read");
  const raw = (await searchParams).q;
  const q = (typeof raw === "string" ? raw : "").slice(0, 32);
  const { entries, total } = await listDncEntries(readClient(), ctx, { q });
  return (
    <DncPanel
      orgSlug={ctx.org.slug}
      entries={entries}
      total={total}
      q={q}
      addAction={ctx.permissions.includes("messaging.manage") ? addDncEntryAction : null}
    />
  );
}
