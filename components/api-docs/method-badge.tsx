const METHOD_STYLES: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  POST: "bg-sky-50 text-sky-800 ring-sky-200",
  PUT: "bg-violet-50 text-violet-800 ring-violet-200",
  PATCH: "bg-amber-50 text-amber-800 ring-amber-200",
  DELETE: "bg-red-50 text-red-700 ring-red-200",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={
        `inline-block w-14 shrink-0 rounded px-1 py-0.5 text-center font-mono text-xs font-semibold ring-1 ` +
        `ring-inset ${METHOD_STYLES[method] ?? ""}`
      }
    >
      {method}
    </span>
  );
}
