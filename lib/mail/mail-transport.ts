import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

export type OutgoingMail = { to: string; subject: string; text: string };
/** Sends one message or throws. Injected in tests; SMTP in production. */
export type MailSender = (mail: OutgoingMail) => Promise<void>;

export const DEFAULT_MAIL_FROM = "Verity <no-reply@verity.local>";

/** Mail leaves the building only when an SMTP server is configured; otherwise it waits in the outbox. */
export function smtpConfigured(): boolean {
  return !!process.env.SMTP_URL?.trim();
}

let transporter: { url: string; transport: Transporter } | undefined;

/**
 * Delivery holds a row lock (and, on the embedded database, the only transaction slot) while it
 * talks to the server, so a hanging server must fail fast. nodemailer's own defaults wait minutes;
 * these apply unless SMTP_URL's query string sets them.
 */
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

function withTimeouts(url: string): string {
  const parsed = new URL(url);
  for (const [name, ms] of Object.entries(TIMEOUTS_MS))
    if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, String(ms));
  return parsed.toString();
}

function smtpTransport(): Transporter {
  const url = process.env.SMTP_URL?.trim();
  if (!url) throw new Error("SMTP_URL is not set");
  // One pooled transport per process, rebuilt only if the configuration changes (tests).
  if (transporter?.url !== url) transporter = { url, transport: nodemailer.createTransport(withTimeouts(url)) };
  return transporter.transport;
}

export const smtpSender: MailSender = async ({ to, subject, text }) => {
  await smtpTransport().sendMail({ from: process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM, to, subject, text });
};

/**
 * What went wrong, fit to store in lastError and to log: the SMTP error code and reply status, and
 * the message with any URL removed, since a connection URL carries the SMTP password.
 */
export function describeSendError(error: unknown): string {
  const { code, responseCode, message } = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const parts = [
    typeof code === "string" ? code : null,
    typeof responseCode === "number" ? String(responseCode) : null,
    typeof message === "string" ? message.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[url]") : "unknown error",
  ];
  return parts.filter(Boolean).join(" ").slice(0, 500);
}
