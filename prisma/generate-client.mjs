#!/usr/bin/env node
// Generates the Prisma client (lib/db/generated) at install time, offline.
// `prisma generate` never runs the native schema engine, but it insists that the file named by
// PRISMA_SCHEMA_ENGINE_BINARY exists and otherwise tries to download it. Migrations are applied by
// Verity itself (lib/db/migrations) and authored with Prisma's WebAssembly engine, so the native
// engine is never needed: point the variable at a placeholder.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const placeholder = join(root, "node_modules", ".cache", "verity", "schema-engine-placeholder");
if (!existsSync(placeholder)) {
  mkdirSync(dirname(placeholder), { recursive: true });
  writeFileSync(placeholder, "Verity never runs Prisma's native schema engine; see prisma/generate-client.mjs\n");
}
const result = spawnSync(
  process.execPath,
  [
    join(root, "node_modules", "prisma", "build", "index.js"),
    "generate",
    "--schema",
    join(root, "prisma", "schema.prisma"),
  ],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  },
);
process.exit(result.status ?? 1);
