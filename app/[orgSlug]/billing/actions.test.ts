import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { signedInOwner } from "@/lib/testing/signed-in-owner";

const {
  addPaymentMethodAction,
  cancelSubscriptionAction,
  changePlanAction,
  removePaymentMethodAction,
  stripeRedirectAction,
} = await import("./actions");

let db: Db;
beforeAll(() => {
  db = testDb();
});

const STEP_UP_REFUSAL = { ok: false, code: "step_up_required", error: expect.stringMatching(/^Confirm it's you/) };
const paymentMethods = (orgId: string) =>
  db.paymentMethod.findMany({ where: { orgId, removedAt: null }, select: { brand: true, last4: true } });
const account = (orgId: string) =>
  db.billingAccount.findUniqueOrThrow({ where: { orgId }, select: { plan: true, cancelAtPeriodEnd: true } });
const lastSeq = async (orgId: string) =>
  (await db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } })).seq;
const actionsSince = async (orgId: string, seq: bigint | number) =>
  (
    await db.auditEntry.findMany({
      where: { orgId, seq: { gt: seq } },
      orderBy: { seq: "asc" },
      select: { action: true },
    })
  ).map((entry) => entry.action);

describe("billing actions that change payment details or cancel", () => {
  it("refuse without a recent step-up, writing nothing, and go through once the owner has confirmed it's them", async () => {
    const { org, factor, confirmItsMe, letStepUpLapse } = await signedInOwner(db);
    const start = await lastSeq(org.id);

    expect(await addPaymentMethodAction(org.slug, { token: "pm_card_visa" })).toEqual(STEP_UP_REFUSAL);
    expect(await paymentMethods(org.id)).toEqual([]);
    expect(await actionsSince(org.id, start)).toEqual([]);

    expect(await confirmItsMe(await factor.codeAt())).toEqual({ ok: true });
    expect(await addPaymentMethodAction(org.slug, { token: "pm_card_visa" })).toMatchObject({
      ok: true,
      data: { brand: "visa", last4: "4242" },
    });
    expect(await paymentMethods(org.id)).toEqual([{ brand: "visa", last4: "4242" }]);

    // Plan and seat changes need no step-up: they are charged to the card already on file.
    await letStepUpLapse();
    expect(await changePlanAction(org.slug, { plan: "team", seats: 5 })).toMatchObject({
      ok: true,
      data: { plan: { id: "team" } },
    });

    const beforeRefusals = await lastSeq(org.id);
    expect(await cancelSubscriptionAction(org.slug, {})).toEqual(STEP_UP_REFUSAL);
    expect(await account(org.id)).toEqual({ plan: "team", cancelAtPeriodEnd: false });
    expect(await removePaymentMethodAction(org.slug, {})).toEqual(STEP_UP_REFUSAL);
    expect(await paymentMethods(org.id)).toEqual([{ brand: "visa", last4: "4242" }]);
    // As for the other step-up actions, the refusal itself is not an audit event: the step-ups are.
    expect(await actionsSince(org.id, beforeRefusals)).toEqual([]);

    expect(await confirmItsMe(factor.recoveryCodes[0])).toEqual({ ok: true });
    expect(await cancelSubscriptionAction(org.slug, {})).toMatchObject({ ok: true });
    expect(await account(org.id)).toEqual({ plan: "team", cancelAtPeriodEnd: true });
    expect(await removePaymentMethodAction(org.slug, {})).toMatchObject({ ok: true });
    expect(await paymentMethods(org.id)).toEqual([]);

    expect(await actionsSince(org.id, start)).toEqual([
      "step_up.passed",
      "billing.payment_method_added",
      "billing.plan_changed",
      "step_up.passed",
      "billing.cancellation_scheduled",
      "billing.payment_method_removed",
    ]);
  });

  it("ask for the step-up before sending the owner to Stripe's card or portal pages", async () => {
    const { org, factor, confirmItsMe } = await signedInOwner(db);
    for (const to of ["setup", "portal"] as const)
      expect(await stripeRedirectAction(org.slug, { to })).toEqual(STEP_UP_REFUSAL);
    await confirmItsMe(await factor.codeAt());
    // Past the step-up, this server (no Stripe key) says Stripe is not configured.
    expect(await stripeRedirectAction(org.slug, { to: "setup" })).toMatchObject({
      ok: false,
      code: "conflict",
      error: "Stripe is not configured on this server.",
    });
  });

  it("keep answering a refusal that is not about the step-up with its own code", async () => {
    const { org, factor, confirmItsMe } = await signedInOwner(db);
    await confirmItsMe(await factor.codeAt());
    expect(await addPaymentMethodAction(org.slug, { token: "4242 4242 4242 4242" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { token: [expect.stringMatching(/never takes card numbers/)] },
    });
    expect(await changePlanAction(org.slug, { plan: "team", seats: 5 })).toMatchObject({
      ok: false,
      code: "payment_required",
      error: "Add a payment method before moving to the Team plan.",
    });
    expect(await removePaymentMethodAction(org.slug, {})).toMatchObject({ ok: false, code: "not_found" });
  });
});
