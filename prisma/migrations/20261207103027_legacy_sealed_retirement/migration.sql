-- CreateTable
CREATE TABLE "legacy_sealed_retirement" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "retired_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "legacy_sealed_retirement_pkey" PRIMARY KEY ("id")
);

-- One row at most: the marker is a fact about the whole database.
ALTER TABLE "legacy_sealed_retirement" ADD CONSTRAINT "legacy_sealed_retirement_one_row" CHECK ("id");
