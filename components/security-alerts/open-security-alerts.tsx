import Link from "next/link";
import type { TSecurityAlertView } from "@/lib/security-alerts/security-alert-schemas";
import { AlertRowActions, type AlertActions } from "./alert-row-actions";

const SEVERITY_STYLE: Record<TSecurityAlertView["severity"], string> = {
  critical: "bg-red-700 text-white",
  high: "bg-red-100 text-red-800",
  medium: "bg-amber-100 text-amber-800",
  low: "bg-slate-100 text-slate-700",
};

const when = (iso: string) => iso.replace("T", " ").slice(0, 16) + " UTC";

/** The dashboard's alert center: open and acknowledged alerts, what, who, when, and the entries behind each. */
export function OpenSecurityAlerts({
  orgSlug,
  alerts,
  actions,
}: {
  orgSlug: string;
  alerts: TSecurityAlertView[];
  actions: AlertActions | null;
}) {
  return (
    <section aria-labelledby="alerts-heading" className="space-y-3">
      <div>
        <h2 id="alerts-heading" className="text-lg font-semibold">
          Security alerts
        </h2>
        <p className="text-sm text-slate-500">
          Open and acknowledged alerts; repeats within an hour count on one alert.
        </p>
      </div>
      {alerts.length === 0 ? (
        <p className="text-sm text-slate-500">No open security alerts.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {alerts.map((alert) => (
            <li key={alert.id} className="space-y-1 p-3 text-sm" data-testid="security-alert">
              <div className="flex flex-wrap items-center gap-2">
                <span
                  className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${SEVERITY_STYLE[alert.severity]}`}
                >
                  {alert.severity}
                </span>
                <span className="font-medium">{alert.title}</span>
                {alert.count > 1 ? <span className="text-xs text-slate-500">×{alert.count}</span> : null}
                {alert.status === "acknowledged" ? (
                  <span className="text-xs text-slate-500">acknowledged by {alert.statusChangedBy}</span>
                ) : null}
              </div>
              <p className="text-slate-600">
                {alert.subject?.display ? <>{alert.subject.display} · </> : null}
                first {when(alert.firstSeenAt)}
                {alert.count > 1 ? <>, last {when(alert.lastSeenAt)}</> : null} ·{" "}
                <Link
                  href={`/${orgSlug}/audit?q=${encodeURIComponent(alert.auditQuery)}`}
                  className="font-medium text-brand-600 hover:underline"
                >
                  See the entries
                </Link>
              </p>
              {actions ? (
                <AlertRowActions orgSlug={orgSlug} alertId={alert.id} status={alert.status} actions={actions} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
