import { describe, expect, it } from "vitest";
import { actorOf, auditedBy, type OrgContext } from "@/lib/context";

const request = { ip: "203.0.113.7", userAgent: "test", geo: null, requestId: "req-1" };
const org = { id: "00000000-0000-4000-8000-000000000001", slug: "acme", name: "Acme" };

describe("auditedBy (who and where an entry inside an organization names)", () => {
  it("names the organization, the person and the request", () => {
    const ctx: OrgContext = {
      principal: { type: "user", userId: "u1", sessionId: "s1", email: "ada@example.com", name: "Ada" },
      org,
      role: "OWNER",
      permissions: [],
      request,
    };
    expect(auditedBy(ctx)).toEqual({
      orgId: org.id,
      actor: { type: "user", id: "u1", display: "ada@example.com" },
      context: request,
    });
  });

  it("names a key by its name and prefix, on behalf of its holder (the display the hash chain covers)", () => {
    const principal = {
      type: "api_key",
      keyId: "k1",
      userId: "u1",
      email: "ada@example.com",
      name: "Deploy bot",
      prefix: "vk_live_AbCd",
    } as const;
    const ctx: OrgContext = { principal, org, role: "ADMIN", permissions: [], request };
    expect(auditedBy(ctx).actor).toEqual({
      type: "api_key",
      id: "k1",
      display: "Deploy bot (vk_live_AbCd…) on behalf of ada@example.com",
    });
    expect(actorOf(principal)).toEqual(auditedBy(ctx).actor);
  });
});
