import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ApiKeyDetailScreen } from "@/components/api-keys/api-key-detail-screen";
import { loadApiKeyDetail } from "@/lib/api-keys/api-key-detail";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { recordCarriedDenial } from "@/lib/guard/record-refusal";
import { AppError } from "@/lib/http/app-error";
import { renameApiKeyAction } from "../actions";

export const metadata: Metadata = { title: "API key" };
export const dynamic = "force-dynamic";

export default async function ApiKeyPage({ params }: { params: Promise<{ orgSlug: string; keyId: string }> }) {
  const { orgSlug, keyId } = await params;
  const ctx = await loadOrgPage(orgSlug, "api_keys.read");
  if (!z.uuid().safeParse(keyId).success) notFound();
  const now = new Date();
  let detail;
  try {
    detail = await getDb().$transaction((tx) => loadApiKeyDetail(tx, ctx, keyId, now));
  } catch (error) {
    // Another organization's key, or someone else's without api_keys.manage_all: a 404, and the probe is recorded.
    if (error instanceof AppError && error.code === "not_found") {
      await recordCarriedDenial(ctx, error);
      notFound();
    }
    throw error;
  }
  return (
    <ApiKeyDetailScreen
      orgSlug={ctx.org.slug}
      detail={detail}
      now={now.toISOString()}
      canRename={ctx.permissions.includes("api_keys.create")}
      renameAction={renameApiKeyAction}
    />
  );
}
