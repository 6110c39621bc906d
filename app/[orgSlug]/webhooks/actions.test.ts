import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/context";
import { testDb } from "@/lib/testing/database";
import { orgContextFor } from "@/lib/testing/factories";
import { signedInOwner } from "@/lib/testing/signed-in-owner";
import { rotateSecret } from "@/lib/webhooks/rotate-secret";
import { allowLoopbackWebhooks } from "@/lib/testing/loopback-webhooks";

const { createWebhookEndpointAction, revealWebhookSecretAction, rotateWebhookSecretAction } = await import("./actions");

let db: Db;
allowLoopbackWebhooks();
beforeAll(() => {
  db = testDb();
});

const STEP_UP_REFUSAL = { ok: false, code: "step_up_required", error: expect.stringMatching(/^Confirm it's you/) };
const secretsOf = (endpointId: string) =>
  db.webhookSecret.findMany({
    where: { endpointId },
    select: { id: true, expiresAt: true },
    orderBy: { createdAt: "asc" },
  });
const entriesOf = async (orgId: string, action: string) => db.auditEntry.count({ where: { orgId, action } });

describe("a webhook's signing secret", () => {
  it("is rotated, with or without a grace period, only after a recent step-up: the new secret is shown to whoever rotates", async () => {
    const { org, confirmItsMe, letStepUpLapse } = await signedInOwner(db);
    const created = await createWebhookEndpointAction(org.slug, {
      url: "https://siem.example.test/hook",
      categories: [],
      actions: [],
    });
    if (!created.ok) throw new Error(created.error);
    const endpointId = created.data.endpoint.id;
    const before = await secretsOf(endpointId);

    for (const graceHours of [0, 24]) {
      expect(await rotateWebhookSecretAction(org.slug, { endpointId, graceHours })).toEqual(STEP_UP_REFUSAL);
    }
    expect(await secretsOf(endpointId)).toEqual(before);
    expect(await entriesOf(org.id, "webhook.secret_rotated")).toBe(0);

    expect(await confirmItsMe()).toEqual({ ok: true });
    const rotated = await rotateWebhookSecretAction(org.slug, { endpointId, graceHours: 0 });
    expect(rotated).toMatchObject({
      ok: true,
      data: { secret: expect.stringMatching(/^whsec_/), endpoint: { liveSecrets: 1 } },
    });
    expect(await entriesOf(org.id, "webhook.secret_rotated")).toBe(1);

    // Five minutes on, the step-up has lapsed: rotating (and revealing) ask again.
    await letStepUpLapse();
    expect(await rotateWebhookSecretAction(org.slug, { endpointId, graceHours: 24 })).toEqual(STEP_UP_REFUSAL);
    expect(await revealWebhookSecretAction(org.slug, { endpointId })).toEqual(STEP_UP_REFUSAL);
    expect(await entriesOf(org.id, "webhook.secret_rotated")).toBe(1);
  });

  it("cannot be rotated by an API key, which has no session to step up", async () => {
    const owner = await signedInOwner(db);
    const created = await createWebhookEndpointAction(owner.org.slug, {
      url: "https://siem.example.test/hook",
      categories: [],
      actions: [],
    });
    if (!created.ok) throw new Error(created.error);
    const asKey: OrgContext = {
      ...orgContextFor(owner, owner.org),
      principal: {
        type: "api_key",
        keyId: crypto.randomUUID(),
        userId: owner.user.id,
        email: owner.user.email,
        name: "ci",
        prefix: "vk_test_AbCd",
      },
    };
    await expect(
      db.$transaction((tx) => rotateSecret(tx, asKey, created.data.endpoint.id, { graceHours: 0 })),
    ).rejects.toMatchObject({ code: "step_up_required" });
    expect(await secretsOf(created.data.endpoint.id)).toHaveLength(1);
  });
});
