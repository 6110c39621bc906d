-- The earliest and latest occurred_at of a segment's entries. Chain order may differ from time order by a
-- transaction's length (entries are linked at commit), so the first and last entries do not bound the segment's
-- dates. Segments recorded before this migration have NULL here: their first/last stand in (see docs/archive.md).
ALTER TABLE "audit_archive_segments" ADD COLUMN "min_occurred_at" TIMESTAMPTZ(6),
ADD COLUMN "max_occurred_at" TIMESTAMPTZ(6);
