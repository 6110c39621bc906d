/** The outcome of the last action on a screen: a success is a status, a failure an alert. */
export type Status = { ok: boolean; text: string } | null;

const TONE = { ok: "bg-emerald-50 text-emerald-800", failed: "bg-red-50 text-red-700" } as const;

/**
 * Where a screen announces what its last action did; the live region is always there, so a message
 * appearing in it is read out. `children`, when given, speak instead (e.g. a step-up prompt).
 */
export function StatusMessage({ status, children }: { status: Status; children?: React.ReactNode }) {
  return (
    <div aria-live="polite">
      {children ??
        (status ? (
          <p
            role={status.ok ? "status" : "alert"}
            className={`rounded-md px-3 py-2 text-sm ${status.ok ? TONE.ok : TONE.failed}`}
          >
            {status.text}
          </p>
        ) : null)}
    </div>
  );
}
