import "server-only";
import type { CheckFn, CheckName } from "../gate-types";
import { businessHoursCheck } from "./business-hours-check";
import { consentCheck } from "./consent-check";
import { dncCheck } from "./dnc-check";
import { killSwitchCheck } from "./kill-switch-check";
import { leadCheck } from "./lead-check";
import { optOutCheck } from "./opt-out-check";
import { stateRulesCheck } from "./state-rules-check";

/** The seven checks, in the order the gate runs them (the order is part of the contract: issue 20). */
export const GATE_CHECKS: ReadonlyArray<readonly [CheckName, CheckFn]> = [
  ["kill_switch", killSwitchCheck],
  ["dnc", dncCheck],
  ["lead", leadCheck],
  ["opt_out", optOutCheck],
  ["consent", consentCheck],
  ["business_hours", businessHoursCheck],
  ["state_rules", stateRulesCheck],
];
