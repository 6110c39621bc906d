import { beforeAll, describe, expect, it } from "vitest";
import { signUpAction } from "@/app/(auth)/signup/actions";
import { createApiKeyAction } from "@/app/[orgSlug]/api-keys/actions";
import { updateWebhookEndpointAction } from "@/app/[orgSlug]/webhooks/actions";
import { GET as getEntry } from "@/app/api/orgs/[orgSlug]/audit-entries/[seq]/route";
import { POST as postSignUp } from "@/app/api/signup/route";
import { POST as postApiKey } from "@/app/api/v1/api-keys/route";
import { GET as getAuditEvents, POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { GET as getMembers } from "@/app/api/v1/members/route";
import { PATCH as patchWebhook } from "@/app/api/v1/webhooks/[webhookId]/route";
import { POST as postWebhook } from "@/app/api/v1/webhooks/route";
import type { Db } from "@/lib/db/client";
import { API_KEY_SCOPES } from "@/lib/api-keys/schemas";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { params, requestWith, sessionCookieFor } from "@/lib/testing/sessions";
import { testBrowser } from "@/lib/testing/test-browser";

/**
 * The security review's crafted inputs (issue 15, finding 8): each one answered 500 because PostgreSQL
 * refuses U+0000 in text and jsonb and a lone UTF-16 surrogate in jsonb, a 30,000-deep array overflowed
 * the idempotency hash, and the largest int64 seq overflowed the neighbours' lookup. Each is now a 400
 * naming the field, and nothing is written.
 */
type Owner = Awaited<ReturnType<typeof createOwner>>;

let db: Db;
let owner: Owner;
let key: string;
let cookie: string;
let webhookId: string;

const NUL = "a\u0000b";
const LONE_SURROGATE = "a\ud800b";

beforeAll(async () => {
  db = testDb();
  owner = await createOwner();
  await enrolTotp(db, owner.user.id);
  cookie = (await sessionCookieFor(db, owner.user.id)).cookie;
  key = (await createTestKey(db, owner, owner.org, { scopes: [...API_KEY_SCOPES] })).key;
  const created = await callApi(postWebhook, "/webhooks", {
    key,
    method: "POST",
    body: { url: "https://hooks.example.com/verity", description: "SIEM" },
  });
  expect(created.status).toBe(201);
  webhookId = created.body.endpoint.id;
});

const entryCount = () => db.auditEntry.count({ where: { orgId: owner.org.id, category: "custom" } });

/** A 400 problem+json whose `errors` names `field`. */
function expectRefused(
  answer: { status: number; headers: Headers; body: { errors?: Record<string, string[]> } },
  field: string,
) {
  expect({ status: answer.status, type: answer.headers.get("content-type") }).toEqual({
    status: 400,
    type: "application/problem+json",
  });
  expect(Object.keys(answer.body.errors ?? {})).toContain(field);
}

describe("a NUL character in a text field", () => {
  it("is refused at sign-up, in the name and in the organization's name, and no account is made", async () => {
    for (const [field, input] of [
      ["name", { name: `Ada ${NUL}`, organizationName: "Acme" }],
      ["organizationName", { name: "Ada", organizationName: `Acme ${NUL}` }],
    ] as const) {
      const email = `nul-${field.toLowerCase()}@example.test`;
      const request = new Request("http://localhost/api/signup", {
        method: "POST",
        headers: { "content-type": "application/json", "x-verity-peer-ip": "198.51.100.9" },
        body: JSON.stringify({ ...input, email, password: "correct horse battery" }),
      });
      const response = await postSignUp(request);
      expectRefused({ status: response.status, headers: response.headers, body: await response.json() }, field);
      expect(await db.user.count({ where: { email } })).toBe(0);

      const action = await signUpAction({ ...input, email, password: "correct horse battery" });
      expect(action).toMatchObject({
        ok: false,
        code: "invalid_input",
        fieldErrors: { [field]: [expect.any(String)] },
      });
      expect(await db.user.count({ where: { email } })).toBe(0);
    }
  });

  it("is refused in an API key's name, through the API and the panel", async () => {
    const before = await db.apiKey.count({ where: { orgId: owner.org.id } });
    const answer = await callApi(postApiKey, "/api-keys", {
      key,
      method: "POST",
      body: { name: NUL, environment: "test", scopes: ["audit.read"] },
    });
    expectRefused(answer, "name");
    testBrowser.cookie = cookie;
    const action = await createApiKeyAction(owner.org.slug, { name: NUL, environment: "test", scopes: ["audit.read"] });
    expect(action).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: [expect.any(String)] } });
    expect(await db.apiKey.count({ where: { orgId: owner.org.id } })).toBe(before);
  });

  it("is refused in a webhook endpoint's description, at creation and on update", async () => {
    const before = await db.webhookEndpoint.count({ where: { orgId: owner.org.id } });
    expectRefused(
      await callApi(postWebhook, "/webhooks", {
        key,
        method: "POST",
        body: { url: "https://hooks.example.com/x", description: NUL },
      }),
      "description",
    );
    expect(await db.webhookEndpoint.count({ where: { orgId: owner.org.id } })).toBe(before);
    expectRefused(
      await callApi(patchWebhook, `/webhooks/${webhookId}`, {
        key,
        method: "PATCH",
        params: { webhookId },
        body: { description: NUL },
      }),
      "description",
    );
    testBrowser.cookie = cookie;
    const action = await updateWebhookEndpointAction(owner.org.slug, { endpointId: webhookId, description: NUL });
    expect(action).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { description: [expect.any(String)] },
    });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: webhookId } })).description).toBe("SIEM");
  });

  it("is refused in an ingested event's target and metadata (values and keys), and nothing is recorded", async () => {
    const before = await entryCount();
    const ingest = (body: unknown) => callApi(postAuditEvent, "/audit-events", { key, method: "POST", body });
    expectRefused(
      await ingest({ action: "wallet.transfer", target: { type: "wallet", display: NUL } }),
      "target.display",
    );
    expectRefused(await ingest({ action: "wallet.transfer", target: { type: NUL } }), "target.type");
    expectRefused(await ingest({ action: "wallet.transfer", metadata: { note: NUL } }), "metadata.note");
    expectRefused(
      await ingest({ action: "wallet.transfer", metadata: { nested: [{ deeper: NUL }] } }),
      "metadata.nested.0.deeper",
    );
    expectRefused(await ingest({ action: "wallet.transfer", metadata: { [NUL]: 1 } }), "metadata");
    expect(await entryCount()).toBe(before);
  });

  it("is refused in the audit events' ?actor= and the members' ?q=", async () => {
    expectRefused(await callApi(getAuditEvents, "/audit-events", { key, query: "?actor=ada%00" }), "actor");
    expectRefused(await callApi(getMembers, "/members", { key, query: "?q=ada%00" }), "q");
  });
});

describe("a lone UTF-16 surrogate", () => {
  it("is refused in an ingested event, and nothing is recorded", async () => {
    const before = await entryCount();
    const ingest = (body: unknown) => callApi(postAuditEvent, "/audit-events", { key, method: "POST", body });
    expectRefused(await ingest({ action: "wallet.transfer", metadata: { note: LONE_SURROGATE } }), "metadata.note");
    expectRefused(
      await ingest({ action: "wallet.transfer", target: { type: "wallet", display: "\udc00" } }),
      "target.display",
    );
    expect(await entryCount()).toBe(before);
  });

  it("is refused in a webhook endpoint's update", async () => {
    expectRefused(
      await callApi(patchWebhook, `/webhooks/${webhookId}`, {
        key,
        method: "PATCH",
        params: { webhookId },
        body: { description: LONE_SURROGATE },
      }),
      "description",
    );
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: webhookId } })).description).toBe("SIEM");
  });

  it("is accepted when it is half of a pair: an emoji is text like any other", async () => {
    const answer = await callApi(postAuditEvent, "/audit-events", {
      key,
      method: "POST",
      body: { action: "wallet.transfer", metadata: { note: "paid \ud83d\udcb8" } },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.metadata).toEqual({ note: "paid 💸" });
  });
});

describe("a 30,000-deep JSON array sent with an Idempotency-Key", () => {
  it("is refused before anything recursive runs on it, naming where it gets too deep, and nothing is recorded or reserved", async () => {
    const before = await entryCount();
    const deep = `${"[".repeat(30_000)}${"]".repeat(30_000)}`;
    const answer = await callApi(postAuditEvent, "/audit-events", {
      key,
      method: "POST",
      headers: { "idempotency-key": "deep-array-1", "content-type": "application/json" },
      rawBody: `{"action":"wallet.transfer","metadata":{"deep":${deep}}}`,
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors ?? {}).some((field) => field.startsWith("metadata.deep"))).toBe(true);
    expect(await entryCount()).toBe(before);
    expect(await db.idempotencyKey.count({ where: { orgId: owner.org.id, key: "deep-array-1" } })).toBe(0);
  });
});

describe("an entry number beyond what the chain can hold", () => {
  it("answers 400 naming seq on the entry route", async () => {
    const seq = "9223372036854775807";
    const response = await getEntry(
      requestWith(`/api/orgs/${owner.org.slug}/audit-entries/${seq}`, { cookie }),
      params({ orgSlug: owner.org.slug, seq }),
    );
    expectRefused({ status: response.status, headers: response.headers, body: await response.json() }, "seq");
  });
});
