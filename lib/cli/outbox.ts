import { parseArgs } from "node:util";
import { withDatabase } from "./database";

const say = (line: string) => process.stdout.write(`${line}\n`);
const utc = (at: Date) => `${at.toISOString().replace("T", " ").slice(0, 19)} UTC`;
const LINK = /https?:\/\/\S+/g;

/**
 * `verity outbox`: the mail waiting in the outbox, for the operator of an instance without SMTP,
 * who reads it on the server (the bodies are sealed; this process opens them with the instance's
 * encryption key) and passes each link to its recipient.
 */
export async function outbox(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      to: { type: "string" },
      limit: { type: "string", default: "20" },
      full: { type: "boolean", default: false },
    },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    process.stderr.write("verity outbox: --limit must be a whole number from 1 to 1000\n");
    return 2;
  }
  return withDatabase(async () => {
    const [{ getDb }, { listOutboxMessages, smtpConfigured }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/mail"),
    ]);
    const messages = await listOutboxMessages({ db: getDb(), waitingOnly: true, to: values.to, limit });
    if (messages.length === 0) {
      say(values.to ? `No mail is waiting for ${values.to}.` : "No mail is waiting.");
      return 0;
    }
    say(
      `${messages.length} message(s) waiting, newest first.` +
        (smtpConfigured() ? " SMTP_URL is set: these have not been delivered yet." : ""),
    );
    say("Links are single-use bearer credentials: hand each one to its recipient only.");
    let unreadable = 0;
    for (const message of messages) {
      say("");
      say(`To:       ${message.to}`);
      say(`Subject:  ${message.subject}`);
      say(`Kind:     ${message.kind}`);
      say(`Queued:   ${utc(message.createdAt)}; erased at ${utc(message.bodyExpiresAt!)}`);
      if (message.text === null) {
        unreadable++;
        say("Body:     cannot be opened with this VERITY_ENCRYPTION_KEY (is it the key the server uses?)");
      } else if (values.full) {
        say("Body:");
        for (const line of message.text.split("\n")) say(`  ${line}`);
      } else {
        const links = message.text.match(LINK) ?? [];
        say(
          links.length ? links.map((link) => `Link:     ${link}`).join("\n") : "Link:     none (--full shows the body)",
        );
      }
    }
    return unreadable ? 1 : 0;
  });
}
