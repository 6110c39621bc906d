import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { assertPermission } from "../assert-permission";
import { runGate, type RunGateOptions } from "../gate/run-gate";
import type { GateDecision } from "../gate/gate-types";
import { ZCheckMessage, type TCheckMessage } from "./message-schemas";

/** The gate's answer for a number, without sending (POST /messages/check, the panel's "try a number"); on record. */
export async function checkMessage(
  tx: Tx,
  ctx: OrgContext,
  raw: TCheckMessage & { now?: Date },
  options?: RunGateOptions,
): Promise<GateDecision> {
  assertPermission(ctx, "messaging.send", "Checking a message needs messaging.send.");
  const input = ZCheckMessage.parse(raw);
  return runGate(tx, ctx, { to: input.to, campaignId: input.campaignId, now: raw.now }, options);
}
