// A Verity webhook receiver in TypeScript on Node's http module, verifying every delivery with the
// official Standard Webhooks library: npm install standardwebhooks
import http from "node:http";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

/** What Verity sends: an audit entry as exported, with its event type. */
export type VerityEvent = {
  type: string; // "member.invited", "webhook.test", …
  timestamp: string; // when the event happened (ISO 8601)
  data: Record<string, unknown>; // the audit entry: id, seq, action, actor, target, metadata, hash, …
};

export function verityWebhookHandler({
  secret, // the endpoint's signing secret, whsec_…
  handleEvent,
  alreadyHandled = new Set<string>(), // use your database in production
}: {
  secret: string;
  handleEvent: (event: VerityEvent, webhookId: string) => Promise<void>;
  alreadyHandled?: Set<string>;
}): http.RequestListener {
  const webhook = new Webhook(secret);

  return async (request, response) => {
    if (request.method !== "POST") return void response.writeHead(405, { allow: "POST" }).end();

    // 1. The raw body, byte for byte: the signature covers these exact bytes, so never verify
    //    JSON that was parsed and serialized again (key order, spacing and escapes would differ).
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 1_000_000) return void response.writeHead(413).end();
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks).toString("utf8");

    // 2. Verify the signature and the timestamp (older than 5 minutes is refused: no replays).
    //    During a secret rotation the header carries one signature per secret; either one passes.
    const headers = {
      "webhook-id": String(request.headers["webhook-id"] ?? ""),
      "webhook-timestamp": String(request.headers["webhook-timestamp"] ?? ""),
      "webhook-signature": String(request.headers["webhook-signature"] ?? ""),
    };
    let event: VerityEvent;
    try {
      event = webhook.verify(body, headers) as VerityEvent;
    } catch (error) {
      if (error instanceof WebhookVerificationError) return void response.writeHead(400).end("invalid signature");
      throw error;
    }

    // 3. At least once: a retry carries the same webhook-id, so handle each id once.
    const webhookId = headers["webhook-id"];
    if (!alreadyHandled.has(webhookId)) {
      try {
        await handleEvent(event, webhookId);
        alreadyHandled.add(webhookId);
      } catch {
        return void response.writeHead(500).end(); // Verity retries later
      }
    }

    // 4. Answer 2xx quickly (within 15 s); do slow work after answering.
    response.writeHead(204).end();
  };
}

// Start it:
//   const server = http.createServer(
//     verityWebhookHandler({
//       secret: process.env.VERITY_WEBHOOK_SECRET!,
//       handleEvent: async (event) => console.log(event.type, event.data.id),
//     }),
//   );
//   server.listen(8080);
