import "server-only";
import type { Db } from "@/lib/db/client";
import { openMailBody } from "./mail-body";
import { smtpConfigured } from "./mail-transport";

/**
 * The outbox page shows every message, reset links included, to anyone who can reach it: a
 * development aid for machines without a mail server. It exists only when no SMTP server is
 * configured, and only outside production unless VERITY_LOCAL_OUTBOX=1 says this is a local run
 * (the browser tests run a production build). `verity outbox` shows the same to the operator.
 */
export function localOutboxEnabled(): boolean {
  if (smtpConfigured()) return false;
  return process.env.NODE_ENV !== "production" || process.env.VERITY_LOCAL_OUTBOX === "1";
}

/** Why a message has no body to show. */
export type MissingBody = "delivered" | "expired" | "unreadable";

export type OutboxMessage = {
  id: string;
  to: string;
  subject: string;
  kind: string;
  createdAt: Date;
  sentAt: Date | null;
  /** When the body will be erased; null once it is. */
  bodyExpiresAt: Date | null;
  /** The unsealed body, or null with the reason in `missingBody`. */
  text: string | null;
  missingBody: MissingBody | null;
};

type ListOptions = {
  db: Db;
  limit?: number;
  /** Only messages not yet sent whose body can still be read: what is waiting for someone. */
  waitingOnly?: boolean;
  to?: string;
  kind?: string;
  now?: Date;
};

/**
 * The most recent messages, newest first, with their bodies unsealed. A body past its expiry is
 * not shown even if the worker has not erased it yet.
 */
export async function listOutboxMessages({
  db,
  limit = 50,
  waitingOnly = false,
  to,
  kind,
  now = new Date(),
}: ListOptions): Promise<OutboxMessage[]> {
  const rows = await db.mailMessage.findMany({
    where: {
      ...(to === undefined ? {} : { to: { equals: to, mode: "insensitive" } }),
      ...(kind === undefined ? {} : { kind }),
      ...(waitingOnly ? { sentAt: null, sealedText: { not: null }, bodyExpiresAt: { gt: now } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      to: true,
      subject: true,
      kind: true,
      createdAt: true,
      sentAt: true,
      bodyExpiresAt: true,
      sealedText: true,
    },
  });
  return Promise.all(
    rows.map(async ({ sealedText, ...row }) => {
      const live = sealedText !== null && row.bodyExpiresAt !== null && row.bodyExpiresAt > now;
      const text = live ? await openMailBody(db, row.id, sealedText) : null;
      const missingBody: MissingBody | null =
        text !== null ? null : live ? "unreadable" : row.sentAt ? "delivered" : "expired";
      return { ...row, text, missingBody };
    }),
  );
}
