/**
 * The Do Not Contact CSV import at the scale (issue 20: ≥ 50,000 rows/s within 256 MB): an organization whose
 * list already holds BENCH_DNC numbers (default 1,000,000), then BENCH_IMPORT_ROWS new numbers (default 1,000,000,
 * "+1 312 …", with a reason and a source) imported from a CSV file, BENCH_ROUNDS times (each round new numbers).
 * Each import runs in a child process of its own that does nothing else (bench/dnc-import-child.ts: the route's
 * service, importDncCsv, reading the file as a stream), so its peak RSS (the kernel's VmHWM) is the import's and not
 * this process's. The same-run baseline is that child reading the same file through csv-parse alone.
 *
 *   DATABASE_URL=postgresql://… npm run bench:dnc-import
 *
 * Prints one JSON object on stdout, progress on stderr.
 */
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { promisify } from "node:util";
import { connectDb } from "@/lib/db/client";
import { withBenchDatabase } from "./bench-database";
import { benchOwner } from "./bench-org";
import { benchLog, machine, round } from "./measure";

const DNC = Number(process.env.BENCH_DNC ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = { rowsPerSecond: 50_000, peakRssMb: 256 };

type ChildResult = {
  mode: string;
  rows: number;
  added?: number;
  rejected?: number;
  seconds: number;
  cpuSeconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
};

/** A CSV of `rows` new numbers, +1 312 2xx xxxx onwards from `first`. */
async function writeCsv(file: string, first: number, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write("phone,reason,source\n");
  for (let at = 0; at < rows; at += 10_000) {
    let text = "";
    for (let i = at; i < Math.min(rows, at + 10_000); i++) text += `+1312${2000000 + first + i},bench import,bench\n`;
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function child(mode: "import" | "parse", file: string, env: Record<string, string>): Promise<ChildResult> {
  const flags = process.env.BENCH_CHILD_FLAGS?.split(" ").filter(Boolean) ?? [];
  const args = [...flags, "--conditions=react-server", "--import", "tsx", "bench/dnc-import-child.ts", mode, file];
  const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
    env: { ...process.env, ...env },
    maxBuffer: 16 << 20,
  });
  if (stderr.trim()) benchLog(`${mode}: ${stderr.trim()}`);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as ChildResult;
}

const shown = (result: ChildResult) => ({
  rows: result.rows,
  ...(result.added === undefined ? {} : { added: result.added, rejected: result.rejected }),
  seconds: round(result.seconds, 2),
  rowsPerSecond: Math.round(result.rows / result.seconds),
  cpuSeconds: round(result.cpuSeconds, 2),
  rssBeforeMb: round(result.rssBeforeMb, 1),
  peakRssMb: round(result.peakRssMb, 1),
});

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "verity-dnc-import-"));
  try {
    return await withBenchDatabase(async (databaseUrl) => {
      const db = connectDb(databaseUrl);
      const { orgId, ctx } = await benchOwner(db, "Messaging");
      benchLog(`seeding ${DNC} DNC entries (generate_series)`);
      await db.$executeRaw`
        INSERT INTO messaging_dnc (org_id, phone_e164, reason, source, added_by)
        SELECT ${orgId}::uuid, '+1305' || (2000000 + i)::text, 'bench', 'bench', 'bench'
          FROM generate_series(0, ${DNC - 1}) AS i`;
      await db.$executeRawUnsafe("VACUUM (ANALYZE) messaging_dnc");
      await db.$disconnect();
      const env = { DATABASE_URL: databaseUrl, BENCH_CTX: JSON.stringify(ctx) };
      const imports: ReturnType<typeof shown>[] = [];
      const parses: ReturnType<typeof shown>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const file = join(dir, `round-${round}.csv`);
        await writeCsv(file, round * IMPORT_ROWS, IMPORT_ROWS);
        parses.push(shown(await child("parse", file, {})));
        imports.push(shown(await child("import", file, env)));
        benchLog(
          `round ${round + 1}: import ${JSON.stringify(imports.at(-1))}, csv-parse alone ${JSON.stringify(parses.at(-1))}`,
        );
        await rm(file);
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const rowsPerSecond = median(imports.map((result) => result.rowsPerSecond));
      const peakRssMb = Math.max(...imports.map((result) => result.peakRssMb));
      return {
        machine: machine(),
        dncEntriesBefore: DNC,
        importRows: IMPORT_ROWS,
        rounds: { import: imports, csvParseAlone: parses },
        import: {
          rowsPerSecondMedian: rowsPerSecond,
          rowsPerSecondRange: [
            Math.min(...imports.map((result) => result.rowsPerSecond)),
            Math.max(...imports.map((result) => result.rowsPerSecond)),
          ],
          peakRssMbMax: peakRssMb,
          ratioToCsvParseAlone: round(rowsPerSecond / median(parses.map((result) => result.rowsPerSecond)), 3),
        },
        target: {
          ...TARGET,
          rowsPerSecondMet: rowsPerSecond >= TARGET.rowsPerSecond,
          peakRssMet: peakRssMb <= TARGET.peakRssMb,
        },
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(JSON.stringify(await main(), null, 2));
