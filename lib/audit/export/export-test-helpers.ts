import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";

/** An entry as it leaves the server, for the format tests; override what a test is about. */
export function testEntry(overrides: Partial<TAuditEntryView> = {}): TAuditEntryView {
  return {
    id: "0b5e6a52-8a4f-4c1e-9a57-3f0a3d2c1b10",
    orgId: "5f1d7c2e-3b4a-4d6e-8f90-1a2b3c4d5e6f",
    seq: "42",
    occurredAt: "2026-11-25T13:28:18.123456Z",
    category: "custom",
    action: "custom.payout.approved",
    actor: { type: "user", id: "9c8b7a65-4321-4fed-8cba-0987654321ab", display: "ada@example.com" },
    target: { type: "payout", id: "po_1", display: "Payout 1" },
    outcome: "success",
    ip: "203.0.113.7",
    userAgent: "Mozilla/5.0",
    geo: { country: "GB", region: null, city: "London" },
    requestId: "req-1",
    metadata: { amount: 100 },
    contentHash: "c".repeat(64),
    prevHash: "a".repeat(64),
    hash: "b".repeat(64),
    ...overrides,
  };
}

/** RFC 4180, enough to read back what the CSV export wrote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && char === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
    } else {
      cell += char;
    }
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}
