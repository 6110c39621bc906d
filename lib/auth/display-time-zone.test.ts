import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { displayTimeZoneFor, setDisplayTimeZone, ZDisplayTimeZone } from "./display-time-zone";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const principalOf = (owner: Awaited<ReturnType<typeof createOwner>>) => ({
  type: "user" as const,
  userId: owner.user.id,
  sessionId: "s",
  email: owner.user.email,
  name: owner.user.name,
});

describe("the time zone a person reads the trail in", () => {
  it("is kept for the person, so any browser shows it; a browser's old cookie counts only until they choose", async () => {
    const owner = await createOwner();
    const other = await createOwner();
    expect(await displayTimeZoneFor(db, owner.user.id, undefined)).toBe("UTC");
    expect(await displayTimeZoneFor(db, owner.user.id, "Europe/Paris")).toBe("Europe/Paris");
    expect(await displayTimeZoneFor(db, owner.user.id, "Mars/Olympus")).toBe("UTC");

    const entriesBefore = await db.auditEntry.count({ where: { orgId: owner.org.id } });
    await setDisplayTimeZone({
      principal: principalOf(owner),
      input: ZDisplayTimeZone.parse({ zone: "America/New_York" }),
    });
    // Another browser (no cookie) and one with an older choice both read the person's.
    expect(await displayTimeZoneFor(db, owner.user.id, undefined)).toBe("America/New_York");
    expect(await displayTimeZoneFor(db, owner.user.id, "Europe/Paris")).toBe("America/New_York");
    expect(await displayTimeZoneFor(db, other.user.id, undefined)).toBe("UTC");
    // Choosing UTC again is a choice too: the old cookie no longer wins.
    await setDisplayTimeZone({ principal: principalOf(owner), input: { zone: "UTC" } });
    expect(await displayTimeZoneFor(db, owner.user.id, "Europe/Paris")).toBe("UTC");
    // A view preference: nothing is recorded in the trail.
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id } })).toBe(entriesBefore);
  });

  it("accepts only zones Intl knows", () => {
    expect(ZDisplayTimeZone.safeParse({ zone: "Mars/Olympus" }).success).toBe(false);
    expect(ZDisplayTimeZone.safeParse({ zone: "'; drop table users" }).success).toBe(false);
    expect(ZDisplayTimeZone.safeParse({ zone: "Asia/Tokyo", extra: 1 }).success).toBe(false);
    expect(ZDisplayTimeZone.parse({ zone: "Asia/Tokyo" })).toEqual({ zone: "Asia/Tokyo" });
  });
});
