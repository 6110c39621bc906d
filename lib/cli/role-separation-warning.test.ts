import { describe, expect, it } from "vitest";
import { roleSeparationWarning } from "./role-separation-warning";

const app = "postgresql://verity_app:secret@db.example.com:5432/verity";
const owner = "postgresql://verity_owner:other@db.example.com:5432/verity";

describe("the start-up note about database roles", () => {
  it("warns with one URL: the application's role owns the log", () => {
    expect(roleSeparationWarning({ DATABASE_URL: app }, false)).toMatch(/only as protected as that role/);
  });

  it("warns when the owner URL names the same role", () => {
    const sameRole = "postgresql://verity_app:secret@replica.example.com/verity";
    expect(roleSeparationWarning({ DATABASE_URL: app, DATABASE_OWNER_URL: sameRole }, false)).toMatch(
      /only as protected/,
    );
  });

  it("warns on the embedded database, which has one role", () => {
    expect(roleSeparationWarning({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5433/x" }, true)).toMatch(
      /embedded database has one role/,
    );
  });

  it("says nothing when a separate owner role migrates", () => {
    expect(roleSeparationWarning({ DATABASE_URL: app, DATABASE_OWNER_URL: owner }, false)).toBeNull();
  });

  it("never prints a password", () => {
    expect(roleSeparationWarning({ DATABASE_URL: app }, false)).not.toContain("secret");
  });
});
