import { describe, expect, it } from "vitest";
import { AUDIT_EVENTS } from "./event-catalog";
import { EVENT_DESCRIPTIONS } from "./event-descriptions";

describe("the event catalog's descriptions", () => {
  it("gives every event type one written line: a sentence, not its name said again", () => {
    const missing = Object.keys(AUDIT_EVENTS).filter((type) => !(type in EVENT_DESCRIPTIONS));
    expect(missing, "event types without a description in lib/audit/event-descriptions.ts").toEqual([]);
    expect(Object.keys(EVENT_DESCRIPTIONS).filter((type) => !(type in AUDIT_EVENTS))).toEqual([]);
    for (const [type, line] of Object.entries(EVENT_DESCRIPTIONS)) {
      expect(line, type).toMatch(/^[A-Z].{10,130}\.$/);
      expect(line, type).not.toContain("\n");
      // Not generated from the name, as they once were ("An API key: renamed."): the name's words are not the sentence.
      const verb = type.split(".").slice(1).join(" ").replaceAll("_", " ");
      expect(line.endsWith(`: ${verb}.`), type).toBe(false);
    }
    expect(new Set(Object.values(EVENT_DESCRIPTIONS)).size).toBe(Object.keys(EVENT_DESCRIPTIONS).length);
  });
});
