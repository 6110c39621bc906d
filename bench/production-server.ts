import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { benchLog } from "./measure";

const ROOT = path.resolve(import.meta.dirname, "..");

export type ProductionServer = { url: string; stop: () => Promise<void> };

/**
 * The panel as `verity start` serves it (built first if its sources changed, production mode) on `port`,
 * against the database at `databaseUrl`, background jobs off (a benchmark measures requests, not the worker).
 * BENCH_SERVER_NODE_OPTIONS reaches the web server's Node only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
export async function startProductionServer({ databaseUrl, port }: { databaseUrl: string; port: number }) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    VERITY_WORKER: "off",
    NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "",
  };
  benchLog(`starting the production server on port ${port} (verity start; builds first if the sources changed)`);
  const child = spawn(process.execPath, [path.join(ROOT, "lib/cli/verity.mjs"), "start", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true, // its own process group, so stopping it stops the web server it spawns as well
  });
  const exited = new Promise<number>((done) => child.on("exit", (code) => done(code ?? 0)));
  child.stdout!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) benchLog(`server: ${line}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const ready = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    const gone = await Promise.race([exited, new Promise<null>((done) => setTimeout(() => done(null), 500))]);
    if (gone !== null) throw new Error(`the server exited with code ${gone} before it answered`);
    if (Date.now() > deadline) throw new Error("the server did not answer /api/health within 15 minutes");
  }
  return { url, stop: () => stopGroup(child, exited) };
}

async function stopGroup(child: ChildProcess, exited: Promise<number>) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    return; // already gone
  }
  const stopped = await Promise.race([exited.then(() => true), new Promise((done) => setTimeout(done, 10_000, false))]);
  if (!stopped) process.kill(-child.pid!, "SIGKILL");
}
