import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { attachScreens } from "./screen-requests.mjs";

/**
 * The web server's screens in front of a stand-in for Next that records what reached it: what a
 * browser or an attacker gets back, and whether Next would have seen the request at all.
 */
type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };
const seen: Seen[] = [];
let server: Server;
let base: string;
let host: string;

async function standInForNext(request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  seen.push({
    method: request.method!,
    url: request.url!,
    headers: request.headers,
    body: Buffer.concat(chunks).toString("utf8"),
  });
  response.writeHead(200, { "content-type": "text/plain" });
  response.end("next answered");
}

beforeAll(async () => {
  server = createServer();
  attachScreens(server, standInForNext);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  delete process.env.VERITY_TRUSTED_PROXIES;
});

/** A request written byte for byte, for methods fetch refuses to send; resolves with the status line's code and the head. */
function raw(text: string): Promise<{ status: number; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1", () => socket.write(text));
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("end", () => resolve({ status: Number(received.split(" ")[1]), head: received.split("\r\n\r\n")[0] }));
    socket.on("error", reject);
  });
}

const ACTION_ID = "7fe0a5019361659be3a4fc2d92018938304aa2c31b";
const action = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${base}/signin`, {
    method: "POST",
    body,
    headers: { "next-action": ACTION_ID, origin: base, "content-type": "text/plain;charset=UTF-8", ...headers },
  });

function multipart(fields: Record<string, string>, boundary = "----verity") {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return { body: `${parts.join("")}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("methods", () => {
  it.each(["TRACE", "TRACK", "CONNECT", "PROPFIND"])(
    "answers %s with 405 and Allow, on pages and the API, without reaching Next",
    async (method) => {
      for (const path of ["/signin", "/api/health"]) {
        const target = method === "CONNECT" ? host : path;
        const { status, head } = await raw(
          `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nCookie: next-auth.session-token=secret\r\n\r\n`,
        );
        expect({ method, path, status }).toEqual({ method, path, status: 405 });
        expect(head).toMatch(/^allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS$/im);
        expect(head).not.toContain("secret");
      }
      expect(seen).toEqual([]);
    },
  );

  it("lets the methods the panel serves through", async () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "DELETE"])
      expect((await fetch(`${base}/api/health`, { method })).status).toBe(200);
    expect(seen.map((request) => request.method)).toEqual(["GET", "HEAD", "OPTIONS", "DELETE"]);
  });
});

describe("server action origin", () => {
  it.each([
    ["no Origin", {}],
    ["Origin null", { origin: "null" }],
    ["another site", { origin: "https://evil.example" }],
    ["a look-alike port", { origin: "http://127.0.0.1:1" }],
    ["a malformed Origin", { origin: "::::" }],
  ])("refuses a server action with %s: 403 problem+json, Next never sees it", async (_label, headers) => {
    const response = await fetch(`${base}/signin`, {
      method: "POST",
      body: '["x"]',
      headers: { "next-action": ACTION_ID, "content-type": "text/plain;charset=UTF-8", ...headers },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(seen).toEqual([]);
  });

  it("refuses a form post (multipart, no Next-Action header) from another site too", async () => {
    const form = multipart({ name: "x" });
    const response = await fetch(`${base}/signup`, {
      method: "POST",
      body: form.body,
      headers: { "content-type": form.contentType, origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect(seen).toEqual([]);
  });

  it("does not believe X-Forwarded-Host from an untrusted peer, and does from a trusted proxy", async () => {
    const spoofed = { origin: "https://evil.example", "x-forwarded-host": "evil.example" };
    expect((await action('["x"]', spoofed)).status).toBe(403);
    process.env.VERITY_TRUSTED_PROXIES = "127.0.0.1";
    const proxied = await action('["x"]', { origin: "https://panel.example", "x-forwarded-host": "panel.example" });
    expect(proxied.status).toBe(200);
  });

  it("hands a same-origin action to Next with its body intact", async () => {
    const response = await action('["ada@example.com",{"remember":"$$1"}]');
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0].body).toBe('["ada@example.com",{"remember":"$$1"}]');
    expect(seen[0].headers["content-length"]).toBe(String(seen[0].body.length));
  });

  it("does not screen route handlers: /api has no server actions", async () => {
    const response = await fetch(`${base}/api/signup`, {
      method: "POST",
      body: "{}",
      headers: { "next-action": ACTION_ID, origin: "https://evil.example" },
    });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

describe("server action size", () => {
  const overLimit = "a".repeat(1024 * 1024 + 1);

  it("answers 413 when Content-Length is over 1 MB", async () => {
    const response = await action(overLimit);
    expect(response.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it("answers 413 when a chunked body grows past 1 MB as it streams", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${base}/signin`, {
        method: "POST",
        headers: {
          "next-action": ACTION_ID,
          origin: base,
          "content-type": "text/plain",
          "transfer-encoding": "chunked",
        },
      });
      request.on("response", (response) => resolve(response.statusCode!));
      request.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < 2 * 1024 * 1024) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once("drain", pump);
        }
        request.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(seen).toEqual([]);
  });

  it("refuses before the body is sent when the client asks first (Expect: 100-continue)", async () => {
    const { status, head } = await raw(
      `POST /signin HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${base}\r\nNext-Action: ${ACTION_ID}\r\n` +
        `Content-Type: text/plain\r\nContent-Length: ${overLimit.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    expect(status).toBe(413);
    expect(head).not.toMatch(/100 Continue/);
  });

  it("lets a body of exactly 1 MB through", async () => {
    const body = JSON.stringify(["a".repeat(1024 * 1024 - 4)]);
    expect(body.length).toBe(1024 * 1024);
    expect((await action(body)).status).toBe(200);
    expect(seen[0].body.length).toBe(1024 * 1024);
  });
});

describe("server action payload", () => {
  it.each([
    ["JSON that does not parse", "{not json"],
    ["a reference to a part a plain body cannot carry", '["$1"]'],
    ["a promise reference", '["$@1"]'],
    ["a Map reference", '[{"m":"$Q2"}]'],
    ["a malformed BigInt", '["$nabc"]'],
    ["an unknown kind", '["$zz"]'],
  ])("answers %s with 400 problem+json before Next", async (_label, body) => {
    const response = await action(body);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).detail).toMatch(/arguments/);
    expect(seen).toEqual([]);
  });

  it.each([
    ["an escaped dollar", '["$$1"]'],
    ["a date", '["$D2026-12-06T10:00:00.000Z"]'],
    ["undefined, NaN, Infinity, -0", '["$undefined","$NaN","$Infinity","$-0"]'],
    ["a BigInt", '["$n12345678901234567890"]'],
    ["a client reference", '["$T"]'],
  ])("passes %s through", async (_label, body) => {
    expect((await action(body)).status).toBe(200);
    expect(seen[0].body).toBe(body);
  });

  it("answers 400 for multipart bodies that cannot be read, lack the arguments or refer to missing parts", async () => {
    const cases = [
      { body: "garbage", contentType: "multipart/form-data; boundary=XYZ" },
      { body: "garbage", contentType: "multipart/form-data" },
      multipart({ x: "1" }),
      multipart({ "0": "{bad" }),
      multipart({ "0": '["$1"]' }),
      multipart({ "0": '["$Q1"]', "2": "[]" }),
    ];
    for (const { body, contentType } of cases) {
      const response = await action(body, { "content-type": contentType });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect(seen).toEqual([]);
  });

  it("passes a multipart action whose references are all present, byte for byte", async () => {
    const form = multipart({ "1": '{"name":"Ada"}', "0": '["acme","$1","$Q1","$K2"]' });
    expect((await action(form.body, { "content-type": form.contentType })).status).toBe(200);
    expect(seen[0].body).toBe(form.body);
  });

  it("answers a form post (no JavaScript) whose multipart body is malformed with 400, and passes a good one", async () => {
    const bad = await fetch(`${base}/signup`, {
      method: "POST",
      body: "garbage",
      headers: { "content-type": "multipart/form-data; boundary=XYZ", origin: base },
    });
    expect(bad.status).toBe(400);
    const form = multipart({ $ACTION_ID_7f00: "", email: "ada@example.com" });
    expect(
      (
        await fetch(`${base}/signup`, {
          method: "POST",
          body: form.body,
          headers: { "content-type": form.contentType, origin: base },
        })
      ).status,
    ).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

describe("transport headers", () => {
  it("overwrites a forged peer address and scheme, and drops forwarding headers from an untrusted peer", async () => {
    await fetch(`${base}/api/health`, {
      headers: {
        "x-verity-peer-ip": "8.8.8.8",
        "x-verity-scheme": "https",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "evil.example",
      },
    });
    expect(seen[0].headers).toMatchObject({ "x-verity-peer-ip": "127.0.0.1", "x-verity-scheme": "http" });
    expect(seen[0].headers["x-forwarded-host"]).toBeUndefined();
    expect(seen[0].headers["x-forwarded-proto"]).toBeUndefined();
  });

  it("sends HSTS only for https as a trusted proxy reports it", async () => {
    const untrusted = await fetch(`${base}/signin`, { headers: { "x-forwarded-proto": "https" } });
    expect(untrusted.headers.get("strict-transport-security")).toBeNull();
    process.env.VERITY_TRUSTED_PROXIES = "127.0.0.0/8";
    const proxied = await fetch(`${base}/signin`, { headers: { "x-forwarded-proto": "https" } });
    expect(proxied.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(seen[1].headers["x-verity-scheme"]).toBe("https");
    const plain = await fetch(`${base}/signin`, { headers: { "x-forwarded-proto": "http" } });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });

  it("marks every /api answer no-store unless the route says otherwise", async () => {
    expect((await fetch(`${base}/api/v1/me`)).headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${base}/api`)).headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${base}/apidocs`)).headers.get("cache-control")).toBeNull();
  });
});
