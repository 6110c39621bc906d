import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckedCheckpoint } from "./checked-checkpoint";
import { IntegrationHaltAlert } from "./integration-halt-alert";
import { LatestCheckpoint } from "./latest-checkpoint";
import { PendingEntries } from "./pending-entries";

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
    // The whole root, in base64 as the signed note writes it, to compare with what a monitor saved.
    expect(matched).toContain(Buffer.from("ab".repeat(32), "hex").toString("base64"));
    expect(matched).toContain('<time dateTime="2026-12-06T17:30:01.000Z">2026-12-06 17:30:01 UTC</time>');
    expect(render(null)).toContain("No signed checkpoint yet");
    expect(render(undefined)).toBe("");
  });

  it("after a break, names the last checkpoint the entries before it still match", () => {
    const render = (checkpoint: Parameters<typeof CheckedCheckpoint>[0]["checkpoint"]) =>
      renderToStaticMarkup(createElement(CheckedCheckpoint, { checkpoint, className: "x", intact: false }));
    const checkpoint = {
      size: "300",
      rootHash: "cd".repeat(32),
      keyId: "0a1b2c3d",
      signedAt: "2026-12-06T17:30:01.000Z",
    };
    expect(render(checkpoint)).toContain("The entries before the break match the signed checkpoint at size 300");
    expect(render(checkpoint)).not.toContain("Matches");
    expect(render(null)).toContain("No signed checkpoint matches the entries before the break.");
  });
});

describe("LatestCheckpoint", () => {
  it("shows size, time, key id and the whole root, or says none is signed yet", () => {
    const render = (checkpoint: Parameters<typeof LatestCheckpoint>[0]["checkpoint"]) =>
      renderToStaticMarkup(createElement(LatestCheckpoint, { orgSlug: "acme", checkpoint }));
    const html = render({
      size: "42",
      rootHash: Buffer.from("ef".repeat(32), "hex").toString("base64"),
      keyId: "0a1b2c3d",
      signedAt: "2026-12-06T17:30:01.000Z",
      note: "log.example.com/orgs/x\n42\nAAAA\n\n— log.example.com AAAA\n",
    });
    expect(html).toContain('data-testid="checkpoint-size">42<');
    expect(html).toContain(Buffer.from("ef".repeat(32), "hex").toString("base64"));
    // Download saves the note shown, under the latest checkpoint route's file name.
    expect(html).toContain(`href="data:text/plain;charset=utf-8,${encodeURIComponent("log.example.com/orgs/x\n42")}`);
    expect(html).toContain('download="acme-checkpoint-42.txt"');
    expect(html).toContain("Copy signed note");
    const empty = render(null);
    expect(empty).toContain("No checkpoint signed yet");
    expect(empty).not.toContain("Copy signed note");
  });
});

describe("PendingEntries", () => {
  it("says how many committed entries were not linked yet, and says nothing when none were", () => {
    const html = renderToStaticMarkup(createElement(PendingEntries, { count: 1200 }));
    expect(html).toContain("1,200 committed entries were still waiting to be linked into the chain and not checked");
    expect(html).toContain("Verify again to include them.");
    expect(renderToStaticMarkup(createElement(PendingEntries, { count: 1 }))).toContain("1 committed entry was");
    expect(renderToStaticMarkup(createElement(PendingEntries, { count: 0 }))).toBe("");
    expect(renderToStaticMarkup(createElement(PendingEntries, { count: undefined }))).toBe("");
  });
});
