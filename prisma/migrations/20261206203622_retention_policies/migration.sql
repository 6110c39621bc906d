-- CreateTable
CREATE TABLE "retention_policies" (
    "org_id" UUID NOT NULL,
    "retention_days" INTEGER,
    "hot_window_days" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retention_policies_pkey" PRIMARY KEY ("org_id")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_created_at_idx" ON "webhook_deliveries"("created_at");

-- AddForeignKey
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The policy's bounds, held by the database too (written by hand: the Prisma schema cannot express CHECK): the
-- trail is never kept under a year, the hot window is at least 30 days and never outlasts the retention itself
-- (an entry past its retention must have left PostgreSQL for the archive, where the purge finds it).
ALTER TABLE "retention_policies"
  ADD CONSTRAINT "retention_policies_retention_at_least_a_year" CHECK ("retention_days" IS NULL OR "retention_days" >= 366),
  ADD CONSTRAINT "retention_policies_hot_window_bounds" CHECK (
    "hot_window_days" >= 30 AND ("retention_days" IS NULL OR "hot_window_days" <= "retention_days")
  );
