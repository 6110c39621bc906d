import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { benchLog } from "./measure";

const ROOT = path.resolve(import.meta.dirname, "..");

export type ProductionServer = { url: string; cpuMs: () => number | null; stop: () => Promise<void> };

/**
 * CPU time (user + system, ms) used so far by every process of the process group `group` (Linux /proc):
 * what the server itself spends per request, a figure other load on a shared machine does not inflate as it
 * inflates latency. Null where /proc is not there.
 */
function groupCpuMs(group: number): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux architecture Node runs on
  let ticks = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces): state ppid pgrp … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/**
 * The panel as `verity start` serves it (built first if its sources changed, production mode) on `port`,
 * against the database at `databaseUrl`, background jobs off (a benchmark measures requests, not the worker).
 * BENCH_SERVER_NODE_OPTIONS reaches the web server's Node only (e.g. `--import ./bench/cpu-profile-hook.mjs` for a profile).
 */
export async function startProductionServer({
  databaseUrl,
  port,
}: {
  databaseUrl: string;
  port: number;
}): Promise<ProductionServer> {
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
    if (Date.now() > deadline) {
      // Stopped, not left listening on the port for the next run (a server that never answered is still serving).
      await stopGroup(child, exited);
      throw new Error("the server did not answer /api/health within 15 minutes");
    }
  }
  return { url, cpuMs: () => groupCpuMs(child.pid!), stop: () => stopGroup(child, exited) };
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
