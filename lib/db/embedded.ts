import { existsSync, mkdirSync, openSync, closeSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { dataDir } from "./data-dir";
import { EMBEDDED_APPLICATION_NAME } from "./database-url";
import { serializeProtocolSequences } from "./pglite-protocol-queue";

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) with its data in `.data/pglite`,
 * served over the Postgres protocol on loopback so that the web server, the CLI and the worker can
 * use it at the same time. Only one process may own a PGlite folder; the owner records its address
 * in `.data/pglite-server.json` and every other process connects to it.
 */

export type EmbeddedDatabase = { url: string; owned: boolean; stop: () => Promise<void> };

type ServerRecord = { pid: number; port: number };

export { dataDir };

const recordPath = () => join(dataDir(), "pglite-server.json");
const lockPath = () => join(dataDir(), "pglite.lock");
const urlFor = (port: number) =>
  `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable&application_name=${EMBEDDED_APPLICATION_NAME}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function runningServer(): Promise<ServerRecord | null> {
  if (!existsSync(recordPath())) return null;
  const record = JSON.parse(readFileSync(recordPath(), "utf8")) as ServerRecord;
  if (record.pid !== process.pid && isAlive(record.pid) && (await canConnect(record.port))) return record;
  return null;
}

/** Takes the folder's lock, clearing a lock left by a process that no longer runs. */
function takeLock(): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath(), "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch {
      const holder = Number(readFileSync(lockPath(), "utf8"));
      if (holder && isAlive(holder)) return false;
      unlinkSync(lockPath());
    }
  }
  return false;
}

/**
 * Connects to the embedded database, serving it from this process when no other process does.
 * `port` 0 picks a free port.
 */
export async function openEmbeddedDatabase({ port = 0 }: { port?: number } = {}): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir(), { recursive: true });
  for (let waited = 0; waited < 100; waited++) {
    const running = await runningServer();
    if (running) return { url: urlFor(running.port), owned: false, stop: async () => {} };
    if (takeLock()) break;
    await new Promise((r) => setTimeout(r, 100)); // another process is starting the server
  }
  const running = await runningServer();
  if (running) return { url: urlFor(running.port), owned: false, stop: async () => {} };

  const db = await PGlite.create(join(dataDir(), "pglite"));
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 32 });
  serializeProtocolSequences(server);
  await server.start();
  const address = server.getServerConn();
  const boundPort = Number(address.split(":").pop());
  writeFileSync(recordPath(), JSON.stringify({ pid: process.pid, port: boundPort } satisfies ServerRecord));
  let stopped = false;
  return {
    url: urlFor(boundPort),
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      for (const path of [recordPath(), lockPath()]) if (existsSync(path)) unlinkSync(path);
    },
  };
}

/** An in-memory PGlite served on a free loopback port: for tests. */
export async function openMemoryDatabase(): Promise<EmbeddedDatabase> {
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 64 });
  serializeProtocolSequences(server);
  await server.start();
  const boundPort = Number(server.getServerConn().split(":").pop());
  return {
    url: urlFor(boundPort),
    owned: true,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
