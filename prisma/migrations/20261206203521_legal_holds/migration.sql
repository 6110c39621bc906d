-- CreateTable
CREATE TABLE "legal_holds" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "matter" TEXT NOT NULL,
    "scope_kind" TEXT NOT NULL,
    "scope_people" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "scope_from" TIMESTAMPTZ(6),
    "scope_until" TIMESTAMPTZ(6),
    "scope_query" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" TEXT NOT NULL,
    "created_by_display" TEXT NOT NULL,
    "released_at" TIMESTAMPTZ(6),
    "released_by_id" TEXT,
    "released_by_display" TEXT,
    "release_reason" TEXT,

    CONSTRAINT "legal_holds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "legal_holds_org_id_released_at_idx" ON "legal_holds"("org_id", "released_at");

-- AddForeignKey
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A legal hold is evidence of its own: never deleted, and changed only once, by its release (written by
-- hand: the Prisma schema cannot express triggers). Every role is held to it, the application's included.
CREATE FUNCTION verity_legal_hold_released_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'legal hold % cannot be deleted: release it instead', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.released_at IS NOT NULL THEN
    RAISE EXCEPTION 'legal hold % was released and cannot change', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.released_at IS NULL OR NEW.released_by_id IS NULL OR NEW.release_reason IS NULL
     OR (NEW.id, NEW.org_id, NEW.name, NEW.matter, NEW.scope_kind, NEW.scope_people, NEW.scope_from, NEW.scope_until,
         NEW.scope_query, NEW.created_at, NEW.created_by_id, NEW.created_by_display)
        IS DISTINCT FROM
        (OLD.id, OLD.org_id, OLD.name, OLD.matter, OLD.scope_kind, OLD.scope_people, OLD.scope_from, OLD.scope_until,
         OLD.scope_query, OLD.created_at, OLD.created_by_id, OLD.created_by_display) THEN
    RAISE EXCEPTION 'legal hold % may only be released (released_at, released_by_id, release_reason)', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER legal_holds_released_only
  BEFORE UPDATE OR DELETE ON "legal_holds"
  FOR EACH ROW EXECUTE FUNCTION verity_legal_hold_released_only();
