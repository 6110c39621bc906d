-- Rate-limit windows are counted on every API request. Unlogged, a count costs no WAL flush at
-- commit; after a crash (never a clean restart) PostgreSQL empties the table, which only restarts
-- the current one-minute and fifteen-minute windows.
ALTER TABLE "rate_limit_buckets" SET UNLOGGED;
