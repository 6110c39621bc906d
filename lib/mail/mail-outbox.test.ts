import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import {
  deliverPendingMail,
  enqueueMail,
  eraseExpiredMailBodies,
  listOutboxMessages,
  localOutboxEnabled,
  MAIL_BODY_MAX_AGE_MS,
  MAX_DELIVERY_ATTEMPTS,
  type OutgoingMail,
  type TMailMessage,
} from "@/lib/mail";
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

const message = (subject = `hello ${randomUUID()}`) => ({
  to: "ada@example.test",
  subject,
  text: "body",
  kind: "test_message",
});
const enqueue = (subject?: string) => db.$transaction((tx) => enqueueMail(tx, message(subject)));
const enqueueWith = (fields: Partial<TMailMessage>, now?: Date) =>
  db.$transaction((tx) => enqueueMail(tx, { ...message(), ...fields }, now));
const rowOf = (id: string) => db.mailMessage.findUniqueOrThrow({ where: { id } });
const shown = async (id: string, now?: Date) =>
  (await listOutboxMessages({ db, limit: 1000, now })).find((mail) => mail.id === id);
/** The whole outbox table as a database dump would show it: every row, every column. */
const outboxDump = async () =>
  (await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(m)::text AS row FROM mail_outbox m`)
    .map(({ row }) => row)
    .join("\n");
const HOUR = 60 * 60 * 1000;

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
    const error = await db
      .$transaction((tx) => enqueueMail(tx, { ...message(), to: "not an address" }))
      .catch((e) => e);
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
      // The delivered body (which may carry a single-use link) is not kept, even sealed.
      expect(row).toMatchObject({ sealedText: null, bodyExpiresAt: null });
      expect(await shown(id)).toMatchObject({ text: null, missingBody: "delivered" });
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

  it("stores every body sealed: a database reader finds no trace of it, while the outbox shows it", async () => {
    const secret = randomUUID();
    const text = `Open https://verity.example.test/welcome?token=${secret} to continue.`;
    const { id } = await enqueueWith({ text });
    const dump = await outboxDump();
    for (const piece of [secret, secret.replaceAll("-", ""), "welcome?token", "to continue"])
      expect(dump).not.toContain(piece);
    expect(await shown(id)).toMatchObject({ text, missingBody: null, subject: expect.stringMatching(/^hello /) });
  });

  it("opens a sealed body only on its own message: one copied onto another is neither shown nor sent", async () => {
    const original = await enqueueWith({ text: "the original body" });
    const copy = await enqueueWith({ to: "mallory@example.test", text: "decoy" });
    await db.$executeRaw`UPDATE mail_outbox SET sealed_text = (SELECT sealed_text FROM mail_outbox WHERE id = ${original.id}::uuid)
                          WHERE id = ${copy.id}::uuid`;
    expect(await shown(copy.id)).toMatchObject({ text: null, missingBody: "unreadable" });

    const sent: OutgoingMail[] = [];
    await deliverPendingMail({ db, limit: 1000, send: async (mail) => void sent.push(mail) });
    expect(sent.filter((mail) => mail.text === "the original body").map((mail) => mail.to)).toEqual([
      "ada@example.test",
    ]);
    expect(sent.map((mail) => mail.to)).not.toContain("mallory@example.test");
    expect(await rowOf(copy.id)).toMatchObject({
      sentAt: null,
      attempts: 1,
      lastError: expect.stringContaining("cannot be opened"),
    });
    expect((await rowOf(original.id)).sentAt).not.toBeNull();
  });

  it("erases a body once its links have expired, and after 7 days at most, delivered or not", async () => {
    const now = new Date(Date.now() + 1000 * HOUR); // later than every other test's mail, whose bodies the sweeps below erase too
    const shortLived = await enqueueWith({ linksExpireAt: new Date(now.getTime() + HOUR) }, now);
    const longLived = await enqueueWith({ linksExpireAt: new Date(now.getTime() + 30 * 24 * HOUR) }, now);
    const noLinks = await enqueueWith({}, now);
    expect((await rowOf(shortLived.id)).bodyExpiresAt).toEqual(new Date(now.getTime() + HOUR));
    expect((await rowOf(longLived.id)).bodyExpiresAt).toEqual(new Date(now.getTime() + MAIL_BODY_MAX_AGE_MS));
    expect((await rowOf(noLinks.id)).bodyExpiresAt).toEqual(new Date(now.getTime() + MAIL_BODY_MAX_AGE_MS));

    // Past its expiry a body is not shown, even before the worker has erased it.
    expect(await shown(shortLived.id, new Date(now.getTime() + HOUR))).toMatchObject({
      text: null,
      missingBody: "expired",
    });
    await eraseExpiredMailBodies({ db, now: new Date(now.getTime() + HOUR) });
    expect(await rowOf(shortLived.id)).toMatchObject({
      sealedText: null,
      bodyExpiresAt: null,
      sentAt: null,
      subject: expect.any(String),
      to: "ada@example.test",
    });
    expect((await rowOf(longLived.id)).sealedText).not.toBeNull();
    await eraseExpiredMailBodies({ db, now: new Date(now.getTime() + MAIL_BODY_MAX_AGE_MS) });
    for (const { id } of [longLived, noLinks])
      expect(await rowOf(id)).toMatchObject({ sealedText: null, bodyExpiresAt: null });
  });

  it("does not send a body whose links have already expired", async () => {
    const { id } = await enqueueWith({ linksExpireAt: new Date(Date.now() - 1000) });
    const sent: OutgoingMail[] = [];
    await deliverPendingMail({ db, limit: 1000, send: async (mail) => void sent.push(mail) });
    expect(await rowOf(id)).toMatchObject({ sentAt: null, attempts: 0 });
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
