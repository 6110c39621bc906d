import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testEntry } from "./export-test-helpers";
import { OCSF_VERSION, ocsfEventOf } from "./ocsf-format";

// The attributes OCSF 1.x marks required, for the base event and for each class we emit.
const ZUser = z
  .object({ uid: z.string().optional(), name: z.string().optional(), type_id: z.number().int() })
  .refine((user) => user.uid || user.name, "a user needs a name or a uid");
const ZBase = z.object({
  activity_id: z.number().int(),
  category_uid: z.number().int(),
  class_uid: z.number().int(),
  type_uid: z.number().int(),
  severity_id: z.number().int().min(0).max(99),
  time: z.number().int().positive(),
  status_id: z.number().int(),
  metadata: z.object({
    product: z.object({ name: z.literal("Verity"), vendor_name: z.literal("Verity") }),
    version: z.string().regex(/^1\.\d+\.\d+$/),
  }),
});
const ZAuthentication = ZBase.extend({
  class_uid: z.literal(3002),
  category_uid: z.literal(3),
  user: ZUser,
  // Authentication requires at least one of service and dst_endpoint.
  service: z.object({ name: z.string() }),
});
const ZAccountChange = ZBase.extend({ class_uid: z.literal(3001), category_uid: z.literal(3), user: ZUser });
const ZApiActivity = ZBase.extend({
  class_uid: z.literal(6003),
  category_uid: z.literal(6),
  actor: z
    .object({ user: ZUser.optional(), app_name: z.string().optional() })
    .refine((actor) => actor.user || actor.app_name),
  api: z.object({ operation: z.string() }),
  src_endpoint: z
    .object({ ip: z.string().optional(), name: z.string().optional() })
    .refine((endpoint) => endpoint.ip || endpoint.name),
});

/** Checks the event against a class's required attributes and hands it back whole (zod would strip the rest). */
function valid<T extends Record<string, unknown>>(schema: z.ZodType, event: T): T {
  schema.parse(event);
  return event;
}

function ocsf(overrides: Parameters<typeof testEntry>[0]) {
  const event = ocsfEventOf(testEntry(overrides));
  expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  const base = ZBase.parse(event);
  expect(base.type_uid).toBe(base.class_uid * 100 + base.activity_id);
  return event;
}

describe("OCSF", () => {
  it("fills the base event: time in epoch milliseconds, product, schema version, status and severity", () => {
    const event = ocsf({ occurredAt: "2026-11-25T13:28:18.123Z", outcome: "success" });
    expect(event).toMatchObject({
      time: Date.UTC(2026, 10, 25, 13, 28, 18, 123),
      metadata: {
        product: { name: "Verity", vendor_name: "Verity" },
        version: OCSF_VERSION,
        uid: testEntry().id,
        sequence: 42,
      },
      status_id: 1,
      severity_id: 1,
    });
    expect(ocsf({ outcome: "denied" })).toMatchObject({
      status_id: 2,
      status: "Failure",
      status_detail: "denied",
      severity_id: 3,
    });
  });

  it("maps the authentication category to Authentication (3002)", () => {
    const signIn = ocsf({
      category: "authentication",
      action: "user.signed_in",
      metadata: { method: "totp" },
      target: null,
    });
    expect(valid(ZAuthentication, signIn)).toMatchObject({
      activity_id: 1,
      type_uid: 300201,
      user: { name: "ada@example.com" },
    });
    expect(signIn).toMatchObject({ is_mfa: true, src_endpoint: { ip: "203.0.113.7", location: { country: "GB" } } });
    const failed = ocsf({
      category: "authentication",
      action: "user.sign_in_failed",
      outcome: "failure",
      metadata: { reason: "wrong_password" },
    });
    expect(valid(ZAuthentication, failed)).toMatchObject({ activity_id: 1, status_id: 2 });
    expect(
      valid(ZAuthentication, ocsf({ category: "authentication", action: "user.signed_out", metadata: {} })),
    ).toMatchObject({ activity_id: 2 });
    expect(valid(ZAuthentication, ocsf({ category: "authentication", action: "user.locked_out" }))).toMatchObject({
      activity_id: 99,
      type_uid: 300299,
    });
  });

  it("maps membership, role, invitation, ownership, password and MFA changes to Account Change (3001)", () => {
    const roleChange = ocsf({
      category: "access",
      action: "member.role_changed",
      target: { type: "user", id: "u-cy", display: "cy@example.com" },
      metadata: { from: "MEMBER", to: "ADMIN" },
    });
    // The user of an account change is the one changed, not the one changing it.
    expect(valid(ZAccountChange, roleChange)).toMatchObject({
      activity_id: 99,
      user: { uid: "u-cy", name: "cy@example.com", type_id: 1 },
    });
    const invited = ocsf({
      category: "access",
      action: "member.invited",
      target: { type: "invitation", id: "inv-1", display: "new@example.com" },
    });
    expect(valid(ZAccountChange, invited).user).toEqual({
      name: "new@example.com",
      email_addr: "new@example.com",
      type_id: 1,
      type: "User",
    });
    // mfa.* are in the authentication category, yet they change the account.
    expect(
      valid(ZAccountChange, ocsf({ category: "authentication", action: "mfa.enrolled", target: null })),
    ).toMatchObject({ activity_id: 10, type_uid: 300110 });
    expect(
      valid(ZAccountChange, ocsf({ category: "authentication", action: "mfa.disabled", target: null })),
    ).toMatchObject({ activity_id: 11 });
    expect(
      valid(ZAccountChange, ocsf({ category: "credentials", action: "password.changed", target: null })),
    ).toMatchObject({ activity_id: 3 });
    expect(valid(ZAccountChange, ocsf({ category: "access", action: "member.removed" }))).toMatchObject({
      activity_id: 6,
    });
    expect(valid(ZAccountChange, ocsf({ category: "access", action: "ownership.transferred" }))).toMatchObject({
      activity_id: 99,
    });
  });

  it("maps everything else to API Activity (6003)", () => {
    const custom = ocsf({});
    expect(valid(ZApiActivity, custom)).toMatchObject({
      activity_id: 99,
      api: { operation: "custom.payout.approved", request: { uid: "req-1" } },
      resources: [{ type: "payout", uid: "po_1", name: "Payout 1" }],
      unmapped: { seq: "42", hash: "b".repeat(64), metadata: { amount: 100 } },
    });
    expect(valid(ZApiActivity, ocsf({ category: "api_keys", action: "api_key.created" }))).toMatchObject({
      activity_id: 1,
      type_uid: 600301,
    });
    expect(valid(ZApiActivity, ocsf({ category: "api_keys", action: "api_key.revoked" }))).toMatchObject({
      activity_id: 4,
    });
    expect(valid(ZApiActivity, ocsf({ category: "audit", action: "audit.exported" }))).toMatchObject({
      activity_id: 2,
    });
    expect(valid(ZApiActivity, ocsf({ category: "org_settings", action: "org.updated" }))).toMatchObject({
      activity_id: 3,
    });
  });

  it("an API key or the system as actor, and no address, still fill actor and src_endpoint", () => {
    const byKey = ocsf({
      actor: { type: "api_key", id: "key-1", display: "Deploy (vk_live_AbC1…)" },
      ip: "2001:db8::5",
      geo: null,
    });
    expect(valid(ZApiActivity, byKey)).toMatchObject({
      actor: { user: { uid: "key-1", type: "API Key" } },
      src_endpoint: { ip: "2001:db8::5" },
    });
    const bySystem = ocsf({
      actor: { type: "system", id: null, display: null },
      ip: null,
      userAgent: null,
      requestId: null,
      geo: null,
    });
    expect(valid(ZApiActivity, bySystem)).toMatchObject({
      actor: { app_name: "Verity", user: { name: "System", type_id: 3 } },
      src_endpoint: { name: "Verity" },
    });
    expect(bySystem).not.toHaveProperty("http_request");
  });

  it("a security alert is high severity", () => {
    expect(ocsf({ category: "access", action: "security.alert" })).toMatchObject({ severity_id: 4, severity: "High" });
  });
});
