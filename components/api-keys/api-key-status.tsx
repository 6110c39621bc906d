import type { TApiKeyView } from "@/lib/api-keys/schemas";
import { relative, utc } from "./format";

const BADGE: Record<TApiKeyView["status"], { label: string; className: string }> = {
  active: { label: "Active", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  expiring: { label: "Expiring", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  rolling: { label: "Rolling", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  expired: { label: "Expired", className: "bg-slate-100 text-slate-600 ring-slate-200" },
  revoked: { label: "Revoked", className: "bg-red-50 text-red-700 ring-red-200" },
};

/** Sorting order of the status column: what needs attention first. */
export const STATUS_ORDER: TApiKeyView["status"][] = ["rolling", "expiring", "active", "expired", "revoked"];

/** The status badge and, where it matters, when the key stops working. */
export function ApiKeyStatus({ apiKey, now }: { apiKey: TApiKeyView; now: string }) {
  const badge = BADGE[apiKey.status];
  const detail =
    apiKey.status === "rolling" && apiKey.graceEndsAt ? (
      <>
        old key works until{" "}
        <time dateTime={apiKey.graceEndsAt} title={utc(apiKey.graceEndsAt)}>
          {utc(apiKey.graceEndsAt)}
        </time>
      </>
    ) : apiKey.status === "expiring" ? (
      <>
        stops working{" "}
        <time dateTime={apiKey.expiresAt} title={utc(apiKey.expiresAt)}>
          {relative(apiKey.expiresAt, now)}
        </time>
      </>
    ) : apiKey.status === "revoked" && apiKey.revokedReason && apiKey.revokedReason !== "revoked" ? (
      <>
        {apiKey.revokedReason === "rolled"
          ? "replaced by a rolled key"
          : apiKey.revokedReason === "auto_revoked"
            ? "its creator left"
            : apiKey.revokedReason}
      </>
    ) : null;
  return (
    <div className="space-y-0.5">
      <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.className}`}>
        {badge.label}
      </span>
      {detail ? <p className="text-xs text-slate-500">{detail}</p> : null}
    </div>
  );
}

export function EnvironmentBadge({ environment }: { environment: TApiKeyView["environment"] }) {
  return environment === "live" ? (
    <span className="inline-block rounded bg-violet-50 px-1.5 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-inset ring-violet-200">
      live
    </span>
  ) : (
    <span className="inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-200">
      test
    </span>
  );
}
