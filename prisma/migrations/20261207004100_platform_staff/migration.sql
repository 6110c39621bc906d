-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "support_approval_required" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "platform_staff" (
    "user_id" UUID NOT NULL,
    "granted_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "granted_by" TEXT NOT NULL,

    CONSTRAINT "platform_staff_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "platform_trail" (
    "seq" BIGINT NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actor_display" TEXT NOT NULL,
    "target_user_id" UUID,
    "target_email" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "platform_trail_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "support_sessions" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "staff_user_id" UUID NOT NULL,
    "staff_email" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approval_needed" BOOLEAN NOT NULL,
    "approved_at" TIMESTAMPTZ(6),
    "approved_by" TEXT,
    "started_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "ended_at" TIMESTAMPTZ(6),
    "ended_by" TEXT,

    CONSTRAINT "support_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "support_sessions_staff_user_id_ended_at_idx" ON "support_sessions"("staff_user_id", "ended_at");

-- CreateIndex
CREATE INDEX "support_sessions_org_id_ended_at_idx" ON "support_sessions"("org_id", "ended_at");

-- AddForeignKey
ALTER TABLE "platform_staff" ADD CONSTRAINT "platform_staff_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The platform trail is append-only like every organization's trail (written by hand: the Prisma schema cannot
-- express triggers): the database refuses to change or remove a grant's or a revocation's record, whoever asks.
CREATE TRIGGER platform_trail_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "platform_trail"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();

CREATE TRIGGER platform_trail_no_truncate
  BEFORE TRUNCATE ON "platform_trail"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_are_append_only();
