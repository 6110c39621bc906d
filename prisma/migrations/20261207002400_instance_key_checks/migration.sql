-- CreateTable
CREATE TABLE "instance_key_checks" (
    "name" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instance_key_checks_pkey" PRIMARY KEY ("name")
);
