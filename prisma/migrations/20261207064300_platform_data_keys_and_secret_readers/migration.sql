-- CreateTable
CREATE TABLE "platform_data_keys" (
    "id" UUID NOT NULL,
    "kek_id" TEXT NOT NULL,
    "wrapped_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(6),

    CONSTRAINT "platform_data_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "platform_data_keys_kek_id_idx" ON "platform_data_keys"("kek_id");

-- CreateTable
CREATE TABLE "secret_readers" (
    "secret_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "reader_type" TEXT NOT NULL,
    "reader_id" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "secret_readers_pkey" PRIMARY KEY ("secret_id","reader_type","reader_id")
);

-- AddForeignKey
ALTER TABLE "secret_readers" ADD CONSTRAINT "secret_readers_secret_id_fkey" FOREIGN KEY ("secret_id") REFERENCES "secrets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
