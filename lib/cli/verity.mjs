#!/usr/bin/env node
// The `verity` command. It runs lib/cli/main.ts with tsx, under the "react-server" export
// condition so that the domain modules (which import "server-only") load outside Next as well.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx");
const child = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", tsx, join(here, "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, VERITY_ROOT: process.env.VERITY_ROOT ?? join(here, "..", "..") } },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
