-- A key created by a key through the API names its parent: it is never broader than it and dies with it.
ALTER TABLE "api_keys" ADD COLUMN "created_by_key_id" UUID;
CREATE INDEX "api_keys_created_by_key_id_idx" ON "api_keys"("created_by_key_id");
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_key_id_fkey" FOREIGN KEY ("created_by_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Stored Idempotency-Key answers belong to the API key that made the request, so one key never
-- replays another's. Rows already stored (24 hours at most) are kept for the key that made them: the
-- only idempotent operation (ingest) stores the recorded entry, whose actor is that key. A row that
-- names no key of its organization cannot be attributed and is dropped (a retry of it runs again).
ALTER TABLE "idempotency_keys" ADD COLUMN "api_key_id" UUID;
UPDATE "idempotency_keys" AS i
   SET "api_key_id" = k."id"
  FROM "api_keys" AS k
 WHERE i."response"->'actor'->>'type' = 'api_key'
   AND i."response"->'actor'->>'id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
   AND k."id" = (i."response"->'actor'->>'id')::uuid
   AND k."org_id" = i."org_id";
DELETE FROM "idempotency_keys" WHERE "api_key_id" IS NULL;
ALTER TABLE "idempotency_keys" ALTER COLUMN "api_key_id" SET NOT NULL;
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_pkey",
  ADD CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("org_id", "api_key_id", "key");
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
