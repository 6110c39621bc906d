-- AlterTable
ALTER TABLE "organizations" ADD COLUMN "require_mfa_from" TIMESTAMPTZ(6);

-- CreateTable
CREATE TABLE "org_slug_history" (
    "slug" TEXT NOT NULL,
    "org_id" UUID NOT NULL,
    "retired_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_slug_history_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE INDEX "org_slug_history_org_id_idx" ON "org_slug_history"("org_id");

-- AddForeignKey
ALTER TABLE "org_slug_history" ADD CONSTRAINT "org_slug_history_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
