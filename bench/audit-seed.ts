/**
 * Audit entries at size for the benchmarks, seeded in SQL with valid hash chains: the canonical bytes built by
 * string concatenation in key order (RFC 8785), SHA-256 by PostgreSQL's sha256(), the links by a PL/pgSQL loop,
 * with the table's secondary indexes dropped during the load and rebuilt after. Used by bench/audit-query.ts and
 * bench/archive.ts.
 */
import pg from "pg";
import { benchLog, round } from "./measure";

const ACTIONS = [
  "custom.invoice.paid",
  "custom.payout.approved",
  "custom.wallet.transfer",
  "member.invited",
  "api_key.created",
  "user.signed_in",
  "access.denied",
  "webhook.created",
  "billing.plan_changed",
  "audit.exported",
];
const CATEGORIES = [
  "custom",
  "custom",
  "custom",
  "access",
  "api_keys",
  "authentication",
  "access",
  "webhooks",
  "billing",
  "audit",
];

/** Rows of one organization with their canonical content bytes (RFC 8785: keys sorted, no spaces; values plain ASCII). */
const SEED_SQL = `
  INSERT INTO bench_seed (org_id, n, id, occurred_at, occurred, category, action, actor_id, actor_display, target_id, target_display,
                          outcome, ip, country, request_id, amount, note, content, content_hash)
  SELECT $1::uuid, n, id, ts, occurred, category, action, actor_id, actor_display, target_id, target_display, outcome, ip, country,
         request_id, amount, note, content, encode(sha256(convert_to(content, 'UTF8')), 'hex')
    FROM (
      SELECT n, id, ts, occurred, category, action, actor_id, actor_display, target_id, target_display, outcome, ip, country,
             request_id, amount, note,
             '{"action":"' || action || '","actor":{"display":"' || actor_display || '","id":"' || actor_id ||
             '","type":"user"},"category":"' || category ||
             '","geo":{"city":null,"country":"' || country || '","region":null},"id":"' || id || '","ip":"' || ip ||
             '","metadata":{"amount":' || amount || ',"note":"' || note || '"},"occurredAt":"' || occurred || '","orgId":"' || $1 ||
             '","outcome":"' || outcome || '","requestId":"' || request_id ||
             '","target":{"display":"' || target_display || '","id":"' || target_id ||
             '","type":"invoice"},"userAgent":"bench","v":1}' AS content
        FROM (
          SELECT n, gen_random_uuid()::text AS id, ts, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred,
                 (ARRAY[${CATEGORIES.map((c) => `'${c}'`).join(",")}])[1 + (n * 7) % 10] AS category,
                 (ARRAY[${ACTIONS.map((a) => `'${a}'`).join(",")}])[1 + (n * 7) % 10] AS action,
                 'actor-' || (n % 1000) AS actor_id, 'user' || (n % 1000) || '@example.com' AS actor_display,
                 'inv_' || (n % 50000) AS target_id, 'Invoice ' || (n % 50000) AS target_display,
                 CASE WHEN n % 23 = 0 THEN 'failure' WHEN n % 37 = 0 THEN 'denied' ELSE 'success' END AS outcome,
                 '198.51.100.' || (n % 250) AS ip, (ARRAY['GB','US','DE','FR','NL','SE','JP','BR','IN','CA'])[1 + n % 10] AS country,
                 'req-' || n AS request_id, n % 9973 AS amount, 'batch ' || (n % 1000) AS note
            FROM generate_series(1, $2::int) AS n,
                 LATERAL (SELECT date_trunc('second', now()) - ($2::int - n) * ($3::float8 * interval '1 second')
                                 + (n % 1000) * interval '1 microsecond' AS ts) t
        ) base
    ) rows`;

/** The links, in order: hash = SHA-256(prevHash ‖ contentHash), from the organization's current head. */
const CHAIN_FUNCTION_SQL = `
  CREATE FUNCTION pg_temp.bench_chain(p_org uuid, p_prev text) RETURNS TABLE (n int, prev_hash text, hash text) LANGUAGE plpgsql AS $f$
  DECLARE r record; prev text := p_prev;
  BEGIN
    FOR r IN SELECT s.n, s.content_hash FROM bench_seed s WHERE s.org_id = p_org ORDER BY s.n LOOP
      n := r.n; prev_hash := prev; hash := encode(sha256(decode(prev, 'hex') || decode(r.content_hash, 'hex')), 'hex');
      RETURN NEXT;
      prev := hash;
    END LOOP;
  END $f$`;

const INSERT_SQL = `
  INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, actor_id, actor_display, target_type, target_id,
                             target_display, outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash)
  SELECT s.id::uuid, s.org_id, $2::bigint + s.n, s.occurred_at, s.category, s.action, 'user', s.actor_id, s.actor_display,
         'invoice', s.target_id,
         s.target_display, s.outcome, s.ip, 'bench', jsonb_build_object('city', null, 'country', s.country, 'region', null), s.request_id,
         jsonb_build_object('amount', s.amount, 'note', s.note), s.content_hash, c.prev_hash, c.hash
    FROM bench_seed s JOIN pg_temp.bench_chain($1::uuid, $3) c ON c.n = s.n
   WHERE s.org_id = $1::uuid
   ORDER BY s.n`;

/** Seeds with the table's secondary indexes dropped and rebuilt after: a bulk load, as a migration would do it. */
export async function seedAuditEntries(url: string, orgs: { id: string; entries: number }[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query(`CREATE UNLOGGED TABLE bench_seed (org_id uuid, n int, id text, occurred_at timestamptz, occurred text,
      category text, action text, actor_id text, actor_display text, target_id text, target_display text, outcome text, ip text,
      country text, request_id text, amount int, note text, content text, content_hash text, PRIMARY KEY (org_id, n))`);
    await client.query(CHAIN_FUNCTION_SQL);
    // With their statistics targets (the search text's), which the definition leaves out.
    const { rows: indexes } = await client.query<{ name: string; definition: string; statistics: string[] }>(
      `SELECT indexname AS name, indexdef AS definition,
              ARRAY(SELECT format('ALTER INDEX %I ALTER COLUMN %s SET STATISTICS %s', indexname, a.attnum, a.attstattarget)
                      FROM pg_attribute a WHERE a.attrelid = format('%I', indexname)::regclass AND a.attstattarget > 0) AS statistics
         FROM pg_indexes WHERE tablename = 'audit_entries' AND indexname NOT IN ('audit_entries_pkey', 'audit_entries_org_id_seq_key')`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    for (const [i, org] of orgs.entries()) {
      const started = performance.now();
      // A year of history for the big organization, proportionally denser for the small ones.
      await client.query(SEED_SQL, [org.id, org.entries, (365 * 86_400) / org.entries]);
      const { rows } = await client.query<{ seq: string; hash: string }>(
        "SELECT seq::text, hash FROM audit_chain_heads WHERE org_id = $1",
        [org.id],
      );
      // Entries and head in one statement: the database refuses entries past the head, and a head moved without them.
      await client.query(
        `WITH inserted AS (${INSERT_SQL} RETURNING seq, hash, prev_hash)
         UPDATE audit_chain_heads h SET seq = e.seq, hash = e.hash, prev_hash = e.prev_hash
           FROM (SELECT seq, hash, prev_hash FROM inserted ORDER BY seq DESC LIMIT 1) e WHERE h.org_id = $1`,
        [org.id, rows[0].seq, rows[0].hash],
      );
      benchLog(
        `org ${i + 1}/${orgs.length}: ${org.entries} entries in ${round((performance.now() - started) / 1000, 1)} s`,
      );
    }
    const started = performance.now();
    for (const index of indexes)
      for (const statement of [index.definition, ...index.statistics]) await client.query(statement);
    // As autovacuum does after a bulk insert: statistics, and the visibility map index-only scans rely on.
    await client.query("VACUUM (ANALYZE) audit_entries");
    benchLog(`${indexes.length} indexes rebuilt and analysed in ${round((performance.now() - started) / 1000, 1)} s`);
  } finally {
    await client.end();
  }
}
