import type { Metadata } from "next";
import { ContactsPanel } from "@/components/messaging/contacts-panel";
import { readClient } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listContacts } from "@/lib/messaging/panel/list-contacts";
import {
  createContactAction,
  deleteContactAction,
  recordConsentAction,
  revokeConsentAction,
  updateContactAction,
} from "../actions";

export const metadata: Metadata = { title: "Contacts" };
export const dynamic = "force-dynamic";

export default async function ContactsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "messaging.read");
  const raw = (await searchParams).q;
  const q = (typeof raw === "string" ? raw : "").slice(0, 100);
  const { contacts, total } = await listContacts(readClient(), ctx, { q });
  const manages = ctx.permissions.includes("messaging.manage");
  return (
    <ContactsPanel
      orgSlug={ctx.org.slug}
      contacts={contacts}
      total={total}
      q={q}
      actions={
        manages
          ? {
              create: createContactAction,
              record: recordConsentAction,
              revoke: revokeConsentAction,
              update: updateContactAction,
              remove: deleteContactAction,
            }
          : null
      }
    />
  );
}
