import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// PGlite runs get a brand-new embedded database; PostgreSQL runs use the DATABASE_URL they were given.
const dataDir = process.env.VERITY_DATA_DIR ?? mkdtempSync(join(tmpdir(), "verity-e2e-"));
// Workers inherit it, so a journey's `verity` command (audit-archive, staff-support) opens the server's database.
process.env.VERITY_DATA_DIR = dataDir;

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: "../test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `node lib/cli/verity.mjs start --port ${port}`,
    cwd: "..",
    url: `http://localhost:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // Loopback webhook receivers (http://127.0.0.1:…) are refused unless allowed: e2e/webhooks.spec.ts runs one.
    env: {
      ...(process.env as Record<string, string>),
      VERITY_DATA_DIR: dataDir,
      VERITY_SIGN_IN_IP_LIMIT: "500",
      VERITY_SIGN_UP_IP_LIMIT: "500",
      VERITY_SIGN_UP_GLOBAL_LIMIT: "500",
      VERITY_LOCAL_OUTBOX: "1",
      VERITY_ALLOW_LOOPBACK_WEBHOOKS: "1",
    },
  },
});
