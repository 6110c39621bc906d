import { hostname, userInfo } from "node:os";
import { withDatabase } from "./database";
import { ensureMigrated } from "./migrate-database";

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The operator as the platform trail names them: the shell account and machine that ran the command. */
export function operator(): string {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {
    // a container without a passwd entry still records the machine
  }
  return `${name}@${hostname()} (verity CLI)`;
}

/** `verity staff grant|revoke <email>`: platform staff, recorded in the platform trail. */
function staffCommand(verb: "grant" | "revoke") {
  return async (args: string[]): Promise<number> => {
    const [email, ...rest] = args;
    if (!email || rest.length > 0) {
      process.stderr.write(`verity staff ${verb}: one account's email address is required\n`);
      return 2;
    }
    return withDatabase(async () => {
      await ensureMigrated();
      const [{ getDb }, { grantStaff, revokeStaff }] = await Promise.all([
        import("@/lib/db/client"),
        import("@/lib/staff/grant-staff"),
      ]);
      const change = verb === "grant" ? grantStaff : revokeStaff;
      try {
        const { changed } = await change({ db: getDb(), email, operator: operator() });
        if (verb === "grant")
          say(
            changed ? `${email} is now platform staff (no organization opens by it).` : `${email} was already staff.`,
          );
        else say(changed ? `${email} is no longer platform staff.` : `${email} was not staff.`);
        return 0;
      } catch (error) {
        process.stderr.write(`verity staff ${verb}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
    });
  };
}

export const staffGrant = staffCommand("grant");
export const staffRevoke = staffCommand("revoke");
