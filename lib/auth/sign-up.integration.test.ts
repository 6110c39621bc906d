import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { signUp } from "@/lib/auth/sign-up";
import type { Db } from "@/lib/db/client";
import { isPostgres, testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";

/**
 * Sign-ups racing on one organization name or one address: only real concurrent connections can
 * show it, so this runs on PostgreSQL. Another connection holds the conflicting row uncommitted, so
 * the sign-up's insert waits on it and loses deterministically when it commits.
 */
describe.skipIf(!isPostgres())("sign-ups racing on PostgreSQL", () => {
  let db: Db;
  beforeAll(async () => {
    db = testDb();
    await createOwner(); // not the instance's first account
  });

  let ipSuffix = 10;
  const person = (overrides: Record<string, string> = {}) => {
    const tag = randomUUID().slice(0, 8);
    return {
      name: `Racer ${tag}`,
      email: `racer-${tag}@example.test`,
      password: `a long passphrase ${tag}`,
      organizationName: `Racers ${tag}`,
      ...overrides,
    };
  };
  const context = () => ({ ...testContext, ip: `192.0.2.${ipSuffix++}` });

  /** Runs `statement` in a transaction on its own connection, and commits it once `signUpPromise` waits on its lock. */
  async function commitWhileSignUpWaits<T>(statement: [string, unknown[]], start: () => Promise<T>): Promise<T> {
    const other = new pg.Client({ connectionString: inject("databaseUrl") });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(...statement);
      const pending = start();
      pending.catch(() => {}); // awaited below; a rejection before then is not unhandled
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { rows } = await other.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].n > 0) break;
        if (Date.now() > deadline) throw new Error("the sign-up never waited on the uncommitted row");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await other.query("COMMIT");
      return await pending;
    } finally {
      await other.end();
    }
  }

  it("gives the loser of a race for an organization's address another slug, instead of saying its email exists", async () => {
    const racer = person();
    const slug = racer.organizationName.toLowerCase().replace(/ /g, "-");
    const outcome = await commitWhileSignUpWaits(
      ["INSERT INTO organizations (id, slug, name) VALUES (gen_random_uuid(), $1, $2)", [slug, racer.organizationName]],
      () => signUp({ input: racer, context: context() }),
    );
    expect(outcome).toEqual({ status: "confirm_email", email: racer.email });
    const user = await db.user.findUniqueOrThrow({
      where: { email: racer.email },
      include: { memberships: { include: { org: true } } },
    });
    expect(user.memberships.map((m) => m.org.slug)).toEqual([
      expect.stringMatching(new RegExp(`^${slug}-[0-9a-f]{6}$`)),
    ]);
    expect(await db.mailMessage.count({ where: { to: racer.email, kind: "email_verification" } })).toBe(1);
  });

  it("answers the loser of a race for an address like any sign-up, and tells the address's owner", async () => {
    const racer = person();
    const outcome = await commitWhileSignUpWaits(
      [
        "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES (gen_random_uuid(), $1, 'First', 'x', now())",
        [racer.email],
      ],
      () => signUp({ input: racer, context: context() }),
    );
    expect(outcome).toEqual({ status: "confirm_email", email: racer.email });
    expect(await db.user.findUniqueOrThrow({ where: { email: racer.email } })).toMatchObject({ name: "First" });
    expect(await db.organization.count({ where: { name: racer.organizationName } })).toBe(0);
    expect(await db.mailMessage.findMany({ where: { to: racer.email }, select: { kind: true } })).toEqual([
      { kind: "sign_up_existing_account" },
    ]);
  });

  it("lets eight sign-ups with one organization name at the same instant all succeed, each with its own slug", async () => {
    const organizationName = `Same Name ${randomUUID().slice(0, 6)}`;
    const racers = Array.from({ length: 8 }, () => person({ organizationName }));
    const outcomes = await Promise.all(racers.map((racer) => signUp({ input: racer, context: context() })));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(8).fill("confirm_email"));
    const orgs = await db.organization.findMany({ where: { name: organizationName }, select: { slug: true } });
    expect(new Set(orgs.map((org) => org.slug)).size).toBe(8);
  });
});
