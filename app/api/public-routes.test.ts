import { beforeAll, describe, expect, it } from "vitest";
import { POST as signUpRoute } from "@/app/api/signup/route";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { SIGN_UP_IP_LIMIT, SIGN_UP_IP_WINDOW_MS } from "@/lib/auth/sign-up-throttle";
import { createOwner } from "@/lib/testing/factories";
import { requestWith } from "@/lib/testing/sessions";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** Each request from its own address unless told, so the per-address sign-up throttle only shows where a test wants it. */
const post = (body: string, ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`) =>
  signUpRoute(
    requestWith("/api/signup", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-verity-peer-ip": ip },
    }),
  );

describe("POST /api/signup", () => {
  beforeAll(async () => {
    await createOwner(); // not the instance's first account: that one is confirmed at once
  });

  it("answers a new address and a taken one with the same 202, creating only the new, unconfirmed account", async () => {
    const email = `api-${Date.now()}@example.test`;
    const fresh = await post(JSON.stringify({ name: "Api User", email, password: "a long enough password" }));
    const taken = await post(JSON.stringify({ name: "Someone Else", email, password: "another long password" }));
    expect(fresh.status).toBe(202);
    expect(taken.status).toBe(202);
    const [freshBody, takenBody] = [await fresh.text(), await taken.text()];
    expect(takenBody).toBe(freshBody);
    expect(JSON.parse(freshBody)).toEqual({
      status: "confirm_email",
      detail: expect.stringContaining("Check your email"),
    });
    const user = await db.user.findUniqueOrThrow({
      where: { email },
      include: { memberships: { include: { org: true } } },
    });
    expect(user).toMatchObject({ name: "Api User", emailVerifiedAt: null });
    expect(user.memberships.map((m) => m.org.name)).toEqual(["Api User's organization"]);
    expect(
      await db.mailMessage.findMany({ where: { to: email }, select: { kind: true }, orderBy: { createdAt: "asc" } }),
    ).toEqual([{ kind: "email_verification" }, { kind: "sign_up_existing_account" }]);
  });

  it("answers a throttled address 429 problem+json before creating anything", async () => {
    const ip = "198.51.100.250";
    for (let i = 0; i < SIGN_UP_IP_LIMIT; i++)
      await hitRateLimit(db, { key: `sign-up:ip:${ip}`, limit: SIGN_UP_IP_LIMIT, windowMs: SIGN_UP_IP_WINDOW_MS });
    const users = await db.user.count();
    const response = await post(
      JSON.stringify({ name: "Late", email: `late-${Date.now()}@example.test`, password: "a long enough password" }),
      ip,
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      status: 429,
      title: "Too many requests",
      detail: expect.stringMatching(/^Too many sign-ups from your network\. Try again after /),
    });
    expect(await db.user.count()).toBe(users);
  });

  it.each([
    [
      "fields that fail validation",
      JSON.stringify({ name: "", email: "nope", password: "short" }),
      ["name", "email", "password"],
    ],
    ["a body that is not JSON", "{not json", []],
    ["an empty body", "", ["name", "email", "password"]],
  ])("answers %s with 400 problem+json and writes nothing", async (_, body, fields) => {
    const users = await db.user.count();
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 400, title: "Invalid input" });
    expect(Object.keys(problem.errors ?? {}).sort()).toEqual([...fields].sort());
    expect(await db.user.count()).toBe(users);
  });

  it("refuses a body over 64 KB with 413 before reading the rest, declared or streamed, and creates nothing", async () => {
    const users = await db.user.count();
    const huge = JSON.stringify({
      name: "x".repeat(70 * 1024),
      email: `big-${Date.now()}@example.test`,
      password: "a long enough password",
    });
    const declared = await post(huge);
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 1_000)
          controller.close(); // 16 MB at most, should the limit fail
        else controller.enqueue(chunk);
      },
    });
    const streamed = await signUpRoute(
      new Request("http://localhost/api/signup", {
        method: "POST",
        body: endless,
        duplex: "half",
        headers: { "content-type": "application/json", "x-verity-peer-ip": "198.51.100.9" },
      } as RequestInit),
    );
    for (const response of [declared, streamed]) {
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ status: 413, detail: "The request body is larger than 64 KB." });
    }
    expect(sent).toBeLessThan(10);
    expect(await db.user.count()).toBe(users);
  });
});
