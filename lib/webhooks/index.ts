import "server-only";

export { classifyAddress, resolveDestination, validateWebhookUrl } from "./destination-guard";
export type { AddressClass, Destination, ForbiddenReason, LookupAll } from "./destination-guard";
export { MAX_ATTEMPTS, nextAttemptAt, parseRetryAfter } from "./retry-schedule";
export { sendWebhook } from "./send";
export type { DeliveryResult } from "./send";
export { newSigningSecret, signatureHeaders } from "./signing";
