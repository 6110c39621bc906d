import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A Messages.json POST the stand-in received, as Twilio would read it. */
export type ReceivedTwilioMessage = { accountSid: string; basicAuth: string | null; form: Record<string, string> };

/** A failure the stand-in answers with instead of accepting: an HTTP status and Twilio's error code. */
export type TwilioFailure = { status: number; code: number; message: string };

export type TwilioStandIn = {
  url: string;
  received: ReceivedTwilioMessage[];
  /** Answers the next `times` sends with `failure` (then accepts again). */
  failNext: (failure: TwilioFailure, times?: number) => void;
  close: () => Promise<void>;
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;

/**
 * A loopback stand-in for Twilio's REST API (Programmable Messaging), answering as Twilio does: POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic auth with the Account SID and Auth Token, a form body
 * with To, From and Body; 201 with the message resource (sid SM…, status queued), 401 (code 20003) for bad
 * credentials, 400 (code 21604/21602) for a missing To or Body, 404 elsewhere. Only the one account it is given.
 */
export async function startTwilioStandIn({ accountSid, authToken }: { accountSid: string; authToken: string }) {
  const received: ReceivedTwilioMessage[] = [];
  const failures: TwilioFailure[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const server: Server = createServer(async (request, response) => {
    const answer = (status: number, body: object) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const error = (status: number, code: number, message: string) =>
      answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
    const match = MESSAGES_PATH.exec(request.url ?? "");
    if (request.method !== "POST" || !match) return error(404, 20404, "The requested resource was not found");
    const form = Object.fromEntries(new URLSearchParams(await bodyOf(request)));
    const basicAuth = request.headers.authorization ?? null;
    received.push({ accountSid: match[1], basicAuth, form });
    if (basicAuth !== expectedAuth || match[1] !== accountSid) return error(401, 20003, "Authenticate");
    if (!request.headers["content-type"]?.startsWith("application/x-www-form-urlencoded"))
      return error(400, 20001, "Unsupported content type");
    if (!form.To) return error(400, 21604, "A 'To' phone number is required.");
    if (!form.Body) return error(400, 21602, "Message body is required.");
    if (!form.From) return error(400, 21603, "A 'From' phone number is required.");
    const failure = failures.shift();
    if (failure) return error(failure.status, failure.code, failure.message);
    const now = new Date().toUTCString();
    answer(201, {
      sid: `SM${randomBytes(16).toString("hex")}`,
      account_sid: accountSid,
      to: form.To,
      from: form.From,
      body: form.Body,
      status: "queued",
      num_segments: "1",
      direction: "outbound-api",
      api_version: "2010-04-01",
      date_created: now,
      date_updated: now,
      date_sent: null,
      error_code: null,
      error_message: null,
      price: null,
      price_unit: "USD",
      uri: `/2010-04-01/Accounts/${accountSid}/Messages.json`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext: (failure: TwilioFailure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } satisfies TwilioStandIn;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A made-up Account SID in Twilio's shape (AC and 32 hex digits), and an Auth Token (32 hex digits). */
export function twilioTestAccount() {
  return { accountSid: `AC${randomBytes(16).toString("hex")}`, authToken: randomBytes(16).toString("hex") };
}
