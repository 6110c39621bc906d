-- CreateTable
CREATE TABLE "audit_saved_searches" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_saved_searches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_saved_searches_org_id_user_id_idx" ON "audit_saved_searches"("org_id", "user_id");

-- CreateIndex
CREATE INDEX "audit_saved_searches_org_id_shared_idx" ON "audit_saved_searches"("org_id", "shared");

-- AddForeignKey
ALTER TABLE "audit_saved_searches" ADD CONSTRAINT "audit_saved_searches_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_saved_searches" ADD CONSTRAINT "audit_saved_searches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
