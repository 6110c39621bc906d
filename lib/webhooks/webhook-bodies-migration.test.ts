import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZAuditEntryView } from "@/lib/audit/audit-entry-view";
import { contentHashOf, GENESIS_HASH, linkHashOf, type EntryContent } from "@/lib/audit/entry-content";
import { migrationScratch } from "@/lib/testing/migration-scratch";

const MIGRATION = "20261206174500_webhook_bodies_as_committed";

describe(`migration ${MIGRATION}`, () => {
  const scratch = migrationScratch(MIGRATION);

  it("gives deliveries written before it their body, built from their entry as the append statement now builds it", async () => {
    await scratch.upToBefore();
    const client = scratch.client();
    const [org, endpoint, audited, test] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await client.query(`INSERT INTO organizations (id, slug, name) VALUES ($1, 'one', 'One')`, [org]);
    await client.query(`INSERT INTO audit_chain_heads (org_id) VALUES ($1)`, [org]);
    const content: EntryContent = {
      id: randomUUID(),
      orgId: org,
      occurredAt: "2026-11-25T13:28:18.000001Z",
      category: "custom",
      action: "custom.payout.approved",
      actor: { type: "system", id: null, display: "Verity" },
      target: null,
      outcome: "success",
      ip: null,
      userAgent: null,
      geo: { country: "GB", region: null, city: null },
      requestId: null,
      metadata: { amount: 12.5 },
    };
    const contentHash = contentHashOf(content);
    const hash = linkHashOf(GENESIS_HASH, contentHash);
    await client.query(
      `WITH e AS (
         INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, actor_display, outcome,
                                    geo, metadata, content_hash, prev_hash, hash)
         VALUES ($1, $2, 1, $3, 'custom', $4, 'system', 'Verity', 'success', $5, $6, $7, $8, $9)
         RETURNING seq, hash, prev_hash)
       UPDATE audit_chain_heads h SET seq = e.seq, hash = e.hash, prev_hash = e.prev_hash FROM e WHERE h.org_id = $2`,
      [
        content.id,
        org,
        content.occurredAt,
        content.action,
        JSON.stringify(content.geo),
        JSON.stringify(content.metadata),
        contentHash,
        GENESIS_HASH,
        hash,
      ],
    );
    await client.query(
      `INSERT INTO webhook_endpoints (id, org_id, url, updated_at) VALUES ($1, $2, 'https://hooks.example.test/', now())`,
      [endpoint, org],
    );
    await client.query(
      `INSERT INTO webhook_deliveries (id, org_id, endpoint_id, audit_entry_id, event_type) VALUES ($1, $2, $3, $4, $5)`,
      [audited, org, endpoint, content.id, content.action],
    );
    await client.query(
      `INSERT INTO webhook_deliveries (id, org_id, endpoint_id, event_type, payload)
       VALUES ($1, $2, $3, 'webhook.test', '{"type": "webhook.test"}')`,
      [test, org, endpoint],
    );

    await scratch.apply();
    const { rows } = await client.query<{ id: string; payload: { type: string; timestamp: string; data: unknown } }>(
      `SELECT id::text, payload FROM webhook_deliveries`,
    );
    const body = rows.find((row) => row.id === audited)!.payload;
    expect(body).toMatchObject({ type: content.action, timestamp: content.occurredAt });
    const view = ZAuditEntryView.strict().parse(body.data);
    const { seq, contentHash: givenContentHash, prevHash, hash: givenHash, ...rest } = view;
    expect({ seq, givenContentHash, prevHash, givenHash }).toEqual({
      seq: "1",
      givenContentHash: contentHash,
      prevHash: GENESIS_HASH,
      givenHash: hash,
    });
    expect(contentHashOf(rest as EntryContent)).toBe(contentHash);
    expect(rows.find((row) => row.id === test)!.payload).toEqual({ type: "webhook.test" });
  });
});
