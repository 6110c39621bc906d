import { parseArgs } from "node:util";
import { withDatabase } from "./database";
import { ensureMigrated } from "./migrate-database";
import { operator } from "./staff";

const say = (line: string) => process.stdout.write(`${line}\n`);
const USAGE = "verity messaging kill-switch on|off [--reason <why>]\n";

/**
 * `verity messaging kill-switch on|off [--reason …]`: the platform-wide messaging kill switch, an operator's command
 * like `verity staff grant` (whoever runs it has the database). Recorded in the platform trail and in the trail of
 * every organization that uses messaging (lib/messaging/platform/set-platform-kill-switch.ts).
 */
export async function messagingKillSwitch(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { reason: { type: "string" } } });
  } catch (error) {
    process.stderr.write(`verity messaging kill-switch: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const [state, ...extra] = parsed.positionals;
  const reason = parsed.values.reason?.trim() || null;
  if ((state !== "on" && state !== "off") || extra.length > 0 || (reason?.length ?? 0) > 500) {
    process.stderr.write(`${USAGE}  (--reason: at most 500 characters)\n`);
    return 2;
  }
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { setPlatformKillSwitch }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/messaging/platform/set-platform-kill-switch"),
    ]);
    const on = state === "on";
    const { changed, organizations } = await setPlatformKillSwitch({ db: getDb(), on, reason, operator: operator() });
    if (!changed) say(`The platform messaging kill switch was already ${state}: nothing changed.`);
    else
      say(
        on
          ? `The platform messaging kill switch is ON: every organization's messages are blocked (${organizations} ` +
              "organization(s) told in their trail)."
          : `The platform messaging kill switch is off (${organizations} organization(s) told in their trail).`,
      );
    return 0;
  });
}
