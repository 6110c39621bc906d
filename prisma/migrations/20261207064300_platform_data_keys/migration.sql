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
