import { beforeAll, describe, expect, it } from "vitest";
import { POST as signUpRoute } from "@/app/api/signup/route";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { requestWith } from "@/lib/testing/sessions";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const post = (body: string) =>
  signUpRoute(requestWith("/api/signup", { method: "POST", body, headers: { "content-type": "application/json" } }));

describe("POST /api/signup", () => {
  it("creates the account and its organization", async () => {
    const email = `api-${Date.now()}@example.test`;
    const response = await post(JSON.stringify({ name: "Api User", email, password: "a long enough password" }));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ user: { email }, organization: { name: "Api User's organization", slug: "api-users-organization" } });
    expect(JSON.stringify(body)).not.toMatch(/password/i);
  });

  it.each([
    ["fields that fail validation", JSON.stringify({ name: "", email: "nope", password: "short" }), ["name", "email", "password"]],
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
});
