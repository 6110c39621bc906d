import { parseArgs } from "node:util";
import { commands } from "./commands";

const HELP = `verity — the Verity control panel and its tools

Usage: verity <command> [options]

Commands:
  start [--port 3000] [--dev]      build if needed, migrate and serve the panel
                                    (embedded database in .data/ unless DATABASE_URL is set);
                                    runs the background worker too unless VERITY_WORKER=off
  worker                           run the background jobs alone (API key expiry, mail, webhooks, billing, SMS delivery)
  billing close-period             invoice every organization whose billing period has ended
  outbox [--to <email>] [--full]   mail waiting to be sent (without SMTP_URL): recipient, subject, link
         [--limit 20]              (--full prints whole bodies)
  verify-export <file> [--log-key <vkey>]... [--since <checkpoint>]
                                    check an exported audit bundle and its signed checkpoint offline
                                    (exit 1 names the bad line or failed check; 2 a usage or read error)
  monitor --url <panel> --api-key <key> --log-key <vkey> --state <file> [--witness-key <vkey>]...
          [--full] [--watch <seconds>]
                                    check the audit log from outside: the latest checkpoint's signature, its
                                    consistency with the one saved in <file>, every new entry's inclusion,
                                    each --witness-key's cosignature on it
                                    (exit 1 names what failed; no database needed)
  ingest <file.ndjson> [--url <panel>] [--api-key <key>] [--batch-size 1000]
                                    record your own events (one JSON object per line, as POST /api/v1/audit-events
                                    takes it) in batches of up to 1,000, in file order, with progress; each batch is
                                    all or none, and a batch sent again within 24 hours is not recorded twice
                                    (exit 1 names the refused line; 2 a usage error or a line that is not JSON)
  db migrate                       apply pending migrations
  db status                        list applied and pending migrations
  db migration --name <name>       write the next migration from prisma/schema.prisma
  seed --demo                      create the demo organization "acme"; prints its logins and API keys as JSON
  audit verify --org <slug>        verify an organization's audit hash chain (exit 1 if broken)
  archive run [--org <slug>] [--older-than <days>]
                                    move entries older than the hot window (or <days>) to the archive
  archive verify --org <slug>      check every archived segment against its checkpoint (exit 1 names a bad one)
  archive restore --org <slug> --from <seq> --to <seq> --out <file>
                                    write a verifiable bundle of archived entries (check it with verify-export)
  archive purge [--org <slug>]     delete archived segments past retention that no legal hold covers (recorded)
  staff grant <email>              make an account platform staff (support mode only, never an org by itself)
  staff revoke <email>             take it away (open support sessions stop at once); both go to the platform trail
  messaging kill-switch on|off [--reason <why>]
                                    the platform-wide SMS kill switch: on blocks every organization's messages
                                    (platform trail, and kill_switch.changed in each messaging organization's trail)
  log keys                         the audit log's published signing keys, each with its validity window
  log rotate-key                   a new signing key for the log (the old one stays published); prints its vkey
  log generate-key                 print a new PRIVATE+KEY signing key and its vkey, for VERITY_LOG_SIGNING_KEY
  keys rotate                      a new key-encryption key; every organization's data keys re-wrapped under it
  keys rotate --org <slug> --data-key
                                    re-encrypt that organization's secrets under a new data key (resumable)
  bench                            run the benchmarks in bench/ (needs DATABASE_URL to PostgreSQL)

Options:
  -h, --help                       show this help

Environment:
  DATABASE_URL        PostgreSQL connection string; unset = embedded PGlite in .data/
  DATABASE_OWNER_URL  the owner role's connection string, for migrations; DATABASE_URL's role then gets only
                      the application's grants (see "Two database roles" in the README)
  NEXTAUTH_SECRET     session signing secret; unset = generated into .data/auth-secret
  VERITY_TRUSTED_PROXIES  comma-separated addresses/CIDRs whose X-Forwarded-For is believed
  VERITY_URL, VERITY_API_KEY  the panel and API key \`verity ingest\` uses when --url and --api-key are not given
  VERITY_WORKER       "off": \`start\` leaves background jobs to a separate \`verity worker\`
  VERITY_TWILIO_API_URL  Twilio's REST API for organizations whose SMS sender is Twilio; unset = https://api.twilio.com
  VERITY_LOG_SIGNING_KEY  the audit log's signing key (PRIVATE+KEY+…); unset = generated into .data/log-signing-key
  VERITY_LOG_PREVIOUS_KEYS  vkeys of earlier VERITY_LOG_SIGNING_KEYs, which verification still trusts
  VERITY_LOG_ORIGIN   the log's name in checkpoints and its key, e.g. verity.example.com; unset = the panel's host
  VERITY_WITNESSES    witnesses that cosign checkpoints (C2SP tlog-witness): "<URL> <witness vkey>" entries,
                      separated by commas or newlines; unset = none
  VERITY_ARCHIVE_DIR  where archived segments go; unset = .data/archive (unless VERITY_ARCHIVE_S3_BUCKET is set)
  VERITY_ARCHIVE_S3_BUCKET, _ENDPOINT, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY, _FORCE_PATH_STYLE
                      archive to an S3-compatible bucket instead (see "Archive" in the README)
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP);
    return positionals.length === 0 && !values.help ? 1 : 0;
  }
  const name = positionals.slice(0, 2).join(" ");
  const command = commands[name] ?? commands[positionals[0]];
  if (!command) {
    process.stderr.write(`verity: unknown command "${positionals.join(" ")}"\n\n${HELP}`);
    return 2;
  }
  const rest = argv.slice(argv.indexOf(command.name.split(" ").at(-1)!) + 1);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`verity: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
