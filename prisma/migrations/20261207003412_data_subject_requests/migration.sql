-- CreateTable
CREATE TABLE "data_subject_requests" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "regime" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL,
    "due_at" TIMESTAMPTZ(6) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "recorded_by_id" TEXT NOT NULL,
    "recorded_by_display" TEXT NOT NULL,
    "resolved_at" TIMESTAMPTZ(6),
    "resolved_by_id" TEXT,
    "resolved_by_display" TEXT,
    "reason" TEXT,
    "completion_record" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_subject_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_subject_requests_org_id_status_due_at_idx" ON "data_subject_requests"("org_id", "status", "due_at");

-- AddForeignKey
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (the Prisma schema cannot express checks): the values the product knows, held by the database too.
ALTER TABLE "data_subject_requests"
  ADD CONSTRAINT "data_subject_requests_kinds" CHECK (
    "type" IN ('access', 'erasure') AND "regime" IN ('GDPR', 'CCPA') AND "status" IN ('received', 'completed', 'rejected')
  ),
  ADD CONSTRAINT "data_subject_requests_resolution" CHECK (("status" = 'received') = ("resolved_at" IS NULL));
