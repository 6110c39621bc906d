import { relative, utc } from "@/components/api-keys/format";
import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";

const DISABLED_REASONS: Record<string, string> = {
  manual: "disabled: manual",
  gone: "disabled: receiver said 410 Gone",
  failing: "disabled: failing for 5 days",
};

export function statusLabel(endpoint: Pick<TWebhookEndpointView, "enabled" | "disabledReason">): string {
  if (endpoint.enabled) return "enabled";
  return DISABLED_REASONS[endpoint.disabledReason ?? "manual"] ?? `disabled: ${endpoint.disabledReason}`;
}

/** Sorting order of the status column: what needs attention first. */
export function statusRank(endpoint: TWebhookEndpointView): number {
  if (endpoint.enabled) return endpoint.failingSince ? 0 : 3;
  return endpoint.disabledReason === "manual" ? 2 : 1;
}

/** The endpoint's state in words, and a warning while its deliveries keep failing (it is disabled after 5 days). */
export function EndpointStatus({ endpoint, now }: { endpoint: TWebhookEndpointView; now: string }) {
  const label = statusLabel(endpoint);
  const className = endpoint.enabled
    ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
    : endpoint.disabledReason === "manual"
      ? "bg-slate-100 text-slate-700 ring-slate-200"
      : "bg-red-50 text-red-700 ring-red-200";
  return (
    <div className="space-y-0.5">
      <span
        className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}
      >
        {label}
      </span>
      {!endpoint.enabled && endpoint.disabledAt ? (
        <p className="text-xs text-slate-500">
          since{" "}
          <time dateTime={endpoint.disabledAt} title={utc(endpoint.disabledAt)}>
            {relative(endpoint.disabledAt, now)}
          </time>
        </p>
      ) : null}
      {endpoint.enabled && endpoint.failingSince ? (
        <p className="text-xs font-medium text-amber-800">
          <span aria-hidden>⚠ </span>failing since{" "}
          <time dateTime={endpoint.failingSince} title={utc(endpoint.failingSince)}>
            {utc(endpoint.failingSince)}
          </time>
        </p>
      ) : null}
    </div>
  );
}
