import http from "node:http";
import type { AddressInfo } from "node:net";
import tls from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { sendWebhook } from "./send";

type Received = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A receiver on 127.0.0.1 that records what reaches it and answers with `respond`. */
async function receiver(respond: (request: http.IncomingMessage, response: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      respond(request, response);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  servers.push({ close: () => server.close() && server.closeAllConnections() });
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}/hook`, received };
}

const payload = JSON.stringify({ type: "api_key.created", data: { id: "key_1" } });
const deliver = (url: string, extra: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
  sendWebhook({ url, address: "127.0.0.1", headers: { "webhook-id": "msg_1" }, body: payload, ...extra });

describe("sendWebhook", () => {
  it("POSTs the JSON body with the given headers and reports a 2xx as delivered", async () => {
    const target = await receiver((_, response) => response.writeHead(204).end());
    const result = await deliver(target.url);

    expect(result).toMatchObject({ ok: true, status: 204, error: null, responseExcerpt: "", retryAfter: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(target.received).toHaveLength(1);
    expect(target.received[0]).toMatchObject({ method: "POST", url: "/hook", body: payload });
    expect(target.received[0].headers).toMatchObject({ "content-type": "application/json", "webhook-id": "msg_1" });
  });

  it("reports a 500 as a failure, with the start of the receiver's answer", async () => {
    const target = await receiver((_, response) => response.writeHead(500).end("database is down"));
    expect(await deliver(target.url)).toMatchObject({
      ok: false,
      status: 500,
      responseExcerpt: "database is down",
      error: expect.stringContaining("500"),
    });
  });

  it("reports 410 Gone as status 410, so the endpoint can be disabled", async () => {
    const target = await receiver((_, response) => response.writeHead(410).end());
    expect(await deliver(target.url)).toMatchObject({
      ok: false,
      status: 410,
      error: expect.stringMatching(/410 Gone/),
    });
  });

  it("returns the receiver's Retry-After", async () => {
    const target = await receiver((_, response) => response.writeHead(503, { "Retry-After": "120" }).end());
    expect(await deliver(target.url)).toMatchObject({ ok: false, status: 503, retryAfter: "120" });
  });

  it("does not follow a redirect, and reports it as a failure", async () => {
    const elsewhere = await receiver((_, response) => response.writeHead(200).end());
    const target = await receiver((_, response) => response.writeHead(302, { Location: elsewhere.url }).end());

    const result = await deliver(target.url);
    expect(result).toMatchObject({ ok: false, status: 302, error: expect.stringMatching(/redirect/) });
    expect(target.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
  });

  it("gives up on a receiver that never answers, and closes the connection", async () => {
    let closed!: Promise<void>;
    const target = await receiver((request) => {
      closed = new Promise((done) => request.socket.on("close", () => done()));
    });
    const result = await deliver(target.url, { timeoutMs: 300 });

    expect(result).toMatchObject({
      ok: false,
      status: null,
      error: expect.stringMatching(/did not answer within 0.3 s/),
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    await closed;
  });

  it("stops waiting for a body trickled after a 2xx, keeping the receiver's answer", async () => {
    const target = await receiver((_, response) => {
      response.writeHead(200, { "Content-Type": "text/plain" });
      const drip = setInterval(() => response.write("."), 20);
      response.on("close", () => clearInterval(drip));
    });
    const result = await deliver(target.url, { timeoutMs: 300 });

    expect(result).toMatchObject({ ok: true, status: 200, error: null });
    expect(result.responseExcerpt).toMatch(/^\.+$/);
  });

  it("reads at most 1 KB of a huge answer and drops the connection", async () => {
    let written = 0;
    let closed!: Promise<void>;
    const target = await receiver((_, response) => {
      closed = new Promise((done) => response.on("close", () => done()));
      response.writeHead(500);
      const chunk = Buffer.alloc(64 * 1024, "x");
      const pour = () => {
        while (!response.destroyed && written < 256 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pour);
        }
        response.end();
      };
      pour();
    });
    const result = await deliver(target.url);

    expect(result).toMatchObject({ ok: false, status: 500 });
    expect(result.responseExcerpt).toBe("x".repeat(1024));
    await closed;
    expect(written).toBeLessThan(256 * 1024 * 1024);
  });

  it("connects to the given address, whatever the URL's host name would resolve to, and keeps the name in Host", async () => {
    const target = await receiver((_, response) => response.writeHead(200).end("ok"));
    const result = await deliver(`http://receiver.invalid:${target.port}/hook`);

    expect(result).toMatchObject({ ok: true, status: 200, responseExcerpt: "ok" });
    expect(target.received[0].headers.host).toBe(`receiver.invalid:${target.port}`);
  });

  it("does not let the caller's headers replace Host or Content-Type", async () => {
    const target = await receiver((_, response) => response.writeHead(200).end());
    await deliver(target.url, { headers: { Host: "metadata.google.internal", "Content-Type": "text/plain" } });

    expect(target.received[0].headers.host).toBe(`127.0.0.1:${target.port}`);
    expect(target.received[0].headers["content-type"]).toBe("application/json");
  });

  it("sends the URL's host name as TLS SNI while connecting to the given address", async () => {
    const names: string[] = [];
    const server = tls.createServer({
      SNICallback: (name, callback) => {
        names.push(name);
        callback(new Error("no certificate here"));
      },
    });
    server.on("tlsClientError", () => {});
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    servers.push(server);
    const { port } = server.address() as AddressInfo;

    const result = await deliver(`https://receiver.invalid:${port}/hook`, { timeoutMs: 5000 });
    expect(names).toEqual(["receiver.invalid"]);
    expect(result).toMatchObject({ ok: false, status: null });
  });

  it("reports a refused connection without naming the address", async () => {
    const target = await receiver(() => {});
    servers.pop()!.close();
    const result = await deliver(target.url);
    expect(result).toMatchObject({ ok: false, status: null, error: "The receiver refused the connection." });
  });

  it("refuses an address that is not an IP, or that contradicts an IP literal in the URL", async () => {
    await expect(
      sendWebhook({ url: "https://hooks.example.com/", address: "hooks.example.com", headers: {}, body: "{}" }),
    ).rejects.toThrow(/IP address/);
    await expect(
      sendWebhook({ url: "https://8.8.8.8/", address: "127.0.0.1", headers: {}, body: "{}" }),
    ).rejects.toThrow(/differs/);
  });
});
