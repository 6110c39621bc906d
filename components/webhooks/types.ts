import type { ActionResult } from "@/lib/http/action-result";
import type { TWebhookDeliveryView, TWebhookEndpointView } from "@/lib/webhooks/schemas";

/** The server actions the webhook screens call, as the client sees them (app/[orgSlug]/webhooks/actions.ts). */
type Action<T> = (orgSlug: string, input: unknown) => Promise<ActionResult<T>>;

export type CreateEndpointAction = Action<{ endpoint: TWebhookEndpointView; secret: string }>;
export type UpdateEndpointAction = Action<TWebhookEndpointView>;
export type DeleteEndpointAction = Action<{ deleted: boolean }>;
export type SendTestAction = Action<TWebhookDeliveryView>;
export type RotateSecretAction = Action<{ secret: string; endpoint: TWebhookEndpointView }>;
export type RevealSecretAction = Action<{ secret: string }>;
export type ListDeliveriesAction = Action<{ data: TWebhookDeliveryView[]; nextBefore: string | null }>;
export type ReplayDeliveryAction = Action<TWebhookDeliveryView>;
export type RecoverFailedAction = Action<{ recovered: number }>;
