import type { z } from "zod";
import { describe, expect, it } from "vitest";
import type { billingSummary } from "./billing/billing-summary";
import type { BillingSummary } from "./billing/billing-view";
import type { ZMembersQuery } from "./members/list-members";
import type { TMembersQuery } from "./members/member-view";
import type { TOrgSettings } from "./orgs/org-settings-view";
import type { ZOrgSettings } from "./orgs/update-org-settings";

/**
 * A few view types are written out in client-safe files (lib/<domain>/*-view.ts) because what they
 * describe (a service's result, a parser with server-side checks) lives in a server-only file. The
 * compiler holds each written-out type to its source: `npx tsc` fails here when they drift apart.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const checks = {
  billingSummary: true satisfies Same<Awaited<ReturnType<typeof billingSummary>>, BillingSummary>,
  membersQuery: true satisfies Same<z.infer<typeof ZMembersQuery>, TMembersQuery>,
  orgSettings: true satisfies Same<z.infer<typeof ZOrgSettings>, TOrgSettings>,
};

describe("client-safe view types", () => {
  it("match what the server-only services produce", () => {
    expect(Object.values(checks).every(Boolean)).toBe(true);
  });
});
