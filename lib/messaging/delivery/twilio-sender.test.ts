import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTwilioStandIn, twilioTestAccount, type TwilioStandIn } from "@/lib/testing/twilio-stand-in";
import { SendError } from "./sender";
import { twilioSender } from "./twilio-sender";

const account = twilioTestAccount();
const FROM = "+15005550006";
const message = {
  id: "3f1c6a43-8f0e-4c55-9b2e-1f6d2c7a9e01",
  orgId: "org",
  to: "+14155550123",
  body: "Your code is 1234",
};
let twilio: TwilioStandIn;

beforeAll(async () => {
  twilio = await startTwilioStandIn(account);
});
afterAll(() => twilio.close());

const sender = (credentials = { ...account, from: FROM }) => twilioSender(credentials, { apiUrl: twilio.url });

describe("the Twilio sender, through the official client, against a loopback stand-in of Twilio's API", () => {
  it("posts To, From and Body to the account's Messages.json with Basic auth, and answers Twilio's message sid", async () => {
    const before = twilio.received.length;
    const receipt = await sender().send(message);
    expect(receipt.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    const [sent] = twilio.received.slice(before);
    expect(sent.accountSid).toBe(account.accountSid);
    expect(sent.basicAuth).toBe(
      `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}`,
    );
    expect(sent.form).toEqual({ To: message.to, From: FROM, Body: message.body });
  });

  it("classifies a 5xx and a 429 as retryable, a 4xx as permanent, naming the status and Twilio's code only", async () => {
    twilio.failNext({ status: 503, code: 20503, message: "Service unavailable" });
    const unavailable = await sender()
      .send(message)
      .catch((error: unknown) => error);
    expect(unavailable).toBeInstanceOf(SendError);
    expect(unavailable).toMatchObject({ retryable: true, message: "Twilio answered 503 (Twilio error 20503)" });

    twilio.failNext({ status: 429, code: 20429, message: "Too many requests" });
    await expect(sender().send(message)).rejects.toMatchObject({ retryable: true });

    twilio.failNext({
      status: 400,
      code: 21211,
      message: `The 'To' number ${message.to} is not a valid phone number.`,
    });
    const invalid = (await sender()
      .send(message)
      .catch((error: unknown) => error)) as SendError;
    expect(invalid).toMatchObject({ retryable: false, message: "Twilio answered 400 (Twilio error 21211)" });
    expect(invalid.message).not.toContain(message.to);
  });

  it("refuses wrong credentials permanently without echoing them", async () => {
    const wrong = { ...account, authToken: "0".repeat(32), from: FROM };
    const error = (await sender(wrong)
      .send(message)
      .catch((failure: unknown) => failure)) as SendError;
    expect(error).toMatchObject({ retryable: false, message: "Twilio answered 401 (Twilio error 20003)" });
    expect(error.message).not.toContain(account.authToken);
  });

  it("treats an unreachable API as retryable, and an Account SID not in Twilio's shape as permanent", async () => {
    const closed = twilioSender({ ...account, from: FROM }, { apiUrl: "http://127.0.0.1:9" });
    await expect(closed.send(message)).rejects.toMatchObject({
      retryable: true,
      message: "Twilio could not be reached",
    });
    await expect(sender({ ...account, accountSid: "not-a-sid", from: FROM }).send(message)).rejects.toMatchObject({
      retryable: false,
    });
  });

  it("does not retry a request Twilio may have received but never answered: a second send could be a duplicate", async () => {
    const silent = createServer(() => {}); // reads the request, never answers
    await new Promise<void>((listening) => silent.listen(0, "127.0.0.1", listening));
    const { port } = silent.address() as AddressInfo;
    try {
      const hanging = twilioSender({ ...account, from: FROM }, { apiUrl: `http://127.0.0.1:${port}`, timeoutMs: 300 });
      await expect(hanging.send(message)).rejects.toMatchObject({
        retryable: false,
        message: expect.stringMatching(/whether it was sent is unknown/),
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((closed) => silent.close(closed));
    }
  });
});
