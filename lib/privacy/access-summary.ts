import type { AccessPackage } from "./access-package";

const cell = (value: unknown) =>
  String(value ?? "—")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");

/** The access package in words: what a person reads first, the JSON being the full and verifiable copy. */
export function accessSummaryMarkdown(pkg: AccessPackage): string {
  const trail = pkg.auditTrail;
  const lines = [
    `# What ${pkg.organization.name} holds about ${pkg.request.subject}`,
    "",
    `Generated ${pkg.generatedAt} for a ${pkg.request.regime} access request received ${pkg.request.receivedAt}.`,
    "",
    "## Profile",
    pkg.profile
      ? `- Name: ${pkg.profile.name}\n- Email: ${pkg.profile.email}\n- Account created: ${pkg.profile.createdAt}\n` +
        `- Second factor: ${pkg.profile.secondFactorEnabledAt ? "enabled" : "not enabled"}`
      : "No Verity account.",
    "",
    "## Membership",
    ...(pkg.memberships.length
      ? pkg.memberships.map((m) => `- ${m.organization}: ${m.role} since ${m.since}`)
      : ["None."]),
    "",
    `## Sessions (${pkg.sessions.length})`,
    ...pkg.sessions.map(
      (s) => `- ${s.createdAt} from ${s.ip ?? "unknown address"} (${s.userAgent ?? "unknown browser"})`,
    ),
    "",
    `## API keys they created (${pkg.apiKeys.length})`,
    ...pkg.apiKeys.map(
      (k) =>
        `- ${k.name} (${k.prefix}…${k.last4}), created ${k.createdAt}${k.revokedAt ? `, revoked ${k.revokedAt}` : ""}`,
    ),
    "",
    `## Invitations (${pkg.invitations.length})`,
    ...pkg.invitations.map((i) => `- ${i.email} as ${i.role}, sent ${i.sentAt}`),
    "",
    `## Audit trail (${trail.entries.length} entries where they are the actor or the target)`,
    "",
    "| seq | when | action | actor | target | outcome |",
    "| --- | --- | --- | --- | --- | --- |",
    ...trail.entries.map(
      (e) =>
        `| ${e.seq} | ${e.occurredAt} | ${cell(e.action)} | ${cell(e.actor.display ?? e.actor.id)} | ` +
        `${cell(e.target?.display ?? e.target?.id)} | ${e.outcome} |`,
    ),
    "",
    "## Verifying",
    'Each entry in the JSON file carries its contentHash, prevHash and hash (README, "Hash chain") and, when the',
    `signed checkpoint in the file covers it${trail.checkpoint ? ` (tree size ${trail.checkpoint.size})` : ""}, its inclusion proof`,
    "(RFC 9162, leaf index seq − 1): recompute each, and check the checkpoint's signature with the published log key.",
    ...(trail.archivedThrough > 0 && trail.archiveRead
      ? ["", `Entries 1..${trail.archivedThrough} are in the archive: theirs were read from it and are listed above.`]
      : []),
    ...(trail.archivedThrough > 0 && !trail.archiveRead
      ? [
          "",
          `Entries 1..${trail.archivedThrough} are in the archive and are not listed here; \`verity archive restore\` reads them.`,
        ]
      : []),
    ...(trail.truncated ? ["", "The trail held more entries than one package carries; ask for the rest."] : []),
    "",
  ];
  return lines.join("\n");
}
