import { ESLint } from "eslint";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { KNOWN_VIOLATIONS, layerViolation, ROOT } from "./layers.mjs";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The "verity/layers" messages ESLint gives `code` saved as `file` (repository-relative). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(ROOT, file) });
  return result.messages.filter((message) => message.ruleId === "verity/layers").map((message) => message.message);
}

describe("the layer lint rule (eslint.config.mjs, lib/layers.mjs)", () => {
  it("refuses the audit trail importing a domain, by alias or by relative path", async () => {
    expect(await layerErrors("lib/audit/new-entry.ts", 'import { sendWebhook } from "@/lib/webhooks/send";')).toEqual([
      expect.stringContaining("lib/audit (audit) may not import lib/webhooks (domain)"),
    ]);
    expect(
      await layerErrors("lib/audit/search/new-search.ts", 'import { planOf } from "../../billing/plans";'),
    ).toEqual([expect.stringContaining("lib/audit (audit) may not import lib/billing (domain)")]);
    expect(await layerErrors("lib/audit/new-entry.ts", 'export { withOrg } from "@/lib/guard";')).toHaveLength(1);
  });

  it("allows imports down the layers and inside a folder", async () => {
    const allowed = [
      ["lib/audit/new-entry.ts", 'import { getDb } from "@/lib/db";\nimport { redactMetadata } from "./redact";'],
      [
        "lib/webhooks/new-service.ts",
        'import { appendAuditEntry } from "@/lib/audit";\nimport { requireRecentStepUp } from "@/lib/auth/step-up";',
      ],
      ["lib/guard/new-step.ts", 'import { createApiKey } from "@/lib/api-keys/create-api-key";'],
      ["lib/context/new-word.ts", 'import type { Permission } from "@/lib/rbac/permissions";'],
      ["app/new-page/page.tsx", 'import { withOrg } from "@/lib/guard";'],
      [
        "components/new/new-form.tsx",
        'import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";\n' +
          'import { ROLES } from "@/lib/rbac/permissions";',
      ],
    ];
    for (const [file, code] of allowed) expect(await layerErrors(file, code), file).toEqual([]);
  });

  it("keeps domains off the guard and rest, and the bottom layers on their own", async () => {
    expect(
      await layerErrors(
        "lib/members/new-service.ts",
        'import { currentPrincipal } from "@/lib/guard/current-principal";',
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors("lib/guard/new-step.ts", 'import { OPERATIONS } from "@/lib/rest/operations";'),
    ).toHaveLength(1);
    expect(await layerErrors("lib/context/new-word.ts", 'import type { Db } from "@/lib/db";')).toEqual([
      expect.stringContaining("context imports only rbac"),
    ]);
    expect(await layerErrors("lib/rbac/new-matrix.ts", 'import { auditedBy } from "@/lib/context";')).toHaveLength(1);
    expect(await layerErrors("lib/rbac/new-matrix.ts", 'import type { OrgContext } from "@/lib/context";')).toEqual([]);
  });

  it("keeps components off the database and server-only code, types excepted", async () => {
    expect(await layerErrors("components/new/new-table.tsx", 'import type { Db } from "@/lib/db";')).toEqual([
      expect.stringContaining("never"),
    ]);
    expect(
      await layerErrors(
        "components/new/new-table.tsx",
        'import { listEndpoints } from "@/lib/webhooks/list-endpoints";',
      ),
    ).toEqual([expect.stringContaining("server-only")]);
    expect(
      await layerErrors(
        "components/new/new-table.tsx",
        'import type { listEndpoints } from "@/lib/webhooks/list-endpoints";',
      ),
    ).toEqual([]);
  });

  it("lets tests and test helpers import anything, and passes the listed known violations", async () => {
    expect(
      await layerErrors(
        "lib/audit/new-entry.test.ts",
        'import { createEndpoint } from "@/lib/webhooks/create-endpoint";',
      ),
    ).toEqual([]);
    for (const { from, to } of KNOWN_VIOLATIONS) {
      expect(await layerErrors(from, `import "@/${to.replace(/\.tsx?$/, "")}";`), from).toEqual([]);
      if (!layerViolation(from, to)) continue; // a cycle between peers, not a layer breach
      expect(
        await layerErrors(from.replace(/\.tsx?$/, "-copy.ts"), `import "@/${to.replace(/\.tsx?$/, "")}";`),
        from,
      ).toHaveLength(1);
    }
  });

  it("enters a folder with a barrel through the barrel only", async () => {
    const [result] = await eslint.lintText(
      'import { enqueueMail } from "@/lib/mail/enqueue-mail";\nexport { enqueueMail };\n',
      {
        filePath: path.join(ROOT, "lib/auth/new-mail.ts"),
      },
    );
    expect(result.messages.map((message) => message.ruleId)).toEqual(["no-restricted-imports"]);
  });
});
