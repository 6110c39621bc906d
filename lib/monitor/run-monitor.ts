/**
 * `verity monitor`: checks the panel's audit log from outside, once or every --watch seconds. Exit 0 and one
 * line when everything holds; exit 1 and a line naming what failed; exit 2 for a usage error. The state file
 * only moves forward to a checkpoint that passed every check, so a failure keeps failing until looked at.
 */
import { parseArgs } from "node:util";
import { parseCosignerVerifierKey } from "../audit/checkpoints/cosignature";
import { parseVerifierKey, type NoteVerifier } from "../audit/checkpoints/signed-note";
import { checkLog } from "./check-log";
import { logClient, PanelError, type Fetch } from "./log-client";
import { MonitorFailure } from "./monitor-failure";
import { readMonitorState, writeMonitorState } from "./monitor-state";

export const MONITOR_USAGE =
  "verity monitor --url <panel> --api-key <key> --log-key <vkey> [--log-key <older vkey>…] --state <file> " +
  "[--witness-key <vkey>…] [--full] [--watch <seconds>] [--stale-after <seconds>]";

type Output = { out: (line: string) => void; err: (line: string) => void };
type Io = Output & { fetch?: Fetch; sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; signal?: AbortSignal };

function parseOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      "api-key": { type: "string" },
      "log-key": { type: "string", multiple: true },
      "witness-key": { type: "string", multiple: true, default: [] },
      state: { type: "string" },
      full: { type: "boolean", default: false },
      watch: { type: "string" },
      "stale-after": { type: "string", default: "300" },
    },
  });
  const seconds = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const watch = seconds(values.watch);
  const staleAfter = seconds(values["stale-after"]);
  if (!values.url || !values["api-key"] || !values["log-key"]?.length || !values.state) return null;
  if ((watch !== undefined && !(watch >= 1)) || !(staleAfter! >= 0)) return null;
  return { ...values, watch, staleAfter: staleAfter!, logKeys: values["log-key"], witnessKeys: values["witness-key"] };
}

/** One check: its exit code, with its line written. */
type Keys = { verifiers: NoteVerifier[]; witnesses: NoteVerifier[] };

async function monitorOnce(options: NonNullable<ReturnType<typeof parseOptions>>, keys: Keys, io: Io) {
  try {
    const state = await readMonitorState(options.state!);
    const client = logClient({
      url: options.url!,
      apiKey: options["api-key"]!,
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
    const result = await checkLog({
      client,
      ...keys,
      ...(io.sleep ? { sleep: (ms: number) => io.sleep!(ms, io.signal) } : {}),
      state,
      full: options.full,
      staleAfterSeconds: options.staleAfter,
    });
    await writeMonitorState(options.state!, result.state);
    for (const warning of result.warnings) io.err(`WARNING: ${warning}`);
    io.out(result.line);
    return 0;
  } catch (error) {
    if (error instanceof MonitorFailure) io.out(`FAILED (${error.kind}): ${error.message}`);
    else if (error instanceof PanelError) io.out(`FAILED (could not check): ${error.message}`);
    else io.out(`FAILED (could not check): ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), done()), { once: true });
  });

export async function runMonitor(args: string[], io: Io): Promise<number> {
  let options;
  try {
    options = parseOptions(args);
  } catch (error) {
    io.err(`verity monitor: ${(error as Error).message}`);
    options = null;
  }
  if (!options) {
    io.err(`usage: ${MONITOR_USAGE}`);
    return 2;
  }
  let verifiers: NoteVerifier[];
  try {
    verifiers = options.logKeys.map((vkey) => parseVerifierKey(vkey));
  } catch (error) {
    io.err(`verity monitor: --log-key is not a verifier key (<name>+<key id>+<base64>): ${(error as Error).message}`);
    return 2;
  }
  let witnesses: NoteVerifier[];
  try {
    witnesses = options.witnessKeys.map((vkey) => parseCosignerVerifierKey(vkey));
  } catch (error) {
    io.err(`verity monitor: --witness-key is not a witness's cosigner key: ${(error as Error).message}`);
    return 2;
  }
  const keys = { verifiers, witnesses };
  let code = await monitorOnce(options, keys, io);
  while (options.watch !== undefined && !io.signal?.aborted) {
    await (io.sleep ?? defaultSleep)(options.watch * 1000, io.signal);
    if (io.signal?.aborted) break;
    code = Math.max(code, await monitorOnce(options, keys, io));
  }
  return code;
}
