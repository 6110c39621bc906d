import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { inServerRequest } from "@/lib/testing/server-request";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { testBrowser } from "@/lib/testing/test-browser";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";

// Next scopes React's cache to the server request; Vitest has no such scope, so it stands in for it.
vi.mock("react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("react")>()),
  cache: (await import("@/lib/testing/server-request")).requestScopedCache,
}));

const { default: OrgLayout } = await import("@/app/[orgSlug]/layout");
const { default: MembersPage } = await import("@/app/[orgSlug]/members/page");
const { default: WebhookEndpointPage } = await import("@/app/[orgSlug]/webhooks/[endpointId]/page");

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** What Next does for one page view under /[orgSlug]: the layout and the page render in parallel. */
async function viewPage(orgSlug: string, page: () => Promise<unknown>) {
  const rendered = await inServerRequest(() =>
    Promise.allSettled([OrgLayout({ children: null, params: Promise.resolve({ orgSlug }) }), page()]),
  );
  return rendered.map((outcome) =>
    outcome.status === "fulfilled" ? "rendered" : String((outcome.reason as { digest?: string }).digest),
  );
}

async function signedInOutsider() {
  const person = await createOwner();
  await enrolTotp(db, person.user.id);
  testBrowser.cookie = (await sessionCookieFor(db, person.user.id)).cookie;
  return person;
}

const deniedBy = (actorId: string, orgId?: string) =>
  db.auditEntry.findMany({ where: { action: "access.denied", actorId, ...(orgId ? { orgId } : {}) } });
const alertsOn = (orgId: string, actorId: string) =>
  db.auditEntry.count({ where: { orgId, action: "security.alert", actorId } });

describe("one page view, one denial", () => {
  it("records a view of another organization's page once, though layout and page both check, so the alert needs three views", async () => {
    const target = await createOwner();
    const outsider = await signedInOutsider();
    const params = Promise.resolve({ orgSlug: target.org.slug });
    const view = () => viewPage(target.org.slug, () => MembersPage({ params, searchParams: Promise.resolve({}) }));

    expect(await view()).toEqual(["NEXT_HTTP_ERROR_FALLBACK;404", "NEXT_HTTP_ERROR_FALLBACK;404"]);
    expect(await deniedBy(outsider.user.id, target.org.id)).toHaveLength(1);
    await view();
    expect(await deniedBy(outsider.user.id, target.org.id)).toHaveLength(2);
    expect(await alertsOn(target.org.id, outsider.user.id)).toBe(0);
    await view();
    expect(await deniedBy(outsider.user.id, target.org.id)).toHaveLength(3);
    expect(await alertsOn(target.org.id, outsider.user.id)).toBe(1);
    // Two requests are two attempts: the request scope is what keeps one view to one entry.
    expect(new Set((await deniedBy(outsider.user.id, target.org.id)).map((entry) => entry.requestId)).size).toBe(3);
  });

  it("records a view of another organization's webhook endpoint via one's own organization once: in its own, flagged", async () => {
    const target = await createOwner();
    const { endpoint } = await db.$transaction((tx) =>
      createEndpoint(tx, orgContextFor(target, target.org), { url: "https://hooks.example.test/target" }),
    );
    const outsider = await signedInOutsider();
    const rendered = await viewPage(outsider.org.slug, () =>
      WebhookEndpointPage({ params: Promise.resolve({ orgSlug: outsider.org.slug, endpointId: endpoint.id }) }),
    );

    expect(rendered).toEqual(["rendered", "NEXT_HTTP_ERROR_FALLBACK;404"]);
    const denials = await deniedBy(outsider.user.id);
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({
      orgId: target.org.id,
      outcome: "denied",
      metadata: { reason: "foreign_webhook_endpoint", crossTenant: true },
    });
  });
});
