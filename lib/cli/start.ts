import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { dataDir, openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { persistentSecret } from "@/lib/crypto/persistent-secret";
import { convertSealedAtStartUp } from "./convert-sealed-at-start-up";
import { checkInstanceKeysAtStartUp } from "./instance-key-check";
import { publishLogKeyAtStartUp } from "./log-keys";
import { migrateDatabase } from "./migrate-database";
import { roleSeparationWarning } from "./role-separation-warning";
import { checkWitnessesAtStartUp } from "./witnesses-at-start-up";

const root = () => process.env.VERITY_ROOT ?? process.cwd();
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "proxy.ts",
  "instrumentation-client.ts",
  "package-lock.json",
  "postcss.config.mjs",
];

/** A fingerprint of everything the production build depends on, so `start` rebuilds only when needed. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort())
        if (name !== "generated" && !name.startsWith(".")) visit(join(path, name));
    } else if (!/\.test\.tsx?$/.test(path)) {
      hash.update(relative(root(), path)).update(readFileSync(path));
    }
  };
  for (const source of SOURCES) visit(join(root(), source));
  return hash.digest("hex");
}

function buildIfNeeded() {
  const marker = join(root(), ".next", "verity-source-fingerprint");
  const fingerprint = sourceFingerprint();
  if (
    existsSync(join(root(), ".next", "BUILD_ID")) &&
    existsSync(marker) &&
    readFileSync(marker, "utf8") === fingerprint
  )
    return;
  process.stdout.write("Building the panel (first start or changed sources)…\n");
  const nextBin = join(root(), "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root(),
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(marker, fingerprint);
}

export async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: process.env.PORT ?? "3000" },
      host: { type: "string" },
      dev: { type: "boolean", default: false },
    },
  });
  let embedded: EmbeddedDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = await openEmbeddedDatabase();
    if (!embedded.owned)
      throw new Error("Another Verity process already serves the embedded database in .data/. Stop it first.");
    process.env.DATABASE_URL = embedded.url;
    process.stdout.write(`Embedded database: ${join(dataDir(), "pglite")}\n`);
  }
  const applied = await migrateDatabase({ log: (line) => process.stdout.write(`${line}\n`) });
  if (applied.length) process.stdout.write(`Applied ${applied.length} migration(s).\n`);
  const authSecret = process.env.NEXTAUTH_SECRET ?? persistentSecret("auth-secret");
  // Before anything is sealed or signed: an instance whose keys differ from the others' refuses to start.
  await checkInstanceKeysAtStartUp({ authSecret });
  await convertSealedAtStartUp((line) => process.stdout.write(`${line}\n`));
  // The worker in this process and the web server must name the log alike (the origin defaults to this host).
  process.env.NEXTAUTH_URL ??= `http://localhost:${values.port}`;
  await publishLogKeyAtStartUp();
  await checkWitnessesAtStartUp((line) => process.stdout.write(`${line}\n`));
  const warning = roleSeparationWarning(
    { DATABASE_URL: process.env.DATABASE_URL, DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL },
    embedded !== null,
  );
  if (warning) process.stdout.write(`${warning}\n`);
  if (!values.dev) buildIfNeeded();

  const port = values.port!;
  const env = {
    ...process.env,
    PORT: port,
    HOST: values.host ?? process.env.HOST ?? "127.0.0.1",
    NEXTAUTH_SECRET: authSecret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: values.dev ? "development" : "production",
  } as NodeJS.ProcessEnv;
  const server = spawn(
    process.execPath,
    [join(root(), "lib", "server", "web-server.mjs"), ...(values.dev ? ["--dev"] : [])],
    {
      cwd: root(),
      stdio: "inherit",
      env,
    },
  );
  // Background jobs (key expiry, mail, webhooks) run in this process unless a separate `verity worker` does them.
  const stopWorker = new AbortController();
  const worker = process.env.VERITY_WORKER === "off" ? Promise.resolve() : startWorker(stopWorker.signal);
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await new Promise<number>((resolve) => server.on("exit", (exitCode) => resolve(exitCode ?? 0)));
  stopWorker.abort();
  await worker;
  const { getDb } = await import("@/lib/db/client");
  if ((globalThis as { verityDb?: unknown }).verityDb) await getDb().$disconnect();
  await embedded?.stop();
  return code;
}

async function startWorker(signal: AbortSignal): Promise<void> {
  const [{ getDb }, { runWorker }] = await Promise.all([import("@/lib/db/client"), import("@/lib/worker/worker")]);
  await runWorker({ db: getDb(), signal });
}
