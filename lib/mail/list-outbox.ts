import "server-only";
import type { Db } from "@/lib/db";
import { smtpConfigured } from "./mail-transport";

/**
 * The outbox page shows every message, reset links included, to anyone who can reach it: a
 * development aid for machines without a mail server. It exists only when no SMTP server is
 * configured, and only outside production unless VERITY_LOCAL_OUTBOX=1 says this is a local run
 * (the browser tests run a production build).
 */
export function localOutboxEnabled(): boolean {
  if (smtpConfigured()) return false;
  return process.env.NODE_ENV !== "production" || process.env.VERITY_LOCAL_OUTBOX === "1";
}

export type OutboxMessage = { id: string; to: string; subject: string; text: string; kind: string; createdAt: Date };

/** The most recent messages, newest first. */
export function listOutboxMessages({ db, limit = 50 }: { db: Db; limit?: number }): Promise<OutboxMessage[]> {
  return db.mailMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, to: true, subject: true, text: true, kind: true, createdAt: true },
  });
}
