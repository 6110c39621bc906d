import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EndpointScreen } from "@/components/webhooks/endpoint-screen";
import { hasRecentStepUp } from "@/lib/auth/step-up";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { recordCarriedDenial } from "@/lib/guard/record-refusal";
import { AppError } from "@/lib/http/app-error";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { endpointSuccessRate } from "@/lib/webhooks/endpoint-success-rate";
import { endpointView } from "@/lib/webhooks/endpoint-view";
import { findEndpoint } from "@/lib/webhooks/find-endpoint";
import {
  deleteWebhookEndpointAction,
  listWebhookDeliveriesAction,
  recoverFailedWebhooksAction,
  replayWebhookDeliveryAction,
  revealWebhookSecretAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  updateWebhookEndpointAction,
} from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };
export const dynamic = "force-dynamic";

export default async function WebhookEndpointPage({
  params,
}: {
  params: Promise<{ orgSlug: string; endpointId: string }>;
}) {
  const { orgSlug, endpointId } = await params;
  const ctx = await loadOrgPage(orgSlug, "webhooks.manage");
  if (!z.uuid().safeParse(endpointId).success) notFound();
  const db = getDb();
  let loaded;
  try {
    loaded = await db.$transaction(async (tx) => ({
      endpoint: endpointView(await findEndpoint(tx, ctx, endpointId)),
      deliveries: await listDeliveries(tx, ctx, endpointId, { limit: 25 }),
      successRate: await endpointSuccessRate(tx, ctx, endpointId),
    }));
  } catch (error) {
    // Another organization's endpoint looks like an unknown one, and the probe is recorded (cross-tenant BOLA).
    if (error instanceof AppError && error.code === "not_found") {
      await recordCarriedDenial(ctx, error);
      notFound();
    }
    throw error;
  }
  return (
    <EndpointScreen
      orgSlug={ctx.org.slug}
      endpoint={loaded.endpoint}
      deliveries={loaded.deliveries}
      successRate={loaded.successRate}
      now={new Date().toISOString()}
      steppedUp={await hasRecentStepUp(db, ctx.principal.sessionId)}
      updateAction={updateWebhookEndpointAction}
      deleteAction={deleteWebhookEndpointAction}
      sendTestAction={sendTestWebhookAction}
      rotateAction={rotateWebhookSecretAction}
      revealAction={revealWebhookSecretAction}
      listAction={listWebhookDeliveriesAction}
      replayAction={replayWebhookDeliveryAction}
      recoverAction={recoverFailedWebhooksAction}
    />
  );
}
