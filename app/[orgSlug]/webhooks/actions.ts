"use server";

import { z } from "zod";
import { orgAction } from "@/lib/guard/org-action";
import {
  listDeliveries,
  recoverFailed,
  replayDelivery,
  sendTestEvent,
  ZRecoverFailed,
} from "@/lib/webhooks/deliveries";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { deleteEndpoint } from "@/lib/webhooks/delete-endpoint";
import { revealSecret } from "@/lib/webhooks/reveal-secret";
import { rotateSecret } from "@/lib/webhooks/rotate-secret";
import { updateEndpoint } from "@/lib/webhooks/update-endpoint";
import { ZCreateWebhookEndpoint, ZRotateWebhookSecret, ZUpdateWebhookEndpoint } from "@/lib/webhooks/schemas";

// Ids are checked for shape before they reach a query on a uuid column; whose they are is the service's
// check (findEndpoint: another organization's endpoint answers like an unknown one, and is recorded).
const endpointId = z.uuid({ message: "No such webhook endpoint." });
const ZEndpointRef = z.object({ endpointId }).strict();

export const createWebhookEndpointAction = orgAction(
  { name: "webhooks.create", permission: "webhooks.manage", input: ZCreateWebhookEndpoint },
  ({ ctx, tx, input }) => createEndpoint(tx, ctx, input),
);

export const updateWebhookEndpointAction = orgAction(
  { name: "webhooks.update", permission: "webhooks.manage", input: ZUpdateWebhookEndpoint.extend({ endpointId }) },
  ({ ctx, tx, input: { endpointId: id, ...changes } }) => updateEndpoint(tx, ctx, id, changes),
);

export const deleteWebhookEndpointAction = orgAction(
  { name: "webhooks.delete", permission: "webhooks.manage", input: ZEndpointRef },
  ({ ctx, tx, input }) => deleteEndpoint(tx, ctx, input.endpointId),
);

export const sendTestWebhookAction = orgAction(
  {
    name: "webhooks.send_test",
    permission: "webhooks.manage",
    input: z.object({ endpointId, eventType: z.string().max(100).optional() }).strict(),
  },
  ({ ctx, tx, input }) => sendTestEvent(tx, ctx, input.endpointId, new Date(), { eventType: input.eventType }),
);

export const rotateWebhookSecretAction = orgAction(
  { name: "webhooks.rotate_secret", permission: "webhooks.manage", input: ZRotateWebhookSecret.extend({ endpointId }) },
  ({ ctx, tx, input: { endpointId: id, ...grace } }) => rotateSecret(tx, ctx, id, grace),
);

// Whoever holds a signing secret can forge events to the receiver: a live session is not enough, so
// rotating and revealing need a recent step-up (checked by the services, whatever the adapter).
export const revealWebhookSecretAction = orgAction(
  { name: "webhooks.reveal_secret", permission: "webhooks.manage", input: ZEndpointRef },
  ({ ctx, tx, input }) => revealSecret(tx, ctx, input.endpointId),
);

export const listWebhookDeliveriesAction = orgAction(
  {
    name: "webhooks.list_deliveries",
    permission: "webhooks.manage",
    readOnly: true,
    input: z
      .object({
        endpointId,
        before: z.iso.datetime({ offset: true }).optional(),
        limit: z.number().int().min(1).max(100).optional(),
      })
      .strict(),
  },
  ({ ctx, tx, input: { endpointId: id, ...page } }) => listDeliveries(tx, ctx, id, page),
);

export const replayWebhookDeliveryAction = orgAction(
  {
    name: "webhooks.replay_delivery",
    permission: "webhooks.manage",
    input: z.object({ endpointId, deliveryId: z.uuid({ message: "No such delivery." }) }).strict(),
  },
  ({ ctx, tx, input }) => replayDelivery(tx, ctx, input.endpointId, input.deliveryId),
);

export const recoverFailedWebhooksAction = orgAction(
  { name: "webhooks.recover_failed", permission: "webhooks.manage", input: ZRecoverFailed.extend({ endpointId }) },
  ({ ctx, tx, input: { endpointId: id, ...since } }) => recoverFailed(tx, ctx, id, since),
);
