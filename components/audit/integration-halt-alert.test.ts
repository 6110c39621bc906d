import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckedCheckpoint } from "./checked-checkpoint";
import { IntegrationHaltAlert } from "./integration-halt-alert";

describe("IntegrationHaltAlert", () => {
  it("says, as an alert, that checkpoints stopped, at which entry and why", () => {
    const html = renderToStaticMarkup(
      createElement(IntegrationHaltAlert, {
        halt: {
          seq: "14",
          kind: "content",
          reason: "the content of entry 14 was changed after it was written",
          at: "2026-12-06T17:30:01.000Z",
        },
        auditHref: "/acme/audit",
      }),
    );
    expect(html).toMatch(/role="alert"/);
    expect(html).toContain("checkpoints are no longer signed");
    expect(html).toContain("#14");
    expect(html).toContain("the content of entry 14 was changed after it was written");
    expect(html).toContain("2026-12-06 17:30:01 UTC");
    expect(html).toContain('href="/acme/audit"');
  });
});

describe("CheckedCheckpoint", () => {
  it("names the checkpoint a verification matched, says when there was none, and shows nothing for an older result", () => {
    const render = (checkpoint?: Parameters<typeof CheckedCheckpoint>[0]["checkpoint"]) =>
      renderToStaticMarkup(createElement(CheckedCheckpoint, { checkpoint, className: "x" }));
    const matched = render({
      size: "320",
      rootHash: "ab".repeat(32),
      keyId: "0a1b2c3d",
      signedAt: "2026-12-06T17:30:01.000Z",
    });
    expect(matched).toContain("Matches the signed checkpoint at size 320");
    expect(matched).toContain("0a1b2c3d");
    expect(render(null)).toContain("No signed checkpoint yet");
    expect(render(undefined)).toBe("");
  });
});
