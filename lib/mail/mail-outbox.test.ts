import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { DELIVERED_BODY, deliverPendingMail, enqueueMail, localOutboxEnabled, MAX_DELIVERY_ATTEMPTS, type OutgoingMail } from "@/lib/mail";
import { testDb } from "@/lib/testing/database";

let db: Db;
beforeAll(() => {
  db = testDb();
});
const savedEnv = { ...process.env };
afterEach(() => {
  for (const name of ["SMTP_URL", "VERITY_LOCAL_OUTBOX", "NODE_ENV"]) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

const message = (subject = `hello ${randomUUID()}`) => ({ to: "ada@example.test", subject, text: "body", kind: "test_message" });
const enqueue = (subject?: string) => db.$transaction((tx) => enqueueMail(tx, message(subject)));
const rowOf = (id: string) => db.mailMessage.findUniqueOrThrow({ where: { id } });

describe("the mail outbox", () => {
  it("writes a message only if the caller's transaction commits", async () => {
    const subject = `rolled back ${randomUUID()}`;
    await expect(
      db.$transaction(async (tx) => {
        await enqueueMail(tx, message(subject));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.mailMessage.count({ where: { subject } })).toBe(0);
  });

  it("refuses a malformed message and writes nothing", async () => {
    const before = await db.mailMessage.count();
    const error = await db.$transaction((tx) => enqueueMail(tx, { ...message(), to: "not an address" })).catch((e) => e);
    expect(error).toBeInstanceOf(z.ZodError);
    expect(await db.mailMessage.count()).toBe(before);
  });

  it("delivers waiting messages once each, even with two deliveries running at the same time", async () => {
    const ids = [(await enqueue()).id, (await enqueue()).id, (await enqueue()).id];
    const sent: OutgoingMail[] = [];
    const send = async (mail: OutgoingMail) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sent.push(mail);
    };
    await Promise.all([deliverPendingMail({ db, limit: 100, send }), deliverPendingMail({ db, limit: 100, send })]);
    for (const id of ids) {
      const row = await rowOf(id);
      expect(row).toMatchObject({ attempts: 1, lastError: null });
      expect(row.sentAt).not.toBeNull();
      expect(sent.filter((mail) => mail.subject === row.subject)).toHaveLength(1);
      // The delivered body (which may carry a single-use link) is not kept.
      expect(row.text).toBe(DELIVERED_BODY);
      expect(sent.find((mail) => mail.subject === row.subject)?.text).toBe("body");
    }
    expect(await deliverPendingMail({ db, send })).toEqual({ sent: 0, failed: 0 });
  });

  it("records a failed send without the SMTP password, and gives up after the last attempt", async () => {
    process.env.SMTP_URL = "smtp://mailer:hunter2-secret@127.0.0.1:1"; // nothing listens on port 1: refused at once
    const { id } = await enqueue();
    const report = await deliverPendingMail({ db, limit: 100 });
    expect(report.failed).toBeGreaterThanOrEqual(1);
    const row = await rowOf(id);
    expect(row).toMatchObject({ attempts: 1, sentAt: null });
    expect(row.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(row.lastError).not.toContain("hunter2");

    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS + 2; i++) await deliverPendingMail({ db, limit: 100 });
    expect((await rowOf(id)).attempts).toBe(MAX_DELIVERY_ATTEMPTS);
  });

  it("shows the local outbox only without SMTP, and in production only when asked to", () => {
    const env = process.env as Record<string, string | undefined>;
    delete env.SMTP_URL;
    env.NODE_ENV = "development";
    expect(localOutboxEnabled()).toBe(true);
    env.NODE_ENV = "production";
    expect(localOutboxEnabled()).toBe(false);
    env.VERITY_LOCAL_OUTBOX = "1";
    expect(localOutboxEnabled()).toBe(true);
    env.SMTP_URL = "smtp://127.0.0.1:25";
    expect(localOutboxEnabled()).toBe(false);
  });
});
