/** What a list says when it has nothing to show: a dashed box, so it never reads as a failure to load. */
export function EmptyState({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <div
      className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600"
      data-testid={testId}
    >
      {children}
    </div>
  );
}
