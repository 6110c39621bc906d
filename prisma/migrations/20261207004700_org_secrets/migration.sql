-- CreateTable
CREATE TABLE "org_data_keys" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "kek_id" TEXT NOT NULL,
    "wrapped_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(6),

    CONSTRAINT "org_data_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "secrets" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "current_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" TEXT NOT NULL,
    "created_by_display" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_display" TEXT NOT NULL,
    "last_revealed_at" TIMESTAMPTZ(6),
    "last_revealed_by" TEXT,
    "deleted_at" TIMESTAMPTZ(6),
    "deleted_by_display" TEXT,

    CONSTRAINT "secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "secret_versions" (
    "id" UUID NOT NULL,
    "secret_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "data_key_id" UUID NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_display" TEXT NOT NULL,

    CONSTRAINT "secret_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "secret_shares" (
    "id" UUID NOT NULL,
    "secret_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "user_id" TEXT,
    "role" "Role",
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_display" TEXT NOT NULL,

    CONSTRAINT "secret_shares_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "org_data_keys_org_id_retired_at_idx" ON "org_data_keys"("org_id", "retired_at");

-- CreateIndex
CREATE INDEX "org_data_keys_kek_id_idx" ON "org_data_keys"("kek_id");

-- CreateIndex
CREATE INDEX "secrets_deleted_at_idx" ON "secrets"("deleted_at");

-- CreateIndex
CREATE UNIQUE INDEX "secrets_org_id_name_key" ON "secrets"("org_id", "name");

-- CreateIndex
CREATE INDEX "secret_versions_org_id_data_key_id_idx" ON "secret_versions"("org_id", "data_key_id");

-- CreateIndex
CREATE UNIQUE INDEX "secret_versions_secret_id_version_key" ON "secret_versions"("secret_id", "version");

-- CreateIndex
CREATE INDEX "secret_shares_org_id_user_id_idx" ON "secret_shares"("org_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "secret_shares_secret_id_user_id_key" ON "secret_shares"("secret_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "secret_shares_secret_id_role_key" ON "secret_shares"("secret_id", "role");

-- AddForeignKey
ALTER TABLE "org_data_keys" ADD CONSTRAINT "org_data_keys_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "secret_versions" ADD CONSTRAINT "secret_versions_secret_id_fkey" FOREIGN KEY ("secret_id") REFERENCES "secrets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "secret_versions" ADD CONSTRAINT "secret_versions_data_key_id_fkey" FOREIGN KEY ("data_key_id") REFERENCES "org_data_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "secret_shares" ADD CONSTRAINT "secret_shares_secret_id_fkey" FOREIGN KEY ("secret_id") REFERENCES "secrets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
