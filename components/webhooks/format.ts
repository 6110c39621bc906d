import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";

/** UTC to the second: deliveries and their attempts happen seconds apart, so minutes are too coarse here. */
export function utcSeconds(iso: string): string {
  return `${iso.replace("T", " ").slice(0, 19)} UTC`;
}

/** Which events an endpoint receives, in one line: "All events", or its categories and actions. */
export function filterSummary(endpoint: Pick<TWebhookEndpointView, "categories" | "actions">): string {
  if (endpoint.categories.length === 0 && endpoint.actions.length === 0) return "All events";
  const parts: string[] = [];
  if (endpoint.categories.length)
    parts.push(`${endpoint.categories.length === 1 ? "Category" : "Categories"}: ${endpoint.categories.join(", ")}`);
  if (endpoint.actions.length)
    parts.push(`${endpoint.actions.length === 1 ? "Action" : "Actions"}: ${endpoint.actions.join(", ")}`);
  return parts.join(" · ");
}

/** "1 h", "24 h", "7 days": a grace period as people say it. */
export function graceLabel(hours: number): string {
  if (hours === 0) return "no grace period";
  return hours % 24 === 0 && hours > 24 ? `${hours / 24} days` : `${hours} h`;
}
