const BADGE: Record<string, { label: string; className: string }> = {
  issued: { label: "Issued", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  paid: { label: "Paid", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  failed: { label: "Payment failed", className: "bg-red-50 text-red-700 ring-red-200" },
};

export function InvoiceStatus({ status }: { status: string }) {
  const badge = BADGE[status] ?? { label: status, className: "bg-slate-100 text-slate-700 ring-slate-200" };
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.className}`}>
      {badge.label}
    </span>
  );
}
