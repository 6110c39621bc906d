import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { newSigningSecret, signatureHeaders } from "./signing";

describe("newSigningSecret", () => {
  it("is whsec_ and base64 of at least 24 random bytes, different every time", () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64").length).toBeGreaterThanOrEqual(24);
    expect(newSigningSecret()).not.toBe(secret);
  });
});

describe("signatureHeaders", () => {
  const body = JSON.stringify({ type: "member.invited", data: { email: "ann@example.com" } });

  it("carries one signature per live secret, and a receiver holding either secret verifies the delivery", () => {
    const [current, previous] = [newSigningSecret(), newSigningSecret()];
    const headers = signatureHeaders({ id: "msg_2hGc1x", timestamp: new Date(), body, secrets: [current, previous] });

    expect(Object.keys(headers).sort()).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
    expect(headers["webhook-id"]).toBe("msg_2hGc1x");
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=* v1,[A-Za-z0-9+/]+=*$/);
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    }
  });

  it("fails verification when the body is tampered with, or with a secret that did not sign", () => {
    const secret = newSigningSecret();
    const headers = signatureHeaders({ id: "msg_1", timestamp: new Date(), body, secrets: [secret] });
    expect(() => new Webhook(secret).verify(body.replace("ann@", "eve@"), headers)).toThrow(/signature/i);
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow(/signature/i);
  });

  it("sends the timestamp in whole seconds, which a receiver refuses once it is too old", () => {
    const secret = newSigningSecret();
    const timestamp = new Date(Date.now() - 10 * 60 * 1000 + 250);
    const headers = signatureHeaders({ id: "msg_1", timestamp, body, secrets: [secret] });
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(timestamp.getTime() / 1000)));
    expect(() => new Webhook(secret).verify(body, headers)).toThrow(/too old/);
  });

  it("refuses to sign without a secret, or with an id that could blur the signed content", () => {
    expect(() => signatureHeaders({ id: "msg_1", timestamp: new Date(), body, secrets: [] })).toThrow(/secret/);
    expect(() => signatureHeaders({ id: "msg.1", timestamp: new Date(), body, secrets: [newSigningSecret()] })).toThrow(
      /id/,
    );
  });
});
