-- CreateTable
CREATE TABLE "api_key_requests" (
    "id" BIGSERIAL NOT NULL,
    "org_id" UUID NOT NULL,
    "key_id" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" SMALLINT NOT NULL,
    "ip" INET,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_key_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "api_key_requests_key_id_at_idx" ON "api_key_requests"("key_id", "at" DESC);

-- CreateIndex
CREATE INDEX "api_key_requests_at_idx" ON "api_key_requests"("at");

-- AddForeignKey
ALTER TABLE "api_key_requests" ADD CONSTRAINT "api_key_requests_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
