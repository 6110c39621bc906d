import { parseArgs } from "node:util";
import { readFile } from "node:fs/promises";
import { migrationState } from "@/lib/db/migrations/apply-migrations";
import { createMigration } from "@/lib/db/migrations/create-migration";
import { archivePurge, archiveRestore, archiveRun, archiveVerify } from "./archive";
import { withDatabase } from "./database";
import { convertSealedAtStartUp } from "./convert-sealed-at-start-up";
import { checkInstanceKeysAtStartUp } from "./instance-key-check";
import { logGenerateKey, logKeys, logRotateKey, publishLogKeyAtStartUp } from "./log-keys";
import { keysRotate } from "./keys-rotate";
import { messagingKillSwitch } from "./messaging";
import { ensureMigrated, migrateDatabase } from "./migrate-database";
import { outbox } from "./outbox";
import { pciRedact, pciSweep } from "./pci-redact";
import { staffGrant, staffRevoke } from "./staff";
import { start } from "./start";
import { checkWitnessesAtStartUp } from "./witnesses-at-start-up";

export type Command = { name: string; run: (args: string[]) => Promise<number> };

const say = (line: string) => process.stdout.write(`${line}\n`);

const dbMigrate: Command = {
  name: "db migrate",
  run: () =>
    withDatabase(async () => {
      const applied = await migrateDatabase({ log: say });
      say(applied.length === 0 ? "The database is up to date." : `Applied ${applied.length} migration(s).`);
      return 0;
    }),
};

const dbStatus: Command = {
  name: "db status",
  run: () =>
    withDatabase(async (url) => {
      const state = await migrationState(url);
      for (const name of state.applied) say(`applied  ${name}`);
      for (const name of state.pending) say(`pending  ${name}`);
      for (const problem of state.problems) say(`problem  ${problem}`);
      return state.pending.length === 0 && state.problems.length === 0 ? 0 : 1;
    }),
};

const dbMigration: Command = {
  name: "db migration",
  run: async (args) => {
    const { values } = parseArgs({ args, options: { name: { type: "string" } } });
    if (!values.name) {
      process.stderr.write("verity db migration: --name <name> is required\n");
      return 2;
    }
    const folder = await createMigration({ name: values.name });
    say(folder ? `Wrote ${folder}/migration.sql` : "schema.prisma and the migrations agree: nothing to write.");
    return 0;
  },
};

const seed: Command = {
  name: "seed",
  run: async (args) => {
    const { values } = parseArgs({ args, options: { demo: { type: "boolean", default: false } } });
    if (!values.demo) {
      process.stderr.write('verity seed: only --demo is available (creates the demo organization "acme")\n');
      return 2;
    }
    return withDatabase(async () => {
      await ensureMigrated();
      const { seedDemo } = await import("@/lib/demo/seed-demo");
      say(JSON.stringify(await seedDemo(), null, 2));
      return 0;
    });
  },
};

const worker: Command = {
  name: "worker",
  run: () =>
    withDatabase(async () => {
      await ensureMigrated();
      await checkInstanceKeysAtStartUp({ authSecret: process.env.NEXTAUTH_SECRET });
      await convertSealedAtStartUp(say);
      await publishLogKeyAtStartUp();
      await checkWitnessesAtStartUp(say);
      const [{ getDb }, { runWorker, WORKER_JOBS }] = await Promise.all([
        import("@/lib/db/client"),
        import("@/lib/worker/worker"),
      ]);
      const stop = new AbortController();
      process.once("SIGINT", () => stop.abort());
      process.once("SIGTERM", () => stop.abort());
      say(`Verity worker running: ${WORKER_JOBS.map((job) => job.name).join(", ")}. Ctrl-C stops it.`);
      await runWorker({ db: getDb(), signal: stop.signal });
      say("Worker stopped.");
      return 0;
    }),
};

const billingClosePeriod: Command = {
  name: "billing close-period",
  run: () =>
    withDatabase(async () => {
      await ensureMigrated();
      const [{ getDb }, { closeDuePeriods }] = await Promise.all([
        import("@/lib/db/client"),
        import("@/lib/billing/invoices"),
      ]);
      const issued = await closeDuePeriods(getDb());
      say(
        issued.length === 0
          ? "No billing period has ended: nothing to invoice."
          : `Issued ${issued.length} invoice(s).`,
      );
      for (const invoice of issued)
        say(`  org ${invoice.orgId}: invoice ${invoice.number}, ${(invoice.totalCents / 100).toFixed(2)} USD`);
      return 0;
    }),
};

/**
 * Signs a checkpoint up to the organization's head before it is verified (checkpointNow), so the newest entries
 * are checked against a signed checkpoint too; one line on what happened. A failure is said, not fatal.
 */
async function checkpointFirst(orgId: string): Promise<string> {
  const [{ getDb }, { checkpointNow }] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/audit/integrate/checkpoint-now"),
  ]);
  try {
    const { checkpoint, outcome } = await checkpointNow(getDb(), orgId);
    if (outcome.status === "halted")
      return `checkpointing halted at seq ${outcome.halt.seq} (${outcome.halt.kind}): ${outcome.halt.reason}`;
    return checkpoint
      ? `checkpoint brought up to the head first: size ${checkpoint.size}`
      : "no checkpoint yet: the trail is empty";
  } catch (error) {
    const why = error instanceof Error ? error.message : "unknown error";
    return `could not sign a checkpoint first (${why}); verifying against the checkpoints already signed`;
  }
}

const auditVerify: Command = {
  name: "audit verify",
  run: async (args) => {
    const { values } = parseArgs({ args, options: { org: { type: "string" } } });
    if (!values.org) {
      process.stderr.write("verity audit verify: --org <slug> is required\n");
      return 2;
    }
    return withDatabase(async () => {
      const { getDb } = await import("@/lib/db/client");
      const { verifyWholeTrail } = await import("@/lib/lifecycle/archive/verify-whole-trail");
      const { describeCheckpointCheck } = await import("@/lib/audit/integrate/describe-checkpoint-check");
      const org = await getDb().organization.findUnique({ where: { slug: values.org }, select: { id: true } });
      if (!org) {
        process.stderr.write(`verity audit verify: no organization "${values.org}"\n`);
        return 2;
      }
      say(await checkpointFirst(org.id));
      const result = await verifyWholeTrail({ db: getDb(), orgId: org.id });
      const archive = result.archive;
      if (archive)
        say(
          `archive: ${archive.segments} segment(s) of entries 1..${result.archivedThrough}, ${archive.entries} entries ` +
            `checked${archive.purged ? `, ${archive.purged} segment(s) purged at the end of retention` : ""}` +
            (archive.problems.length ? `, ${archive.problems.length} missing or altered` : ""),
        );
      for (const problem of archive?.problems ?? [])
        say(
          `${problem.problem.toUpperCase()} ${problem.name} (entries ${problem.fromSeq}..${problem.toSeq}): ${problem.reason}`,
        );
      if (result.ok) {
        say(`intact: ${result.checked} entries checked, head seq ${result.headSeq}, head hash ${result.headHash}`);
        // Committed but not linked yet (a process stopped between a commit and its link): not a break.
        if (result.pending > 0)
          say(`pending: ${result.pending} committed entries not linked yet (the worker links them)`);
        if (archive)
          say(`the hot chain continues the archive: entry ${result.archivedThrough + 1n} links to its last hash`);
        say(describeCheckpointCheck(result.checkpoints));
        return 0;
      }
      const bad = result.firstBad!;
      if (bad.kind === "checkpoint") {
        say(`chain recomputes: ${result.checked} entries, head seq ${result.headSeq}, head hash ${result.headHash}`);
        say(`MISMATCH with a signed checkpoint: ${bad.detail}`);
        return 1;
      }
      say(`BROKEN at seq ${bad.seq} (${bad.kind}): ${bad.detail}; ${result.checked} entries verified before it`);
      say(describeCheckpointCheck(result.checkpoints));
      return 1;
    });
  },
};

const verifyExport: Command = {
  name: "verify-export",
  // Offline: reads the bundle file (and a saved checkpoint) only, never a database.
  run: async (args) => {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { "log-key": { type: "string", multiple: true }, since: { type: "string" } },
    });
    if (positionals.length !== 1) {
      process.stderr.write("verity verify-export: give one file, an audit bundle (.ndjson or .ndjson.gz)\n");
      return 2;
    }
    const { bundleFileLines } = await import("@/lib/audit/export/bundle-file-lines");
    const { verifyAuditBundle } = await import("@/lib/audit/export/verify-audit-bundle");
    const { parseVerifierKey } = await import("@/lib/audit/checkpoints/signed-note");
    const problem = (message: string) => (process.stderr.write(`verity verify-export: ${message}\n`), 2);
    const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
    let lines: AsyncIterable<string>;
    let since: string | undefined;
    let verifiers: ReturnType<typeof parseVerifierKey>[];
    try {
      verifiers = (values["log-key"] ?? []).map((vkey) => parseVerifierKey(vkey.trim()));
    } catch (error) {
      return problem(`--log-key is not a verifier key: ${reason(error)}`);
    }
    try {
      if (values.since !== undefined) since = await readFile(values.since, "utf8");
    } catch (error) {
      return problem(`cannot read ${values.since}: ${reason(error)}`);
    }
    try {
      lines = await bundleFileLines(positionals[0]);
    } catch (error) {
      return problem(`cannot read ${positionals[0]}: ${reason(error)}`);
    }
    const chainHashes: string[] = [];
    const result = await verifyAuditBundle(lines, { onEntry: (hash) => chainHashes.push(hash) });
    if (!result.ok) {
      say(`line ${result.line}: ${result.reason} (${result.verified} entries verified before it)`);
      return 1;
    }
    say(`intact: ${result.count} entries, seq ${result.fromSeq}..${result.toSeq}`);
    say(`organization ${result.orgId}, last hash ${result.lastHash}`);
    if (!result.checkpoint) {
      if (verifiers.length === 0 && since === undefined) {
        say("no signed checkpoint in the bundle: its chain is intact, but nothing vouches it is the log's");
        return 0;
      }
      say("CHECKPOINT MISSING: the bundle carries no signed checkpoint to check against the log key");
      return 1;
    }
    if (verifiers.length === 0) {
      if (!result.checkpoint.logKey) return problem("the bundle names no log key: give --log-key <vkey>");
      process.stderr.write(
        "verity verify-export: warning: no --log-key given, trusting the key in the file " +
          `(${result.checkpoint.logKey}); compare it with the panel's published key\n`,
      );
      try {
        verifiers = [parseVerifierKey(result.checkpoint.logKey)];
      } catch (error) {
        say(`CHECKPOINT MISMATCH: the bundle's log key is not a verifier key: ${reason(error)}`);
        return 1;
      }
    }
    const { verifyBundleCheckpoint } = await import("@/lib/audit/export/verify-bundle-checkpoint");
    const check = verifyBundleCheckpoint(result.checkpoint, { ...result, chainHashes }, verifiers, since);
    if (!check.ok) {
      say(`CHECKPOINT MISMATCH: ${check.reason}`);
      return 1;
    }
    say(`signed checkpoint verified: size ${check.size}, root ${check.rootHash}`);
    if (since !== undefined) say(`consistent with the saved checkpoint ${values.since}: the log only grew`);
    return 0;
  },
};

const monitor: Command = {
  name: "monitor",
  // Needs no database: the panel's API and the pure tree and signed-note code only.
  run: async (args) => {
    const { runMonitor } = await import("@/lib/monitor/run-monitor");
    const stop = new AbortController();
    process.once("SIGINT", () => stop.abort());
    process.once("SIGTERM", () => stop.abort());
    const write = (stream: NodeJS.WriteStream) => (line: string) => stream.write(`${line}\n`);
    return runMonitor(args, { out: write(process.stdout), err: write(process.stderr), signal: stop.signal });
  },
};

const ingest: Command = {
  name: "ingest",
  // Needs no database: the panel's API only.
  run: async (args) => {
    const { runIngest } = await import("./ingest");
    const write = (stream: NodeJS.WriteStream) => (line: string) => stream.write(`${line}\n`);
    return runIngest(args, { out: write(process.stdout), err: write(process.stderr) });
  },
};

const logRotateKeyCommand: Command = { name: "log rotate-key", run: logRotateKey };
const logKeysCommand: Command = { name: "log keys", run: logKeys };
const logGenerateKeyCommand: Command = { name: "log generate-key", run: logGenerateKey };

const startCommand: Command = { name: "start", run: start };
const archiveRunCommand: Command = { name: "archive run", run: archiveRun };
const archiveVerifyCommand: Command = { name: "archive verify", run: archiveVerify };
const archiveRestoreCommand: Command = { name: "archive restore", run: archiveRestore };
const archivePurgeCommand: Command = { name: "archive purge", run: archivePurge };
const outboxCommand: Command = { name: "outbox", run: outbox };
const staffGrantCommand: Command = { name: "staff grant", run: staffGrant };
const pciRedactCommand: Command = { name: "pci redact", run: pciRedact };
const pciSweepCommand: Command = { name: "pci sweep", run: pciSweep };
const staffRevokeCommand: Command = { name: "staff revoke", run: staffRevoke };
const keysRotateCommand: Command = { name: "keys rotate", run: keysRotate };
const messagingKillSwitchCommand: Command = { name: "messaging kill-switch", run: messagingKillSwitch };

export const commands: Record<string, Command> = Object.fromEntries(
  [
    startCommand,
    worker,
    billingClosePeriod,
    dbMigrate,
    dbStatus,
    dbMigration,
    seed,
    auditVerify,
    archiveRunCommand,
    archiveVerifyCommand,
    archiveRestoreCommand,
    archivePurgeCommand,
    verifyExport,
    monitor,
    ingest,
    outboxCommand,
    staffGrantCommand,
    pciRedactCommand,
    pciSweepCommand,
    staffRevokeCommand,
    logRotateKeyCommand,
    logKeysCommand,
    logGenerateKeyCommand,
    keysRotateCommand,
    messagingKillSwitchCommand,
  ].map((command) => [command.name, command]),
);
