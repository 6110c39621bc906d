import "server-only";
import { AppError } from "@/lib/http/app-error";
import { validateWebhookUrl } from "./destination-guard";

/** Loopback receivers (http://127.0.0.1:…) only for local development and tests, and only when asked for. */
export const loopbackAllowed = () => process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS === "1";

/** VERITY_WEBHOOK_ALLOWED_PORTS: ports besides 443 receivers may use ("8443, 9443"); anything else in the list is ignored. */
export function allowedWebhookPorts(): number[] {
  return (process.env.VERITY_WEBHOOK_ALLOWED_PORTS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => /^\d{1,5}$/.test(entry))
    .map(Number)
    .filter((port) => port >= 1 && port <= 65535);
}

/** What the SSRF guard allows, from the environment: checked when an endpoint is saved and at every delivery. */
export const destinationPolicy = () => ({ allowLoopback: loopbackAllowed(), allowedPorts: allowedWebhookPorts() });

/** A receiver URL the SSRF guard accepts, normalized; anything else is a 400 naming the field. */
export function checkedUrl(url: string): string {
  const verdict = validateWebhookUrl(url, destinationPolicy());
  if (!verdict.ok) throw new AppError("invalid_input", verdict.message, { url: [verdict.message] });
  return verdict.url.href;
}
