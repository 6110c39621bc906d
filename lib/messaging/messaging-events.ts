/** The messaging events and the gate's vocabulary, defined beside the audit catalog (which may not import a domain). */
export {
  CHECK_NAMES,
  GATE_DECISIONS,
  MESSAGING_AUDIT_EVENTS,
  ZGateCheckResult,
  ZGateFact,
  ZGateFacts,
  type CheckName,
  type GateDecisionKind,
} from "@/lib/audit/messaging-events";
