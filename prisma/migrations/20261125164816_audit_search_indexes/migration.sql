-- CreateIndex
CREATE INDEX "audit_entries_org_id_action_seq_idx" ON "audit_entries"("org_id", "action", "seq");

-- CreateIndex
CREATE INDEX "audit_entries_org_id_outcome_seq_idx" ON "audit_entries"("org_id", "outcome", "seq");

-- CreateIndex
CREATE INDEX "audit_entries_org_id_actor_id_seq_idx" ON "audit_entries"("org_id", "actor_id", "seq");

-- CreateIndex
CREATE INDEX "audit_entries_org_id_target_id_seq_idx" ON "audit_entries"("org_id", "target_id", "seq");

-- What schema.prisma cannot describe (Prisma leaves expression indexes alone, so they cause no drift).
-- Each mirrors one condition of lib/audit/search/audit-query-where.ts exactly; change both together.

-- action:member.* is `lower(action) LIKE 'member.%'` (actions are lower-case by construction): a
-- b-tree serves a prefix only under the C collation, or with text_pattern_ops under any other
-- (PostgreSQL's usual en_US.UTF-8 / C.UTF-8). Over lower(action), an expression, so that Prisma
-- leaves it alone: it cannot describe an operator class on a b-tree column.
CREATE INDEX "audit_entries_org_id_action_prefix_idx" ON "audit_entries"("org_id", lower("action") text_pattern_ops);

-- actor:ada@example.com and target:… compare display names case-insensitively.
CREATE INDEX "audit_entries_org_id_lower_actor_display_seq_idx" ON "audit_entries"("org_id", lower("actor_display"), "seq");
CREATE INDEX "audit_entries_org_id_lower_target_display_seq_idx" ON "audit_entries"("org_id", lower("target_display"), "seq");

-- country:GB
CREATE INDEX "audit_entries_org_id_country_seq_idx" ON "audit_entries"("org_id", upper("geo" ->> 'country'), "seq");

-- Free text and key prefixes are substrings (ILIKE '%…%'): trigram GIN indexes serve them. pg_trgm
-- ships with PostgreSQL (a trusted extension since 13); the embedded database (PGlite) only has it
-- when the extension is loaded into PGlite itself, so there this step is skipped and such searches
-- read the organization's entries newest first through (org_id, seq) until the page is full.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS "audit_entries_action_trgm_idx" ON "audit_entries" USING gin ("action" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "audit_entries_actor_display_trgm_idx" ON "audit_entries" USING gin ("actor_display" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "audit_entries_target_display_trgm_idx" ON "audit_entries" USING gin ("target_display" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "audit_entries_metadata_text_trgm_idx" ON "audit_entries" USING gin (("metadata"::text) gin_trgm_ops);
  END IF;
END
$$;
