import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { completePasswordReset, requestPasswordReset } from "@/lib/auth/password-reset";
import type { Db } from "@/lib/db/client";
import { enqueueMail } from "@/lib/mail";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";

const verity = fileURLToPath(new URL("./verity.mjs", import.meta.url));

/** The real `verity outbox`, in its own process, on the test database (its bodies opened with the same key file). */
async function verityOutbox(...args: string[]): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SMTP_URL;
  return promisify(execFile)(process.execPath, [verity, "outbox", ...args], { env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

let db: Db;
beforeAll(() => {
  db = testDb();
  delete process.env.SMTP_URL;
  process.env.NEXTAUTH_URL = "https://verity.example.test";
});

describe("verity outbox", () => {
  it("shows the operator each waiting message with its working link, and nothing whose link has expired", async () => {
    const { user } = await createOwner();
    const email = user.email.toUpperCase(); // the recipient as the operator may type it
    await db.$transaction((tx) =>
      enqueueMail(tx, {
        to: user.email,
        subject: "An expired link",
        text: "https://verity.example.test/old",
        kind: "test_message",
        linksExpireAt: new Date(Date.now() - 1000),
      }),
    );
    await requestPasswordReset({ input: { email: user.email }, context: testContext });

    const { code, stdout } = await verityOutbox("--to", email);
    expect(code).toBe(0);
    expect(stdout).toContain(`To:       ${user.email}`);
    expect(stdout).toContain("Subject:  Reset your Verity password");
    expect(stdout).not.toContain("An expired link");
    const token = /^Link: +https:\/\/verity\.example\.test\/reset-password\?token=([A-Za-z0-9_-]+)$/m.exec(stdout)?.[1];
    expect(token, "the reset link is printed").toBeDefined();
    const password = "chosen from the terminal 42";
    await expect(
      completePasswordReset({ input: { token, password, confirmPassword: password }, context: testContext }),
    ).resolves.toEqual({ email: user.email });
  }, 60_000);

  it("says so when nothing is waiting for an address", async () => {
    const { code, stdout } = await verityOutbox("--to", "nobody-at-all@example.test");
    expect(code).toBe(0);
    expect(stdout.trim()).toBe("No mail is waiting for nobody-at-all@example.test.");
  }, 60_000);
});
