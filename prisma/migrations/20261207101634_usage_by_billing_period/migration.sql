-- Usage is counted per billing period, not only per UTC day: a period that starts or ends during a day
-- (every period does: they start at sign-up time) split that day's counts wrongly, so the billing screen and
-- the invoice disagreed and a day's events reappeared on the next invoice.
ALTER TABLE "usage_counters" ADD COLUMN "period_start" TIMESTAMPTZ(6);

-- Existing counts: the boundary day and later belong to the current period (where the billing screen showed
-- them); earlier days were invoiced already and keep their day as a period key of their own.
UPDATE "usage_counters" u
   SET "period_start" = CASE
         WHEN b."period_start" IS NOT NULL AND u."day" >= (b."period_start" AT TIME ZONE 'UTC')::date THEN b."period_start"
         ELSE u."day"::timestamp AT TIME ZONE 'UTC'
       END
  FROM (SELECT o."id" AS org_id, a."period_start" FROM "organizations" o
          LEFT JOIN "billing_accounts" a ON a."org_id" = o."id") b
 WHERE b.org_id = u."org_id";
UPDATE "usage_counters" SET "period_start" = "day"::timestamp AT TIME ZONE 'UTC' WHERE "period_start" IS NULL;

ALTER TABLE "usage_counters" ALTER COLUMN "period_start" SET NOT NULL,
DROP CONSTRAINT "usage_counters_pkey",
ADD CONSTRAINT "usage_counters_pkey" PRIMARY KEY ("org_id", "period_start", "metric", "day");
