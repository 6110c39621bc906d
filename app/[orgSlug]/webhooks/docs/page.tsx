import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Metadata } from "next";
import Link from "next/link";
import { WEBHOOK_DOC_SECTIONS, WebhookDocs } from "@/components/webhooks/webhook-docs";
import { loadOrgPage } from "@/lib/guard/org-page";
import { AUTO_DISABLE_AFTER_MS } from "@/lib/webhooks/deliver-due";

export const metadata: Metadata = { title: "Receiving webhooks" };
export const dynamic = "force-dynamic";

/** The receiver example is a real module, run by components/webhooks/receiver-example.test.ts: the page shows its source. */
const receiverExample = () =>
  readFile(join(process.env.VERITY_ROOT ?? process.cwd(), "components/webhooks/receiver-example.ts"), "utf8");

export default async function WebhookDocsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.read");
  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="Webhook docs" className="space-y-2 text-sm lg:sticky lg:top-6 lg:self-start">
        {WEBHOOK_DOC_SECTIONS.map((section) => (
          <a key={section.id} href={`#${section.id}`} className="block text-slate-600 hover:text-slate-900">
            {section.title}
          </a>
        ))}
        <div className="space-y-2 border-t border-slate-200 pt-3">
          {ctx.permissions.includes("webhooks.manage") ? (
            <Link href={`/${ctx.org.slug}/webhooks`} className="block font-medium text-brand-600 hover:underline">
              Your endpoints →
            </Link>
          ) : null}
          <Link href={`/${ctx.org.slug}/webhooks/events`} className="block font-medium text-brand-600 hover:underline">
            Event types →
          </Link>
          <Link href={`/${ctx.org.slug}/api-docs`} className="block font-medium text-brand-600 hover:underline">
            API docs →
          </Link>
        </div>
      </nav>
      <WebhookDocs receiverExample={await receiverExample()} autoDisableDays={AUTO_DISABLE_AFTER_MS / 86_400_000} />
    </div>
  );
}
