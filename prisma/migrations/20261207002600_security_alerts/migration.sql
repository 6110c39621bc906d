-- CreateEnum
CREATE TYPE "SecurityAlertSeverity" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "SecurityAlertStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateTable
CREATE TABLE "security_alerts" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" "SecurityAlertSeverity" NOT NULL,
    "title" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "subject_type" TEXT,
    "subject_id" TEXT,
    "subject_display" TEXT,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "count" INTEGER NOT NULL DEFAULT 1,
    "status" "SecurityAlertStatus" NOT NULL DEFAULT 'open',
    "audit_entry_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "status_changed_at" TIMESTAMPTZ(6),
    "status_changed_by_id" TEXT,
    "status_changed_by" TEXT,
    "owners_mailed_at" TIMESTAMPTZ(6),

    CONSTRAINT "security_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key_addresses" (
    "key_id" UUID NOT NULL,
    "ip" INET NOT NULL,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_key_addresses_pkey" PRIMARY KEY ("key_id","ip")
);

-- CreateIndex
CREATE INDEX "security_alerts_org_id_status_last_seen_at_idx" ON "security_alerts"("org_id", "status", "last_seen_at");

-- CreateIndex
CREATE INDEX "security_alerts_org_id_kind_group_key_last_seen_at_idx" ON "security_alerts"("org_id", "kind", "group_key", "last_seen_at");

-- AddForeignKey
ALTER TABLE "security_alerts" ADD CONSTRAINT "security_alerts_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key_addresses" ADD CONSTRAINT "api_key_addresses_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
