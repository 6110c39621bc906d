-- Why a session was ended, when the person it belonged to should be told on their next visit:
-- 'admin' (an owner or admin ended a member's sessions), 'removed' (removed from their only organization).
ALTER TABLE "sessions" ADD COLUMN "revoked_reason" TEXT;
