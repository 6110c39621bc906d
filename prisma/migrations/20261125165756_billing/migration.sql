-- CreateTable
CREATE TABLE "billing_accounts" (
    "org_id" UUID NOT NULL,
    "plan" TEXT NOT NULL DEFAULT 'free',
    "seats" INTEGER NOT NULL DEFAULT 3,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6) NOT NULL,
    "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
    "provider" TEXT NOT NULL DEFAULT 'local',
    "provider_customer_id" TEXT,
    "last_invoice_number" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_accounts_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "billing_changes" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL,
    "plan" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,

    CONSTRAINT "billing_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_methods" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_ref" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" CHAR(4) NOT NULL,
    "exp_month" INTEGER NOT NULL,
    "exp_year" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(6),

    CONSTRAINT "payment_methods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_counters" (
    "org_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_counters_pkey" PRIMARY KEY ("org_id","metric","day")
);

-- CreateTable
CREATE TABLE "invoices" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "lines" JSONB NOT NULL,
    "total_cents" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'issued',
    "issued_at" TIMESTAMPTZ(6) NOT NULL,
    "paid_at" TIMESTAMPTZ(6),
    "provider_ref" TEXT,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "billing_changes_org_id_at_idx" ON "billing_changes"("org_id", "at");

-- CreateIndex
CREATE INDEX "payment_methods_org_id_created_at_idx" ON "payment_methods"("org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_org_id_number_key" ON "invoices"("org_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_org_id_period_start_key" ON "invoices"("org_id", "period_start");

-- AddForeignKey
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every organization has a billing account from the start: older ones get a Free account whose
-- first period starts now.
INSERT INTO "billing_accounts" ("org_id", "plan", "seats", "period_start", "period_end", "updated_at")
SELECT "id", 'free', 3, date_trunc('day', now()), date_trunc('day', now()) + interval '1 month', now()
  FROM "organizations"
ON CONFLICT DO NOTHING;

-- An issued invoice is a record: only its payment status (and when it was paid, and the provider's
-- reference) may change; it is never deleted.
CREATE FUNCTION "invoices_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoices are immutable: invoice % cannot be deleted', OLD."number";
  END IF;
  IF NEW."org_id" IS DISTINCT FROM OLD."org_id" OR NEW."number" IS DISTINCT FROM OLD."number"
     OR NEW."period_start" IS DISTINCT FROM OLD."period_start" OR NEW."period_end" IS DISTINCT FROM OLD."period_end"
     OR NEW."currency" IS DISTINCT FROM OLD."currency" OR NEW."lines" IS DISTINCT FROM OLD."lines"
     OR NEW."total_cents" IS DISTINCT FROM OLD."total_cents" OR NEW."issued_at" IS DISTINCT FROM OLD."issued_at" THEN
    RAISE EXCEPTION 'invoices are immutable: only the payment status of invoice % may change', OLD."number";
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "invoices_immutable" BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION "invoices_immutable"();
