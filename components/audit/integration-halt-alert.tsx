/** What the dashboard shows about an integration halt (seq as text: it crosses into a component). */
export type IntegrationHaltView = { seq: string; kind: string; reason: string; at: string };

/**
 * The dashboard's alert when Verity stopped signing the organization's checkpoints because its audit chain
 * is broken: no new entry is covered by a signed checkpoint until someone investigates.
 */
export function IntegrationHaltAlert({ halt, auditHref }: { halt: IntegrationHaltView; auditHref: string }) {
  return (
    <section
      role="alert"
      aria-labelledby="integration-halt-heading"
      className="rounded-md border border-red-300 bg-red-50 p-4"
    >
      <h2 id="integration-halt-heading" className="text-base font-semibold text-red-800">
        The audit trail is broken: checkpoints are no longer signed
      </h2>
      <p className="mt-1 text-sm text-red-700">
        On {halt.at.replace("T", " ").slice(0, 19)} UTC the integrator found entry{" "}
        <span className="font-mono">#{halt.seq}</span> ({halt.kind}): {halt.reason}. A security alert was recorded in
        the trail. Entries after it are still recorded but no signed checkpoint covers them. Verify the chain and
        contact whoever operates this Verity instance.
      </p>
      <a href={auditHref} className="mt-2 inline-block text-sm font-medium text-red-800 underline">
        Open the audit trail
      </a>
    </section>
  );
}
